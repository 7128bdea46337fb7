"""What a reader sees of a source's link beyond the citation: its archived copy where there
is one, and, for a source ``briefings sources`` proved dead or found changed, a note that
says so with the date and points to the copy (``content/sources-state.yml``).

The copy is an ordinary external link, so it works alike on the hosted site, from the
offline zip and in the Kiwix edition (each opens it in the reader's browser when online).
"""

from __future__ import annotations

from generator.content.model import Source
from generator.content.sourcestate import SourceRecord
from generator.site.html.markup import external, time_tag


def link_state(source: Source, record: SourceRecord | None) -> str:
    """HTML to follow a source's citation: nothing, the copy, or a note and the copy."""
    copy = external(source.archive, "archived copy") if source.archive else ""
    if record is not None and record.dead is not None:
        then = time_tag(record.dead)
        rest = (f'; read the {external(source.archive, "archived copy")}' if source.archive
                else "; no archived copy yet")
        return (f' <span class="ba-link-state ba-link-dead">(link reported dead on {then}'
                f'{rest})</span>')
    if record is not None and record.status == "drifted":
        rest = f"; the {copy} shows it as cited" if copy else ""
        return (f' <span class="ba-link-state ba-link-drifted">(the page has changed since '
                f'it was cited, seen on {time_tag(record.last)}{rest})</span>')
    return f" ({copy})" if copy else ""
