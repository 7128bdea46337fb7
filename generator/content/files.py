"""Which files a content folder holds: briefing files found without recursion (any depth of
folders, bounded), Markdown saved under another extension (an error, never skipped), and how
a file is named in messages."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.content.problems import Problem
from generator.content.syntax import safefile

__all__ = ["MAX_FOLDER_DEPTH", "briefing_files", "display_path", "misplaced", "name_problems",
           "walk"]


def display_path(content: Path, path: Path) -> str:
    """How a file is named in messages: relative to the working folder where possible.

    Not ``resolve()``: a symbolic link must be named as itself, not as its target.
    """
    absolute, folder = os.path.abspath(path), os.path.join(os.getcwd(), "")
    if os.sep == "/" and absolute.startswith(folder):  # the usual case, without Paths
        return absolute[len(folder):]
    try:
        return Path(absolute).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return path.as_posix()


def briefing_files(content: Path, problems: list[Problem]) -> list[str]:
    """Every ``*.md`` file under ``briefings/``, sorted; anything else is warned about."""
    root = content / "briefings"
    if root.is_symlink():  # os.walk would read whatever folder it points to
        problems.append(Problem(display_path(content, root), None,
                                "symbolic links are not allowed in content",
                                "replace the link with the folder itself"))
        return []
    if not root.is_dir():
        problems.append(Problem(display_path(content, root), None,
                                "the briefings folder is missing", "create content/briefings/"))
        return []
    found = []
    for folder, files in walk(root, problems, content):
        for name in files:
            if name.endswith(".md"):
                found.append(os.path.join(folder, name))  # a str: 16,000 Paths cost 0.2 s
            else:
                problems.append(_not_a_briefing(content, Path(folder) / name))
    return found


def misplaced(content: Path) -> list[Problem]:
    """Briefings saved beside the registries (``content/talks.md``): never read, so never
    published; an error, where a pull request would pass with nothing published."""
    try:
        names = sorted(entry.name for entry in os.scandir(content) if entry.name.endswith(
            (".md", ".markdown")) and entry.is_file(follow_symlinks=False))
    except OSError:
        return []
    return [Problem(display_path(content, content / name), None, "a briefing saved in the "
                    "content folder itself is not read, so it would not be published",
                    f"move it to {content.as_posix()}/briefings/ (a year folder such as "
                    f"briefings/2023/ keeps them sorted)")
            for name in names[:100] if _starts_with_front_matter(content / name)]


# What a briefing's file and folder names may hold: they go into its "Suggest a correction"
# link's URL as they are, and must name one file on every system (no '%2e%2e' sending the
# link to another repository, no '#' or '?' opening another file, no non-ASCII twins that
# NFC and NFD tell apart on Linux and not on macOS).
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def name_problems(content: Path, files: list[str]) -> list[Problem]:
    """Briefing files whose path below ``briefings/`` holds a name outside _SAFE_NAME, or
    that differ from an earlier one only in letter case (one file on macOS and Windows).

    Plain strings for the usual case of nothing wrong: a file is named for a message only
    when there is one (naming each of 16,000 took a second of a rebuild)."""
    root = os.path.join(str(content / "briefings"), "")
    safe_path = _SAFE_PATH if os.sep == "/" else None  # every name at once, where it can
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in files:
        relative = path[len(root):] if path.startswith(root) else os.path.basename(path)
        if safe_path is None or not safe_path.match(relative):
            bad = [part for part in relative.split(os.sep) if not _SAFE_NAME.match(part)]
            if bad:
                problems.append(Problem(display_path(content, Path(path)), None,
                                        f"the name '{bad[0][:80]}' may use only letters a-z "
                                        "and A-Z, digits, '.', '_' and '-' (it goes into the "
                                        "page's edit link, and must name one file on every "
                                        "system)", "rename it, e.g. 2023-05-14-talks.md"))
                continue
        twin = seen.setdefault(relative.casefold(), path)
        if twin != path:
            problems.append(Problem(display_path(content, Path(path)), None,
                                    f"differs from {display_path(content, Path(twin))} only "
                                    "in letter case: on macOS and Windows the two are one file",
                                    "rename one of them"))
    return problems[:200]


MAX_FOLDER_DEPTH = 32  # folders below briefings/ (2023/05/... needs three)


def walk(root: Path, problems: list[Problem] | None = None, content: Path | None = None
         ) -> list[tuple[str, list[str]]]:
    """Every folder under ``root`` with its files, both sorted, without recursion (os.walk
    recursed once per level: a deep enough tree ended in RecursionError). Symbolic links to
    folders and folders more than MAX_FOLDER_DEPTH levels down are reported, not entered."""
    found, stack = [], [(str(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue  # removed meanwhile, or unreadable: os.walk skipped it too
        found.append((folder, [e.name for e in entries if not _is_folder(e)]))
        for entry in reversed([e for e in entries if _is_folder(e)]):
            shown = display_path(content or root, Path(entry.path))
            if entry.is_symlink() and problems is not None:
                problems.append(Problem(shown, None, "symbolic links are not allowed in content"))
            elif depth >= MAX_FOLDER_DEPTH and problems is not None:
                problems.append(Problem(shown, None, f"folders are nested more than "
                                        f"{MAX_FOLDER_DEPTH} levels deep here; not read",
                                        "move its briefings nearer the top"))
            elif not entry.is_symlink() and depth < MAX_FOLDER_DEPTH:
                stack.append((entry.path, depth + 1))
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts: it is reported, not followed
    except OSError:
        return False


# Markdown written under another extension: meant as a briefing, so never silently skipped.
_MARKDOWN_LIKE = re.compile(r"^(?P<stem>.+?)\.(?:md|markdown|mdown|mkdn?|mdwn|mdte?xt)"
                            r"(?:\.txt)?$", re.IGNORECASE)


def _not_a_briefing(content: Path, path: Path) -> Problem:
    """A file under briefings/ that is not read: an error where it was meant as a briefing
    (a Markdown extension spelt otherwise, or a name without an extension or ending in .txt
    holding text that starts with front matter: `2023-05-14-talks`), else a warning."""
    shown = display_path(content, path)
    meant = _MARKDOWN_LIKE.match(path.name)
    sniffed = path.suffix.lower() in ("", ".txt", ".text")  # not a backup: x.md.bak, x.md~
    if meant is None and sniffed and _starts_with_front_matter(path):
        meant = re.match(r"^(?P<stem>.+?)(?:\.te?xt)?$", path.name, re.IGNORECASE)
    if meant is None:
        return Problem(shown, None, "not a briefing (only files ending in '.md' are); ignored",
                       "if it is meant as a briefing, rename it to end in '.md'; otherwise "
                       "move it out of the briefings folder", severity="warning")
    new_name = f"{meant.group('stem')}.md"
    return Problem(shown, None, "a briefing must end in '.md' (lower case); this file is not "
                   "read, so it would not be published", f"rename it to {new_name}")


def _starts_with_front_matter(path: Path) -> bool:
    """Whether the file starts with '---'; read through the one safe reader, so a FIFO or a
    link to /dev/zero among the briefings is never opened for reading."""
    try:
        head = safefile.read_head(path, 8)
    except safefile.Refused:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"---")
