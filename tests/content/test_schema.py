"""The field tables and their small parsers, on real YAML parsed with line marks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.content.schema import ACTOR_FIELDS, BRIEFING_FIELDS, REGION_FIELDS, SOURCE_FIELDS
from generator.content.syntax.fields import FieldError, MarkdownText, Named, parse_mapping
from generator.content.syntax.yamlstrict import load

FIELDS = {f.key: f for f in BRIEFING_FIELDS}
VALID = """\
title: Talks resume
date: 2023-05-14
region: Armenia
actors: [Nikol Pashinyan]
source:
  name: Reuters
  url: https://www.reuters.com/x
"""


def parse(text: str, fields: tuple[Any, ...] = BRIEFING_FIELDS
          ) -> tuple[dict[str, Any], list[tuple[int, str, str | None]]]:
    document = load(text, first_line=2)
    assert isinstance(document.value, dict)
    values, errors = parse_mapping(document.value, fields, 1)
    return values, [(e.line, e.message, e.hint) for e in errors]


def field(key: str, yaml_value: str) -> Any:
    """Parse one briefing key; returns the value or the FieldError."""
    document = load(f"{key}: {yaml_value}", first_line=2)
    assert isinstance(document.value, dict)
    try:
        return FIELDS[key].parse(document.value[key], key)
    except FieldError as error:
        return error


def test_the_tables_hold_the_contract_keys() -> None:
    assert [f.key for f in BRIEFING_FIELDS] == [
        "title", "date", "region", "actors", "source", "tags", "summary", "slug", "draft",
        "updated", "corrections", "lang", "translation_of"]
    assert {f.key for f in BRIEFING_FIELDS if f.required} == {
        "title", "date", "region", "actors", "source"}
    assert [f.key for f in SOURCE_FIELDS] == ["name", "url", "published", "author", "via",
                                              "archive"]
    assert {f.key for f in SOURCE_FIELDS if f.required} == {"name", "url"}
    assert [f.key for f in ACTOR_FIELDS] == ["id", "name", "kind", "aliases", "names", "country",
                                             "role", "wikidata", "description"]
    assert [f.key for f in REGION_FIELDS] == ["id", "name", "kind", "parent", "aliases", "names",
                                              "iso", "point", "bbox", "description"]
    assert all(f.meaning for f in BRIEFING_FIELDS + SOURCE_FIELDS + ACTOR_FIELDS + REGION_FIELDS)


def test_a_valid_briefing_parses_to_values() -> None:
    values, errors = parse(VALID)
    assert errors == []
    assert values["title"] == "Talks resume"
    assert values["date"] == date(2023, 5, 14)
    assert values["region"] == (Named("Armenia", 4),)
    assert values["actors"] == (Named("Nikol Pashinyan", 5),)
    assert values["source"] == ({"name": "Reuters", "url": "https://www.reuters.com/x"},)


def test_every_problem_of_a_mapping_is_collected() -> None:
    _, errors = parse("titel: x\ndate: 2023-02-30\nregion: []\ndraft: yes\n")
    assert errors == [
        # One message for the misspelt key, on its line: not also "missing 'title'".
        (2, "unknown key 'titel'", "did you mean 'title'? It is required"),
        (3, "'date' is not a real date: 2023-02-30",
         "that day does not exist: check the month (01-12) and the day"),
        (4, "'region' needs at least one entry",
         "add an entry, or remove the key if it is optional"),
        (5, "'draft' must be true or false, not 'yes'", "write true or false, without quotes"),
        (1, "missing required key 'actors'",
         "add 'actors:', an actor id, name or alias from actors.yml, or a list of them"),
        (1, "missing required key 'source'", "add 'source:', the reports summarised: name, url, "
         "and optionally published, author, via, archive"),
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    _, errors = parse(VALID + "zzz: 1\n")
    assert errors == [(9, "unknown key 'zzz'", "allowed keys: title, date, region, actors, "
                       "source, tags, summary, slug, draft, updated, corrections, lang, "
                       "translation_of")]


def test_optional_key_left_empty_is_skipped_but_required_is_not() -> None:
    values, errors = parse(VALID + "tags:\nsummary: ~\n")
    assert errors == [] and "tags" not in values and "summary" not in values
    _, errors = parse(VALID.replace("title: Talks resume", "title:"))
    assert errors == [(2, "'title' is empty", "write a value, or remove the key if it is "
                       "optional")]


@pytest.mark.parametrize(("value", "message"), [
    ("[a, b]", "'title' must be text, not a list"),
    ("{a: b}", "'title' must be text, not a mapping"),
    ("true", "'title' must be text, not true"),
    ('"  "', "'title' is empty"),
    ("x" * 201, "'title' is 201 characters long; at most 200 are allowed"),
    ('"a\\x07b"', "'title' contains U+0007 (a control character)"),
])
def test_text_refuses(value: str, message: str) -> None:
    error = field("title", value)
    assert isinstance(error, FieldError)
    assert (error.line, error.message) == (2, message)


def test_text_keeps_what_was_written() -> None:
    assert field("title", "1.10") == "1.10"
    assert field("title", "007") == "007"
    assert field("title", "  padded  ") == "padded"
    assert field("title", "x" * 200) == "x" * 200
    assert field("title", "<b>not markup</b>") == "<b>not markup</b>"


@pytest.mark.parametrize(("value", "message"), [
    ("18/01/2023", "'date' must be a date written YYYY-MM-DD, not '18/01/2023'"),
    ("2023-1-18", "'date' must be a date written YYYY-MM-DD, not '2023-1-18'"),
    ("20230118", "'date' must be a date written YYYY-MM-DD, not 20230118"),
    ("2023-01-18T10:00", "'date' must be a date written YYYY-MM-DD, not '2023-01-18T10:00'"),
    ("[2023-01-18]", "'date' must be a date written YYYY-MM-DD, not a list"),
    ("2023-02-29", "'date' is not a real date: 2023-02-29"),
    ("2023-13-01", "'date' is not a real date: 2023-13-01"),
    ("2023-04-31", "'date' is not a real date: 2023-04-31"),
])
def test_date_refuses(value: str, message: str) -> None:
    error = field("date", value)
    assert isinstance(error, FieldError) and error.message == message


def test_date_accepts_real_and_quoted_dates() -> None:
    assert field("date", "2024-02-29") == date(2024, 2, 29)
    assert field("date", "'2023-01-18'") == date(2023, 1, 18)


@pytest.mark.parametrize("url", [
    "ftp://example.org/x", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "mailto:a@b.org",
    "data:text/html,x", "//example.org/x", "example.org/x", "https:///path",
])
def test_source_url_must_be_http_or_https(url: str) -> None:
    _, errors = parse(VALID.replace("https://www.reuters.com/x", url))
    assert len(errors) == 1
    line, message, hint = errors[0]
    assert line == 8
    assert message == f"'source.url' must be an http or https URL, not {url.strip()!r}"
    assert hint is not None


def test_source_list_reports_every_bad_entry_at_its_line() -> None:
    text = VALID.replace("""source:
  name: Reuters
  url: https://www.reuters.com/x
