"""Text that lies, links that leave, values that crashed: each refused with its line, and any
YAML scalar or URL ends as a value or a problem, never an exception (a property test)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_schema import FIELDS, field

from generator import report
from generator.content import bodies
from generator.content.problems import Problem, printable
from generator.content.schema import BRIEFING_FIELDS
from generator.content.syntax import textrules
from generator.content.syntax.fields import FieldError, parse_mapping
from generator.content.syntax.yamlstrict import Located, YamlProblem, load


@pytest.mark.parametrize(("value", "shown"), [
    ('"Talks \\u202eresume"', "U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control"),
    ('"Talks \\u2066resume"', "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ('"\\u200b\\u200b"', "U+200B ZERO WIDTH SPACE (an invisible character)"),
    ('"Talks\\nresume"', "U+000A (a line break)"),
    ('"Talks\\u2028resume"', "U+2028 LINE SEPARATOR (a line break)"),
    ('"Talks\\x85resume"', "U+0085 (a line break)"),
    ('"Talks\\x9bresume"', "U+009B (a control character)"),
    ('"Talks\\tresume"', "U+0009 (a control character)"),
    ('"\\ufeffTalks"', "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ('"Talks\\uffff"', "U+FFFF (a code point that is not a character)"),
    ('"Talks \\U000e0041\\U000e0042"', "U+E0041 TAG LATIN CAPITAL LETTER A (an invisible"),
    ('"Nikol\\u2062 Pashinyan"', "U+2062 INVISIBLE TIMES"),
    ('"Talks \\ufff9x\\ufffb"', "U+FFF9 INTERLINEAR ANNOTATION ANCHOR"),
    ('"\\u3164"', "has no visible character"),
    ('"\\u200d\\u0301"', "has no visible character"),
])
def test_one_line_fields_refuse_text_that_reads_otherwise(value: str, shown: str) -> None:
    error = field("title", value)
    assert isinstance(error, FieldError) and shown in error.message, error
    assert error.line == 2
    assert printable(error.message) == error.message  # the code point named, never printed


def test_letters_of_every_script_and_joiners_inside_words_are_kept() -> None:
    for title in ("Переговоры возобновились", "می\u200cخواهم", "👩\u200d👩\u200d👧",
                  "Ilham Əliyev", "\u05e9\u05dc\u05d5\u05dd \u200fעולם"):
        assert field("title", f'"{title}"') == title


@pytest.mark.parametrize(("url", "shown"), [
    ("https://www.reuters.com@evil.example/", "user info"),
    ("https://user:pw@reuters.com/", "user info"),
    ('"https://reuters.com/a\\tb"', "U+0009 (a control character)"),
    ('"https://reuters.com/a\\nb"', "U+000A (a line break)"),
    ("https://reuters.com/a b", "a space or a line break"),
    ("https://reuters.com/a\u3000b", "a space or a line break"),
    ("https://reuters.com\\@evil.example/", "user info"),
    ("https://evil.example\\.reuters.com/", "backslash"),
    ("https://[reuters.com/", "must be an http or https URL"),
    ("https://reuters.com\uff0fworld", "must be an http or https URL"),
    ("https://reuters.com:99999/", "must be an http or https URL"),
    ("https://reuters.com:port/", "must be an http or https URL"),
    ("https://:80/", "must be an http or https URL"),
    ("https://www.reuters.com%40evil.example/", "'%' in its host name"),
])
def test_source_urls_that_hide_where_they_lead_are_refused(url: str, shown: str) -> None:
    _values, errors = parse_mapping(load(f"source:\n  name: R\n  url: {url}\n").value,
                                   BRIEFING_FIELDS[4:5], 1)  # type: ignore[arg-type]
    assert [e.line for e in errors] == [3]
    assert shown in errors[0].message, errors[0].message


@pytest.mark.parametrize("href", ["//evil.example/x", "/\\evil.example/x", "\\\\evil.example",
                                  "\\/evil.example", " //evil.example"])
def test_body_links_to_another_host_are_refused(href: str) -> None:
    assert textrules.network_path(href)
    markdown = f"Fine.\n\nSee [x](<{href}>)." if " " in href or "\t" in href else \
        f"Fine.\n\nSee [x]({href.replace(chr(92), chr(92) * 2)})."
    rendered = bodies.render(markdown, 10)
    assert [(p.line, "leads to another site" in p.message) for p in rendered.problems] == \
        [(12, True)], rendered


def test_browsers_drop_tabs_and_newlines_in_links() -> None:
    assert textrules.network_path("/\t/evil.example") and textrules.network_path("/\n/x")


def test_bodies_refuse_bidirectional_controls_and_c1_controls() -> None:
    rendered = bodies.render("Fine.\n\nThe \u202eleaders met.\n\nA\x85B", 10)
    assert [(p.line, p.message) for p in rendered.problems] == [
        (12, "the text contains U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control, "
             "which reorders the text after it)")]
    assert bodies.render("\u05e9\u05dc\u05d5\u05dd \u200fworld", 1).problems == ()


def test_relative_links_stay_allowed() -> None:
    for href in ("/briefings/x/", "../x", "x/y", "#fn:1", "?q=1"):
        assert not textrules.network_path(href)
    assert bodies.render("[x](/briefings/a/) [y](../b)", 1).problems == ()


@pytest.mark.parametrize(("value", "shown"), [
    ("con", "Windows cannot create"), ("nul", "Windows"), ("com1", "Windows"),
    ("lpt9", "Windows"), ("aux", "Windows"),
])
def test_windows_reserved_names_are_refused_as_slugs(value: str, shown: str) -> None:
    error = field("slug", value)
    assert isinstance(error, FieldError) and shown in error.message
    assert field("slug", f"{value}-talks") == f"{value}-talks"  # only the name itself


def test_a_number_as_slug_keeps_its_digits() -> None:
    assert field("slug", "2023") == "2023"
    assert field("slug", "007") == "007"


@pytest.mark.parametrize(("value", "message", "hint"), [
    ("２０２３-05-14", "must be a date written YYYY-MM-DD", "digits 0-9"),
    ("2023-０5-14", "must be a date written YYYY-MM-DD", "digits 0-9"),
    ("0023-05-14", "'date' 0023-05-14 lies before 1900", "year in full"),
    ("0000-01-01", "lies before 1900", "year in full"),
    ('"2023-05-14\\n"', "must be a date written YYYY-MM-DD", "for example"),
])
def test_dates_name_what_is_wrong(value: str, message: str, hint: str) -> None:
    error = field("date", value)
    assert isinstance(error, FieldError) and message in error.message, error
    assert error.hint is not None and hint in error.hint


@pytest.mark.parametrize(("yaml", "key"), [
    ("tags: [diplomacy; talks]", "tags"),
    ("source:\n  name: Reuters; AP\n  url: https://x.org/", "source.name"),
])
def test_semicolons_that_would_split_a_csv_list_are_refused(yaml: str, key: str) -> None:
    _values, errors = parse_mapping(load(yaml).value, BRIEFING_FIELDS, 1)  # type: ignore[arg-type]
    assert any(f"'{key}' may not contain ';'" in e.message for e in errors), errors


def test_a_number_of_thousands_of_digits_is_text_not_a_crash() -> None:
    digits = "9" * 5000
    document = load(f"title: {digits}\ndraft: {digits}\n")
    assert isinstance(document.value, dict)
    assert document.value["title"].value == digits
    error = field("draft", digits)
    assert isinstance(error, FieldError) and "must be true or false" in error.message


def test_reports_never_print_raw_controls_and_stay_valid_json() -> None:
    problem = Problem("content/briefings/caf\udce9\u202e.md", 3, "'title' x\u202ey\x1b[31m",
                      "h\u2028int")
    for fmt in ("text", "github"):
        out = report.render([problem], fmt)
        assert not any(c in out for c in ("\udce9", "\u202e", "\x1b", "\u2028")), out
        out.encode("utf-8")  # no lone surrogate: printable everywhere
    parsed = json.loads(report.render([problem], "json").encode("utf-8"))
    assert parsed["problems"][0]["path"] == "content/briefings/caf\\xe9\\u202e.md"
    assert "\\u202e" in parsed["problems"][0]["message"]


# --- the property: any scalar, any URL, any field: a value or a problem ------------------

SCALARS = st.one_of(
    st.text(max_size=60), st.integers(), st.floats(allow_nan=True),
    st.sampled_from(["9" * 5000, "-" + "1" * 4400, "1e999", "0023-05-14", "２０２３-01-01",
                     "2023-02-30", "0000-00-00", "~", "true", "con", "[x", "'"]),
)
URLS = st.one_of(
    st.text(max_size=60).map(lambda tail: "https://" + tail),
    st.builds(lambda host, port, path: f"http://{host}:{port}/{path}",
              st.text(max_size=20), st.text(max_size=8), st.text(max_size=20)),
    st.sampled_from(["https://[", "https://]x", "https://a\uff0fb", "https://[::1", "http://x:0",
                     "https://a@b@c", "https://\u202eexample.org", "https://" + "9" * 5000]),
)


def _yaml_scalar(value: object) -> str:
    return json.dumps(value if not isinstance(value, float) or value == value else None,
                      ensure_ascii=False) if not isinstance(value, str) or value[:1] in "'\"" \
        else json.dumps(value, ensure_ascii=False)


def _parse_each_field(located: Located) -> None:
    for key, parse_field in FIELDS.items():
        try:
            parse_field.parse(located, key)
        except FieldError as error:
            assert error.line == located.line and isinstance(error.message, str)


@settings(max_examples=300, deadline=None)
@given(st.one_of(SCALARS, URLS), st.booleans())
def test_any_scalar_in_any_field_is_a_value_or_a_problem(value: Any, plain: bool) -> None:
    text = str(value) if plain and isinstance(value, (int, str)) else _yaml_scalar(value)
    try:
        document = load(f"key: {text}\n")
    except YamlProblem as problem:  # not YAML: a problem with a line, never a traceback
        assert problem.line >= 1
        return
    if isinstance(document.value, dict) and "key" in document.value:
        _parse_each_field(document.value["key"])
        _parse_each_field(Located(document.value["key"].value, 1, None))


@settings(max_examples=300, deadline=None)
@given(URLS)
def test_any_url_is_a_value_or_a_problem(url: str) -> None:
    for parse_field in (FIELDS["source"],):
        source = Located({"name": Located("R", 2), "url": Located(url, 3)}, 1)
        try:
            parse_field.parse(source, "source")
        except FieldError as error:
            assert error.line in (1, 2, 3)
    assert isinstance(textrules.network_path(url), bool)
    bodies.render(f"[x]({url})", 1)  # problems or HTML
