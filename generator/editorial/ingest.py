"""`briefings ingest`: a saved article page (copied text or HTML) -> a draft briefing.

The journey: read the page; take the article apart from the page's furniture
(ingest_text for copied text, ingest_html with trafilatura for HTML); read what
the page says about itself (ingest_facts: date, outlet, site, address); find the
registry actors and regions the article names (names) and the names the
registries lack (unknown_names); then write a draft that the editor finishes.

The draft never reprints the article: its body is left empty, and the cleaned
article text goes into the front matter as comments between two marker lines,
for writing the summary from. `briefings check` reports the draft (no summary,
and the article text still there; a date or address the page did not give) until
the editor has done that work. Nothing is guessed: a date without a year on the
page is no date, and an outlet or address the page does not state is left out.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from generator.content.loading import load_registries
from generator.content.placeholders import ARTICLE_END, ARTICLE_START
from generator.content.problems import ContentError, Problem
from generator.content.registries import NameIndex
from generator.content.schema import BRIEFING_FIELDS, SOURCE_FIELDS
from generator.content.syntax import safefile
from generator.content.syntax.fields import FieldError
from generator.content.syntax.slugs import slug_problem
from generator.content.syntax.yamlstrict import Located
from generator.editorial.ingest_facts import Facts, Markup, dateline, gather
from generator.editorial.ingest_html import read_html
from generator.editorial.ingest_text import analyse, is_headline, lines_of
from generator.editorial.known_names import Found, NameFinder
from generator.editorial.newbriefing import (
    briefing_path,
    compose,
    display_name,
    refuse_taken,
    slugify,
    write_new_file,
)
from generator.editorial.pagesignals import bylines, headlines, outlets, titleproof
from generator.editorial.pagesignals.pageencoding import decode_page
from generator.editorial.unknown_names import candidates

PAGE_MAX_BYTES = 8 * 1024 * 1024
BRIEFING_FIELDS_BY_KEY = tuple((f.key, f.parse) for f in BRIEFING_FIELDS)
SOURCE_FIELDS_BY_KEY = tuple((f.key, f.parse) for f in SOURCE_FIELDS)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|article|div|p)[\s>]", re.I)


@dataclass(frozen=True)
class Draft:
    """What ingest found in one page; ids are registry ids, in order of first mention."""

    title: str | None
    facts: Facts
    actors: tuple[str, ...]
    regions: tuple[str, ...]
    unknown_names: tuple[str, ...]
    article: tuple[str, ...]
    title_candidates: tuple[str, ...] = ()  # the page's titles, where they disagree
    title_refused: str | None = None  # the line taken for the title, where it reads as none


@dataclass(frozen=True)
class Ingested:
    """The draft written, and what the editor still has to do before it checks clean."""

    path: Path
    todo: tuple[str, ...]


def ingest_file(page: Path, content: Path, events_date: date | None = None,
                today: date | None = None, published: date | None = None) -> Ingested:
    """Read ``page``, write a draft under ``content/briefings/``, and say what is left to do.

    ``events_date`` (``--date``) sets the draft's ``date``, ``published`` (``--published``)
    its ``source.published``; each, where not given, is the date the page states, or left
    to fill in.
    """
    regions, actors, _ = load_registries(content)
    draft = draft_from_page(read_page(page), NameFinder(actors, regions), today or date.today())
    if published is not None:
        draft = replace(draft, facts=replace(draft.facts, published=published))
    day = events_date or draft.facts.published
    slug = slugify(draft.title or page.stem)
    if slug_problem(slug):  # a title that is 'Con' or 'Index': a slug check would refuse
        slug = f"{slug}-briefing"
    path = briefing_path(content, day, slug)
    refuse_taken(content, path, slug)
    fields, fill_in = _fields(draft, day, NameIndex.build("actor", actors),
                              NameIndex.build("region", regions))
    notes = _notes(page, draft)
    write_new_file(path, compose(fields, "", draft_line="draft: true", notes=notes,
                                 fill_in=fill_in), content)
    return Ingested(path, _todo(draft, day, fill_in, path))


def read_page(path: Path) -> str:
    """The page as text, in the encoding it declares (pageencoding); ContentError if unreadable
    (read through the one safe reader: no links, FIFOs or devices, at most PAGE_MAX_BYTES)."""
    return decode_page(read_page_bytes(path))


def read_page_bytes(path: Path) -> bytes:
    """The saved page's bytes, through the one safe reader; ContentError if refused."""
    try:
        return safefile.read_limited(path, PAGE_MAX_BYTES)
    except safefile.Refused as refused:
        message, hint = refused.message, refused.hint
        if refused.size is not None:
            message, hint = (f"the page is larger than {PAGE_MAX_BYTES:,} bytes",
                             "save only the article")
        message = message.replace(" in content", "").replace("the file", "the page")
        raise ContentError([Problem(path.as_posix(), None, message, hint)]) from None


