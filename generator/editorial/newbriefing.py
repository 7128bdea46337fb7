"""`briefings new`: a correctly named briefing file that `briefings check` passes.

Every option is checked by the same parsers and name resolution the loader uses,
all problems are reported together, and nothing is written unless all is well.
The file goes to ``briefings/<YYYY>/<YYYY-MM-DD>-<slug>.md``; an existing file or
a slug already in use is never overwritten. The body is a placeholder and the
briefing is marked ``draft: true`` until the editor has written the summary.
Also here: the small writers of YAML values and file names that ingest shares.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import frontmatter as python_frontmatter

from generator.content.files import walk
from generator.content.frontmatter import StrictYAMLHandler, split
from generator.content.loading import load_registries
from generator.content.placeholders import PLACEHOLDER
from generator.content.problems import ContentError, Problem
from generator.content.registries import NameIndex, name_key
from generator.content.schema import BRIEFING_FIELDS
from generator.content.syntax import safefile
from generator.content.syntax.fields import FieldError, Named, parse_mapping, text, url
from generator.content.syntax.slugs import slug_problem
from generator.content.syntax.yamlstrict import Located, plain

DRAFT_LINE = "draft: true  # delete this line once the summary below is written"
_YAML_SPECIAL = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|[\x00-\x1f\x7f]|\s$")
_FLOW_SPECIAL = re.compile(r"[,\[\]{}]")
_NOT_TEXT = re.compile(r"^(?:~|null|true|false|yes|no|on|off|[-+]?[0-9][0-9_.:eE+-]*)$",
                       re.IGNORECASE)
_SLUG_SPAN = 60
# Latin letters that NFKD does not take apart into an ASCII letter and a mark.
_NO_DECOMPOSITION = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ß": "ss", "ø": "o", "Ø": "o",
                                   "æ": "ae", "Æ": "ae", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l"})
_SLUG_TAIL = frozenset(("a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the",
                        "to", "with"))


def create_briefing(args: argparse.Namespace) -> Path:
    """Write the briefing the options describe and return its path; ContentError if invalid."""
    content = Path(args.content)
    problems: list[Problem] = []
    fields = _checked_fields(args, problems)
    regions, actors, registry_problems = load_registries(content)
    region_index, actor_index = NameIndex.build("region", regions), NameIndex.build("actor", actors)
    fields["region"] = _resolve("--region", args.region, region_index, actor_index, problems)
    fields["actors"] = _resolve("--actor", args.actor, actor_index, region_index, problems)
    slug = args.slug or slugify(args.title)
    if problems:
        raise ContentError(problems + [p for p in registry_problems if p.is_error])
    path = briefing_path(content, fields["date"], slug)
    refuse_taken(content, path, slug)
    write_new_file(path, compose(fields, PLACEHOLDER, draft_line=DRAFT_LINE), content)
    return path


def _checked_fields(args: argparse.Namespace, problems: list[Problem]) -> dict[str, Any]:
    source = {"name": _option("--source-name", text(200), args.source_name, problems),
              "url": _option("--source-url", url, args.source_url, problems),
              "via": _option("--source-via", text(200), args.source_via, problems),
              "published": args.source_published}
    tags = [_option("--tag", text(100), tag, problems) for tag in args.tag]
    if args.slug is not None:
        problems += slug_problems("--slug", args.slug, "for example blinken-calls-pashinyan")
    elif args.title is not None:
        problems += slug_problems("--title", slugify(args.title), "give --slug",
                                  made_from="the title")
    if args.date > date.today() + timedelta(days=1):
        problems.append(Problem("--date", None, f"the date {args.date} lies in the future",
                                "use the day the events happened"))
    return {"title": _option("--title", text(200), args.title, problems), "date": args.date,
            "source": source, "tags": [t for t in tags if t]}


def slug_problems(option: str, slug: str, hint: str, made_from: str | None = None
                  ) -> list[Problem]:
    """A slug `new` would write, checked by the project's one slug rule (syntax.slugs), so a
    file it writes is never one `check` refuses; ``made_from`` names where a derived slug
    came from (the title)."""
    fault = slug_problem(slug)
    if fault is None:
        return []
    shown = slug[:100]
    if made_from is not None:
        return [Problem(option, None, f"{made_from} gives the slug '{shown}', which "
                        f"{fault.reason}", hint)]
    return [Problem(option, None, f"'{shown}' {fault.reason}", hint)]


def _option(option: str, parse: Any, value: str | None, problems: list[Problem]) -> Any:
    """One option's value checked by a schema parser; None (and a problem) if it fails."""
    if value is None:
        return None
    try:
        return parse(Located(value, 0), option)
    except FieldError as error:
        problems.append(Problem(option, None, error.message, error.hint))
        return None


