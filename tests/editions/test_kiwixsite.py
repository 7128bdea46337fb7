"""The Kiwix edition's site made from the offline edition's (editions/kiwixsite.py).

That the whole result is byte for byte a Kiwix render is tested where both are built
anyway (test_downloads.py compares the ZIMs); here, what it refuses and what it keeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.editions import kiwixsite


def _site(tmp_path: Path, page: str) -> Path:
    offline = tmp_path / "offline"
    (offline / "assets").mkdir(parents=True)
    (offline / "page.html").write_text(page, "utf-8")
    (offline / "assets" / "style.css").write_text("p{}", "utf-8")
    return offline


def test_a_page_whose_header_has_no_search_box_stops_the_build(tmp_path: Path) -> None:
    page = ('<head><meta http-equiv="Content-Security-Policy" content="default-src">'
            "</head><header></header><p>text</p>")
    with pytest.raises(kiwixsite.KiwixDerivationError, match=r"page\.html: no search box"):
        kiwixsite.derive(_site(tmp_path, page), tmp_path / "kiwix")


def test_a_page_without_a_policy_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(kiwixsite.KiwixDerivationError, match="no Content-Security-Policy"):
        kiwixsite.derive(_site(tmp_path, "<head></head><header></header>"), tmp_path / "k")


def test_other_files_are_linked_not_copied(tmp_path: Path) -> None:
    offline = _site(tmp_path, "<p>no header: left as it is</p>")
    kiwix = kiwixsite.derive(offline, tmp_path / "kiwix")
    assert (kiwix / "page.html").read_bytes() == (offline / "page.html").read_bytes()
    assert (kiwix / "assets" / "style.css").samefile(offline / "assets" / "style.css")
