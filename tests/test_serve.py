"""The live preview's watcher survives what editors leave in the content folder."""

from __future__ import annotations

import os
from pathlib import Path

from generator.serve import _snapshot


def test_snapshot_skips_dangling_links_of_editors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "gone", tmp_path / ".#a.md")  # how Emacs marks a file being edited
    names = [Path(entry[0]).name for entry in _snapshot(tmp_path)]
    assert names == [".#a.md", "a.md"]
