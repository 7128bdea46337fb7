"""Readers see what `briefings sources` found (the fixture's content/sources-state.yml): a
dead source says so with the date and points to its copy; the exports carry the status."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path


def _sources_list(built_site: Path, slug: str) -> str:
    html = (built_site / "briefings" / slug / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<ul class="ba-sources">(.*?)</ul>', html, re.S)
    assert found
    return found.group(1)


def test_a_dead_source_says_so_with_the_date_and_points_to_its_copy(built_site: Path) -> None:
    reuters, bbc = _sources_list(built_site, "offensive").split("</li>")[:2]
    assert ('<span class="ba-link-state ba-link-dead">(link reported dead on '
            '<time datetime="2026-10-09">9 October 2026</time>; no archived copy yet)</span>'
            ) in reuters
    assert ('(link reported dead on <time datetime="2026-10-09">9 October 2026</time>; read '
            'the <a href="https://web.archive.org/web/2023/https://www.bbc.com/news/'
            'world-europe-example" rel="noopener noreferrer">archived copy</a>)') in bbc


def test_a_source_never_checked_shows_its_citation_only(built_site: Path) -> None:
    listed = _sources_list(built_site, "blinken-pashinyan-call")
    assert "ba-link-state" not in listed and "archived copy" not in listed


def test_the_exports_carry_each_sources_status(built_site: Path) -> None:
    records = json.loads((built_site / "briefings.json").read_text(encoding="utf-8"))
    offensive = next(r for r in records if r["slug"] == "offensive")
    assert [(s["status"], s["checked"], s["dead_since"]) for s in offensive["sources"]] == [
        ("dead", "2026-10-09", "2026-10-09")] * 2
    unchecked = next(r for r in records if r["slug"] == "blinken-pashinyan-call")
    assert "status" not in unchecked["sources"][0]
    with open(built_site / "briefings.csv", encoding="utf-8", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert rows["offensive"]["source_statuses"] == "dead;dead"
    assert rows["offensive"]["source_archives"] == (
        ";https://web.archive.org/web/2023/https://www.bbc.com/news/world-europe-example")
    assert rows["blinken-pashinyan-call"]["source_statuses"] == "unchecked"


def test_each_state_reads_as_it_should() -> None:
    from datetime import date

    from generator.content.model import Source
    from generator.content.sourcestate import SourceRecord
    from generator.site.html.sourcestatus import link_state

    copy = "https://web.archive.org/web/2023/https://x.example/a"
    checked = SourceRecord("https://x.example/a", "alive", date(2026, 11, 2), date(2026, 11, 9))
    with_copy, bare = Source("X", "https://x.example/a", archive=copy), Source("X", checked.url)
    assert link_state(with_copy, checked) == (
        f' (<a href="{copy}" rel="noopener noreferrer">archived copy</a>)')
    assert link_state(bare, checked) == link_state(bare, None) == ""
    drifted = link_state(with_copy, SourceRecord(checked.url, "drifted", checked.first,
                                                 checked.last))
    assert "the page has changed since it was cited, seen on <time datetime=\"2026-11-09\">" \
        in drifted and "shows it as cited" in drifted
    blocked = SourceRecord(checked.url, "blocked", checked.first, checked.last)
    assert link_state(bare, blocked) == ""  # a paywall is no news to readers
    assert "<script>" not in link_state(Source("X", "https://x.example/<script>",
                                               archive="https://a.example/<script>"), None)
