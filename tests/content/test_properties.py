"""Property tests: random bytes, YAML and Markdown never raise, only report problems with
their file and line, and whatever renders is inert. Hangs end the run (hang_guard)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import hostile_catalogue as catalogue
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content import bodies
from generator.content.loading import load_archive
from generator.content.problems import Problem

FEW = settings(max_examples=120, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def content() -> Iterator[Path]:
    """One content folder with the fixture registries; each example rewrites its files."""
    root = Path(tempfile.mkdtemp(prefix="properties-"))
    folder = catalogue.write(catalogue.Case("empty", {}, catalogue.Accepted()), root)
    yield folder
    shutil.rmtree(root)


def load_with(content: Path, name: str, data: bytes) -> list[Problem]:
    """Write one file (a briefing or a registry), load the archive, return the problems."""
    target = content / name
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    try:
        with catalogue.hang_guard():
            loaded = load_archive(content)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    return loaded.problems


def assert_located(problems: list[Problem], name: str, data: bytes) -> None:
    """Every problem names the file written and a line inside it (or none at all)."""
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for problem in problems:
        assert problem.path.endswith(name), problem
        assert problem.line is None or 1 <= problem.line <= lines, problem
        assert problem.message and "Traceback" not in problem.message


FRONT = catalogue.fm("").encode()[:-1]  # front matter and its closing fence, no body

@FEW
@given(st.one_of(st.binary(max_size=600), st.binary(max_size=600).map(lambda b: FRONT + b)))
def test_random_bytes_as_a_briefing(content: Path, data: bytes) -> None:
    problems = load_with(content, "briefings/a.md", data)
    assert_located(problems, "briefings/a.md", data)


@FEW
@given(st.binary(max_size=800))
def test_random_bytes_as_a_registry(content: Path, data: bytes) -> None:
    problems = load_with(content, "actors.yml", data)
    for problem in problems:
        assert problem.path.endswith(("actors.yml", "regions.yml")), problem


YAML_PIECES = ["title", "date", "region", "actors", "source", "name", "url", "tags", "slug",
               "summary", "draft", ": ", ":", "- ", "  ", "\t", "\n", "\n  ", "&a ", "*a", "!!str ",
               "!x ", "<<: ", "? ", "{", "}", "[", "]", ", ", '"', "'", "|", ">", "#", "~",
               "yes", "true", "2023-05-14", "2023-02-30", "1:30", "0x1F", ".inf", "Armenia",
               "Nikol Pashinyan", "https://x.org/", "javascript:alert(1)", "<script>", "%", "@",
               "\\", "\u2028", "\u00a0", "\x85", "---", "..."]
yaml_soup = st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30))
yaml_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
known_keys = st.sampled_from(["title", "date", "region", "actors", "source", "tags",
                              "summary", "slug", "draft", "other"])
yaml_documents = st.dictionaries(known_keys, yaml_values, max_size=8).map(
    lambda data: yaml.safe_dump(data, allow_unicode=True))


@FEW
@given(st.one_of(yaml_soup, yaml_documents), st.text(max_size=80))
def test_random_yaml_front_matter(content: Path, front: str, body: str) -> None:
    data = f"---\n{front}\n---\n{body}\n".encode("utf-8", "surrogatepass")
    problems = load_with(content, "briefings/a.md", data)
    assert_located(problems, "briefings/a.md", data)


@FEW
@given(st.one_of(yaml_soup, yaml_documents.map(lambda d: "- " + d.replace("\n", "\n  "))))
def test_random_yaml_registry(content: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    problems = load_with(content, "regions.yml", data)
    for problem in problems:
        assert problem.path.endswith(("regions.yml", "actors.yml")), problem


MARKDOWN_PIECES = ["[", "]", "(", ")", "![", "](", "*", "**", "_", "`", "```", "~~~", "\\",
                   "&", "&#106;", "&amp;", "&#x3C;", "<", ">", "# ", "## ", " ", "\n", "\n\n",
                   "    ", "\t", "- ", "1. ", ": ", "|", "|-|", "[^1]", "[^1]: ", "*[AB]: ",
                   "AB", "javascript:", "JaVa\tScRiPt:", "data:text/html,", "vbscript:",
                   "http://x.org/", "mailto:a@b.org", "//x.org", "#top", "{#__config}",
                   "{: onclick=alert(1) }", "<script>", "<img src=x onerror=alert(1)>",
                   "<https://x.org>", "<a@b.org>", "<!--", "---", "===", "text", "word", '"',
                   "'", "\u202e", "é", "[r]: ", "[r]"]
markdown_soup = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=120).map("".join)
words = st.text(alphabet="abc xyz*_`[]()!<>&#;:/\\\"'", max_size=12)
urls = st.builds("".join, st.tuples(
    st.sampled_from(["", " ", "\t", "\x01"]),
    st.sampled_from(["javascript", "JaVaScRiPt", "java\tscript", "java\nscript", "&#106;avascript",
                     "&#x6A;avascript", "data", "vbscript", "file", "http", "https", "mailto",
                     "ftp", "", "#", "//", "../"]),
    st.sampled_from([":", "&#58;", "&colon;", "%3A", "\\:", ""]), words))
constructs = st.one_of(
    st.builds("[{}]({})".format, words, urls),
    st.builds("[{}]({} \"{}\")".format, words, urls, words),
    st.builds("![{}]({})".format, words, urls),
    st.builds("[{}][r]\n\n[r]: {}".format, words, urls),
    st.builds("<{}>".format, urls),
    st.builds("```{}\n{}\n```".format, st.sampled_from(["", "python", "{#__config}", "{#ok}",
                                                     "{.x onclick=y}", "{ #a .b c=d }"]), words),
    st.builds("{}[^{}]\n\n[^{}]: {}".format, words, words, words, words),
    st.builds("*[{}]: {}\n\n{}".format, words, words, words),
    st.builds("| {} | {} |\n|:-|-:|\n| {} | {} |".format, words, words, words, words),
    st.builds("{}\n: {}".format, words, words),
    markdown_soup,
)
markdown_documents = st.lists(st.tuples(constructs, st.sampled_from([" ", "\n", "\n\n"])),
                              max_size=8).map(lambda parts: "".join(a + b for a, b in parts))


class Elements(HTMLParser):
    """Every element with its attributes (``rel``, which the sanitizer adds, left out)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(sorted((k, v or "") for k, v in attrs if k != "rel"))))


