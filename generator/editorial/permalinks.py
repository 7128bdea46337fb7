"""Permalinks that must not die: `briefings check --since REV` compares the briefings with
git's revision REV (the pull request's base: what is published).

"Published" is defined practically: a briefing is published if its file exists, not as a
draft, in REV. A change that gives such a briefing another slug (a renamed file without
``slug:``, or an edited ``slug:``) is an error on the changed file: its address is printed
under "Cite this briefing" on every page and the README calls it stable. Keeping the old
slug in ``slug:`` is the fix. A deleted published briefing is a warning (deleting may be
meant), so the reviewer sees the address that will stop working.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Archive
from generator.content.problems import Problem

__all__ = ["GitError", "Move", "moves", "permalink_problems", "since", "slug_in"]

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_SLUG_LINE = re.compile(r"^slug:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
_DRAFT_LINE = re.compile(r"^draft:\s*true\b", re.MULTILINE)


class GitError(Exception):
    """git could not answer (not a work tree, an unknown revision): a usage error."""


@dataclass(frozen=True)
class Move:
    """One published briefing's fate since REV: renamed (new path), deleted (new is None),
    or changed in place (old == new)."""

    old: str
    new: str | None
    old_slug: str


def _git(*args: str, cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
                       if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "surrogateescape")


def slug_in(path: str, text: str) -> str:
    """A briefing's slug from its file's text: its 'slug:' line, else its file name."""
    declared = _SLUG_LINE.search(text[:8000])
    return declared.group(1) if declared else _DATE_PREFIX.sub("", Path(path).name[:-3])


def moves(content: Path, since: str) -> list[Move]:
    """Every briefing published in ``since`` that is renamed, deleted or changed since."""
    root = Path(_git("rev-parse", "--show-toplevel", cwd=content).strip())
    prefix = Path(content).resolve().relative_to(root.resolve()).as_posix()
    briefings = f"{prefix}/briefings/" if prefix != "." else "briefings/"
    raw = _git("diff", "--name-status", "-z", "-M", since, "--", briefings, cwd=root)
    fields = [f for f in raw.split("\0") if f]
    found, index = [], 0
    while index + 1 < len(fields):
        letter = fields[index][:1]
        old = fields[index + 1]
        new = fields[index + 2] if letter in "RC" and index + 2 < len(fields) else old
        index += 3 if letter in "RC" else 2
        if letter not in "RDM" or not old.endswith(".md"):
            continue
        text = _git("show", f"{since}:{old}", cwd=root)
        if _DRAFT_LINE.search(text[:8000]):
            continue  # never published
        found.append(Move(_shown(root, old), None if letter == "D" else _shown(root, new),
                          slug_in(old, text)))
    return found


def _shown(root: Path, path: str) -> str:
    """A repository path as messages name files: relative to the working folder."""
    absolute = root / path
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def permalink_problems(archive: Archive, found: list[Move], since: str) -> list[Problem]:
    """An error for each published briefing whose slug changed; a warning for each deleted."""
    current = {b.origin.path: b for b in archive.briefings}
    slugs = {b.slug for b in archive.briefings}
    problems = []
    for move in found:
        address = f"/briefings/{move.old_slug}/"
        if move.new is None:
            if move.old_slug not in slugs:
                problems.append(Problem(move.old, None, f"deleted: the briefing published at "
                                        f"{address} (in {since}) will be gone, and links to "
                                        "it and citations of it will break",
                                        "if it should stay, restore the file", "warning"))
            continue
        briefing = current.get(move.new)
        if briefing is None or briefing.slug == move.old_slug:
            continue
        what = "renamed from " + move.old if move.old != move.new else "its 'slug:' changed"
        problems.append(Problem(move.new, 1, f"{what}: its address would change from "
                                f"{address} to /briefings/{briefing.slug}/, and the old one, "
                                "printed under 'Cite this briefing' and linked from elsewhere, "
                                "would stop working",
                                f"keep the published address: add 'slug: {move.old_slug}' to "
                                "the front matter"))
    return problems


def since(archive: Archive, content: Path, revision: str) -> list[Problem]:
    """``check --since REV``: the permalink problems of ``archive`` against ``revision``."""
    return permalink_problems(archive, moves(content, revision), revision)
