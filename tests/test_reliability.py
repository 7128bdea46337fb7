"""Builds are atomic (a failure at any stage leaves the previous site byte for byte),
reproducible (same archive, same bytes, whatever the clock says), and safe to start twice
at once into one site folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.problems import ContentError
from generator.engine.render import EngineError
from generator.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
CONFIG = ROOT / "mkdocs.yml"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def leftovers(site: Path) -> list[str]:
    """Staging or retired folders a build left beside the site."""
    return sorted(p.name for p in site.parent.iterdir()
                  if p.name.startswith((f".{site.name}.new-", f".{site.name}.old-")))


def make_build(content: Path, site: Path, work: Path, config: Path = CONFIG) -> None:
    build(BuildOptions(content=content, site_dir=site, build_dir=work, config_file=config))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A writable copy of the fixture archive, built once; returns content, site, snapshot."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    site = tmp_path / "site"
    make_build(content, site, tmp_path / ".build")
    return content, site, snapshot(site)


def broken_engine_config(tmp_path: Path, main_html_addition: str) -> Path:
    """A copy of mkdocs.yml whose theme is the project's plus ``main_html_addition``."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with open(theme / "main.html", "a", encoding="utf-8") as handle:
        handle.write(main_html_addition)
    text = CONFIG.read_text("utf-8")
    text = re.sub(r"(?m)^  custom_dir: theme$", f"  custom_dir: {theme}", text)
    text = text.replace("- generator/engine/hook.py", f"- {ROOT / 'generator/engine/hook.py'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, "utf-8")
    return config


# --- atomic: a failed build leaves the previous site as it was ----------------------------

def test_refused_content_leaves_the_site_untouched(built: tuple[Path, Path, dict[str, bytes]],
                                                   tmp_path: Path) -> None:
    content, site, before = built
    (content / "briefings" / "2024" / "broken.md").write_text("---\ntitle: [\n---\nText\n",
                                                               encoding="utf-8")
    with pytest.raises(ContentError):
        make_build(content, site, tmp_path / ".build")
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_engine_failure_leaves_the_site_untouched(built: tuple[Path, Path, dict[str, bytes]],
                                                  tmp_path: Path) -> None:
    content, site, before = built
    (content / "briefings" / "2024" / "2024-03-05-donbas-shelling.md").write_text(
        (FIXTURE / "briefings/2024/2024-03-05-donbas-shelling.md").read_text("utf-8")
        + "\nA changed paragraph.\n", encoding="utf-8")
    config = broken_engine_config(tmp_path / "engine", "{% block footer %}{{ oops( }}"
                                                       "{% endblock %}\n")
    with pytest.raises(EngineError, match=r"(MkDocs|ProperDocs) failed: .*expected"):
        make_build(content, site, tmp_path / ".build", config)
    assert snapshot(site) == before
    assert leftovers(site) == []


def test_page_breaking_the_policy_fails_the_build_and_keeps_the_site(
        built: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    content, site, before = built
    config = broken_engine_config(tmp_path / "engine",
                                  "{% block extrahead %}<script>alert(1)</script>{% endblock %}\n")
    with pytest.raises(EngineError, match="Content-Security-Policy") as failure:
        make_build(content, site, tmp_path / ".build", config)
    assert "an inline script the policy does not allow" in str(failure.value)
    assert snapshot(site) == before
    assert leftovers(site) == []


# --- reproducible: same archive, same bytes ----------------------------------------------

def test_two_builds_are_byte_identical_whatever_the_clock(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    sites = []
    for number, epoch in enumerate((None, "0", "2000000000")):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        site = tmp_path / f"site{number}"
        make_build(FIXTURE, site, tmp_path / f"build{number}")
        sites.append(snapshot(site))
    assert sites[0] == sites[1] == sites[2]
    assert len(sites[0]) > 50


def test_sitemap_dates_come_from_the_content(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    _content, _site, files = built
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", files["sitemap.xml"].decode()))
    briefing_dates = set(re.findall(r"(?m)^date: (\S+)$", "\n".join(
        p.read_text("utf-8") for p in FIXTURE.rglob("*.md"))))
    assert dates and dates <= briefing_dates


# --- two builds at once into one site folder ---------------------------------------------

def run_builds_at_once(folders: list[Path], content: Path, site: Path) -> None:
    """Start one `briefings build` per working folder, all at once, into the same site."""
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content),
               "--site-dir", str(site), "--config", str(CONFIG)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = [subprocess.Popen(command, cwd=folder, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE) for folder in folders]
    for process in running:
        _out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()


@pytest.mark.parametrize("shared_build_folder", [True, False], ids=["same .build", "own .build"])
def test_two_builds_at_once_leave_one_whole_site(built: tuple[Path, Path, dict[str, bytes]],
                                                 tmp_path: Path,
                                                 shared_build_folder: bool) -> None:
    _content, _reference, expected = built
    site = tmp_path / "shared" / "site"
    folders = [tmp_path / "one", tmp_path / "one" if shared_build_folder else tmp_path / "two"]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    site.parent.mkdir()
    run_builds_at_once(folders, FIXTURE, site)
    assert snapshot(site) == expected
    assert leftovers(site) == []
