"""The `briefings` command as users run it: a real subprocess, exact text, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import GOOD_BRIEFING

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
SCRIPT = Path(sys.executable).parent / "briefings"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "generator.cli"]

GOOD = GOOD_BRIEFING
BROKEN = {
    "2023/2023-05-14-a.md": GOOD.replace("2023-05-14", "2023-02-30"),
    "2023/2023-05-15-b.md": GOOD.replace("region: Armenia", "region: [Armenia, Armenya]"),
}
ERRORS = [
    ("content/briefings/2023/2023-05-14-a.md", 3, "'date' is not a real date: 2023-02-30",
     "that day does not exist: check the month (01-12) and the day"),
    ("content/briefings/2023/2023-05-15-b.md", 4, "unknown region 'Armenya'",
     "did you mean 'Armenia'?"),
]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A folder holding content/ with two broken briefings; commands run from it."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content, ignore=shutil.ignore_patterns("briefings"))
    for name, text in BROKEN.items():
        (content / "briefings" / name).parent.mkdir(parents=True, exist_ok=True)
        (content / "briefings" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_check_clean_exits_0() -> None:
    result = run("check", "--content", "tests/fixtures/archive", cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout == (
        "tests/fixtures/archive/briefings/notes.txt: warning: not a briefing "
        "(only files ending in '.md' are); ignored (if it is meant as a briefing, rename it to end "
        "in '.md'; otherwise move it out of the briefings folder)\n0 errors, 1 warning: "
        "6 briefings, 1 draft (not published): "
        "tests/fixtures/archive/briefings/2024/2024-03-06-draft-note.md\n")
    assert result.stderr == ""


def test_check_text_lists_every_problem_and_exits_1(broken: Path) -> None:
    result = run("check", cwd=broken)  # --content defaults to content
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/briefings/2023/2023-05-14-a.md:3: error: 'date' is not a real date: 2023-02-30"
        " (that day does not exist: check the month (01-12) and the day)",
        "content/briefings/2023/2023-05-15-b.md:4: error: unknown region 'Armenya' "
        "(did you mean 'Armenia'?)",
        "2 errors, 0 warnings: 2 briefings, no drafts",
    ]
    assert "Traceback" not in result.stderr


def test_check_json_carries_file_and_line(broken: Path) -> None:
    result = run("check", "--format", "json", cwd=broken)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"]) == (2, 0)
    assert [(p["path"], p["line"], p["message"], p["hint"]) for p in report["problems"]] == ERRORS
    assert {p["severity"] for p in report["problems"]} == {"error"}


def test_check_github_annotations_carry_file_and_line(broken: Path) -> None:
    result = run("check", "--format", "github", cwd=broken)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/briefings/2023/2023-05-14-a.md,line=3::"
        "'date' is not a real date: 2023-02-30 (that day does not exist: check the month "
        "(01-12) and the day)",
        "::error file=content/briefings/2023/2023-05-15-b.md,line=4::"
        "unknown region 'Armenya' (did you mean 'Armenia'?)",
    ]


def test_check_clean_in_json_and_github() -> None:
    result = run("check", "--content", "tests/fixtures/archive", "--format", "json", cwd=ROOT)
    assert result.returncode == 0
    assert json.loads(result.stdout)["errors"] == 0
    result = run("check", "--content", "tests/fixtures/archive", "--format", "github", cwd=ROOT)
    assert result.returncode == 0
    assert result.stdout.startswith("::warning file=tests/fixtures/archive/briefings/notes.txt::")


# --- no false "no problems found" ------------------------------------------------------

@pytest.mark.parametrize(("named", "message"), [
    ("content/briefings/2023/2023-05-16-gone.md", "no such file"),
    ("content/../README.md", "check reads only briefings, editorial pages and registries"),
    ("mkdocs.yml", "check reads only briefings, editorial pages and registries"),
])
def test_check_refuses_a_file_it_would_not_read(broken: Path, named: str, message: str) -> None:
    (broken / "README.md").write_text("# notes\n", encoding="utf-8")
    (broken / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = run("check", named, cwd=broken)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{named}: error: {message}")
    assert "no problems found" not in result.stdout + result.stderr


def test_check_accepts_briefings_and_registries_however_spelt(broken: Path) -> None:
    result = run("check", "./content/actors.yml", str(broken / "content" / "regions.yml"),
                 "content/briefings/2023/../2023/2023-05-14-a.md", cwd=broken)
    assert result.returncode == 1, result.stderr
    assert "2023-05-14-a.md:3: error:" in result.stdout


def test_check_reads_an_editorial_page_it_is_named(broken: Path) -> None:
    """``check content/pages/x.md`` checks the page (it was refused as not checkable)."""
    pages = broken / "content" / "pages"
    pages.mkdir()
    (pages / "about.md").write_text("---\ntitle: About\n---\nWho we are.\n", "utf-8")
    (pages / "nul.md").write_text("---\ntitle: Nul\n---\nText.\n", "utf-8")
    result = run("check", "content/pages/about.md", cwd=broken)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("check", "content/pages/nul.md", cwd=broken)
    assert result.returncode == 1
    assert "content/pages/nul.md:1: error: the file name gives the page slug 'nul'" in (
        result.stdout)


def test_a_draft_is_counted_and_annotated_as_unpublished(broken: Path) -> None:
    draft = broken / "content" / "briefings" / "2023" / "2023-05-20-draft.md"
    draft.write_text(GOOD.replace("---\nThe", "draft: true\n---\nThe"), encoding="utf-8")
    for name in BROKEN:
        (broken / "content" / "briefings" / name).unlink()
    text = run("check", cwd=broken)
    assert text.stdout == ("no problems found: 1 briefing, 1 draft (not published): "
                           "content/briefings/2023/2023-05-20-draft.md\n")
    report = json.loads(run("check", "--format", "json", cwd=broken).stdout)
    assert (report["briefings"], report["drafts"]) == (
        1, ["content/briefings/2023/2023-05-20-draft.md"])
    github = run("check", "--format", "github", "content/briefings/2023/2023-05-20-draft.md",
                 cwd=broken)
    assert github.returncode == 0
    assert github.stdout.startswith(
        "::notice file=content/briefings/2023/2023-05-20-draft.md,line=1::this briefing is a "
        "draft (draft: true): it is checked but will not be published")


@pytest.mark.parametrize(("args", "stderr"), [
    (("check", "--content", "no-such-folder"),
     "briefings: error: content folder 'no-such-folder' does not exist\n"),
    (("check", "--content", "README.md"),
     "briefings: error: content folder 'README.md' does not exist\n"),
    (("build", "--content", "no-such-folder"),
     "briefings: error: content folder 'no-such-folder' does not exist\n"),
    (("check", "--format", "xml"), "invalid choice: 'xml'"),
    (("check", "--colour"), "unrecognized arguments: --colour"),
    (("frobnicate",), "invalid choice: 'frobnicate'"),
    ((), "usage: briefings"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], stderr: str) -> None:
    result = run(*args, cwd=ROOT)
    assert result.returncode == 2
    output = result.stderr or result.stdout
    assert output == stderr if stderr.endswith("\n") else stderr in output
    assert "Traceback" not in result.stderr


def test_a_failed_build_leaves_the_previous_site(broken: Path) -> None:
    # Run as `make site` does: from a folder holding mkdocs.yml, the theme and content/.
    shutil.copy(ROOT / "mkdocs.yml", broken / "mkdocs.yml")
    (broken / "theme").symlink_to(ROOT / "theme")
    broken_files = {name: (broken / "content" / "briefings" / name).read_bytes()
                    for name in BROKEN}
    for name in BROKEN:
        (broken / "content" / "briefings" / name).write_text(GOOD, encoding="utf-8")
    (broken / "content" / "briefings" / "2023" / "2023-05-15-b.md").write_text(
        GOOD.replace("2023-05-14", "2023-05-15"), encoding="utf-8")
    built = run("build", cwd=broken)
    assert built.returncode == 0, built.stderr
    assert re.fullmatch(r"built site/\nsite: [0-9.]+ [kM]B in [0-9,]+ files, 0% of GitHub Pages' "
                        r"1\.00 GB\n", built.stdout), built.stdout
    assert (broken / "site" / "briefings" / "a" / "index.html").is_file()
    before = snapshot(broken / "site")

    for name, data in broken_files.items():
        (broken / "content" / "briefings" / name).write_bytes(data)
    failed = run("build", cwd=broken)
    assert failed.returncode == 1
    assert failed.stderr.splitlines()[:2] == [
        "content/briefings/2023/2023-05-14-a.md:3: error: 'date' is not a real date: 2023-02-30"
        " (that day does not exist: check the month (01-12) and the day)",
        "content/briefings/2023/2023-05-15-b.md:4: error: unknown region 'Armenya' "
        "(did you mean 'Armenia'?)",
    ]
    assert snapshot(broken / "site") == before


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
