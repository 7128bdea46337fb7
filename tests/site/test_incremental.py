"""Fast paths give the site a plain full build gives: rebuilds after an edit, two processes."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import synth

from generator.buildfolder import BuildFolder
from generator.engine import render
from generator.pipeline import BuildOptions, build, check
from generator.site.edition import Edition
from generator.site.plan import buildtree

ROOT = Path(__file__).resolve().parents[2]

COUNT = 40


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(content: Path, work: Path) -> Path:
    site = work / "site"
    build(BuildOptions(content=content, site_dir=site, build_dir=work / ".build",
                       config_file=ROOT / "mkdocs.yml"))
    return site


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str, str]:
    """A site built, then rebuilt after one edit and one deletion; and a fresh full build."""
    work = tmp_path_factory.mktemp("incremental")
    archive = synth.generate(COUNT)
    content = work / "content"
    archive.write(content)
    site = _build(content, work)
    changed, removed = archive.briefings[COUNT // 2], archive.briefings[3]
    page = site / "briefings" / changed.slug / "index.html"
    keep = work / "old-page.html"
    os.link(page, keep)  # the live site's file, as a reader holding it open sees it
    os.link(site / "briefings.json", work / "old-briefings.json")  # a data file, the same
    path = content / "briefings" / changed.path
    path.write_text(path.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    (content / "briefings" / removed.path).unlink()
    _build(content, work)
    fresh = _build(content, tmp_path_factory.mktemp("fresh"))
    return site, fresh, keep, changed.slug, removed.slug


def test_the_rebuilt_site_equals_a_full_build(edited: tuple[Path, Path, Path, str, str]
                                              ) -> None:
    site, fresh, _keep, slug, removed = edited
    assert "A sentence added later." in (site / "briefings" / slug / "index.html").read_text()
    assert not (site / "briefings" / removed).exists()
    assert _tree(site) == _tree(fresh)


def test_the_old_site_is_never_written_in_place(edited: tuple[Path, Path, Path, str, str]
                                                ) -> None:
    _site, _fresh, keep, _slug, _removed = edited
    assert "A sentence added later." not in keep.read_text("utf-8")
    assert keep.stat().st_nlink == 1  # the rebuild replaced the file instead of rewriting it


def test_data_files_are_links_to_the_tree_that_no_rebuild_rewrites(
        edited: tuple[Path, Path, Path, str, str]) -> None:
    """The site's data files are hard links to the build tree's (engine/datafiles.py); a
    rebuild replaces a changed one in the tree, so the old site's file keeps its bytes."""
    site, _fresh, keep, _slug, removed = edited
    old = keep.parent / "old-briefings.json"
    assert f'"slug":"{removed}"' in old.read_text("utf-8").replace(" ", "")
    assert f'"slug":"{removed}"' not in (site / "briefings.json").read_text("utf-8").replace(
        " ", "")
    tree = BuildFolder(keep.parent / ".build").files(Edition.HOSTED)
    for name in ("briefings.json", "feed.xml"):
        assert (site / name).stat().st_ino == os.stat(tree.file(name)).st_ino, name
    # The engine lists only the pages (site/tree.py); every data file is linked in after.
    listed = [p.name for p in tree.pages.rglob("*") if p.is_file()]
    assert listed and all(name.endswith(".md") for name in listed)
    data = list(tree.data_files())
    assert len(data) > 3 * COUNT  # the citation files at least
    for path in data:
        assert (site / path).stat().st_ino == os.stat(tree.file(path)).st_ino, path
    assert (site / "index.html").stat().st_nlink == 1  # pages are rendered, not linked


def test_a_rebuild_with_no_change_renders_no_page(tmp_path: Path) -> None:
    synth.generate(12).write(tmp_path / "content")
    site = _build(tmp_path / "content", tmp_path)
    before = {p: p.stat().st_ino for p in site.rglob("index.html")}
    _build(tmp_path / "content", tmp_path)
    after = {p: p.stat().st_ino for p in site.rglob("index.html")}
    assert after == before  # every page still the same file: linked over, not rendered


