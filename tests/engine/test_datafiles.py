"""The build tree's data files go into a rendered site as hard links (engine/datafiles.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.engine import datafiles
from generator.engine.engines import EngineError
from generator.site.tree import Tree


def _tree(root: Path) -> Tree:
    tree = Tree(root / "docs", root / "data")
    for path, text in {"index.md": "page", "feed.xml": "feed", "cite/a.bib": "bib",
                       "search/shards/0.js": "shard"}.items():
        target = Path(tree.file(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return tree


def test_every_data_file_is_linked_at_its_own_path_and_no_page(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    assert sorted(tree.data_files()) == ["cite/a.bib", "feed.xml", "search/shards/0.js"]
    site = tmp_path / "site"
    site.mkdir()
    assert datafiles.link_all(tree, site) == 3
    for path in tree.data_files():
        assert (site / path).samefile(tree.file(path))
    assert not (site / "index.md").exists()


def test_a_data_file_where_the_engine_wrote_a_file_is_refused(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    site = tmp_path / "site"
    (site / "cite").mkdir(parents=True)
    (site / "cite" / "a.bib").write_text("the engine's", "utf-8")
    with pytest.raises(EngineError, match=re.escape("'cite/a.bib'")):
        datafiles.link_all(tree, site)
    assert (site / "cite" / "a.bib").read_text("utf-8") == "the engine's"
