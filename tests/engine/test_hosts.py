"""The build's report of the site's size and files against its host's limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.engine import hosts


def test_the_site_is_measured_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "big.html").write_bytes(b"x" * 3000)
    (tmp_path / "index.html").write_bytes(b"y" * 1000)
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "index.html").write_bytes(b"d" * 100)
    (tmp_path / "downloads" / "archive.zim").write_bytes(b"z" * 500)
    (tmp_path / "feed.xml").write_bytes(b"f" * 10)
    assert hosts.measure(tmp_path) == hosts.SiteSize(4610, 5, 3000, "a/big.html", pages=4100,
                                                     downloads=500)


def _replace(path: Path, data: bytes) -> None:
    """As a build changes a site's file: a new file renamed over it."""
    new = path.with_name(path.name + ".new")
    new.write_bytes(data)
    new.rename(path)


def test_a_rebuild_measures_only_the_folders_it_changed_and_gets_the_same(tmp_path: Path
                                                                           ) -> None:
    site, kept = tmp_path / "site", tmp_path / "sizes.json"
    for number in range(30):
        (site / "briefings" / f"b{number}").mkdir(parents=True)
        (site / "briefings" / f"b{number}" / "index.html").write_bytes(b"p" * (100 + number))
    (site / "downloads").mkdir()
    (site / "downloads" / "archive.zip").write_bytes(b"z" * 700)
    assert hosts.measure(site, kept) == hosts.measure(site) == hosts.SiteSize(
        sum(range(100, 130)) + 700, 31, 700, "downloads/archive.zip", pages=sum(range(100, 130)),
        downloads=700)
    # What was kept is what it says: a folder's own files, read again only when it changed.
    unchanged = site / "briefings" / "b3" / "index.html"
    unchanged.write_bytes(b"p" * 5000)  # in place, as no build does: not seen
    assert hosts.measure(site, kept).bytes == hosts.measure(site).bytes - 5000 + 103
    unchanged.write_bytes(b"p" * 103)
    _replace(site / "briefings" / "b7" / "index.html", b"q" * 2000)  # as a rebuild does
    (site / "briefings" / "b2" / "index.html").unlink()
    (site / "briefings" / "new").mkdir()
    (site / "briefings" / "new" / "index.html").write_bytes(b"n" * 10)
    assert hosts.measure(site, kept) == hosts.measure(site)
    assert hosts.measure(site).largest_path == "briefings/b7/index.html"
    kept.write_text("[broken", "utf-8")  # measured whole, and kept again
    assert hosts.measure(site, kept) == hosts.measure(site)
    assert kept.read_text("utf-8").startswith("{")
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_bytes(b"o")
    assert hosts.measure(other, kept) == hosts.SiteSize(1, 1, 1, "index.html", pages=1)


def test_github_pages_is_the_default_and_an_unknown_host_is_refused() -> None:
    assert hosts.host_limits(None).max_bytes == 1_000_000_000
    with pytest.raises(ValueError, match=r"extra\.host 'geocities'"):
        hosts.host_limits("geocities")


@pytest.mark.parametrize(("size", "warned"), [
    (hosts.SiteSize(824_000_000, 25_000, 900_000, "x"), None),
    (hosts.SiteSize(950_000_000, 25_000, 900_000, "x"), "at 95% of GitHub Pages' limit"),
    (hosts.SiteSize(3_200_000_000, 97_873, 900_000, "x"), "past GitHub Pages' limit of 1.00 GB "
                                                          "(3.20 GB): a deploy would be refused"),
])
def test_a_site_near_or_past_the_limit_is_warned_of(size: hosts.SiteSize, warned: str | None
                                                    ) -> None:
    line, warnings = hosts.report(size, hosts.host_limits("github-pages"))
    assert line.startswith(f"site: {size.bytes / 1e6:.1f} MB" if size.bytes < 1e9 else "site: ")
    assert (warnings == []) if warned is None else (warned in warnings[0] and len(warnings) == 1)


def test_cloudflare_counts_files_and_the_largest_file() -> None:
    size = hosts.SiteSize(800_000_000, 97_873, 30 * 1024 * 1024, "downloads/archive.zim")
    line, warnings = hosts.report(size, hosts.host_limits("cloudflare-pages"))
    assert "489% of Cloudflare Pages' 20,000 files" in line
    assert any("past Cloudflare Pages' limit of 20,000 files (97,873 files)" in w
               for w in warnings)
    assert any(w.startswith("downloads/archive.zim is 31.5 MB") for w in warnings)


@pytest.mark.parametrize(("size", "advice"), [
    # Fits without the editions: publish them elsewhere.
    (hosts.SiteSize(1_100_000_000, 70_000, 150_000_000, "x", pages=600_000_000,
                    downloads=300_000_000),
     "without its downloads (300.0 MB) it is 800.0 MB: build without --downloads"),
    # The pages alone are past the limit: no setting fits, another host does.
    (hosts.SiteSize(3_700_000_000, 427_000, 900_000, "x", pages=2_900_000_000),
     "its HTML pages alone are 2.90 GB, each briefing's page carrying its own article: "
     "no setting of this site fits"),
    # Neither alone: where the bytes are, and a host without the limit.
    (hosts.SiteSize(1_200_000_000, 90_000, 900_000, "x", pages=700_000_000,
                    downloads=100_000_000),
     "its pages are 700.0 MB and its data files (feeds, exports, citation files, search) "
     "400.0 MB, its downloads 100.0 MB: publish it on a host without a size limit"),
])
def test_the_warning_says_what_would_bring_the_site_under_the_limit(size: hosts.SiteSize,
                                                                    advice: str) -> None:
    _line, warnings = hosts.report(size, hosts.host_limits("github-pages"))
    assert len(warnings) == 1
    assert "a deploy would be refused; " in warnings[0]
    assert advice in warnings[0]


def test_a_build_with_a_downloads_url_that_is_no_url_is_refused_before_building(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text("utf-8")
                      .replace("\nextra:\n", "\nextra:\n  downloads_url: releases/\n", 1), "utf-8")
    site = tmp_path / "site"
    (tmp_path / "content").mkdir()
    assert cli.main(["build", "--downloads", "--config", str(config), "--content",
                     str(tmp_path / "content"), "--site-dir", str(site)]) == cli.EXIT_USAGE
    assert "extra.downloads_url 'releases/' is not an http(s) URL" in capsys.readouterr().err
    assert not site.exists()
