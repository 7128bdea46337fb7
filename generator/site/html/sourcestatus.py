"""What a reader sees of a source's link beyond the citation: its archived copy where there
is one, and, for a source ``briefings sources`` proved dead or found changed, a note that
says so with the date and points to the copy (``content/sources-state.yml``).

The copy is an ordinary external link, so it works alike on the hosted site, from the
offline zip and in the Kiwix edition (each opens it in the reader's browser when online).
"""

from __future__ import annotations

from generator.content.model import Source
from generator.content.sourcestate import SourceRecord
from generator.site.html import language
from generator.site.html.markup import external, time_tag


def link_state(source: Source, record: SourceRecord | None, lang: str = "en") -> str:
    """HTML to follow a source's citation: nothing, the copy, or a note and the copy. On a
    page in another language (``lang``) the copy's label is in it; the notes are English
    sentences, marked so (a screen reader switches voice)."""
    label = language.text(lang, "archived copy")
    if record is None or (record.dead is None and record.status != "drifted"):
        return f" ({external(source.archive, label)})" if source.archive else ""
    return _note(source, record, language.marked("en", lang))


def _note(source: Source, record: SourceRecord, english: str) -> str:
    copy = external(source.archive, "archived copy") if source.archive else ""
    if record.dead is not None:
        then = time_tag(record.dead)
        rest = (f'; read the {external(source.archive, "archived copy")}' if source.archive
                else "; no archived copy yet")
        return (f' <span{english} class="ba-link-state ba-link-dead">(link reported dead on {then}'
                f'{rest})</span>')
    rest = f"; the {copy} shows it as cited" if copy else ""
    return (f' <span{english} class="ba-link-state ba-link-drifted">(the page has changed since '
            f'it was cited, seen on {time_tag(record.last)}{rest})</span>')
