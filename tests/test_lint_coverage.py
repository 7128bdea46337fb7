"""Lint reads every Python file we ship: ruff's own file list covers generator/, tests/, scripts/.

An exclude pattern without an anchor (``site`` rather than ``./site``) matches every folder
of that name, and ruff then skips it without a word: that hid generator/site/ and tests/site/
for a whole round. The test compares ruff's list with git's list of tracked files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTED = ("generator", "tests", "scripts")
# Folders of test data: files an engine reads, never code we run (none is Python today).
DATA = ("tests/fixtures/", "tests/golden/")
RUFF = Path(sys.executable).parent / "ruff"


def _tracked_python() -> set[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to list the tracked files")
    listed = subprocess.run(["git", "ls-files", "--", *(f"{f}/*.py" for f in LINTED)],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {name for name in listed.split() if not name.startswith(DATA)}


def _not_linted(*ruff_args: str) -> set[str]:
    """Tracked Python files that ``ruff check --show-files`` leaves out."""
    shown = subprocess.run([str(RUFF), "check", "--show-files", *ruff_args, *LINTED],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    linted = {Path(line).resolve().relative_to(ROOT).as_posix()
              for line in shown.splitlines() if line.strip()}
    return _tracked_python() - linted


def test_ruff_reads_every_tracked_python_file() -> None:
    tracked = _tracked_python()
    assert {"generator/site/plan/buildtree.py", "tests/site/test_site.py",
            "scripts/synth.py"} <= tracked
    assert _not_linted() == set()


def test_the_guard_catches_an_excluded_folder() -> None:
    # The pattern that hid generator/site/ and tests/site/ before issue 22.
    missing = _not_linted("--extend-exclude", "site")
    assert "generator/site/plan/buildtree.py" in missing
    assert "tests/site/test_site.py" in missing
    assert not any(name.startswith("scripts/") for name in missing)