def test_two_processes_build_the_site_one_builds(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import workers

    synth.generate(COUNT).write(tmp_path / "content")
    one = _build(tmp_path / "content", tmp_path / "one")
    # loading, planning and rendering split in two
    for name in ("LOADING", "PLANNING", "RENDERING"):
        monkeypatch.setattr(workers, name, replace(getattr(workers, name), worth_from=10))
    two = _build(tmp_path / "content", tmp_path / "two")
    assert _tree(two) == _tree(one)
    # The plan the two processes made serves the next rebuild like one made by one.
    path = next((tmp_path / "content" / "briefings").rglob("*.md"))
    path.write_text(path.read_text("utf-8") + "\nLater.\n", "utf-8")
    assert _tree(_build(tmp_path / "content", tmp_path / "two")) == \
        _tree(_build(tmp_path / "content", tmp_path / "one"))
    # A full render again (no stamp), its second process started while the tree is being
    # written: the page of a briefing deleted since must not come back.
    gone = next(b for b in synth.generate(COUNT).briefings  # one the second process renders
                if workers.RENDERING.helper_takes(workers.briefing_path(b.slug))
                and tmp_path / "content" / "briefings" / b.path != path)
    (tmp_path / "content" / "briefings" / gone.path).unlink()
    (tmp_path / "two" / ".build" / "tree" / "rendered.stamp").unlink()
    (tmp_path / "two" / ".build" / "tree" / "plan.state").unlink()
    assert _tree(_build(tmp_path / "content", tmp_path / "two")) == \
        _tree(_build(tmp_path / "content", tmp_path / "one"))


def test_a_site_another_render_wrote_is_not_reused(tmp_path: Path) -> None:
    """Hosted, then offline into the same site, then hosted again: a whole hosted site."""
    synth.generate(12).write(tmp_path / "content")
    fresh = _build(tmp_path / "content", tmp_path / "fresh")
    site = tmp_path / "site"
    for edition in (Edition.HOSTED, Edition.OFFLINE, Edition.HOSTED):
        build(BuildOptions(content=tmp_path / "content", site_dir=site,
                           build_dir=tmp_path / ".build", config_file=ROOT / "mkdocs.yml",
                           edition=edition))
    assert _tree(site) == _tree(fresh)


def _edit_front(path: Path, key: str, value: str) -> None:
    lines = path.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[at] = f"{key}: {value}"
    path.write_text("\n".join(lines), "utf-8")


def _edits(content: Path, archive: synth.SynthArchive) -> list[tuple[str, Callable[[], None]]]:
    """One edit of every kind, each to a different briefing of the synthetic archive."""
    items = archive.briefings
    path = [content / "briefings" / b.path for b in items]
    actors, regions = [a.name for a in archive.actors], [r.name for r in archive.regions]
    new = content / "briefings" / "added.md"
    # A briefing without 'summary:' takes it from its first paragraph.
    summed = next(p for p in path[30:] if "\nsummary:" not in p.read_text("utf-8"))
    return [
        ("body", lambda: path[20].write_text(path[20].read_text("utf-8") + "\nLater.\n",
                                             "utf-8")),
        ("first paragraph", lambda: summed.write_text(summed.read_text("utf-8").replace(
            "\n---\n", "\n---\nA new first paragraph.\n\n", 1), "utf-8")),
        ("title", lambda: _edit_front(path[21], "title", "A renamed briefing & more")),
        ("date", lambda: _edit_front(path[22], "date", items[2].day.isoformat())),
        ("actors", lambda: _edit_front(path[23], "actors", f"[{actors[0]}, {actors[-1]}]")),
        ("regions", lambda: _edit_front(path[24], "region", regions[-1])),
        ("added", lambda: new.write_text(path[25].read_text("utf-8").replace(
            "title:", "slug: added-briefing\ntitle:", 1), "utf-8")),
        ("draft", lambda: _edit_front(path[26], "title", f"{items[26].title}\ndraft: true")),
        ("removed", lambda: path[27].unlink()),
        ("two at once", lambda: (_edit_front(path[28], "date", items[-1].day.isoformat()),
                                 path[29].unlink())),
        ("correction added", lambda: _edit_front(path[31], "title", f"{items[31].title}\n"
                                                 + _correction(items[31].day, "first"))),
        ("correction edited", lambda: path[31].write_text(path[31].read_text("utf-8").replace(
            "The first version", "The earlier version"), "utf-8")),
        ("updated", lambda: _edit_front(path[32], "title",
                                        f"{items[32].title}\nupdated: {items[32].day}")),
    ]


def _correction(day: object, word: str) -> str:
    return (f"corrections:\n  - date: {day}\n    text: The {word} version named the wrong "
            "place. It is corrected.")


def test_every_kind_of_edit_rebuilds_only_changes_and_equals_a_full_build(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """After each edit the rebuild keeps most pages as they were (the same files) and the
    site equals a fresh full build of the same content, byte for byte."""
    work = tmp_path_factory.mktemp("edits")
    archive = synth.generate(COUNT)
    content = work / "content"
    archive.write(content)
    site = _build(content, work)
    # The maps and charts are on the pages these edits change (the regions map on
    # /regions/ and home, locator maps and charts on region and actor pages, the timeline's
    # chart), so "added", "regions" (moved to another region) and "removed" cover them.
    region = next(r for r in archive.regions if r.kind == "country")
    for route, part in (("regions", 'class="ba-map ba-map-world"'),
                        (f"regions/{region.id}", 'class="ba-map ba-map-locator"'),
                        (f"regions/{region.id}", 'class="ba-chart"'),
                        ("timeline", 'class="ba-chart"')):
        assert part in (site / route / "index.html").read_text("utf-8"), (route, part)
    for name, edit in _edits(content, archive):
        before = {p: p.stat().st_ino for p in site.rglob("index.html")}
        edit()
        _build(content, work)
        after = {p: p.stat().st_ino for p in site.rglob("index.html")}
        kept = sum(1 for p, inode in after.items() if before.get(p) == inode)
        assert kept > len(after) // 2, f"{name}: only {kept} of {len(after)} pages kept"
        fresh = _build(content, tmp_path_factory.mktemp("fresh"))
        assert _tree(site) == _tree(fresh), name


def test_an_edit_of_a_body_plans_only_its_page(tmp_path: Path) -> None:
    """Only the briefing's own page shows its body: the rest of the site is not planned."""
    archive = synth.generate(COUNT)
    content = tmp_path / "content"
    archive.write(content)
    site = render.site_settings(render.EngineConfig(ROOT / "mkdocs.yml"))
    first = buildtree.plan(check(content).archive, site, "key")
    briefing = archive.briefings[5]
    path = content / "briefings" / briefing.path
    path.write_text(path.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    again = buildtree.plan_changes(check(content).archive, site, "key", first.state)
    assert again is not None and again.partial
    assert list(again.files) == [f"briefings/{briefing.slug}.md"]
    assert b"A sentence added later." in again.files[f"briefings/{briefing.slug}.md"]
    assert again.state.entities == first.state.entities
    assert again.state.lastmods == first.state.lastmods


def test_renames_cut_short_are_finished_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild stopped after listing its renames leaves the old site; the next build
    carries them out first and ends with the site a full build gives."""
    from generator.engine import swap

    synth.generate(12).write(tmp_path / "content")
    site = _build(tmp_path / "content", tmp_path)
    briefing = synth.generate(12).briefings[4]
    path = tmp_path / "content" / "briefings" / briefing.path
    path.write_text(path.read_text("utf-8") + "\nLater.\n", "utf-8")
    page = site / "briefings" / briefing.slug / "index.html"
    write_journal = swap.write_journal

    def stop_after(*args: object) -> None:
        write_journal(*args)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(swap, "write_journal", stop_after)
    with pytest.raises(KeyboardInterrupt):
        _build(tmp_path / "content", tmp_path)
    assert "Later." not in page.read_text("utf-8")
    assert (tmp_path / ".site.journal").exists()
    monkeypatch.undo()
    _build(tmp_path / "content", tmp_path)
    assert not (tmp_path / ".site.journal").exists()
    assert not list(tmp_path.glob(".site.part-*"))
    assert _tree(site) == _tree(_build(tmp_path / "content", tmp_path / "fresh"))


def test_edits_of_editorial_pages_equal_a_full_build(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """An editorial page added, edited (its text alone: only its page changes) and retitled
    (the navigation of every page changes): each rebuild equals a fresh full build."""
    work = tmp_path_factory.mktemp("pages")
    synth.generate(12).write(work / "content")
    pages = work / "content" / "pages"
    site = _build(work / "content", work)
    edits = [
        ("added", lambda: (pages.mkdir(), (pages / "about.md").write_text(
            "---\ntitle: About\nnav: 1\n---\nWho we are.\n", "utf-8"))),
        ("text edited", lambda: (pages / "about.md").write_text(
            "---\ntitle: About\nnav: 1\n---\nWho we are, and why.\n", "utf-8")),
        ("retitled", lambda: (pages / "about.md").write_text(
            "---\ntitle: About us\nnav: 1\n---\nWho we are, and why.\n", "utf-8")),
        ("removed", lambda: (pages / "about.md").unlink()),
    ]
    for name, edit in edits:
        before = {p: p.stat().st_ino for p in site.rglob("index.html")}
        edit()
        _build(work / "content", work)
        if name == "text edited":
            changed = [p for p, inode in before.items() if p.stat().st_ino != inode]
            assert changed == [site / "about" / "index.html"]
        assert _tree(site) == _tree(_build(work / "content", tmp_path_factory.mktemp("fresh"))), \
            name