def assert_inert(fragment: str) -> None:
    for tag, attrs in Elements(fragment).found:
        assert tag in bodies.TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in bodies.URL_ATTRIBUTES:
                assert bodies.url_allowed(value), value
            if name == "id":
                assert bodies.safe_id(value), value


@settings(max_examples=250, deadline=None, derandomize=True)
@given(st.one_of(markdown_documents, st.text(max_size=300)))
def test_random_markdown_renders_inert_and_reports_what_it_drops(text: str) -> None:
    with catalogue.hang_guard():
        rendered = bodies.render(text, 10)
    last = 10 + text.count("\n")
    for problem in rendered.problems:
        assert 10 <= problem.line <= last, (problem.line, problem.message)
    assert_inert(rendered.html)
    if not rendered.problems:  # nothing was reported, so nothing may have been removed
        assert Elements(rendered.html).found == Elements(bodies.convert(text)).found


PLAIN_MARKDOWN = bodies.new_converter(quick=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(markdown_documents, st.text(alphabet="ab1 *_`[]()!<>&#;:/\\\n\t", max_size=200)))
@example("&#106; &amp; &ab;")  # one text for each kind of inline pattern
@example("a  \nb")
@example("`c`")
@example("\\` \\*")
@example("[a](b) [a][r] [r] ![i](j) ![i][r] ![r]\n\n[r]: /x")
@example("<http://x.org/> <a@b.org>")
@example("*e* **s**")
@example("_e_ __s__")
@example("t[^1]\n\n[^1]: n")
def test_the_quick_inline_pass_renders_as_python_markdown_does(text: str) -> None:
    """Inline patterns are skipped on text without any of their trigger characters."""
    PLAIN_MARKDOWN.reset()
    with catalogue.hang_guard():
        assert bodies.convert(text) == PLAIN_MARKDOWN.convert(text)


def test_an_unknown_inline_pattern_turns_the_quick_pass_off() -> None:
    assert bodies.inline_trigger(["link", "em_strong"]) is not None
    assert bodies.inline_trigger(["link", "strikethrough"]) is None
    assert bodies.inline_trigger(["link", None]) is None


@pytest.mark.parametrize("label", ["источник", "աղբյուր", "mənbə", "1", "note-2"])
def test_footnote_labels_in_any_script_keep_their_ids(label: str) -> None:
    rendered = bodies.render(f"Figures.[^{label}]\n\n[^{label}]: Interfax, 1 May 2024.\n", 10)
    assert rendered.problems == ()
    assert f'id="fn:{label}"' in rendered.html and f'href="#fn:{label}"' in rendered.html


@pytest.mark.parametrize("value", ["__config", "_x", "a b", "a\u202eb", "x" * 101, "", "é" * 101])
def test_ids_that_are_not_allowed(value: str) -> None:
    assert not bodies.safe_id(value)
