"""Loaded briefings kept between builds, so that after an edit only touched files are read.

Reading a briefing (strict YAML, Markdown, sanitising, checks) is most of a build's
loading time; an archive of 16,000 briefings takes many seconds even when one file
changed. Each file's result (the briefing and its problems) is kept under its file
status (type, size, modification time, inode). The whole cache is dropped when anything
else that shapes every result changes: the registries, the day (dates may not lie in
the future), or the generator's own code; so the registries' own result is kept with it.
The cache is a pickle in the build folder, sealed with this machine's key (see
content.syntax.sealed): one this machine did not write, such as a committed one, is never
unpickled. It is never shipped.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.content.model import Briefing
from generator.content.problems import Problem
from generator.content.syntax.sealed import read_sealed, write_sealed

Signature = tuple[int, int, int, int]
Entry = tuple[Signature, Briefing | None, tuple[Problem, ...]]
Result = tuple[Briefing | None, list[Problem]]
_CODE = Path(__file__).resolve().parents[1]  # the generator package


def signature(path: str) -> Signature | None:
    """What changes whenever a file's bytes do: its type, size, time and inode."""
    try:
        stat = os.lstat(path)
    except OSError:
        return None
    return (stat.st_mode, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def context_of(content: Path, today: date) -> str:
    """A digest of what every briefing's result depends on besides its own file."""
    # The working folder too: messages name files relative to it.
    digest = hashlib.sha256(f"{today.isoformat()} {Path.cwd()}".encode())
    for registry in ("actors.yml", "regions.yml"):
        path = content / registry
        digest.update(path.read_bytes() if path.is_file() else b"-")
    digest.update(code_digest().encode())
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """A digest of the generator's own code (read once per process)."""
    digest = hashlib.sha256()
    for module in sorted(_CODE.rglob("*.py")):
        digest.update(module.relative_to(_CODE).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


@dataclass
class BriefingCache:
    """Per-file results of the last load, valid for one context."""

    path: Path | None  # None: keep nothing
    context: str
    entries: dict[str, Entry] = field(default_factory=dict)
    used: dict[str, Entry] = field(default_factory=dict)
    kept_registries: Any = None  # what reading the registries gave in this context
    registries_read: bool = False  # read by this load, so not in the file yet

    @classmethod
    def disabled(cls) -> BriefingCache:
        """A cache that keeps nothing (``briefings check``, tests)."""
        return cls(None, "")

    @classmethod
    def open(cls, path: Path, content: Path, today: date) -> BriefingCache:
        """The cache at ``path`` if it was made in the same context, else an empty one."""
        context = context_of(content, today)
        # Sealed (content.syntax.sealed): a file this machine did not write is never
        # unpickled. The context is stored first; a broken or foreign file is a miss.
        found = read_sealed(path)
        if found is None or len(found) != 3 or found[0] != context:
            return cls(path, context)
        _, registries, entries = found
        return cls(path, context, entries, kept_registries=registries)

    def reopen(self, content: Path, today: date) -> BriefingCache:
        """This cache for the next load in the same process, without reading its file: what
        the last load used (the file is read only if the context changed meanwhile)."""
        context = context_of(content, today)
        if self.path is None or context != self.context:
            return BriefingCache.open(self.path, content, today) if self.path else self
        return BriefingCache(self.path, context, self.used or self.entries,
                             kept_registries=self.kept_registries)

    def registries(self, read: Callable[[], Any]) -> Any:
        """What ``read`` (reading the registries) gives: kept from the last load, if any."""
        if self.kept_registries is None:
            self.kept_registries, self.registries_read = read(), True
        return self.kept_registries

    def load_many(self, files: list[str], read: Callable[[list[str]], list[Result]]
                  ) -> list[Result]:
        """Results for ``files`` in order: kept ones where unchanged, ``read``'s for the rest."""
        before = {file: signature(file) for file in files}  # taken before reading
        results: dict[str, Result] = {}
        for file in files:
            entry = self.entries.get(file)
            if before[file] is not None and entry is not None and entry[0] == before[file]:
                self.used[file] = entry
                results[file] = (entry[1], list(entry[2]))
        missing = [file for file in files if file not in results]
        for file, result in zip(missing, read(missing), strict=True):
            results[file] = result
            signed = before[file]
            if signed is not None:  # an edit while reading gives a new status: a miss
                self.used[file] = (signed, result[0], tuple(result[1]))
        return [results[file] for file in files]

    def save(self) -> None:
        """Write the entries used by this load (files gone since are dropped), atomically."""
        if self.path is None or (self.used == self.entries and not self.registries_read):
            return
        write_sealed(self.path, [self.context, self.kept_registries, self.used])
