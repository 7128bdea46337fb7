"""The build tree's data files into a rendered site, as hard links.

The engine lists and renders only the tree's pages (site/tree.py): MkDocs keeps a record
of every file in the folder it lists, in each of its rendering processes, and at 100,000
briefings 300,000 of the tree's 428,000 files are data files it would only copy (citation
files, feeds, search pieces, exports). After the render each goes into the site at its
own path as a hard link to the tree's file: one link, not a file created and written
again. The tree never changes a file in place (site/plan/buildtree.py replaces it), so a
site's linked file keeps its bytes until that site is replaced. A file system that cannot
link gets a copy.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.engine.engines import EngineError
from generator.site.tree import Tree


def link_all(tree: Tree, site: Path) -> int:
    """Put every data file of ``tree`` into the freshly rendered ``site``; returns how many.

    Raises EngineError for a data file at a path the engine wrote a file to (a theme's
    template, an asset): the site would hold one of them at random.
    """
    return link(tree, tree.data_files(), site)


def link(tree: Tree, paths: Iterable[str], site: Path) -> int:
    """Put the data files ``paths`` of ``tree`` into ``site`` (see :func:`link_all`)."""
    made: set[str] = set()
    count = 0
    for path in paths:
        target = os.path.join(site, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if os.path.lexists(target):
            raise EngineError(f"the data file '{path}' of the build tree is also a file the "
                              "engine writes (a theme template or asset of that name?): "
                              "rename one of them")
        source = tree.file(path)
        try:
            os.link(source, target)
        except OSError:  # another file system
            shutil.copyfile(source, target)
        count += 1
    return count
