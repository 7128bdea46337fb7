"""The job summary of a pull request's check: what it changes, where it will appear, the preview.

Reads ``git diff --name-status -z`` (what the pull request changes) and the checked
archive, and writes Markdown for GitHub's job summary: each briefing added, changed or
renamed, with its title, date, sources and the pages it will appear on (its own, the home
page while it is among the latest, its actors', its regions' and those above them, the
timeline), where each lies in the preview; each briefing deleted with the address that goes
away; the registries and editorial pages changed (a registry change needs a maintainer's
review); then where to download the preview. A changed file that did not check clean is
listed as such: its problems are the annotations on the pull request.

Every name, title and path is escaped (each ASCII punctuation character backslashed, line
breaks and control characters made spaces), so a file or actor name cannot add links,
images or headings to the summary. Past MAX_LISTED entries a section is counted, not
listed, and the whole stays under LIMIT bytes (GitHub shows no summary over 1 MiB).

Locally, new files need ``git add --intent-to-add`` (or ``git add``) to appear in
``git diff``: ``git add -N content && git diff --name-status -z main | briefings summary``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.content.loading import Loaded
from generator.content.model import Briefing
from generator.site import urls
from generator.site.html.overview import HOME_LATEST
from generator.site.index import Index, build_index

_STATUS = {"A": "added", "M": "changed", "R": "renamed", "C": "copied", "D": "deleted"}
MAX_LISTED = 100  # entries listed per section; past that, counted
MAX_PAGES = 12  # actor and region pages listed per briefing
LIMIT = 1_000_000  # bytes: GitHub shows no job summary over 1 MiB
REGISTRIES = ("actors.yml", "regions.yml")


@dataclass(frozen=True)
class Change:
    """One file of the pull request and what happened to it."""

    status: str  # added, changed, renamed, copied, deleted
    path: str
    old: str | None = None  # a renamed or copied file's path before


def parse_name_status(raw: str) -> list[Change]:
    """``git diff --name-status -z`` output: status, path (and for R and C the new path)."""
    fields = [field for field in raw.split("\0") if field]
    changes, index = [], 0
    while index + 1 < len(fields):
        letter = fields[index][:1]
        step = 3 if letter in ("R", "C") else 2
        if letter in _STATUS and index + step - 1 < len(fields):
            old = fields[index + 1] if step == 3 else None
            changes.append(Change(_STATUS[letter], fields[index + step - 1], old))
        index += step
    return changes


def summary(loaded: Loaded, changes: Iterable[Change], site_url: str, run_url: str | None,
            content: Path, preview_folder: str = "") -> str:
    """The Markdown of the job summary."""
    root = content.as_posix().rstrip("/")
    changes = list(changes)
    briefings = [c for c in changes if c.path.startswith(f"{root}/briefings/")
                 and c.path.endswith(".md") and c.status != "deleted"]
    deleted = [c for c in changes if c.status == "deleted"
               and c.path.startswith(f"{root}/briefings/") and c.path.endswith(".md")]
    registries = [c for c in changes if c.path in {f"{root}/{name}" for name in REGISTRIES}]
    pages = [c for c in changes if c.path.startswith(f"{root}/pages/")]
    lines = ["## Briefings in this pull request", ""]
    if not briefings:
        lines.append("This pull request adds or changes no briefing.")
    lines += _capped([_briefing(loaded, change, site_url, preview_folder)
                      for change in briefings[:MAX_LISTED]], len(briefings), "briefings")
    if deleted:
        lines += ["", "## Briefings deleted", ""]
        lines += _capped([f"- {_plain(c.path)}: its page, {_plain(site_url)}briefings/"
                          f"{_plain(_file_slug(c.path))}/, will be gone"
                          for c in deleted[:MAX_LISTED]], len(deleted), "deletions")
    if registries:
        lines += ["", "## Registries changed: a maintainer reviews these", ""]
        lines += [f"- {_plain(c.path)} ({c.status}): "
                  + ("; ".join(f"{len(entries)} {kind} now" for kind, entries in
                               (("actors", loaded.archive.actors),
                                ("regions", loaded.archive.regions)) if c.path.endswith(
                                    f"{kind}.yml")))
                  for c in registries]
    if pages:
        lines += ["", "## Editorial pages changed", ""]
        lines += _capped([f"- {_plain(c.path)} ({c.status})" for c in pages[:MAX_LISTED]],
                         len(pages), "pages")
    lines += ["", "## The preview", "", _preview(run_url)]
    return _within_limit(lines)


def _briefing(loaded: Loaded, change: Change, site_url: str, folder: str) -> str:
    by_path = {b.origin.path: b for b in loaded.archive.briefings}
    briefing = by_path.get(change.path)
    status = change.status + (f" from {_plain(change.old)}" if change.old else "")
    if briefing is None:
        return (f"- {_plain(change.path)} ({status}): not checked clean yet; its problems "
                "are marked on the changed lines (**Files changed**).")
    sources = ", ".join(_plain(s.name) for s in briefing.sources)
    lines = [f"- **{_plain(briefing.title)}** ({status}, {_plain(change.path)}), dated "
             f"{briefing.date.isoformat()}, from {sources}"]
    if not briefing.draft and folder:
        lines.append(f"  - in the preview: {_plain(folder)}/briefings/"
                     f"{_plain(briefing.slug)}.html")
    published = tuple(b for b in loaded.archive.briefings if not b.draft)
    lines += [f"  - {page}" for page in _pages(loaded, build_index(loaded.archive), briefing,
                                                published, site_url)]
    return "\n".join(lines)


def _capped(entries: list[str], total: int, what: str) -> list[str]:
    return entries + ([f"- and {total - len(entries):,} more {what}"]
                      if total > len(entries) else [])


def _within_limit(lines: list[str]) -> str:
    """The summary, cut (with a note) before it reaches LIMIT bytes."""
    text, size = [], 0
    for line in lines:
        size += len(line.encode("utf-8")) + 1
        if size > LIMIT - 200:
            text.append("\n*The summary stops here: it would pass GitHub's 1 MiB limit. "
                        "The check's annotations list every problem.*")
            break
        text.append(line)
    return "\n".join(text) + "\n"


def _file_slug(path: str) -> str:
    name = Path(path).name[:-3]
    return name[11:] if len(name) > 11 and name[:10].replace("-", "").isdigit() else name


def _pages(loaded: Loaded, index: Index, briefing: Briefing, published: tuple[Briefing, ...],
           site_url: str) -> list[str]:
    if briefing.draft:
        return ["a draft (`draft: true`): it will not be published until that line is deleted"]
    regions = list(dict.fromkeys(r for region in briefing.regions
                                 for r in (region, *index.ancestors(region))))
    pages = [("its page", urls.briefing(briefing.slug))]
    if briefing in published[:HOME_LATEST]:
        pages.append(("the home page, among the latest", ""))
    pages += [(f"actor {_plain(loaded.archive.actors[a].name)}", urls.actor(a))
              for a in briefing.actors[:MAX_PAGES]]
    pages += [(f"region {_plain(loaded.archive.regions[r].name)}", urls.region(r))
              for r in regions[:MAX_PAGES] if r in loaded.archive.regions]
    pages.append(("the timeline", "timeline/"))
    return [f"{label}: <{site_url}{route}>" for label, route in pages]


def _preview(run_url: str | None) -> str:
    where = f"[this run's summary page]({run_url})" if run_url else "this run's summary page"
    return (f"Download **site-preview** under **Artifacts** at the bottom of {where}. Unzip it "
            "and open `index.html` in a browser: it is the whole site with this change, no "
            "server needed.")


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _plain(text: str) -> str:
    """Any name, title or path as Markdown text: every ASCII punctuation character escaped
    (CommonMark allows each), line breaks and control characters made spaces."""
    return "".join(f"\\{c}" if c in _PUNCTUATION else
                   " " if c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                   else c for c in text)
