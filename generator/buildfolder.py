"""The build folder's files, named in one place: ``.build/`` by default.

Nothing in it is published; deleting it only makes the next build a cold one. A build
keeps one tree per edition (the Markdown pages the engine renders, with what the next
build compares against), the cache of loaded files shared by every edition, the sizes of
the last site's folders (the host report's), and the lock that keeps two builds out of
each other's way. The preview (``briefings serve``) keeps
its own build folder inside this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.site.edition import Edition
from generator.site.tree import Tree

__all__ = ["DEFAULT", "BuildFolder"]

DEFAULT = Path(".build")
_TREES = {Edition.HOSTED: "tree", Edition.OFFLINE: "tree-offline", Edition.KIWIX: "tree-kiwix"}


@dataclass(frozen=True)
class BuildFolder:
    root: Path = DEFAULT

    @property
    def cache(self) -> Path:
        """Each content file's checked result, between builds (content/loadcache.py)."""
        return self.root / "briefings.cache"

    @property
    def lock(self) -> Path:
        return self.root / "build.lock"

    @property
    def site_sizes(self) -> Path:
        """The size of each folder of the site last built, for the host report
        (engine/hosts.py)."""
        return self.root / "site-sizes.json"

    @property
    def preview(self) -> Path:
        """``briefings serve``'s own build folder."""
        return self.root / "serve"

    def tree(self, edition: Edition) -> Path:
        """The edition's tree: ``docs/`` (the pages), ``data/`` (the data files, see
        site/tree.py) and what its last build left."""
        return self.root / _TREES[edition]

    def docs(self, edition: Edition) -> Path:
        """The pages of the edition's tree: the folder the engine lists and renders."""
        return self.tree(edition) / "docs"

    def files(self, edition: Edition) -> Tree:
        """The edition's tree as the build writes and the engine reads it."""
        return Tree(self.docs(edition), self.tree(edition) / "data")

    def plan_state(self, edition: Edition) -> Path:
        """What the last build planned (site/plan/increment.py)."""
        return self.tree(edition) / "plan.state"

    def pieces(self, edition: Edition) -> Path:
        """Pieces of the last plan kept for the next (site/plan/buildtree.py)."""
        return self.tree(edition) / "pieces.pickle"

    def render_stamp(self, edition: Edition) -> Path:
        """Which engine setup rendered the site from this tree last."""
        return self.tree(edition) / "rendered.stamp"
