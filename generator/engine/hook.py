"""MkDocs hook (the engine adds it to mkdocs.yml's hooks): speed, never a different page.

Ready HTML skips Python-Markdown. Every page of the build tree is front matter followed by
one HTML element the generator rendered and escaped (``<article ...>...</article>`` or
``<div ...>...</div>``). Python-Markdown passes such a block through unchanged, yet parsing
it with its HTML parser was the largest single cost of a build. This hook hands MkDocs an
empty Markdown text for those pages, puts the HTML in place just before the page's
template is rendered, and takes it out again once the page is written, so MkDocs never
holds every page's HTML at once (it keeps each page's content from reading all pages until
it has written the last one); the body is read again from the page's file.

Each page is checked against the Content-Security-Policy as it is written (csp.check_page
on the text MkDocs writes), so the engine's check need not read it back (csp.check_site).

The theme's page template renders once per page shape. Material's ``base.html`` costs about
2 ms a page (header, tabs, navigation, palette, translations), and thousands of briefing,
actor and region pages differ in it only by their title, description, canonical URL,
head (share cards, the generator's ready HTML) and content. For pages outside the
navigation, the template is rendered once per shape (the page's folder, its front matter
other than those fields, the URLs it links to) with marker values in those five places;
every other page of that shape is that text with its own values put in, escaped exactly as
the template escapes them. It is not trusted blindly:

- a shape whose rendering shows a marker in any other form (unescaped, cut, filtered)
  is never reused: its pages render through the template as usual;
- the first pages of each shape render both ways, and a difference drops the shape.

Tested: a site built with this hook equals, byte for byte, the same tree rendered without
it (tests/engine/test_hook.py). An engine that ignores hooks (Zensical), or ``mkdocs build``
without this file, renders the same Markdown to the same HTML, only slower.

For a full build of a large tree the engine runs MkDocs in two processes (the policy is
generator/workers.py, RENDERING); ``on_files`` gives each its share of the briefing pages
(the second also keeps the navigation's pages, which every page links to, and renders
nothing else worth keeping). engine/render.py says which share this build renders by
setting :data:`SHARE` on the module MkDocs loaded for that build.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import posixpath
import re
from collections.abc import Iterator
from typing import Any, Literal

from markupsafe import escape

from generator import workers
from generator.engine import csp

_READY_HTML = re.compile(r"\A<(article|div)[\s>].*</\1>\s*\Z", re.DOTALL)
# MkDocs' own front-matter pattern (mkdocs.utils.meta), to find the body without
# parsing the YAML a second time.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# Which pages this build renders: all, all but the helper's share, or the helper's share
# (with the navigation's pages). Set before each build by engine/render.py.
Share = Literal["all", "build", "helper"]
SHARE: Share = "all"
SKELETONS_VARIABLE = "BRIEFINGS_SKELETONS"  # "0" renders every page through the template
PRERENDERED = "briefings-prerendered.html"  # a template that only prints the finished page
LOGGER = "briefings.enginehook"
VERIFIED = 2  # pages of each shape rendered both ways before the shape is trusted

# Marker values: private-use characters around a name, with '&' and '<' so that the
# escaped form differs from every other form the template could give them.
_MARK = {"title": "\ue000title&<\ue001", "description": "\ue000description&<\ue001",
         "canonical": "\ue000canonical&<\ue001", "content": "\ue000content\ue001",
         "head": "\ue000head\ue001"}
_RAW = ("content", "head")  # ready HTML the generator made: goes in as it is
_ESCAPED = {str(escape(mark)): name for name, mark in _MARK.items() if name not in _RAW}
_ESCAPED.update((_MARK[name], name) for name in _RAW)
_SLOTS = re.compile("(" + "|".join(re.escape(form) for form in _ESCAPED) + ")")
_VARIABLE_META = frozenset({"title", "description", "feed", "template", "head"})


def is_ready_html(markdown: str) -> bool:
    """True for a body that is one raw HTML element, which Markdown would leave as it is."""
    return _READY_HTML.match(markdown) is not None


class _Build:
    """What one MkDocs build knows across events (a new one per build)."""

    def __init__(self) -> None:
        self.in_nav: set[str] = set()
        self.nav_urls: tuple[str, ...] = ()
        self.templates: dict[str, str] = {}  # page source -> the template it would use
        self.shapes: dict[tuple[Any, ...], _Shape] = {}
        self.env: Any = None
        self.filled = self.rendered = 0
        self.checked: dict[str, list[str]] = {}  # policy findings, by the page's output path


_BUILD = _Build()


def on_nav(nav: Any, **_: Any) -> Any:
    global _BUILD
    _BUILD = _Build()
    _BUILD.in_nav = {page.file.src_uri for page in nav.pages}
    _BUILD.nav_urls = tuple(page.url for page in nav.pages)
    return nav


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if not is_ready_html(markdown):
        return markdown
    # What Page.render gives an empty text, without building a Markdown converter with
    # every extension for it (a third of what was left of a page's cost).
    page.render = functools.partial(_render_empty, page)
    if os.environ.get(SKELETONS_VARIABLE) != "0" and page.file.src_uri not in _BUILD.in_nav:
        _BUILD.templates[page.file.src_uri] = page.meta.get("template", "main.html")
        page.meta["template"] = PRERENDERED
    return ""


def _render_empty(page: Any, config: Any, files: Any) -> None:
    from mkdocs.structure.toc import get_toc

    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def on_env(env: Any, **_: Any) -> Any:
    from jinja2 import ChoiceLoader, DictLoader, FileSystemBytecodeCache

    env.loader = ChoiceLoader([DictLoader({PRERENDERED: "{{ prerendered }}"}), env.loader])
    # The theme's templates compiled once, not in every process of every build (0.2 s
    # each): Jinja's own cache in a private folder of the user's, checked against each
    # template's source.
    with contextlib.suppress(OSError, RuntimeError):  # no usable folder: compiled each time
        env.bytecode_cache = FileSystemBytecodeCache()
    _BUILD.env = env
    return env


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    if page.markdown == "":
        source = page.file.content_string
        match = _FRONT_MATTER.match(source)
        body = source[match.end() if match else 0:].strip()
        if is_ready_html(body):
            page.content = body
    template = _BUILD.templates.pop(page.file.src_uri, None)
    if template is not None:
        context["prerendered"] = _render(template, context, page)
    return context


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    if page.markdown == "":
        page.content = ""  # written: let the memory go
    policy = config.extra.get("content_security_policy")
    if policy is not None:  # the engine's (engine/render.py): checked here, not read back
        _BUILD.checked[os.path.normpath(page.file.abs_dest_path)] = csp.check_page(
            output.encode("utf-8", errors="xmlcharrefreplace"), policy)  # as MkDocs writes it
    return output


def checked_pages() -> dict[str, list[str]]:
    """What csp.check_page found in each page this build wrote, by its output path."""
    return _BUILD.checked


def _render(name: str, context: Any, page: Any) -> str:
    """The page as the template ``name`` renders it, from its shape's text when possible."""
    from mkdocs.utils import normalize_url

    template = _BUILD.env.get_template(name)
    meta = page.meta
    feed = meta.get("feed")
    key = (name, posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/"),
           "<h1" in page.content, bool(meta.get("title")), bool(meta.get("description")),
           bool(meta.get("head")),
           page.canonical_url is not None, feed == "feed.xml",
           normalize_url(str(feed), page) if feed else None,
           tuple(normalize_url(url, page) for url in _BUILD.nav_urls),
           repr(sorted((k, v) for k, v in meta.items() if k not in _VARIABLE_META)),
           page.is_homepage, page.edit_url, bool(page.toc), page.previous_page, page.next_page)
    shape = _BUILD.shapes.get(key)
    if shape is None:
        shape = _BUILD.shapes[key] = _Shape.of(template, context, page)
    if shape.parts is None:
        _BUILD.rendered += 1
        return str(template.render(context))
    output = shape.fill(page)
    if shape.verified < VERIFIED:
        _BUILD.rendered += 1
        rendered = str(template.render(context))
        if rendered != output:
            shape.parts = None
            return rendered
        shape.verified += 1
        return output
    _BUILD.filled += 1
    return output


