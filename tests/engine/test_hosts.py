"""The build's report of the site's size and files against its host's limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine import hosts


def test_the_site_is_measured_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "big.html").write_bytes(b"x" * 3000)
    (tmp_path / "index.html").write_bytes(b"y" * 1000)
    assert hosts.measure(tmp_path) == hosts.SiteSize(4000, 2, 3000, "a/big.html")


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