def _resolve(option: str, written: Iterable[str], index: NameIndex[Any],
             elsewhere: NameIndex[Any], problems: list[Problem]) -> list[str]:
    """Each name resolved (errors collected), then shown by its registry name."""
    ids: list[str] = []
    for name in written:
        try:
            found = index.resolve(Named(name.strip(), 0), elsewhere)
        except FieldError as error:
            problems.append(Problem(option, None, error.message, error.hint))
            continue
        if found not in ids:
            ids.append(found)
    return [display_name(index, found) for found in ids]


def display_name(index: NameIndex[Any], entry_id: str) -> str:
    """The registry name of an entry where it names only that entry, else its id."""
    name = str(index.entries[entry_id].name)
    return name if index.keys.get(name_key(name)) == (entry_id,) else entry_id


# --- file names and places -----------------------------------------------------------------

def slugify(title: str) -> str:
    """A URL slug from a title: ASCII letters and digits joined by '-', at most ~60 long."""
    latin = title.translate(_NO_DECOMPOSITION)
    ascii_title = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > _SLUG_SPAN:
            break
        slug = f"{slug}-{word}" if slug else word[:_SLUG_SPAN]
    while slug.count("-") and slug.rsplit("-", 1)[1] in _SLUG_TAIL:
        slug = slug.rsplit("-", 1)[0]  # no slug ends in "-and" or "-of"
    return slug or "briefing"


def briefing_path(content: Path, day: date | None, slug: str) -> Path:
    """Where a briefing belongs; undated drafts wait in ``briefings/drafts/``."""
    if day is None:
        return content / "briefings" / "drafts" / f"{slug}.md"
    return content / "briefings" / f"{day.year:04d}" / f"{day.isoformat()}-{slug}.md"


def refuse_taken(content: Path, path: Path, slug: str) -> None:
    """ContentError if the file exists or another briefing already uses the slug."""
    shown = path.as_posix()
    if path.exists():
        raise ContentError([Problem(shown, None, "the file already exists; it was left as it was",
                                    "choose another title or give --slug")])
    other = existing_slugs(content).get(slug)
    if other is not None:
        raise ContentError([Problem(shown, None, f"the slug '{slug}' is already used by "
                                    f"{other.as_posix()}", "give a different --slug")])


def existing_slugs(content: Path) -> dict[str, Path]:
    """The slug of every briefing file: its 'slug:' line, else its file name."""
    found: dict[str, Path] = {}
    # Not rglob: it recurses once per folder level (walk does not).
    files = [Path(folder) / name for folder, names in walk(content / "briefings")
             for name in names if name.endswith(".md")]
    for path in sorted(files):
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.name[:-3])
        try:  # a link or a FIFO is refused by check; here it is not read
            head = safefile.read_head(path, 4000).decode("utf-8", errors="replace")
        except safefile.Refused:
            continue
        declared = re.search(r"^slug:\s*['\"]?([a-z0-9-]+)", head, re.MULTILINE)
        found.setdefault(declared.group(1) if declared else slug, path)
    return found


