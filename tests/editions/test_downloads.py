"""`briefings build --downloads`: both editions under /downloads/ with checksums and a page.

The fixture archive is built once with the real pipeline (two builds: the offline edition's,
from which the Kiwix edition's site is made, and the site's); the files are then checked as
a reader would check them.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT
from libzim.reader import Archive

from generator.buildfolder import BuildFolder
from generator.content.problems import ContentError
from generator.editions.downloads import build_with_downloads
from generator.engine import hosts
from generator.engine.engines import EngineError
from generator.pipeline import BuildOptions, Warm, build, check
from generator.site.edition import Edition

CONFIG = ROOT / "mkdocs.yml"
ZIP, ZIM = "briefing-archive-offline.zip", "briefing-archive.zim"


def options(content: Path, work: Path) -> BuildOptions:
    return BuildOptions(content=content, site_dir=work / "site", build_dir=work / ".build",
                        config_file=CONFIG)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("downloads")
    shutil.copytree(FIXTURE, work / "content")
    build_with_downloads(options(work / "content", work))
    return work


def test_both_editions_are_published_with_checksum_files(work: Path) -> None:
    folder = work / "site" / "downloads"
    for name in (ZIP, ZIM):
        data = (folder / name).read_bytes()
        # What `sha256sum -c` reads: "<hex>  <name>".
        assert (folder / f"{name}.sha256").read_text() == (
            f"{hashlib.sha256(data).hexdigest()}  {name}\n")
    assert zipfile.ZipFile(folder / ZIP).testzip() is None
    assert Archive(folder / ZIM).check()


def test_the_downloads_page_lists_size_date_briefings_checksum_and_how_to_open(
        work: Path) -> None:
    page = (work / "site" / "downloads" / "index.html").read_text("utf-8")
    for name in (ZIP, ZIM):
        data = (work / "site" / "downloads" / name).read_bytes()
        assert f'href="{name}"' in page and f'href="{name}.sha256"' in page
        assert hashlib.sha256(data).hexdigest() in page
        assert f"({len(data):,} bytes)" in page
    assert page.count("5 briefings") == 2
    assert len(re.findall(r'<time datetime="\d{4}-\d{2}-\d{2}">', page)) == 2
    assert "open <code>index.html</code>" in page and "Kiwix" in page
    assert "sha256sum -c" in page


def test_home_page_and_navigation_link_the_downloads(work: Path) -> None:
    home = (work / "site" / "index.html").read_text("utf-8")
    assert home.count('href="downloads/"') >= 3  # tab, drawer, entry point
    briefing = (work / "site" / "briefings" / "ceasefire" / "index.html").read_text("utf-8")
    assert 'href="../../downloads/"' in briefing


def test_the_editions_do_not_hold_the_downloads(work: Path) -> None:
    folder = work / "site" / "downloads"
    names = zipfile.ZipFile(folder / ZIP).namelist()
    assert not any("/downloads/" in name for name in names)
    home = next(n for n in names if n.endswith("/index.html") and n.count("/") == 1)
    assert "downloads/" not in zipfile.ZipFile(folder / ZIP).read(home).decode()
    zim = Archive(folder / ZIM)
    assert not zim.has_entry_by_path("downloads/index.html")
    assert "downloads/" not in bytes(zim.main_entry.get_item().content).decode()


def test_the_site_rendered_beside_the_editions_is_the_site_built_once_with_them(
        work: Path, tmp_path: Path) -> None:
    """The site is rendered while the editions are written, with stand-ins for their
    files, then only those files again (downloads.build_with_downloads): byte for byte the
    site one cold build gives with the finished files, every file and no other."""
    tree = BuildFolder(work / ".build").files(Edition.HOSTED)
    extras = {path: Path(tree.file(path)).read_bytes() for path in tree.data_files()
              if path.startswith("downloads/")}
    extras["downloads/index.md"] = Path(tree.file("downloads/index.md")).read_bytes()
    assert {f"downloads/{ZIP}", f"downloads/{ZIM}.sha256"} <= extras.keys()
    once = tmp_path / "once"
    build(replace(options(work / "content", once), extras=extras))
    staged, single = _files(work / "site"), _files(once / "site")
    assert staged.keys() == single.keys()
    assert [name for name in staged if staged[name] != single[name]] == []
    assert not list(work.glob("*.downloads-*"))  # the staging folder and its lock went


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()}


def test_the_zim_made_from_the_offline_render_is_the_zim_rendered_for_kiwix(
        work: Path, fixture_zim: Path) -> None:
    """One render serves both editions (editions/kiwixsite.py): the ZIM it gives is, byte
    for byte, the one ``briefings zim`` writes from its own Kiwix render of the archive."""
    assert (work / "site" / "downloads" / ZIM).read_bytes() == fixture_zim.read_bytes()


def test_a_plain_build_afterwards_has_no_downloads(work: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again"
    shutil.copytree(work, copy, symlinks=True)
    build(options(copy / "content", copy))
    assert not (copy / "site" / "downloads").exists()
    home = (copy / "site" / "index.html").read_text("utf-8")
    assert "downloads/" not in home  # nor in the navigation: the page is not in this build


def test_a_zim_that_fails_beside_the_site_leaves_the_previous_site_untouched(
        work: Path, tmp_path: Path) -> None:
    """The archive checks and the site renders, but the ZIM's process fails (a language
    with no ISO 639-3 code, zim.LANGUAGES): the build stops with its error, the previous
    site stays as it was, and no staging folder or lock is left beside it."""
    copy = tmp_path / "zimfails"
    shutil.copytree(work, copy, symlinks=True)
    before = _files(copy / "site")
    briefing = copy / "content" / "briefings" / "2024" / "2024-02-01-armenia-freezes.md"
    briefing.write_text(briefing.read_text("utf-8").replace("\ntitle:", "\nlang: sw\ntitle:",
                                                             1), "utf-8")
    with pytest.raises(EngineError, match="'sw' has no ISO 639-3 code"):
        build_with_downloads(options(copy / "content", copy))
    assert _files(copy / "site") == before
    assert not list(copy.glob("*.downloads-*"))


def test_bad_content_leaves_the_previous_site_untouched(work: Path, tmp_path: Path) -> None:
    copy = tmp_path / "bad"
    shutil.copytree(work, copy, symlinks=True)
    before = {p: p.read_bytes() for p in (copy / "site").rglob("*") if p.is_file()}
    broken = next((copy / "content" / "briefings").rglob("*.md"))
    broken.write_text(broken.read_text("utf-8").replace("date:", "dated:", 1), "utf-8")
    with pytest.raises(ContentError):
        build_with_downloads(options(copy / "content", copy))
    after = {p: p.read_bytes() for p in (copy / "site").rglob("*") if p.is_file()}
    assert after == before


def test_the_downloads_page_says_how_to_cite_the_edition(work: Path) -> None:
    """The edition's citation (CSL styles), dated by the edition's day, and its three
    reference files, which independent parsers read back with the same date."""
    import json

    import bibtexparser
    import rispy

    folder = work / "site" / "downloads"
    page = (folder / "index.html").read_text("utf-8")
    day = re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">', page)
    assert day is not None
    year, month, dom = (int(part) for part in day.group(1).split("-"))
    assert 'id="cite"' in page and "Citing this edition" in page
    assert page.count('class="ba-citation"') == 2 and "[Dataset]" in page  # APA's dataset
    for suffix in ("json", "ris", "bib"):
        assert f'href="briefing-archive.{suffix}"' in page
    (item,) = json.loads((folder / "briefing-archive.json").read_text("utf-8"))
    assert item["type"] == "dataset" and item["version"] == day.group(1).replace("-", ".")
    assert f"(Version {item['version']})" in page
    assert item["issued"] == {"date-parts": [[year, month, dom]]}
    (entry,) = rispy.loads((folder / "briefing-archive.ris").read_text("utf-8"))
    assert (entry["type_of_reference"], entry["date"]) == ("DATA", f"{year}/{month:02d}/{dom:02d}/")
    (bib,) = bibtexparser.parse_string((folder / "briefing-archive.bib").read_text()).entries
    assert bib.fields_dict["date"].value == day.group(1)


def test_with_a_downloads_url_the_editions_go_to_the_project_and_the_page_links_there(
        tmp_path: Path) -> None:
    """extra.downloads_url: the site holds the Downloads page only (GitHub Pages' 1 GB is
    not spent on the editions); the files are written into the project folder, as `bundle`
    and `zim` write them, for publishing at that URL."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(FIXTURE, project / "content")
    url = "https://github.com/you/your-archive/releases/latest/download"
    (project / "mkdocs.yml").write_text(CONFIG.read_text("utf-8").replace(
        "\nextra:\n", f"\nextra:\n  downloads_url: {url}\n", 1), "utf-8")
    build_with_downloads(BuildOptions(content=project / "content", site_dir=project / "site",
                                      build_dir=project / ".build",
                                      config_file=project / "mkdocs.yml"))
    held = {p.name for p in (project / "site" / "downloads").iterdir()}
    assert "index.html" in held and not held & {ZIP, ZIM, f"{ZIP}.sha256", f"{ZIM}.sha256"}
    assert hosts.measure(project / "site").downloads < 2000  # the edition's citation files
    page = (project / "site" / "downloads" / "index.html").read_text("utf-8")
    for name in (ZIP, ZIM):
        data = (project / name).read_bytes()
        assert (project / f"{name}.sha256").read_text() == (
            f"{hashlib.sha256(data).hexdigest()}  {name}\n")
        assert f'href="{url}/{name}" download' in page and f'href="{url}/{name}.sha256"' in page
        assert f"({len(data):,} bytes)" in page
    assert zipfile.ZipFile(project / ZIP).testzip() is None


