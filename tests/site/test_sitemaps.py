"""The sitemap follows the protocol at every size: one file up to 50,000 URLs, past that a
sitemap index and its parts (generator/site/data/sitemaps.py), each checked by the rules of
https://www.sitemaps.org/protocol.html."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import sitemapcheck

from generator.site.data import sitemaps
from generator.site.outputs import DataFile, Page, Site

SITE = Site(name="Briefings", url="https://example.org/archive/")
NS = f"{{{sitemaps.NAMESPACE}}}"


def _pages(count: int) -> list[Page]:
    return [Page(f"briefings/b{n:06d}/", "", "", "briefing",
                 lastmod=date(2020, 1, 1) + timedelta(days=n % 1000) if n % 7 else None)
            for n in range(count)]


def _valid(file: DataFile, root: str, limit: int) -> ElementTree.Element:
    """The protocol's rules for one file (scripts/sitemapcheck.py, which the benchmark
    also runs on whole sites of 100,000 briefings)."""
    return sitemapcheck.check_file(file.content, SITE.absolute(file.path), root, limit)


def test_up_to_the_limit_one_sitemap_lists_every_page_in_route_order() -> None:
    pages = _pages(40)
    [single] = sitemaps.sitemap_files(reversed(pages), SITE, max_urls=40)
    tree = _valid(single, "urlset", 40)
    assert single.path == "sitemap.xml"
    assert [u.findtext(f"{NS}loc") for u in tree] == [SITE.absolute(p.route) for p in pages]


def test_past_the_limit_an_index_names_parts_that_list_every_page_once() -> None:
    pages = _pages(95)
    files = sitemaps.sitemap_files(pages, SITE, max_urls=40)
    index, parts = files[0], files[1:]
    assert index.path == "sitemap.xml"
    assert [p.path for p in parts] == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    tree = _valid(index, "sitemapindex", 50_000)
    assert [s.findtext(f"{NS}loc") for s in tree] == [SITE.absolute(p.path) for p in parts]
    listed = []
    for entry, part in zip(tree, parts, strict=True):
        urls = list(_valid(part, "urlset", 40))
        listed += [u.findtext(f"{NS}loc") for u in urls]
        days = [u.findtext(f"{NS}lastmod") for u in urls if u.findtext(f"{NS}lastmod")]
        assert entry.findtext(f"{NS}lastmod") == max(days)
    assert listed == [SITE.absolute(p.route) for p in pages]


def test_at_the_protocols_own_limit_of_50000() -> None:
    assert len(sitemaps.sitemap_files(_pages(50_000), SITE)) == 1
    files = sitemaps.sitemap_files(_pages(50_001), SITE)
    assert [len(_valid(part, "urlset", 50_000)) for part in files[1:]] == [50_000, 1]


def test_a_plan_with_the_sitemap_removes_the_parts_it_no_longer_has(tmp_path: Path) -> None:
    """An archive that shrinks below the limit (or needs fewer parts) leaves no stale part,
    even from a rebuild that plans only what an edit changed."""
    from typing import Any, cast

    from generator.site.plan import buildtree
    from generator.site.tree import Tree

    tree = Tree(tmp_path / "docs", tmp_path / "data")
    tree.data.mkdir()
    for name in ("sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"):
        (tree.data / name).write_bytes(b"old")
    (tree.pages / "briefings").mkdir(parents=True)
    (tree.pages / "briefings" / "sitemap-1.xml.md").write_bytes(b"not a part")
    files = {"sitemap.xml": b"index", "sitemap-1.xml": b"one"}
    plan = buildtree.Plan(files, cast(Any, None), partial=True)
    changed = buildtree.write(plan, tree)
    assert sorted(p.name for p in tree.data.glob("sitemap*")) == ["sitemap-1.xml", "sitemap.xml"]
    assert {"sitemap-2.xml", "sitemap-3.xml"} <= set(changed)
    assert (tree.pages / "briefings" / "sitemap-1.xml.md").is_file()
