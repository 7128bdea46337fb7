"""The build tree's two folders: the pages the engine renders, and the data files it does not.

A tree path (``briefings/<slug>.md``, ``cite/<slug>.bib``, ``feed.xml``) names one output.
The Markdown pages go into ``pages``, the folder the engine lists and renders; every other
output (citation files, feeds, search pieces, exports, the sitemap, the finder's data, the
downloads) into ``data``, which the engine never lists: it links those files into the site
after the render (engine/datafiles.py). At 100,000 briefings the data files are 300,000
of the tree's 428,000 files, and MkDocs kept a record of every file it listed, in each of
its two rendering processes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIX = ".md"  # what the engine renders (MkDocs' documentation pages)


def is_page(path: str) -> bool:
    """Whether the tree path is a page the engine renders (else a data file it links)."""
    return path.endswith(PAGE_SUFFIX)


@dataclass(frozen=True)
class Tree:
    """Where a build tree's files are: ``pages`` (the engine's ``docs_dir``) and ``data``."""

    pages: Path
    data: Path

    def folder(self, path: str) -> Path:
        """The folder that holds the tree path ``path``."""
        return self.pages if is_page(path) else self.data

    def file(self, path: str) -> str:
        """The tree path ``path`` on disk."""
        return os.path.join(self.folder(path), path)

    def data_files(self) -> Iterator[str]:
        """Every data file's tree path ('/'-separated), sorted folder by folder."""
        root = str(self.data)
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if relative == "." else relative + "/"
            yield from (prefix + name for name in sorted(names))

    def write(self, path: str, content: bytes, made: set[str]) -> bool:
        """Write one file of the tree unless it already holds these bytes; True if written.
        A changed file is replaced, never rewritten in place: the site holds the tree's data
        files as hard links (engine/datafiles.py), which keep their bytes until that site is
        replaced. ``made``: the folders known to exist (filled in here)."""
        target = self.file(path)
        try:
            if os.stat(target).st_size == len(content):
                with open(target, "rb") as handle:
                    if handle.read() == content:
                        return False
            os.unlink(target)
        except FileNotFoundError:
            pass
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        # Not atomic: the tree is the build's own, and a file a crash left half-written
        # differs from its plan, so the next build writes (and renders) it again.
        with open(target, "wb") as handle:
            handle.write(content)
        return True
