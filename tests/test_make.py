"""The Makefile's entry points, read from `make -n` (what make would run, in its order).

`make lint` is ruff, then mypy, then ESLint; `make test` lints, installs Debian's chromium
and kiwix-tools when missing, then runs every test; `make test-fast` needs no Debian package.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")


def dry_run(target: str) -> str:
    """The commands `make TARGET` would run, as if nothing were installed yet (-B)."""
    result = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                            text=True, check=True, timeout=60)
    return result.stdout


def test_lint_runs_ruff_then_mypy_then_eslint_on_pinned_packages() -> None:
    commands = dry_run("lint")
    order = [commands.index(tool) for tool in (".venv/bin/ruff check generator tests scripts",
                                               ".venv/bin/mypy", "node_modules/.bin/eslint")]
    assert order == sorted(order)
    assert "npm ci" in commands  # exactly what package-lock.json pins, installed when missing
    assert "--max-warnings 0" in commands


def test_test_lints_first_and_installs_the_browser_and_kiwix() -> None:
    commands = dry_run("test")
    assert commands.index(".venv/bin/mypy") < commands.index(".venv/bin/pytest -q")
    assert "chromium" in commands and "kiwix-tools" in commands
    assert '-m "not' not in commands  # every test, browser and Kiwix ones included
    assert ".venv/bin/pytest -q -n auto" in commands  # one test process per core


def test_test_fast_needs_no_debian_package() -> None:
    commands = dry_run("test-fast")
    assert "apt-get" not in commands
    assert '.venv/bin/pytest -q -m "not browser and not kiwix"' in commands


def test_node_modules_and_the_editions_are_not_tracked() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "node_modules/" in ignored
    assert {"*.zip", "*.zim"} <= set(ignored)


def test_the_editions_have_one_default_name_in_the_makefile_and_docs() -> None:
    """The names the Downloads page gives the editions, and no other (issue 22)."""
    zip_name, zim_name = "briefing-archive-offline.zip", "briefing-archive.zim"
    assert f"bundle --output {zip_name}" in dry_run("bundle")
    assert f"zim --output {zim_name}" in dry_run("zim")
    assert f"{zip_name} {zim_name}" in dry_run("clean")
    for doc in ("README.md", "docs/content-format.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert f"bundle --output {zip_name}" in text and f"zim --output {zim_name}" in text, doc
    for stale in ("site-offline.zip", "briefings-offline.zip", "site.zim"):
        for doc in ("Makefile", "README.md", "CONTRIBUTING.md", "docs/content-format.md",
                    ".gitignore"):
            assert stale not in (ROOT / doc).read_text(encoding="utf-8"), (doc, stale)