class _Shape:
    """A page template's output with slots for the values that differ between pages."""

    def __init__(self, parts: list[str] | None) -> None:
        self.parts = parts  # literal text and slot names, alternating; None: never reuse
        self.verified = 0

    @classmethod
    def of(cls, template: Any, context: Any, page: Any) -> _Shape:
        saved = page.meta, page.content, page.canonical_url
        meta = dict(page.meta)
        for name in ("title", "description", "head"):
            if meta.get(name):
                meta[name] = _MARK[name]
        page.meta = meta
        page.content = _MARK["content"] + ("<h1" if "<h1" in saved[1] else "")
        if page.canonical_url is not None:
            page.canonical_url = _MARK["canonical"]
        try:
            text = str(template.render(context))
        finally:
            page.meta, page.content, page.canonical_url = saved
        if "<h1" in saved[1]:
            text = text.replace(_MARK["content"] + "<h1", _MARK["content"])
        parts = _SLOTS.split(text)
        if any("\ue000" in literal or "\ue001" in literal for literal in parts[::2]):
            return cls(None)  # a marker the template changed: this shape is never reused
        return cls([_ESCAPED[part] if i % 2 else part for i, part in enumerate(parts)])

    def fill(self, page: Any) -> str:
        assert self.parts is not None
        values = {"title": str(escape(page.meta.get("title", ""))),
                  "description": str(escape(page.meta.get("description", ""))),
                  "canonical": str(escape(page.canonical_url or "")), "content": page.content,
                  "head": str(page.meta.get("head", ""))}
        parts = self.parts
        return "".join(values[part] if i % 2 else part for i, part in enumerate(parts))


def on_post_build(**_: Any) -> None:
    logging.getLogger(LOGGER).debug(
        "%d pages filled from the shape of another page, %d through the template",
        _BUILD.filled, _BUILD.rendered)


def on_files(files: Any, config: Any, **_: Any) -> Any:
    if SHARE == "all":
        return files
    in_nav = set(nav_sources(config["nav"] or []))
    for file in list(files):
        mine = _helper_renders(file) if file.is_documentation_page() else False
        keep = mine or file.src_uri in in_nav if SHARE == "helper" else not mine
        if not keep:
            files.remove(file)
    return files


def _helper_renders(file: Any) -> bool:
    """Whether the second process renders this page: a stable share of the briefings."""
    uri: str = file.src_uri
    return uri.startswith("briefings/") and workers.RENDERING.helper_takes(uri)


def nav_sources(items: Any) -> Iterator[str]:
    """The page sources a ``nav`` setting names."""
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            for value in item.values():
                yield from nav_sources(value)
        elif isinstance(item, str):
            yield item
