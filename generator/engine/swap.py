"""Putting a rendered site in place: the atomic swap of a whole site, the journal of renames
a partial render carries out (finished by the next build if one stops halfway), and the lock
that keeps two builds into one place from interleaving. Knows no engine."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.engine import sitedir

__all__ = ["finish_journal", "journal_path", "lock_path", "locked", "swap", "umask",
           "write_journal"]


def journal_path(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.journal"


def lock_path(site_dir: Path) -> Path:
    """The lock renders into ``site_dir`` take turns by, beside it."""
    return site_dir.parent / f".{site_dir.name}.lock"


def write_journal(journal: Path, moves: list[tuple[str, str]], gone: list[str],
                   work: Path) -> None:
    temporary = journal.with_name(journal.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"moves": moves, "gone": gone, "work": str(work)}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, journal)


def finish_journal(site_dir: Path) -> None:
    """Carry out the renames a partial render listed and did not finish (see render_paths)."""
    journal = journal_path(site_dir)
    try:
        plan = json.loads(journal.read_text("utf-8"))
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)
        return
    for source, target in plan["moves"]:
        if os.path.exists(source):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)
    for target in plan["gone"]:
        if os.path.lexists(target):
            os.unlink(target)
            folder = os.path.dirname(target)
            if folder != str(site_dir) and not os.listdir(folder):
                os.rmdir(folder)
    journal.unlink()
    shutil.rmtree(plan["work"], ignore_errors=True)


def swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with renames (each atomic on one filesystem)."""
    if not sitedir.replaceable(site_dir):  # the build checked; this is the last line
        raise sitedir.SiteDirError(f"'{site_dir}' is not a site this tool built; it was left "
                                   "alone")
    retired = None
    if site_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, retired / "site")
    os.rename(staging, site_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock so two builds into one place run one after the other."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
