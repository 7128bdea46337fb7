"""The strict YAML loader: YAML 1.2 core scalars only, every value with its line."""

from __future__ import annotations

import time

import pytest

from generator.content.syntax.yamlstrict import Located, YamlProblem, load, plain


def problem(text: str, first_line: int = 1) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        load(text, first_line)
    return caught.value


@pytest.mark.parametrize(("written", "value"), [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("N", "N"),
    ("2023-01-18", "2023-01-18"), ("2023-01-18 10:00:00", "2023-01-18 10:00:00"),
    ("1:30", "1:30"), ("0x1F", "0x1F"), ("0o17", "0o17"), (".inf", ".inf"), ("1_000", "1_000"),
    ("true", True), ("False", False), ("TRUE", True),
    ("~", None), ("null", None), ("", None),
    ("42", 42), ("-7", -7), ("1.5", 1.5), ("1e3", 1000.0),
    ("'true'", "true"), ('"42"', "42"), ("'2023-01-18'", "2023-01-18"),
])
def test_scalars_follow_yaml_1_2_core_not_1_1(written: str, value: object) -> None:
    loaded = load(f"key: {written}")
    assert plain(loaded) == {"key": value}
    assert type(plain(loaded)["key"]) is type(value)  # type: ignore[index]


def test_a_number_keeps_the_digits_as_written() -> None:
    loaded = load("a: 1.10\nb: 007\nc: +1")
    assert isinstance(loaded.value, dict)
    assert [item.raw for item in loaded.value.values()] == ["1.10", "007", "+1"]


def test_lines_are_those_of_keys_and_list_items() -> None:
    text = "title: T\nsource:\n  - name: A\n    url: u\n  - name: B\nactors:\n  - X\n  - Y\n"
    loaded = load(text, first_line=2)
    assert isinstance(loaded.value, dict)
    assert loaded.value["title"].line == 2
    sources = loaded.value["source"]
    assert sources.line == 3
    assert isinstance(sources.value, list)
    first, second = sources.value
    assert isinstance(first.value, dict) and isinstance(second.value, dict)
    assert (first.line, first.value["url"].line, second.value["name"].line) == (4, 5, 6)
    actors = loaded.value["actors"].value
    assert isinstance(actors, list)
    assert [item.line for item in actors] == [8, 9]


def test_unusual_line_breaks_do_not_shift_line_numbers() -> None:
    # YAML counts U+2028, U+2029 and NEL as line breaks; editors show them inside a line.
    loaded = load("a: 'one\u2028two\u2029'\nb: x\x85 y\nc: d")
    assert isinstance(loaded.value, dict)
    assert [item.line for item in loaded.value.values()] == [1, 2, 3]


def test_duplicate_key_names_both_lines() -> None:
    found = problem("title: A\ndate: x\ntitle: B", first_line=2)
    assert (found.line, found.message) == (4, "duplicate key 'title'")
    assert found.hint == "'title' is already given on line 2"


def test_duplicate_key_in_a_nested_mapping() -> None:
    found = problem("source:\n  name: A\n  url: u\n  name: B")
    assert (found.line, found.message) == (4, "duplicate key 'name'")


def test_keys_are_the_text_written() -> None:
    assert plain(load("true: a\n1.0: b\n007: c")) == {"true": "a", "1.0": "b", "007": "c"}


@pytest.mark.parametrize("text", ["? [a, b]\n: c", "~: c", "? {a: b}\n: c"])
def test_a_key_must_be_plain_text(text: str) -> None:
    assert problem(text).message == "a mapping key must be plain text"


@pytest.mark.parametrize(("text", "line"), [
    ("a: &x v\nb: *x", 2),
    ("a: &x v\nb:\n  - c\n  - *x", 4),
    ("a: &x [v]\nb: [c, *x]", 2),
    ("base: &b {k: v}\nother:\n  <<: *b", 3),
])
def test_aliases_are_refused_at_the_line_of_the_alias(text: str, line: int) -> None:
    found = problem(text)
    assert (found.line, found.message) == (line, "YAML aliases (*name) are not allowed")


def test_undefined_alias_reads_as_the_same_rule() -> None:
    found = problem("a: 1\nb: *nowhere")
    assert (found.line, found.message) == (2, "YAML aliases (*name) are not allowed")


def test_billion_laughs_is_refused_without_expanding() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 20)]
    started = time.perf_counter()
    found = problem("\n".join(levels))
    assert found.line == 2
    assert time.perf_counter() - started < 5  # expanding 10**20 nodes would never return


@pytest.mark.parametrize(("text", "shown"), [
    ("a: !!python/object/apply:os.system [echo]", "!!python/object/apply:os.system"),
    ("a: !!str text", "!!str"),
    ("a: !!binary aGk=", "!!binary"),
    ("a: !custom text", "!custom"),
    ("a:\n  - ok\n  - !!int 3", "!!int"),
])
def test_tags_are_refused_and_shown(text: str, shown: str) -> None:
    found = problem(text)
    assert found.message == f"YAML tags are not allowed (found '{shown}')"
    assert found.line == text.count("\n") + 1


@pytest.mark.parametrize(("text", "line"), [
    ("a: [1,\nb: 2", 1), ("a: 'open\nb: 1", 1), ("a: b: c", 1), ("a: 1\n b: 2\n  c", 2),
])
def test_invalid_yaml_is_one_line_with_its_line(text: str, line: int) -> None:
    found = problem(text, first_line=5)
    assert found.line == line + 4
    assert found.message.startswith("invalid YAML: ")
    assert "\n" not in found.message


def test_tab_indentation_gets_a_hint() -> None:
    found = problem("source:\n\tname: A")
    assert (found.line, found.hint) == (2, "indent with spaces, not tabs")


def test_control_character_is_reported_at_its_line() -> None:
    found = problem("a: 1\nb: x\x00y", first_line=2)
    assert found.line == 3
    assert "U+0000" in found.message and "\n" not in found.message


def test_several_documents_are_refused() -> None:
    assert problem("a: 1\n---\nb: 2").message.startswith("invalid YAML")


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    assert problem("a: " + "[" * 20_000 + "]" * 20_000).line == 1
    assert problem("a: " + "{b: " * 5_000 + "c" + "}" * 5_000).line == 1


def test_empty_document_is_none_at_the_first_line() -> None:
    assert load("", first_line=2) == Located(None, 2)
    assert load("# only a comment\n", first_line=2) == Located(None, 2)


# --- a hint on every YAML error --------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "hint"), [
    ("title: x\nregion: Armenia\n  actors: [a]\n", 3,
     "indented by 2 spaces and the key above by 0"),
    ("source:\n  name: R\n url: https://x\n", 3, "indented by 1 space and the key above by 2"),
    ('title: "Aliyev: talks\nregion: Armenia\n', 1, 'opens a quote (") that is not closed'),
    ("title: 'x\nregion: y\n", 1, "opens a quote (') that is not closed"),
    ("title: “Aliyev: talks”\n", 1, "typographic quote"),
    ('title: "Aliyev" says\n', 1, "a value that starts with a quote must end with it"),
    ("title: [a, b\nregion: x\n", 1, "a list opened with '[' is not closed"),  # where it opened
    ("actors: [a, b]]\n", 1, "a ']' that closes no list"),
    ("title: x\n- y\n", 2, "every quote and bracket closed"),
])
def test_every_yaml_error_comes_with_the_likely_cause(text: str, line: int, hint: str) -> None:
    with pytest.raises(YamlProblem) as raised:
        load(text)
    assert raised.value.line == line
    assert raised.value.hint is not None and hint in raised.value.hint
