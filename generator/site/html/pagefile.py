"""A page as the engine reads it: a Markdown file with front matter (title, description,
feed, the head's share cards) and the page's ready HTML as its body."""

from __future__ import annotations

import yaml

from generator.site.html.markup import esc
from generator.site.html.sharecards import head_html
from generator.site.outputs import Page, Site

__all__ = ["render_markdown"]


def render_markdown(page: Page, site: Site) -> str:
    """A page as Markdown: front matter for the engine, then the ready HTML.

    ``head`` is ready HTML for the page's head (share cards, structured data), escaped.
    """
    meta: dict[str, object] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    if page.feed:
        meta["feed"] = page.feed
    if page.feed_title:
        meta["feed_title"] = page.feed_title
    if page.lang:
        meta["lang"] = page.lang
    meta["head"] = head_html(page, site) + "".join(
        # rel " alternate", not "alternate": the same token, but Material's bundle takes
        # every link[rel=alternate] (an exact match) for a language version of the site and
        # fetches a sitemap.xml beside it on every page load (a 404, and weight).
        f'\n<link rel=" alternate" hreflang="{esc(lang)}" href="{esc(site.absolute(route))}">'
        for lang, route in page.alternates) + "".join(
        f'\n<link rel="preload" href="{esc(href)}" as="script">' for href in page.preload)
    meta["hide"] = ["navigation", "toc"]
    # libyaml's emitter: the pure-Python one took half the time of planning the site.
    front = yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                      width=1000)
    return f"---\n{front}---\n\n{page.html}\n"
