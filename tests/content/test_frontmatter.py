"""The exact split of a briefing file: decoding, fences, and file line numbers."""

from __future__ import annotations

import pytest

from generator.content.frontmatter import decode, split
from generator.content.syntax.yamlstrict import YamlProblem, plain

BRIEFING = "---\ntitle: Talks\ndate: 2023-05-14\n---\nFirst paragraph.\n\nSecond.\n"


def split_problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        split(text)
    return caught.value


def test_split_gives_meta_body_and_the_body_line() -> None:
    parts = split(BRIEFING)
    assert plain(parts.meta) == {"title": "Talks", "date": "2023-05-14"}
    assert parts.body == "First paragraph.\n\nSecond.\n"
    assert parts.body_line == 5


def test_meta_lines_are_lines_of_the_file() -> None:
    parts = split(BRIEFING)
    assert isinstance(parts.meta.value, dict)
    assert parts.meta.value["title"].line == 2
    assert parts.meta.value["date"].line == 3


def test_bom_and_crlf_are_accepted_and_read_the_same() -> None:
    raw = ("\ufeff" + BRIEFING.replace("\n", "\r\n")).encode("utf-8")
    text = decode(raw)
    assert text == BRIEFING
    assert split(text) == split(BRIEFING)


def test_old_mac_line_endings_are_normalised() -> None:
    assert decode(BRIEFING.replace("\n", "\r").encode()) == BRIEFING


def test_non_utf8_names_the_byte_and_its_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        decode("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    assert caught.value.line == 2
    assert caught.value.message == "the file is not UTF-8 text (byte 0xe9)"
    assert caught.value.hint == "save the file as UTF-8"


def test_a_fence_may_carry_trailing_spaces() -> None:
    assert split("---  \ntitle: T\n--- \nBody").body == "Body"


def test_only_the_first_closing_fence_ends_the_front_matter() -> None:
    parts = split("---\ntitle: T\n---\nBody\n\n---\n\nMore body\n")
    assert plain(parts.meta) == {"title": "T"}
    assert parts.body == "Body\n\n---\n\nMore body\n"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("title: T\n---\nBody", 1, "the file does not start with a front-matter line '---'"),
    ("\n---\ntitle: T\n---\n", 1, "the file does not start with a front-matter line '---'"),
    ("----\ntitle: T\n----\n", 1, "the file does not start with a front-matter line '---'"),
    ("---\ntitle: T\n\nBody", 1, "the front matter has no closing '---' line"),
    ("---\n- a\n- b\n---\nBody", 2, "the front matter must be a mapping of 'key: value' lines"),
    ("---\njust text\n---\nBody", 2, "the front matter must be a mapping of 'key: value' lines"),
    ("---\n---\nBody", 2, "the front matter must be a mapping of 'key: value' lines"),
    ("", 1, "the file is empty"),
    ("\n  \n", 1, "the file is empty"),
])
def test_bad_shapes_are_refused_with_a_line(text: str, line: int, message: str) -> None:
    found = split_problem(text)
    assert (found.line, found.message) == (line, message)
    assert "\n" not in message


def test_yaml_problems_carry_file_lines() -> None:
    found = split_problem("---\ntitle: T\ndate: 2023-01-01\ntitle: U\n---\nBody")
    assert (found.line, found.message) == (4, "duplicate key 'title'")


def test_yaml_problems_in_crlf_files_carry_file_lines() -> None:
    text = decode(b"\xef\xbb\xbf---\r\ntitle: T\r\nactors: [a, *b]\r\n---\r\nBody\r\n")
    found = split_problem(text)
    assert (found.line, found.message) == (3, "YAML aliases (*name) are not allowed")