@pytest.mark.parametrize("value", ["ftp://example.org/files/", "releases/", 7,
                                   'https://example.org/a"b/'])
def test_a_downloads_url_that_is_no_http_url_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"extra\.downloads_url .* is not an http\(s\) URL"):
        hosts.downloads_url({"downloads_url": value})
    assert hosts.downloads_url({}) is None
    assert hosts.downloads_url({"downloads_url": "https://x.org/d"}) == "https://x.org/d/"


def test_the_loaded_files_kept_in_memory_never_travel_to_a_spawned_process(
        tmp_path: Path) -> None:
    """``build --downloads`` hands the ZIM's process the archive as loaded (pipeline.Warm):
    a forked process has it in memory; sent to a spawned one, the cache arrives empty (that
    process reads the cache file), never pickled whole (at 16,000 briefings, tens of MB)."""
    warm = Warm()
    loaded = check(FIXTURE, cache_file=tmp_path / "briefings.cache", warm=warm)
    assert loaded.ok and warm.cache is not None
    options = BuildOptions(content=FIXTURE, site_dir=tmp_path / "site", warm=warm)
    assert pickle.loads(pickle.dumps(options)).warm.cache is None
    assert len(pickle.dumps(options)) < len(pickle.dumps(warm.cache)) // 10
    again = check(FIXTURE, cache_file=tmp_path / "briefings.cache", warm=warm)
    assert again.archive == loaded.archive  # and a warm load gives the archive a cold one does
