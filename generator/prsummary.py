"""The job summary of a pull request's check: its briefings, where they will appear, the preview.

Reads ``git diff --name-status -z`` (what the pull request changes) and the checked
archive, and writes Markdown for GitHub's job summary: each briefing added or changed,
with its title and the pages it will appear on (its own, the home page while it is among
the latest, its actors', its regions' and those of the regions above them, the
timeline), then where to download the preview. A changed file that did not check clean
is listed as such: its problems are the annotations on the pull request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.content.loading import Loaded
from generator.content.model import Briefing
from generator.site import urls
from generator.site.html.overview import HOME_LATEST
from generator.site.index import Index, build_index

_STATUS = {"A": "added", "M": "changed", "R": "renamed", "C": "copied"}


@dataclass(frozen=True)
class Change:
    """One file of the pull request and what happened to it."""

    status: str  # added, changed, renamed, copied
    path: str


def parse_name_status(raw: str) -> list[Change]:
    """``git diff --name-status -z`` output: status, path (and for R and C the new path)."""
    fields = [field for field in raw.split("\0") if field]
    changes, index = [], 0
    while index + 1 < len(fields):
        letter = fields[index][:1]
        step = 3 if letter in ("R", "C") else 2
        if letter in _STATUS and index + step - 1 < len(fields):
            changes.append(Change(_STATUS[letter], fields[index + step - 1]))
        index += step
    return changes


def summary(loaded: Loaded, changes: Iterable[Change], site_url: str, run_url: str | None,
            content: Path) -> str:
    """The Markdown of the job summary."""
    prefix = f"{content.as_posix().rstrip('/')}/briefings/"
    wanted = [c for c in changes if c.path.startswith(prefix) and c.path.endswith(".md")]
    by_path = {b.origin.path: b for b in loaded.archive.briefings}
    lines = ["## Briefings in this pull request", ""]
    if not wanted:
        lines.append("This pull request adds or changes no briefing.")
    published = tuple(b for b in loaded.archive.briefings if not b.draft)
    index = build_index(loaded.archive)
    for change in wanted:
        briefing = by_path.get(change.path)
        if briefing is None:
            lines.append(f"- `{change.path}` ({change.status}): not checked clean yet; its "
                         "problems are marked on the changed lines (**Files changed**).")
            continue
        lines.append(f"- **{_plain(briefing.title)}** ({change.status}, `{change.path}`)")
        lines += [f"  - {page}" for page in _pages(loaded, index, briefing, published,
                                                    site_url)]
    lines += ["", "## The preview", "", _preview(run_url)]
    return "\n".join(lines) + "\n"


def _pages(loaded: Loaded, index: Index, briefing: Briefing, published: tuple[Briefing, ...],
           site_url: str) -> list[str]:
    if briefing.draft:
        return ["a draft (`draft: true`): it will not be published until that line is deleted"]
    regions = list(dict.fromkeys(r for region in briefing.regions
                                 for r in (region, *index.ancestors(region))))
    pages = [("its page", urls.briefing(briefing.slug))]
    if briefing in published[:HOME_LATEST]:
        pages.append(("the home page, among the latest", ""))
    pages += [(f"actor {loaded.archive.actors[a].name}", urls.actor(a)) for a in briefing.actors]
    pages += [(f"region {loaded.archive.regions[r].name}", urls.region(r)) for r in regions
              if r in loaded.archive.regions]
    pages.append(("the timeline", "timeline/"))
    return [f"{label}: <{site_url}{route}>" for label, route in pages]


def _preview(run_url: str | None) -> str:
    where = f"[this run's summary page]({run_url})" if run_url else "this run's summary page"
    return (f"Download **site-preview** under **Artifacts** at the bottom of {where}. Unzip it "
            "and open `index.html` in a browser: it is the whole site with this change, no "
            "server needed.")


def _plain(text: str) -> str:
    """A title as Markdown text: characters that would format it are escaped."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
