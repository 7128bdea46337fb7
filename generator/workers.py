"""The parallel-work policy: when a build uses a second process, for what share, and how.

A build runs on two cores where it can. Three of its phases give part of their work to one
second process, the *helper*, and do the rest themselves meanwhile:

- **loading** (``content/loading.py``): the helper reads and checks a share of the
  briefing files; its results come back and are put in path order;
- **planning** (``site/plan/buildtree.py``): the helper plans a share of the briefing pages
  and writes them into the build tree itself (only their routes come back, as
  :class:`HelperPage`), then makes the feeds, exports and search index (a rebuild after an
  edit, with no page helper, makes those in a helper of their own). It is always forked
  (``start="fork"``), even while the preview's server threads run: it starts from the
  whole index, which a spawned process would have to be sent, and it only plans and writes
  files, taking no lock another thread could hold (as before this module). One fork, not
  two: each fork makes its own copy of every memory page of the archive it reads (at
  100,000 briefings the exports' fork held 1.2 GB so, beside the page planner's 0.6 GB);
- **rendering** (``engine/render.py`` and the hook): the helper renders a share of the
  briefing pages into a folder of its own, which are then moved into the site.

``build --downloads`` uses the same mechanism twice more (``editions/downloads.py``): one
helper writes the ZIM (libzim, one worker thread), another the offline zip, while the build
renders the site beside them.

One mechanism for all of them, :class:`Helper`: a function run in one other process, its
value sent back through a pipe. By default it is **forked** when the build runs no other
thread (it then starts at once, with everything the build holds) and **spawned** otherwise,
because a fork of a threaded process can deadlock (the preview server builds from a
thread); that is how loading and the editions' writers start theirs. Planning always forks (see
above). Rendering always asks for a fresh (spawned) process: it starts while the build
still holds the whole plan in memory (hundreds of MB at 16,000 briefings), which a fork
would keep alive in the helper after the build frees it, and the engine's modules (MkDocs
or ProperDocs, which cannot share a process, see engine/engines.py) load there as in any
render.

One rule picks the helper's items, :meth:`Split.helper_takes`: a stable share of the
items by the CRC-32 of their path (a briefing's file in ``content/`` when loading, its page
in the build tree, ``briefings/<slug>.md``, when planning and rendering), so the same
briefings go to the same process build after build. Below a size (:attr:`Split.worth_from`)
starting a process costs more than it saves, and on one core it is never worth it.

The three splits keep their own figures because they share different work, each measured
(BENCHMARKS.md): the loading helper takes half of the files (the build process also saves
the cache); the planning helper 45% of the briefing pages and then the exports (the build
plans every other page meanwhile, the region pages with their maps the largest part of it:
at 16,000 briefings planning took 14 s with 45%, 19 s with 55%, 26 s with 85%); the
rendering helper 65% (the
build renders the navigation, overview, actor and region pages meanwhile). None of the
figures changes a byte of the output: the site is the same whichever process made a page
(tested).

Imports nothing else of the generator: every layer may use it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
Start = Literal["auto", "fork", "spawn"]  # how a helper starts (see Helper)


class HelperFailed(RuntimeError):
    """The second process could not start, failed, or stopped before sending its value."""


@dataclass(frozen=True)
class Split:
    """How one phase shares its items with a helper: from how many, and which ones."""

    phase: str
    worth_from: int  # items; below, a second process costs more than it saves
    helper_share: int  # percent of the items the helper takes

    def worth(self, items: int) -> bool:
        """Whether ``items`` are enough for a second process (and there is a second core)."""
        return items >= self.worth_from and (os.cpu_count() or 1) >= 2

    def helper_takes(self, path: str) -> bool:
        """Whether the helper takes the item of this path (stable, by CRC-32)."""
        return zlib.crc32(path.encode()) % 100 < self.helper_share


LOADING = Split("loading", worth_from=1000, helper_share=50)
PLANNING = Split("planning", worth_from=1500, helper_share=45)
RENDERING = Split("rendering", worth_from=1500, helper_share=65)


def briefing_path(slug: str) -> str:
    """A briefing page's path in the build tree: the key the splits pick briefings by."""
    return f"briefings/{slug}.md"


@dataclass(frozen=True)
class HelperPage:
    """A briefing page the planning helper made and wrote into the tree itself."""

    slug: str
    route: str
    lastmod: date | None
    path: str  # in the build tree
    changed: bool  # whether its bytes differ from the file the tree held


class Helper(Generic[T]):
    """``function()`` running in a second process; :meth:`result` waits for its value.

    ``start``: "auto" forks when this process runs no other thread and spawns otherwise;
    "spawn" asks for a fresh process, "fork" for one with all this process holds. A spawned
    helper's ``function`` must pickle (a module-level function or a ``functools.partial``
    of one). Only the value travels back.
    """

    def __init__(self, function: Callable[[], T], *, start: Start = "auto") -> None:
        alone = threading.active_count() == 1
        self.method = start if start != "auto" else "fork" if alone else "spawn"
        context: Any = multiprocessing.get_context(self.method)
        self._connection, theirs = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(theirs, function), daemon=True)
        try:
            self._process.start()
        except Exception as error:  # cannot start here, or the function does not pickle
            self._connection.close()
            raise HelperFailed(f"a second process could not start: {error}") from error
        finally:
            theirs.close()

    def result(self) -> T:
        """The function's value. Raises what the function raised (when it pickles), or
        HelperFailed if the process died or its error does not travel."""
        try:
            status, value = self._connection.recv()
        except (EOFError, OSError):
            status, value = "error", "the process stopped"
        finally:
            self.stop()
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if isinstance(value, BaseException):
            raise value
        raise HelperFailed(f"the second process failed: {value}")

    def running(self) -> bool:
        """Whether the second process is still there (working, or not yet collected)."""
        return bool(self._process.is_alive())

    def stop(self) -> None:
        """End the process: wait for one that has sent its value, kill one still working."""
        self._connection.close()
        if self._process.is_alive():
            self._process.join(timeout=0.5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _run(connection: Any, function: Callable[[], Any]) -> None:
    try:
        connection.send(("ok", function()))
    except BaseException as error:  # raised again in the build
        try:
            connection.send(("error", error))
        except Exception:  # an error that does not pickle travels as text
            connection.send(("error", repr(error)))
    finally:
        connection.close()