def write_new_file(path: Path, content_text: str, content: Path | None = None) -> None:
    """Create the file; never replace one (a race with another writer also fails), never
    write through a symbolic link among the folders below ``content`` (`check` refuses
    links, so a committed ``briefings/2019 -> ../../elsewhere`` must not decide where a
    new file goes)."""
    if content is not None:
        refuse_links(content, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(content_text)
    except FileExistsError:
        raise ContentError([Problem(path.as_posix(), None, "the file already exists; it was "
                                    "left as it was")]) from None


def refuse_links(content: Path, path: Path) -> None:
    """ContentError if a folder below ``content`` on the way to ``path``, or ``path`` itself,
    is a symbolic link, or if one of those folders is a file."""
    relative = path.relative_to(content)
    for folder in [*(content / part for part in reversed(relative.parents[:-1])), path]:
        if folder.is_symlink():
            raise ContentError([Problem(folder.as_posix(), None, "is a symbolic link; "
                                        "nothing was written through it",
                                        "replace the link with the folder itself, as "
                                        "`briefings check` requires")])
        if folder != path and folder.exists() and not folder.is_dir():
            raise ContentError([Problem(folder.as_posix(), None, "is a file, not a folder; "
                                        "nothing was written", "move the file away")])


# --- writing front matter ----------------------------------------------------------------

def yaml_text(value: str, *, in_list: bool = False) -> str:
    """A YAML scalar that reads back as exactly this text (plain where safe, else quoted)."""
    if (not value or _YAML_SPECIAL.search(value) or _NOT_TEXT.match(value)
            or (in_list and _FLOW_SPECIAL.search(value))):
        return json.dumps(value, ensure_ascii=False)
    return value


def yaml_list(values: Iterable[str]) -> str:
    """A YAML flow list of texts: ``[A, "B, C"]``."""
    return "[" + ", ".join(yaml_text(v, in_list=True) for v in values) + "]"


def compose(fields: Mapping[str, Any], body: str, *, draft_line: str | None = None,
            notes: Iterable[str] = (), fill_in: Mapping[str, str] | None = None) -> str:
    """A briefing file: front matter in the contract's order, then the body.

    A key missing from ``fields`` but named in ``fill_in`` is written as a comment
    saying what to fill in; `briefings check` reports the key missing until then.
    """
    todo = fill_in or {}
    lines = ["---"]
    for key in ("title", "date", "region", "actors"):
        lines += _entry(key, fields.get(key), todo.get(key), "")
    source = [line for key in ("name", "url", "published", "author", "via")
              for line in _entry(key, fields["source"].get(key), todo.get(f"source.{key}"), "  ")]
    if any(not line.lstrip().startswith("#") for line in source):
        lines += ["source:", *source]
    else:  # nothing known: the whole mapping is a comment until filled in
        todo = {**todo, "source": "the report's outlet and address"}
        lines += ["# source:   <- FILL IN: the report's outlet and address",
                  *(f"#{line.replace('# ', '', 1)}" for line in source)]
    lines += _entry("tags", fields.get("tags") or None, None, "")
    lines += [draft_line] if draft_line else []
    lines += [*notes, "---", body, ""]
    composed = "\n".join(lines)
    _assert_reads_back(composed, todo)
    return composed


def _entry(key: str, value: Any, todo: str | None, indent: str) -> list[str]:
    """One front-matter line, a FILL IN comment in its place, or nothing."""
    if value is None:
        return [f"{indent}# {key}:   <- FILL IN: {todo}"] if todo else []
    if isinstance(value, date):
        return [f"{indent}{key}: {value.isoformat()}"]
    if isinstance(value, list) and len(value) > 3:  # one per line: easy to prune
        return [f"{indent}{key}:", *(f"{indent}  - {yaml_text(v)}" for v in value)]
    if isinstance(value, list):
        return [f"{indent}{key}: {yaml_list(value)}"]
    return [f"{indent}{key}: {yaml_text(str(value))}"]


def _assert_reads_back(composed: str, todo: Mapping[str, str]) -> None:
    """The file must parse as written; a failure here is a bug in this module."""
    parts = split(composed)
    assert isinstance(parts.meta.value, dict)
    # Tools built on python-frontmatter must read the same keys from what we write.
    read_by_others = python_frontmatter.loads(composed, handler=StrictYAMLHandler())
    if read_by_others.metadata != plain(parts.meta):
        raise AssertionError("python-frontmatter reads other front matter than we wrote")
    _, errors = parse_mapping(parts.meta.value, BRIEFING_FIELDS, 1)
    left_out = {f"missing required key '{key}'" for key in todo}
    unexpected = [e.message for e in errors if e.message not in left_out]
    if unexpected:
        raise AssertionError(f"wrote invalid front matter: {unexpected[0]}")
