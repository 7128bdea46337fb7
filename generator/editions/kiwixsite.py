"""The Kiwix edition's site made from the offline edition's, rendered once for both.

The two editions render the same build tree but for one page (the home page's line on
searching) through the same theme with ``.html`` links; the Kiwix pages differ from the
offline ones in three places only, all in the page's head and header, which the theme
writes for ``config.extra.kiwix``: the Content-Security-Policy (Kiwix's allows
kiwix-serve's toolbar handler, not the offline search frame), no ``<link rel="alternate
feed">`` lines, and no search box. :func:`derive` makes those three changes to each
page of a rendered offline site (and the home page's line) and links every other file,
so ``build --downloads`` renders the archive once for both editions instead of twice.

Same bytes as a Kiwix render: a test renders the fixture archive both ways and compares
every file; a page in which a change does not find what it looks for stops the build
(:class:`KiwixDerivationError`), so a theme change cannot go unnoticed into the ZIM.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape

from generator.engine import csp
from generator.site.edition import Edition
from generator.site.html.overview import search_hint

__all__ = ["KiwixDerivationError", "derive"]

HOME = "index.html"
_HEADER_END = b"</header>"  # every change is in the head or the header, before this
_POLICY = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")[^"]*(">)')
# What the theme writes only outside the Kiwix edition (theme/main.html and
# theme/partials/header.html, each inside ``{% if ... not config.extra.kiwix %}``), with the
# whitespace its template lines leave once the engine has cut their indentation
# (engine/compact.py): the line break that opens the block's first line and the one that
# closes its last. The search box ends as theme/partials/search.html does, five closing
# ``</div>`` after its result list.
_FEED_LINK = re.compile(rb'\n<link rel="alternate feed" [^\n]*>\n')
_SEARCH_BOX = re.compile(rb'\n<label class="md-header__button md-icon" for="__search">.*?'
                         rb'<div class="md-search" .*?role="presentation"></ol>\n'
                         rb'(?:</div>\n){5}', re.S)


class KiwixDerivationError(RuntimeError):
    """A page of the offline site is not as the theme writes it for the derivation."""


def derive(offline: Path, target: Path) -> Path:
    """Make the Kiwix edition's site in ``target`` from the offline site in ``offline``:
    HTML pages rewritten (see the module's text), every other file hard-linked (copied
    where a link cannot be made). Returns ``target``."""
    policy = escape(csp.engine_policy((), (), Edition.KIWIX)).encode("utf-8")
    hints = (search_hint(Edition.OFFLINE).encode("utf-8"),
             search_hint(Edition.KIWIX).encode("utf-8"))
    for folder, _, files in os.walk(offline):
        source_folder = Path(folder)
        into = target / source_folder.relative_to(offline)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            source, copy = source_folder / name, into / name
            if name.endswith(".html"):
                page = _kiwix_page(source.read_bytes(), policy, str(source))
                if source == offline / HOME:
                    page = _replace_once(page, *hints, str(source))
                copy.write_bytes(page)
            else:
                _link(source, copy)
    return target


def _kiwix_page(page: bytes, policy: bytes, name: str) -> bytes:
    end = page.find(_HEADER_END)
    if end < 0:  # a page without the site's header (a redirect page): nothing to change
        return page
    head, rest = page[:end], page[end:]
    head, found = _POLICY.subn(lambda m: m.group(1) + policy + m.group(2), head, count=1)
    if not found:
        raise KiwixDerivationError(f"{name}: no Content-Security-Policy before </header>")
    head = _FEED_LINK.sub(b"", head)
    head, found = _SEARCH_BOX.subn(b"", head, count=1)
    if not found:
        raise KiwixDerivationError(f"{name}: no search box in the header to leave out")
    return head + rest


def _replace_once(page: bytes, old: bytes, new: bytes, name: str) -> bytes:
    if page.count(old) != 1:
        raise KiwixDerivationError(f"{name}: the line on searching is not there once")
    return page.replace(old, new)


def _link(source: Path, copy: Path, link: Callable[[Path, Path], None] = os.link) -> None:
    try:
        link(source, copy)
    except OSError:
        copy.write_bytes(source.read_bytes())
