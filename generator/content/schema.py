"""The front-matter and registry schemas, declared as tables of fields (their kinds and
how a table runs over a mapping: content/syntax/fields.py)."""

from __future__ import annotations

import re
from typing import Any

from generator.content.model import ACTOR_KINDS, REGION_KINDS
from generator.content.syntax.fields import (
    Field,
    FieldError,
    Parser,
    _show,
    _text,
    bbox,
    boolean,
    identifier,
    iso_date,
    list_safe,
    mapping_or_list,
    markdown_text,
    names,
    one_of,
    point,
    region_reference,
    text,
    text_list,
    url,
)
from generator.content.syntax.languages import language_tag, names_by_language
from generator.content.syntax.yamlstrict import Located

# --- corrections and editorial pages ---------------------------------------------------

# A sentence: a few words ending in a full stop, question or exclamation mark (a closing
# quote or bracket may follow).
_SENTENCE = re.compile(r"\w+(?:\W+\w+){2,}.*[.!?][\"'”’)\]]*\Z", re.DOTALL)


def sentence_text(item: Located, key: str) -> str:
    """Plain text of at least one whole sentence (a correction says what was wrong)."""
    value = _text(item, f"'{key}'", 2000)
    if not _SENTENCE.match(value):
        raise FieldError(f"'{key}' must be at least one whole sentence, not {_show(value)}",
                         item.line, "say what was wrong and what is right, ending with '.'")
    return value


CORRECTION_FIELDS = (
    Field("date", iso_date, True, "the day the correction was made, YYYY-MM-DD"),
    Field("text", sentence_text, True, "what was wrong and what is right, plain text"),
)


def corrections(item: Located, key: str) -> tuple[dict[str, Any], ...]:
    """A list of corrections, each a mapping of CORRECTION_FIELDS."""
    if not isinstance(item.value, list):
        raise FieldError(f"'{key}' must be a list of mappings with 'date' and 'text'",
                         item.line, "for example: [{date: 2024-03-02, text: ...}]")
    if not item.value:
        return ()
    return mapping_or_list(CORRECTION_FIELDS)(item, key)  # type: ignore[no-any-return]


def nav_order(item: Located, key: str) -> int:
    """A whole number that orders editorial pages in the navigation."""
    value = item.value
    if isinstance(value, bool) or not isinstance(value, int) or not -1000 <= value <= 1000:
        raise FieldError(f"'{key}' must be a whole number from -1000 to 1000, not "
                         f"{_show(item.value)}", item.line, "for example 10")
    return value


# --- the tables --------------------------------------------------------------------------

SOURCE_FIELDS = (
    Field("name", list_safe(text(200)), True, "the outlet that published the report"),
    Field("url", url, True, "the report's http or https address"),
    Field("published", iso_date, False, "the day the report was published, YYYY-MM-DD"),
    Field("author", text(200), False, "the report's author"),
    Field("via", text(200), False, "the outlet that republished (syndicated) the report"),
    Field("archive", url, False, "the address of an archived copy"),
)

BRIEFING_FIELDS = (
    Field("title", text(200), True, "the editor's headline, 1-200 characters"),
    Field("date", iso_date, True, "the day the events happened, YYYY-MM-DD"),
    Field("region", names("[Armenia, Azerbaijan]", allow_single=True), True,
          "region ids, names or aliases from regions.yml: the most specific that applies"),
    Field("actors", names("[Nikol Pashinyan, CSTO]", allow_single=True), True,
          "an actor id, name or alias from actors.yml, or a list of them"),
    Field("source", mapping_or_list(SOURCE_FIELDS), True,
          "the reports summarised: name, url, and optionally published, author, via, archive"),
    Field("tags", list_safe(text_list("[diplomacy, blockade]")), False, "free topical tags"),
    Field("summary", text(500), False, "one-sentence lede; defaults to the first paragraph"),
    Field("slug", identifier, False, "stable URL slug; defaults to the file name"),
    Field("draft", boolean, False, "true keeps the briefing out of the published site"),
    Field("updated", iso_date, False,
          "the day the briefing was last materially revised, YYYY-MM-DD"),
    Field("corrections", corrections, False,
          "published corrections: a list of mappings with date and text"),
    Field("lang", language_tag, False,
          "the briefing's language, a BCP 47 tag (ar, ru); defaults to the site's"),
    Field("translation_of", identifier, False,
          "the slug of the briefing this one translates (the original, not a translation)"),
)



def pattern(regex: str, example: str) -> Parser:
    compiled = re.compile(regex)
    def parse(item: Located, key: str) -> str:
        if not isinstance(item.value, str) or not compiled.fullmatch(item.value):
            raise FieldError(f"'{key}' has the wrong form: {_show(item.value)}", item.line,
                             f"for example {example}")
        return item.value
    return parse


ACTOR_FIELDS = (
    Field("id", identifier, True, "unique id, a-z 0-9 and '-'"),
    Field("name", text(200), True, "display name"),
    Field("kind", one_of(ACTOR_KINDS), True, "one of " + ", ".join(ACTOR_KINDS)),
    Field("aliases", text_list("[Nikol Pashinian, Pashinian]"), False,
          "other names and spellings editors meet"),
    Field("names", names_by_language, False,
          "the name in other languages, by language tag: {ru: ..., ar: ...}"),
    Field("country", region_reference, False, "a region id, name or alias from regions.yml"),
    Field("role", text(200), False, "office or role, e.g. Prime Minister of Armenia"),
    Field("wikidata", pattern(r"^Q[1-9][0-9]{0,11}$", "Q7035512"), False, "Wikidata item id"),
    Field("description", markdown_text, False, "a short description, Markdown"),
)

REGION_FIELDS = (
    Field("id", identifier, True, "unique id, a-z 0-9 and '-'"),
    Field("name", text(200), True, "display name"),
    Field("kind", one_of(REGION_KINDS), True, "one of " + ", ".join(REGION_KINDS)),
    Field("parent", region_reference, False,
          "the region this one lies in: its id, name or alias"),
    Field("aliases", text_list("[Karabakh, Artsakh]"), False,
          "other names and spellings editors meet"),
    Field("names", names_by_language, False,
          "the name in other languages, by language tag: {ru: ..., ar: ...}"),
    Field("iso", pattern(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$", "AM or AZ-SUS"), False,
          "ISO 3166 code"),
    Field("point", point, False,
          "[longitude, latitude] in decimal degrees: where maps mark it"),
    Field("bbox", bbox, False,
          "[west, south, east, north] in decimal degrees: the area its locator map shows"),
    Field("description", markdown_text, False, "a short description, Markdown"),
)

PAGE_FIELDS = (
    Field("title", text(200), True, "the page's title, 1-200 characters"),
    Field("summary", text(500), False, "one sentence saying what the page is for"),
    Field("nav", nav_order, False,
          "its order in the navigation (lower first); pages without one come last"),
)
