"""Lint reads every Python file we ship: ruff's own file list covers generator/, tests/, scripts/.

An exclude pattern without an anchor (``site`` rather than ``./site``) matches every folder
of that name, and ruff then skips it without a word: that hid generator/site/ and tests/site/
for a whole round. The test compares ruff's list with git's list of tracked files.
"""

from __future__ import annotations

import json
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


def _tracked(*patterns: str) -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to list the tracked files")
    return subprocess.run(["git", "ls-files", "--", *patterns], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.split()


def _tracked_python() -> set[str]:
    tracked = _tracked(*(f"{folder}/*.py" for folder in LINTED))
    return {name for name in tracked if not name.startswith(DATA)}


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


ESLINT = ROOT / "node_modules" / ".bin" / "eslint"
# Third-party code kept byte for byte (eslint.config.js says why): never linted.
VENDORED_JS = ("theme/assets/javascripts/iframe-worker/", "theme/assets/javascripts/csp/")


def test_eslint_reads_every_tracked_script_but_the_vendored_ones() -> None:
    if not ESLINT.exists():
        pytest.skip("ESLint is not installed: make lint installs it (npm ci)")
    tracked = _tracked("*.js")
    report = subprocess.run([str(ESLINT), "--format", "json"], cwd=ROOT, capture_output=True,
                            text=True, check=False, timeout=300)
    assert report.returncode in (0, 1), report.stderr  # 1: findings, which make lint reports
    linted = {Path(entry["filePath"]).relative_to(ROOT).as_posix()
              for entry in json.loads(report.stdout)}
    ours = {name for name in tracked if not name.startswith(VENDORED_JS)}
    assert {"theme/assets/javascripts/search-core.js", "generator/engine/preview_client.js",
            "eslint.config.js"} <= ours
    assert ours - linted == set()
    assert not any(name.startswith(VENDORED_JS) for name in linted)