""", """source:
  - name: Reuters
    url: https://www.reuters.com/x
  - name: BBC
    url: ftp://bbc.example/x
    publshed: 2023-01-01
  - url: https://apnews.com/x
  - Just a name
""")
    _, errors = parse(text)
    assert [(line, message) for line, message, _ in errors] == [
        (10, "'source.url' must be an http or https URL, not 'ftp://bbc.example/x'"),
        (11, "unknown key 'source.publshed'"),
        (12, "missing required key 'source.name'"),
        (13, "each 'source' must be a mapping with keys name, url, published, author, via, "
             "archive"),
    ]


def test_source_with_every_key() -> None:
    values, errors = parse(VALID + "  published: 2023-05-13\n  author: Jane Doe\n  via: Yahoo\n"
                           "  archive: https://web.archive.org/web/2023/x\n")
    assert errors == []
    assert values["source"][0]["published"] == date(2023, 5, 13)
    assert values["source"][0]["archive"] == "https://web.archive.org/web/2023/x"


def test_names_report_each_bad_entry() -> None:
    error = field("actors", "\n  - Good Name\n  - [nested]\n  - ''\n  - 42")
    assert isinstance(error, FieldError)
    found = [(e.line, e.message) for e in getattr(error, "errors", [error])]
    assert found == [(4, "an entry of 'actors' must be text, not a list"),
                     (5, "an entry of 'actors' is empty")]


def test_region_and_actors_may_each_be_one_name_or_a_list() -> None:
    """As issue 23's new editor met it: `region: Transnistria` was accepted and `actors:
    Gazprom` refused as "not a list"; both are one name or a list now."""
    assert field("region", "Armenia") == (Named("Armenia", 2),)
    assert field("region", "[Armenia, Azerbaijan]") == (Named("Armenia", 2),
                                                         Named("Azerbaijan", 2))
    assert field("actors", "Nikol Pashinyan") == (Named("Nikol Pashinyan", 2),)
    error = field("actors", "{a: b}")
    assert isinstance(error, FieldError)


def test_tags_are_a_list_of_short_texts() -> None:
    assert field("tags", "[diplomacy, 2023, 1.10]") == ("diplomacy", "2023", "1.10")
    error = field("tags", "diplomacy, talks")
    assert isinstance(error, FieldError)
    assert error.message == "'tags' must be a list, like [diplomacy, blockade]"
    error = field("tags", "[" + "x" * 101 + "]")
    assert isinstance(error, FieldError)
    assert error.message == "an entry of 'tags' is 101 characters long; at most 100 are allowed"


@pytest.mark.parametrize(("value", "ok"), [
    ("talks-resume", True), ("a1", True), ("Talks", False), ("talks_resume", False),
    ("-talks", False), ("talks-", False), ("talks--resume", False), ("'x' ", True),
    ("'" + "a" * 101 + "'", False), ("42", True), ("-42", False), ("4.2", False),
])
def test_slug(value: str, ok: bool) -> None:
    result = field("slug", value)
    assert isinstance(result, str) is ok


@pytest.mark.parametrize(("value", "result"), [("true", True), ("false", False)])
def test_draft_true_false(value: str, result: bool) -> None:
    assert field("draft", value) is result


@pytest.mark.parametrize("value", ["yes", "no", "on", "'true'", "1", "0", "[true]"])
def test_draft_refuses_everything_else(value: str) -> None:
    assert isinstance(field("draft", value), FieldError)


def test_registry_kind_suggests_the_closest() -> None:
    _, errors = parse("id: x\nname: X\nkind: persn\n", ACTOR_FIELDS)
    assert errors == [(4, "'kind' must be one of person, state, organization, armed-group, "
                       "movement, other, not 'persn'", "did you mean 'person'?")]


def test_registry_description_keeps_its_key_line() -> None:
    values, errors = parse("id: x\nname: X\nkind: person\ndescription: |\n  Some *text*.\n",
                           ACTOR_FIELDS)
    assert errors == []
    assert values["description"] == MarkdownText("Some *text*.", 5)


@pytest.mark.parametrize(("key", "value"), [("wikidata", "7035512"), ("wikidata", "Q0"),
                                            ("iso", "am"), ("iso", "ARM")])
def test_registry_patterns(key: str, value: str) -> None:
    fields = ACTOR_FIELDS if key == "wikidata" else REGION_FIELDS
    kind = "person" if key == "wikidata" else "country"
    _, errors = parse(f"id: x\nname: X\nkind: {kind}\n{key}: {value}\n", fields)
    assert [(line, message.split(":")[0]) for line, message, _ in errors] == [
        (5, f"'{key}' has the wrong form")]


def test_hostile_values_are_clipped_in_messages() -> None:
    _, errors = parse(VALID.replace("2023-05-14", "x" * 5000) + "k" * 900 + ": 1\n")
    assert [len(message) < 200 for _, message, _ in errors] == [True, True]
    assert errors[0][1].endswith("not 'xxxxxxxx" + "x" * 70 + "…")
    assert errors[1][1].endswith("kkkk…'")


@pytest.mark.parametrize("value", ["Q7035512\n", "Q7035512 ", "xQ7035512"])
def test_patterned_fields_match_the_whole_value(value: str) -> None:
    from generator.content.schema import ACTOR_FIELDS
    from generator.content.syntax.fields import parse_mapping
    from generator.content.syntax.yamlstrict import Located

    _values, errors = parse_mapping({"id": Located("a", 1), "name": Located("A", 2),
                                     "kind": Located("person", 3),
                                     "wikidata": Located(value, 4)}, ACTOR_FIELDS, 1)
    assert [e.line for e in errors] == [4]
