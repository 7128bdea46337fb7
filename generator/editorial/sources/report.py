"""What a run tells editors: its summary, and the sources proven dead that no briefing has
an archived copy of, oldest death first."""

from __future__ import annotations

from generator.content.model import Archive
from generator.content.sourcestate import SourceRecord, dead_without_copy
from generator.editorial.sources.run import Outcome, citations


def dead_report(archive: Archive, records: dict[str, SourceRecord]) -> str:
    """Markdown: each dead source without a copy, when it was proven dead, who cites it."""
    cited = citations(archive)
    archived = {url for url, places in cited.items()
                if any(c.source.url == url and c.source.archive for c in places)}
    dead = [r for r in dead_without_copy(records, archived) if r.url in cited]
    if not dead:
        return "No dead source is without an archived copy.\n"
    lines = [f"## Dead sources without an archived copy ({len(dead)}), oldest first\n"]
    for record in dead:
        files = sorted({c.file for c in cited[record.url] if c.source.url == record.url})
        found = f"; a Wayback copy was found: {record.snapshot}" if record.snapshot else \
            "; no Wayback copy"
        lines.append(f"- dead since {record.dead}: <{record.url}> (last check: "
                     f"{record.history[-1] if record.history else record.status}{found}); "
                     f"cited in {', '.join(f'`{f}`' for f in files)}")
    return "\n".join(lines) + "\n"


def summary(outcome: Outcome, budget: float) -> str:
    """Markdown for the terminal and the weekly pull request."""
    lines = [f"Checked {outcome.checked} of {outcome.due} sources due in "
             f"{outcome.seconds:.0f} s (budget {budget:.0f} s); {outcome.left} left for the "
             "next run.",
             f"Wayback lookups: {outcome.looked}, copies found: {outcome.found}; "
             f"captures requested: {len(outcome.saved)}."]
    if outcome.newly_dead:
        lines.append(f"Newly dead ({len(outcome.newly_dead)}): "
                     + ", ".join(f"<{url}>" for url in outcome.newly_dead))
    verb = "written into" if outcome.written else "proposed for"
    lines.append(f"`archive:` {verb} {outcome.proposed} source(s)"
                 + (f" in {len(outcome.written)} file(s)." if outcome.written else "."))
    lines += [f"Not edited: {reason}" for reason in outcome.refused]
    return "\n\n".join(lines) + "\n"