def draft_from_page(text: str, finder: NameFinder, today: date) -> Draft:
    """Everything a draft needs, from the page's text (copied text or HTML)."""
    html = bool(_HTML.search(text[:4000]))
    if html:
        page, markup = read_html(text)
    else:
        page, markup = analyse(text), Markup()
    near = (*page.header, *page.furniture, *page.tail, *([page.title] if page.title else []))
    facts = carried(issuer_agrees(gather(page, markup, today, finder.organisation),
                                  bylines.publisher(_fields_laid_out(near,
                                                                     lines_of(text)[:60]))))
    paragraphs = [text for text in (one_line(unicodedata.normalize("NFC", p), 1_000_000)
                                    for p in page.body) if text]
    title = one_line(unicodedata.normalize("NFC", page.title), 100_000) if page.title else None
    copied = [] if html else lines_of(text)
    refused = title if title and (titleproof.refused(title) or titleproof.under_a_label(
        title, copied)) else None
    if refused:  # a caption, a byline or a wrapped paragraph's line stands where titles do
        above = copied[max(0, copied.index(refused) - 8):copied.index(refused)] \
            if refused in copied else []
        page = replace(page, title_candidates=titleproof.candidates(
            (*above, *page.header), is_headline))
        title = None
    elif title and copied:  # copied text: a heading printed on two lines
        title = titleproof.joined_heading(title, copied)
    if title and title.casefold() in {n.casefold() for n in (facts.name, facts.via) if n}:
        page = replace(page, title_candidates=(title,))  # the site's own name: its masthead
        title = None
    if title and headlines.contradicted_by_address(title, facts.url):
        page = replace(page, title_candidates=(title,))  # no word of it in the address's words
        title = None
    if refused and titleproof.prose_piece(refused):
        paragraphs.insert(0, refused)  # a line of the article's text: it stays the article's
    joined, offsets, skip = _article_text(title, paragraphs)
    found: Found = finder.find(joined, skip)
    known = [*skip, *((m.start, m.end) for m in found.mentions)]
    unknown = candidates(paragraphs, known, offsets[1:])
    return Draft(_shorten(title), facts, found.actors, found.regions, tuple(unknown),
                 tuple(paragraphs), page.title_candidates, refused)


def _fields_laid_out(near: tuple[str, ...], top: list[str]) -> list[str]:
    """The lines around the article, each field's label with the line under it as the top
    of the page lays them out (the title taken may be a field's value)."""
    pairs = [f"{label} {value}" for label, value in pairwise(top)
             if bylines.is_field_label(label)]
    return [*pairs, *near]


def carried(facts: Facts) -> Facts:
    """No aggregator's or newsstand's name as the outlet (`outlets.Outlet.carries_others`:
    MSN, Yahoo News, PressReader): its pages carry others' reports, so where the page names
    no original the outlet is left to the editor, the site quoted as the carrier."""
    known = outlets.by_name(facts.name or "")
    if known is None or not known.carries_others or facts.via:
        return facts
    return replace(facts, name=None, carrier=facts.name)


