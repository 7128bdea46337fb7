"""Plain bodies rendered without Python-Markdown (content/syntax/plainbodies.py): whenever
the quick path gives HTML, it is Python-Markdown's byte for byte; it takes the plain
shapes briefings are written in, and leaves everything else to Python-Markdown."""

from __future__ import annotations

import hostile_catalogue as catalogue
import pytest
import synth
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content import bodies
from generator.content.syntax import plainbodies

PYTHON_MARKDOWN = bodies.new_converter(quick=False)


def python_markdown(text: str) -> str:
    PYTHON_MARKDOWN.reset()
    with catalogue.hang_guard():
        converted: str = PYTHON_MARKDOWN.convert(text)
    return converted


# Pieces of prose near the plain shape's edges: mostly plain, now and then one piece a
# character away from meaning something to Markdown.
_PLAIN_WORDS = ["word", "Yerevan", "1994", "é", "Баку", "(AFP)", '"said"', "it's", "«x»",
                "**bold**", "**two words**", "[link](https://example.org/a_b?c=1#d)",
                "[a link](/actors/x/)"]
_EDGE_WORDS = ["3.", "2)", "** not**", "**a*", "***", "*e*", "_e_", "a_b", "`c`", "[ x](u)",
               "[x]", "[a\tb](https://e.org/)", "[c\x02d](u)", "![i](https://e.org/i.png)",
               "[^1]", "&", "&amp;", "<b>", "a\\*", "~~", "|", ":", "#", "x:", "-", "+", ">",
               "=", "\t", "\u00a0", "\u2028", "\x0b"]
_WORDS = st.sampled_from(_PLAIN_WORDS * 8 + _EDGE_WORDS)
_SEPARATORS = st.sampled_from([" "] * 12 + ["\n"] * 4 + ["\n\n"] * 3 + [
    "\n\n\n", "\n- ", "\n> ", "\n\n- ", "\n\n> ", "\n\n## ", "\n\n# ", "  \n", " \n"])
_PLAINISH = st.builds(lambda first, parts: first + "".join(a + b for a, b in parts),
                      _WORDS, st.lists(st.tuples(_SEPARATORS, _WORDS), max_size=14))
_STARTS = st.sampled_from(["", "", "", "- ", "> ", "## ", "###### ", "####### ", "\n", " ",
                           "    "])


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.one_of(st.builds(lambda start, rest: start + rest, _STARTS, _PLAINISH),
                 st.text(alphabet="ab1 *[]()!-#>_&<\n", max_size=80)))
@example("A **b** c [d](https://e.org/f) g.\n\n- one\n- **two**\n\n> quoted\n> on\n\n## Head")
@example("- a\n\n- b")  # two lists one after the other are one loose list
@example("> a\n\n> b")  # and two quotes one quote
@example("a\n- b")
@example("a\n1. b")
@example("Text ![i](u) more")
@example("a <strong> b")
@example("[a\tb](https://e.org/) [c\x02d](https://e.org/)")  # a tab, a placeholder mark
def test_plain_html_is_python_markdowns(text: str) -> None:
    plain = plainbodies.to_html(text)
    if plain is not None:
        assert plain == python_markdown(text)


@pytest.mark.parametrize("text", [
    "One paragraph.",
    "A **bold** word and a [link](https://example.org/report/1).\nA second line.\n\nMore.",
    "Para.\n\n- item one\n- item **two**\n- [three](https://e.org/3)\n\nAfter.",
    "Para.\n\n> A quote\n> on two lines.",
    "## A heading\n\nText.",
    "«Quoted» text, (parenthesised) 1994 and Баку.\n",
])
def test_plain_shapes_take_the_quick_path(text: str) -> None:
    plain = plainbodies.to_html(text)
    assert plain is not None
    assert plain == python_markdown(text)


@pytest.mark.parametrize("text", [
    "a &amp; b", "a <b> c", "`code`", "*emphasis*", "_emphasis_", "a\\* b", "![i](u)",
    "[ref]", "Note.[^1]\n\n[^1]: Source.", "| a | b |\n|---|---|", "Term\n: definition",
    "1. first", "- a\n\n- b", "> a\n\n> b", "a  \nb", "\tindented", "    code",
    "## Heading ##", "***", "a\n===", "*[HTML]: Hyper", "- a\n  - nested",
])
def test_anything_more_goes_to_python_markdown(text: str) -> None:
    assert plainbodies.to_html(text) is None


def test_a_synthetic_archives_bodies_take_the_quick_path() -> None:
    """The benchmarks' bodies are this shape: nearly all of them skip Python-Markdown, and
    give its HTML."""
    import random

    rng = random.Random(7)
    texts = [synth.body(rng, ["Named Person", "Some Place"]) for _ in range(200)]
    quick = [text for text in texts if plainbodies.to_html(text) is not None]
    assert len(quick) >= 190
    for text in quick:
        assert plainbodies.to_html(text) == python_markdown(text)


def test_the_quick_path_is_on_with_the_extensions_it_was_written_for() -> None:
    """A change of bodies' extensions turns it off (and the build slows): review
    plainbodies against the new extension, then name it in plainbodies.EXTENSIONS."""
    assert bodies.PLAIN_PATH, "bodies' Markdown extensions are not those plainbodies knows"
