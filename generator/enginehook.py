"""MkDocs hook (the engine adds it to mkdocs.yml's hooks): ready HTML skips Python-Markdown.

Every page of the build tree is front matter followed by one HTML element the generator
rendered and escaped (``<article ...>...</article>`` or ``<div ...>...</div>``). Python-
Markdown passes such a block through unchanged (checked byte for byte over a built
archive), yet parsing it with its HTML parser was the largest single cost of a build. This
hook hands MkDocs an empty Markdown text for those pages and puts the HTML in place just
before the page's template is rendered, and takes it out again once the page is written,
so MkDocs never holds every page's HTML at once (it keeps each page's content from reading
all pages until it has written the last one). It changes no output: an engine that ignores
hooks (Zensical), or `mkdocs build` without this file, renders the same Markdown to the same
HTML, only slower. Pages in any other shape go through Markdown as usual. No state is
kept: the body is read again from the page's file.

For a full build of a large tree the engine runs MkDocs in two processes; ``on_files``
gives each its share of the briefing pages (the second also keeps the navigation's pages,
which every page links to, and renders nothing else worth keeping).
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from typing import Any

_READY_HTML = re.compile(r"\A<(article|div)[\s>].*</\1>\s*\Z", re.DOTALL)
SHARD_VARIABLE = "BRIEFINGS_SHARD"  # set by engine._mkdocs_build: "", "0" or "1"
HELPER_SHARE = 65  # percent of the briefing pages the second process renders


def is_ready_html(markdown: str) -> bool:
    """True for a body that is one raw HTML element, which Markdown would leave as it is."""
    return _READY_HTML.match(markdown) is not None


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return "" if is_ready_html(markdown) else markdown


def on_page_context(context: Any, page: Any, **_: Any) -> Any:
    if page.markdown == "":
        from mkdocs.utils.meta import get_data  # the engine's own front-matter split

        body, _meta = get_data(page.file.content_string)
        if is_ready_html(body):
            page.content = body.strip()
    return context


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if page.markdown == "":
        page.content = ""  # written: let the memory go
    return output


def on_files(files: Any, config: Any, **_: Any) -> Any:
    shard = os.environ.get(SHARD_VARIABLE, "")
    if not shard:
        return files
    in_nav = set(_nav_sources(config["nav"] or []))
    for file in list(files):
        mine = _helper_renders(file) if file.is_documentation_page() else False
        keep = mine or file.src_uri in in_nav if shard == "1" else not mine
        if not keep:
            files.remove(file)
    return files


def _helper_renders(file: Any) -> bool:
    """Whether the second process renders this page: a stable share of the briefings."""
    uri: str = file.src_uri
    return uri.startswith("briefings/") and zlib.crc32(uri.encode()) % 100 < HELPER_SHARE


def _nav_sources(items: Any) -> Iterator[str]:
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            for value in item.values():
                yield from _nav_sources(value)
        elif isinstance(item, str):
            yield item
