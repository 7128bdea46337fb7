"""A page as the engine reads it: a Markdown file with front matter (title, description,
feed, the head's share cards) and the page's ready HTML as its body."""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from generator.site.html.markup import esc
from generator.site.html.sharecards import head_html
from generator.site.outputs import Page, Site

__all__ = ["front_matter", "render_markdown"]


def render_markdown(page: Page, site: Site) -> str:
    """A page as Markdown: front matter for the engine, then the ready HTML.

    ``head`` is ready HTML for the page's head (share cards, structured data), escaped.
    """
    meta: dict[str, str | list[str]] = {"title": page.title}
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
    return f"---\n{front_matter(meta)}---\n\n{page.html}\n"


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq"))
_RESOLVER = yaml.resolver.Resolver()  # CSafeDumper's: what a plain scalar would read as


def front_matter(meta: Mapping[str, str | list[str]]) -> str:
    """``yaml.dump(meta, sort_keys=False)`` with libyaml's emitter (the pure-Python one
    took half the time of planning the site), for text and lists of text: the events its
    serializer makes, made here without building the node graph first (a third less time
    for a page)."""
    events: list[yaml.Event] = [
        yaml.StreamStartEvent(), yaml.DocumentStartEvent(),
        yaml.MappingStartEvent(None, _MAP, True, flow_style=False)]
    for key, value in meta.items():
        events.append(_scalar(key))
        if isinstance(value, list):
            events += [yaml.SequenceStartEvent(None, _SEQ, True, flow_style=False),
                       *map(_scalar, value), yaml.SequenceEndEvent()]
        else:
            events.append(_scalar(value))
    events += [yaml.MappingEndEvent(), yaml.DocumentEndEvent(), yaml.StreamEndEvent()]
    return str(yaml.emit(events, Dumper=yaml.CSafeDumper, allow_unicode=True, width=1000))


def _scalar(text: str) -> yaml.ScalarEvent:
    """Text as the serializer emits it: plain where it would read back as text."""
    plain = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR  # type: ignore[no-untyped-call]
    return yaml.ScalarEvent(None, _STR, (plain, True), text)
