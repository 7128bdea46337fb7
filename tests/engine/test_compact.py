"""The theme without its indentation (generator/engine/compact.py): smaller pages, the same page.

One build tree (the fixture archive) is rendered with the engine's hooks as builds use them
and without the compaction; every file but the HTML pages is the same, and every HTML page
differs only in whitespace runs that hold a line break, never inside a ``<pre>`` block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_hook import FIXTURE, ROOT, _docs, _tree

from generator.engine import compact, render

_RUN = re.compile(rb"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")
_PRE = re.compile(rb"<pre\b.*?</pre>", re.DOTALL)


def _rendered(docs: Path, out: Path, hooks: list[str],
              monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setattr(render, "hooks", lambda config: hooks)
    render._mkdocs_build(render.EngineConfig(ROOT / "mkdocs.yml"), docs, out)
    monkeypatch.undo()
    return _tree(out)


def test_pages_differ_only_in_whitespace_that_holds_a_line_break(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(FIXTURE, tmp_path)
    compacted = _rendered(docs, tmp_path / "compact", [str(render.COMPACT), str(render.HOOK)],
                          monkeypatch)
    indented = _rendered(docs, tmp_path / "indented", [str(render.HOOK)], monkeypatch)
    assert compacted.keys() == indented.keys()
    briefings = 0
    for path, page in compacted.items():
        if not path.endswith(".html"):
            assert page == indented[path], path
            continue
        assert _RUN.sub(b"\n", page) == _RUN.sub(b"\n", indented[path]), path
        assert _PRE.findall(page) == _PRE.findall(indented[path]), path  # code as written
        if path.startswith("briefings/"):
            briefings += 1
            assert len(page) < 0.9 * len(indented[path]), path  # the theme's indentation gone
            assert b"\n  <" not in page.split(b"<article", 1)[0], path
    assert briefings


def test_a_line_break_run_becomes_one_line_break_and_nothing_else_changes() -> None:
    source = ('<nav>\n    <a href="x">\n\n      Home\n    </a>  <b>\u00a0bold</b>\n'
              '{% if a %}\n  <i>{{ b }}</i>\r\n\t{% endif %}</nav>')
    assert compact.compact(source) == ('<nav>\n<a href="x">\nHome\n</a>  <b>\u00a0bold</b>\n'
                                       '{% if a %}\n<i>{{ b }}</i>\n{% endif %}</nav>')
    assert compact.compact("\n\u00a0 text") == "\n\u00a0 text"  # a no-break space is text