def issuer_agrees(facts: Facts, issuer: str | None) -> Facts:
    """The outlet, unless a "From:" or "Published by" field names another body (a ministry
    on a government's platform, a unit on its parent's site): then neither is sure, and
    both are quoted for the editor."""
    if not issuer or not facts.name or outlets.canonical(issuer) == facts.name or \
            outlets.same_organisation(issuer, facts.name) or \
            issuer.casefold() in {n.casefold() for n in (facts.name, facts.via) if n}:
        return facts
    return replace(facts, name=None, via=None,
                   outlet_candidates=tuple(dict.fromkeys((issuer, facts.name, *(
                       [facts.via] if facts.via else [])))))


def _article_text(title: str | None, paragraphs: list[str]
                  ) -> tuple[str, list[int], list[tuple[int, int]]]:
    """Title and paragraphs joined; where each starts; spans not to read names in."""
    pieces = [title or "", *paragraphs]
    offsets, position = [], 0
    for piece in pieces:
        offsets.append(position)
        position += len(piece) + 2
    joined = "\n\n".join(pieces)
    skip = [(start, end) for _, start, end in outlets.mentions(joined)]
    for paragraph, offset in zip(paragraphs, offsets[1:], strict=True):
        length = dateline(paragraph)[0]
        if length:
            skip.append((offset, offset + length))  # where the reporter was, not the story
    return joined, offsets, skip


def one_line(text: str, limit: int) -> str:
    """Text safe on one comment or YAML line: control characters and line separators become
    spaces, white space is collapsed, and the text is cut to ``limit`` characters."""
    plain_text = " ".join(_CONTROL.sub(" ", text).split())
    return plain_text if len(plain_text) <= limit else plain_text[: limit - 1] + "…"


def _shorten(title: str | None, limit: int = 200) -> str | None:
    if title is None or len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _fields(draft: Draft, day: date | None, actors: NameIndex[Any], regions: NameIndex[Any]
            ) -> tuple[dict[str, Any], dict[str, str]]:
    facts = draft.facts
    fields: dict[str, Any] = {
        "title": draft.title, "date": day,
        "region": [display_name(regions, r) for r in draft.regions] or None,
        "actors": [display_name(actors, a) for a in draft.actors] or None,
        "source": {"name": facts.name, "url": facts.url, "published": facts.published,
                   "author": facts.author, "via": facts.via}}
    refused = _refuse_bad_values(fields)
    fill_in = {
        "title": _title_hint(draft.title_candidates, draft.title_refused),
        "date": _date_hint(facts), "region": "no region of regions.yml is named; add one",
        "actors": "no actor of actors.yml is named; add at least one",
        "source.name": _outlet_hint(facts),
        "source.published": "YYYY-MM-DD, the day the report was published; the page does not "
                            "say (delete this line if the report gives no date)",
        "source.url": "the page does not include its address; paste it here"}
    fill_in.update(refused)
    return fields, {key: hint for key, hint in fill_in.items() if _missing(fields, key)}


_PAGE_VALUES = {"title": dict(BRIEFING_FIELDS_BY_KEY)["title"],
                **{f"source.{key}": parse for key, parse in SOURCE_FIELDS_BY_KEY
                   if key in ("name", "url", "author", "via")}}


def _refuse_bad_values(fields: dict[str, Any]) -> dict[str, str]:
    """Each text the page gave, checked by the parser `briefings new` and `check` use.

    A value the parser refuses (an address with user info or a backslash, a text too long,
    with invisible or control characters) is left out, and its FILL IN says why.
    """
    reasons: dict[str, str] = {}
    for key, parse in _PAGE_VALUES.items():
        holder, name = (fields["source"], key[7:]) if key.startswith("source.") else (fields, key)
        value = holder.get(name)
        if value is None:
            continue
        try:
            holder[name] = parse(Located(value, 0), key)
        except FieldError as error:
            holder[name] = None
            reasons[key] = one_line(f"the page's value was refused: {error.message}"
                                    + (f" ({error.hint})" if error.hint else ""), 300)
    return reasons


def _missing(fields: dict[str, Any], key: str) -> bool:
    if key.startswith("source."):
        return fields["source"].get(key[7:]) is None
    return fields.get(key) is None


