"""A build, bundle or preview never writes over anything but a site of its own: real folders,
the real command line, and every file compared before and after a refusal."""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cli
from generator.editions import bundle
from generator.engine import sitedir

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "archive"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project (mkdocs.yml, theme, docs, a git work tree), as the working folder."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(FIXTURE, root / "content")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(("site", "reason"), [
    (".", "is the project"),
    ("..", "contains the project"),
    ("content", "is the content folder"),
    ("content/briefings", "lies inside the content folder"),
    (".build", "is the build folder"),
    (".build/tree", "lies inside the build folder"),
    ("docs", "is not empty and is not a site this tool built"),
    ("README.md", "is a file, not a folder"),
])
def test_build_refuses_a_site_folder_that_would_destroy_anything(
        project: Path, site: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project.parent)
    assert cli.main(["build", "--site-dir", site]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert f"the site folder '{site}' {reason}" in error, error
    assert "nothing was written" in error
    assert snapshot(project.parent) == before  # not a file written, changed or lost
    assert not (project / ".build").exists()


def test_a_site_inside_another_work_tree_is_refused(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    pages = project.parent / "pages"
    (pages / ".git").mkdir(parents=True)
    assert cli.main(["build", "--site-dir", str(pages)]) == cli.EXIT_USAGE
    assert "is a git work tree" in capsys.readouterr().err
    assert (pages / ".git").is_dir()


def test_a_symbolic_link_to_the_content_is_refused(project: Path) -> None:
    (project / "out").symlink_to(project / "content")
    assert cli.main(["build", "--site-dir", "out"]) == cli.EXIT_USAGE
    assert (project / "content" / "actors.yml").is_file()


def test_content_inside_the_build_folder_is_refused(project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project / "content", project / ".build" / "tree" / "docs")
    for command in (["build"], ["bundle"], ["serve"]):
        assert cli.main([*command, "--content", ".build/tree/docs"]) == cli.EXIT_USAGE
        assert "lies inside the build folder" in capsys.readouterr().err
    assert (project / ".build" / "tree" / "docs" / "actors.yml").is_file()


def test_a_built_site_is_marked_readable_and_rebuilt(project: Path) -> None:
    assert cli.main(["build"]) == cli.EXIT_OK
    site = project / "site"
    assert (site / sitedir.MARKER).is_file()
    assert stat.S_IMODE(site.stat().st_mode) & 0o055 == 0o055  # others may read and enter
    assert cli.main(["build"]) == cli.EXIT_OK


def test_a_site_an_earlier_version_built_is_accepted_once_and_marked(project: Path) -> None:
    assert cli.main(["build"]) == cli.EXIT_OK
    site = project / "site"
    (site / sitedir.MARKER).unlink()  # as earlier versions left it
    shutil.rmtree(project / ".build")
    assert cli.main(["build"]) == cli.EXIT_OK
    assert (site / sitedir.MARKER).is_file()
    (site / sitedir.MARKER).unlink()
    assert cli.main(["build"]) == cli.EXIT_OK  # an edit-free rebuild renders nothing: marks
    assert (site / sitedir.MARKER).is_file()


@pytest.mark.parametrize(("output", "reason"), [
    ("README.md", "is not an offline bundle this tool made"),
    ("docs", "is a folder"),
    ("content/offline.zip", "lies inside the content folder"),
])
def test_bundle_refuses_an_output_that_is_not_its_own(
        project: Path, output: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(project)
    assert cli.main(["bundle", "--output", output]) == cli.EXIT_USAGE
    assert reason in capsys.readouterr().err
    assert snapshot(project) == before


def test_bundle_refuses_a_zip_it_did_not_make(project: Path) -> None:
    other = project / "photos.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8")
    before = other.read_bytes()
    assert cli.main(["bundle", "--output", str(other)]) == cli.EXIT_USAGE
    assert other.read_bytes() == before


def test_bundle_refuses_a_zip_that_only_looks_like_a_bundle(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 1: a reader's zip whose first entry is `something/README.txt` (what an
    earlier version took for its own) is not replaced: a bundle is known by its comment."""
    other = project / "backup.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("thesis/README.txt", "my thesis")
        archive.writestr("thesis/chapter-1.tex", "\\chapter{One}")
    before = other.read_bytes()
    assert cli.main(["bundle", "--output", "backup.zip"]) == cli.EXIT_USAGE
    assert "is not an offline bundle this tool made" in capsys.readouterr().err
    assert other.read_bytes() == before


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["bundle", "zim"])
@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p.joinpath("notes.txt").write_text("notes") and "notes.txt/out.x",
     "'notes.txt' is a file, not a folder"),
    (lambda p: p.joinpath("notes.txt").write_text("notes") and "notes.txt/a/b/out.x",
     "'notes.txt' is a file, not a folder"),
    (lambda p: "x" * 240 + ".out", "is too long"),
    (lambda p: _fifo(p / "pipe.out").name, "is not a regular file"),
    (lambda p: (p / "link.out").symlink_to(p / "README.md") or "link.out", "is a symbolic link"),
])
def test_an_edition_output_that_cannot_be_written_is_refused_before_the_build(
        project: Path, command: str, make: Callable[[Path], str], reason: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 7 (an output whose parent is a file; a valid name whose temporary sibling
    is too long) and case 2 (a FIFO as output is never opened): one line, before any build."""
    output = make(project)
    before = snapshot(project)
    assert cli.main([command, "--output", output]) == cli.EXIT_USAGE
    error = capsys.readouterr().err
    assert reason in error and "Traceback" not in error, error
    assert error.count("\n") == 1
    assert not (project / ".build").exists()  # refused before anything was built
    assert snapshot(project) == before


def test_a_bundle_of_ours_is_recognised_and_replaced(project: Path) -> None:
    assert cli.main(["bundle", "--output", "offline.zip"]) == cli.EXIT_OK
    with zipfile.ZipFile(project / "offline.zip") as archive:
        assert archive.comment == bundle.ZIP_COMMENT
    assert bundle.is_our_bundle(project / "offline.zip")
    assert cli.main(["bundle", "--output", "offline.zip"]) == cli.EXIT_OK
