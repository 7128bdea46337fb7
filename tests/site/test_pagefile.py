"""A page's front matter is written as ``yaml.dump`` writes it, byte for byte, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.html.pagefile import front_matter

# Texts that YAML reads as something else when plain, or cannot write plain at all.
AWKWARD = ["", "yes", "No", "off", "1.5", "0x1F", "1_000", ".inf", "null", "~", "2023-01-01",
           "<<", "=", ": x", "- x", "a: b", "#x", "x #y", "'q'", '"dq"', "@a", "`x", "%x",
           "!x", "&x", "*x", "|", ">", "{a}", "[a]", "  lead", "trail ", "a\nb", "a\tb", "\t",
           "é", "\u2028", "a\u0085b", "\ufeffx", "\x85", "x" * 1200,
           '<meta content="a">\n<link rel=" alternate" href="x">']


def dumped(meta: dict[str, str | list[str]]) -> str:
    return str(yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                         width=1000))


def test_awkward_texts_are_written_as_yaml_dump_writes_them() -> None:
    for text in AWKWARD:
        meta: dict[str, str | list[str]] = {"title": text, "description": text + " d",
                                            "head": text, "hide": ["navigation", text]}
        assert front_matter(meta) == dumped(meta), text


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12),
                       st.one_of(st.text(max_size=60), st.lists(st.text(max_size=12),
                                                                max_size=3)),
                       max_size=6))
def test_any_text_is_written_as_yaml_dump_writes_it(meta: dict[str, str | list[str]]) -> None:
    assert front_matter(meta) == dumped(meta)
