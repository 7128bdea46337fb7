"""The engine hook changes speed, never a page: sites with and without it are byte-identical.

The hook skips Python-Markdown for ready HTML and renders Material's page template once per
page shape (generator/engine/hook.py). Each test renders one build tree three ways: plain
MkDocs without the hook's file (the reference), the hook with shapes switched off, and the
hook as builds use it.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import hostile_catalogue as catalogue
import pytest
from conftest import WriteArchive
from samples import GOOD_BRIEFING

from generator.engine import hook as engine_hook
from generator.engine import render
from generator.pipeline import BuildOptions, check, without_drafts
from generator.site.plan import buildtree

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "archive"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _docs(content: Path, work: Path) -> Path:
    """The build tree of ``content``, written as a build writes it."""
    checked = check(content)
    assert checked.ok, checked.problems
    config = render.EngineConfig(ROOT / "mkdocs.yml")
    tree = BuildOptions(content=content, site_dir=work / "unused", build_dir=work / ".build").tree
    buildtree.write(buildtree.plan(without_drafts(checked.archive), render.site_settings(config)),
                    tree)
    return tree.pages


def _render(docs: Path, out: Path, config_file: Path, monkeypatch: pytest.MonkeyPatch, *,
            hook: bool, shapes: bool = True) -> dict[str, bytes]:
    monkeypatch.setenv(engine_hook.SKELETONS_VARIABLE, "1" if shapes else "0")
    if not hook:  # without the engine's speed hook; the theme's compaction is the page's own
        monkeypatch.setattr(render, "hooks", lambda config: [str(render.COMPACT)])
    render._mkdocs_build(render.EngineConfig(config_file), docs, out)
    monkeypatch.undo()
    return _tree(out)


def _three_ways(docs: Path, work: Path, monkeypatch: pytest.MonkeyPatch,
                config_file: Path = ROOT / "mkdocs.yml") -> dict[str, bytes]:
    plain = _render(docs, work / "plain", config_file, monkeypatch, hook=False)
    unshaped = _render(docs, work / "unshaped", config_file, monkeypatch, hook=True,
                       shapes=False)
    shaped = _render(docs, work / "shaped", config_file, monkeypatch, hook=True)
    assert unshaped == plain
    assert shaped == plain
    return shaped


def test_the_starter_and_fixture_archives_render_identically(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=engine_hook.LOGGER)
    for content in (ROOT / "content", FIXTURE):
        work = tmp_path / content.name
        site = _three_ways(_docs(content, work), work, monkeypatch)
        page = next(p for p in site if p.startswith("briefings/") and p.endswith(".html"))
        assert b'<article class="ba-briefing">' in site[page]  # the content is in place
    reused = [r.getMessage() for r in caplog.records if "from the shape" in r.getMessage()]
    assert reused, "no page was filled from a shape: the fast path is not used"


def test_hostile_titles_and_text_render_identically(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    content = catalogue.write_inert_archive(tmp_path)
    _three_ways(_docs(content, tmp_path), tmp_path, monkeypatch)


def test_a_template_that_shows_a_title_unescaped_is_never_filled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        write_archive: WriteArchive) -> None:
    """A theme override printing the title raw: its pages all render through the template."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    main = theme / "main.html"
    raw, block = "<p>{{ page.title }}</p>", "{% block footer %}"
    text = main.read_text("utf-8")  # into the footer our main.html overrides, or a new one
    main.write_text(text.replace(block, block + raw, 1) if block in text
                    else f"{text}\n{block}{raw}{{% endblock %}}\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    content = write_archive({
        f"b{n}.md": GOOD_BRIEFING.replace("Talks resume in Brussels",
                                          f"'Talks & \"truce\" <b>{n}</b>'")
        for n in range(4)})
    caplog.set_level(logging.DEBUG, logger=engine_hook.LOGGER)
    site = _three_ways(_docs(content, tmp_path), tmp_path, monkeypatch, config)
    assert any(b"<p>Talks & \"truce\" <b>1</b></p>" in page for page in site.values())
    filled = [r.getMessage() for r in caplog.records if "from the shape" in r.getMessage()]
    assert filled and all(m.startswith("0 pages") for m in filled)