def _title_hint(candidates: tuple[str, ...], refused: str | None = None) -> str:
    shown = "; ".join(f'"{one_line(title, 120)}"' for title in candidates)
    if refused:
        return (f'"{one_line(refused, 120)}" stands where the title does but reads as a '
                "caption, a byline, a field's value or a line of a paragraph" + (
                    f"; lines near it that could be the headline: {shown}" if shown else "")
                + ": write the headline")
    if candidates:
        shown = "; ".join(f'"{one_line(title, 120)}"' for title in candidates)
        return f"the page states titles that disagree ({shown}): write the headline"
    return "the page's title was not found; write the headline"


def _outlet_hint(facts: Facts) -> str:
    if facts.carrier:
        return (f"the outlet that wrote the report: the page is {one_line(facts.carrier, 80)}'s, "
                "which carries other outlets' reports, and names no original (write it here, "
                f"and 'via: {one_line(facts.carrier, 80)}')")
    if facts.outlet_unmapped:
        return (f"the outlet that published the report; the page names it only as "
                f"\"{one_line(facts.outlet_unmapped, 80)}\": write the name briefings use for "
                "it, in Latin letters")
    if len(facts.outlet_candidates) == 1:
        return (f"the outlet that published the report; the page credits "
                f"\"{one_line(facts.outlet_candidates[0], 80)}\", which nothing else on it "
                "confirms: write the outlet's name")
    if facts.outlet_candidates:
        shown = "; ".join(one_line(name, 80) for name in facts.outlet_candidates)
        return f"the outlet that published the report; the page credits several ({shown})"
    if facts.site_candidates:
        shown = "; ".join(f'"{one_line(name, 80)}"' for name in facts.site_candidates)
        return (f"the outlet that published the report; the page names itself {shown}, "
                "which nothing else on it confirms: write the outlet's usual name")
    return "the outlet that published the report"


def _date_hint(facts: Facts) -> str:
    if facts.date_candidates:
        shown = ", ".join(day.isoformat() for day in facts.date_candidates)
        return f"YYYY-MM-DD; the page's date stamps disagree ({shown}): choose the right one"
    if facts.partial_date:
        return (f"YYYY-MM-DD; the page says \"{facts.partial_date}\" without a year, and "
                "the year is never guessed")
    return "YYYY-MM-DD; the page gives no complete date"


def _notes(page: Path, draft: Draft) -> list[str]:
    """The comment block: provenance, names to consider, and the article to summarise."""
    notes = [f"# Drafted by `briefings ingest` from {one_line(page.name, 120)}: check every "
             "value above against the article.",
             "# Keep under 'region' the most specific places that apply, and under 'actors' "
             "those who acted."]
    if draft.unknown_names:
        notes.append("# Names in the article that the registries lack (add them to actors.yml "
                     "or regions.yml if they matter):")
        notes += textwrap.wrap(", ".join(draft.unknown_names), 96, initial_indent="#   ",
                               subsequent_indent="#   ")
    if not draft.article:
        return notes
    notes.append(f"{ARTICLE_START}, for writing the summary in your own words; delete "
                 "everything down to END OF ARTICLE TEXT before publishing >>>")
    for number, paragraph in enumerate(draft.article):
        if number:
            notes.append("#")
        notes += textwrap.wrap(paragraph, 96, initial_indent="# ", subsequent_indent="# ")
    notes.append(f"{ARTICLE_END} <<<")
    return notes


def _todo(draft: Draft, day: date | None, fill_in: dict[str, str], path: Path) -> tuple[str, ...]:
    """What `briefings check` will hold against the draft, in the editor's words."""
    todo = [f"fill in '{key}': {hint}" for key, hint in fill_in.items()]
    if day is None:
        todo.append(f"then move the file to briefings/YYYY/YYYY-MM-DD-{path.stem}.md")
    todo.append("write the summary in your own words below the front matter")
    if draft.article:
        todo.append("delete the article text block (it must never be published)")
    todo.append("check the proposed title, regions and actors, then delete 'draft: true'")
    return tuple(todo)
