"""Two engines, one site: MkDocs and ProperDocs render every archive to the same bytes.

Each archive is built twice with the real pipeline, once per engine, and the two sites are
compared file by file, byte by byte; so is the offline bundle (the zip itself). Nothing is
set aside: no page names its engine (theme/main.html's site_meta block leaves out
Material's generator tag), so the sites must be identical. Which engine rendered a build
is recorded in its fingerprint (the render stamp in the build folder), not in the site.

The engine this test process renders with in-process is the one the environment names
(BRIEFINGS_ENGINE, else mkdocs); the other renders in a fresh process (engines.activate).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import urllib.request
from collections.abc import Iterator
from importlib.metadata import distribution, version
from pathlib import Path

import pytest
from harness import free_port, wait_until
from packaging.requirements import Requirement

from generator.cli import main
from generator.editions.bundle import make_bundle
from generator.engine import engines, hook, render
from generator.pipeline import BuildOptions, build, check, without_drafts
from generator.site.plan import buildtree

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "content"


@pytest.fixture(scope="module", autouse=True)
def _environment_engine_in_process() -> None:
    """Render the environment's engine in this process whatever test runs first."""
    assert engines.activate(engines.from_environment())


def _in_order() -> list[str]:
    """Both engines, the environment's first (it is the one this process runs)."""
    first = engines.from_environment()
    return [first, *(name for name in engines.ENGINES if name != first)]


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _assert_identical(sites: dict[str, dict[str, bytes]]) -> int:
    (first, one), (second, other) = sites.items()
    assert sorted(one) == sorted(other), (
        f"only {first}: {sorted(set(one) - set(other))[:10]}; "
        f"only {second}: {sorted(set(other) - set(one))[:10]}")
    differing = [name for name in one if one[name] != other[name]]
    assert not differing, f"{len(differing)} files differ between {first} and {second}, " \
                          f"e.g. {differing[:10]}"
    return len(one)


@pytest.mark.parametrize("archive", ["starter", "unseen"])
def test_both_engines_build_byte_identical_sites(archive: str, request: pytest.FixtureRequest,
                                                 tmp_path: Path) -> None:
    sites = {}
    if archive == "starter":
        content = STARTER
    else:  # the synthetic archive no test was written against, built once per session
        content = request.getfixturevalue("synthetic")[1]
        sites[_in_order()[0]] = _tree(request.getfixturevalue("synthetic_site"))
    for engine in _in_order():
        if engine in sites:
            continue
        site = tmp_path / engine / "site"
        build(BuildOptions(content=content, site_dir=site, build_dir=tmp_path / engine / ".b",
                           config_file=ROOT / "mkdocs.yml", engine=engine))
        sites[engine] = _tree(site)
    files = _assert_identical(sites)
    pages = [name for name in sites["mkdocs"] if name.startswith("briefings/")]
    published = without_drafts(check(content).archive).briefings
    assert files > 300 and len(pages) == len(published)  # a whole site, every briefing


def test_both_engines_write_the_same_offline_bundle(tmp_path: Path) -> None:
    zips = {engine: make_bundle(STARTER, tmp_path / f"{engine}.zip", ROOT / "mkdocs.yml",
                                build_dir=tmp_path / engine, engine=engine).read_bytes()
            for engine in _in_order()}
    assert len(zips["mkdocs"]) > 500_000
    assert zips["mkdocs"] == zips["properdocs"], "the offline bundles differ between engines"


def test_a_site_rendered_with_one_engine_is_rendered_whole_with_the_other(
        tmp_path: Path) -> None:
    """The fingerprint names engine and version: switching engine never mixes two renders."""
    extra_nav = tuple(buildtree.nav_entries(check(STARTER).archive))  # as the build passes it
    prints = {engine: render.fingerprint(render.EngineConfig(ROOT / "mkdocs.yml", engine=engine,
                                                             extra_nav=extra_nav))
              for engine in engines.ENGINES}
    assert prints["mkdocs"] != prints["properdocs"]
    stamps = []
    for engine in _in_order():
        build(BuildOptions(content=STARTER, site_dir=tmp_path / "site", engine=engine,
                           build_dir=tmp_path / ".build", config_file=ROOT / "mkdocs.yml"))
        stamps.append((tmp_path / ".build" / "tree" / "rendered.stamp").read_text("utf-8"))
    assert [stamp.split()[0] for stamp in stamps] == [prints[name] for name in _in_order()]


def _fresh_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_process_runs_one_engine_and_mkdocs_imports_follow_it() -> None:
    out = _fresh_python("""
        import sys
        from generator.engine import engines
        assert engines.active() is None
        assert engines.activate("properdocs") and engines.active() == "properdocs"
        import mkdocs.commands.build, material.plugins.search.plugin, properdocs
        assert sys.modules["mkdocs"] is properdocs
        print(mkdocs.commands.build.__file__)
        assert not engines.activate("mkdocs")  # too late: this process runs ProperDocs
        print(engines.engine_version("mkdocs"), engines.engine_version("properdocs"))
    """)
    path, versions = out.splitlines()
    assert "/properdocs/commands/build.py" in path
    assert versions == f"{version('mkdocs')} {version('properdocs')}"
    out = _fresh_python("""
        from generator.engine import engines
        assert engines.activate("mkdocs") and not engines.activate("properdocs")
        import mkdocs.commands.build
        print(mkdocs.commands.build.__file__)
    """)
    assert "/mkdocs/commands/build.py" in out


def _files_of(name: str) -> Iterator[str]:
    for path in distribution(name).files or []:
        yield path.as_posix()


def test_both_engines_share_one_environment_without_a_clash() -> None:
    """ProperDocs ships no ``mkdocs`` module or script and needs no MkDocs; Material's
    ``mkdocs<2`` requirement stays met by MkDocs itself; no file belongs to both."""
    properdocs_files = set(_files_of("properdocs"))
    assert not [f for f in properdocs_files if f.split("/")[0] == "mkdocs"
                or f.endswith(("bin/mkdocs", "bin/mkdocs.exe"))]
    assert not properdocs_files & set(_files_of("mkdocs"))
    scripts = {ep.name for ep in distribution("properdocs").entry_points
               if ep.group == "console_scripts"}
    assert scripts == {"properdocs"}
    needs = [Requirement(r).name for r in distribution("properdocs").requires or []]
    assert "mkdocs" not in needs
    material_needs = [Requirement(r) for r in distribution("mkdocs-material").requires or []]
    mkdocs_need = next(r for r in material_needs if r.name == "mkdocs")
    assert version("mkdocs") in mkdocs_need.specifier


def test_the_hook_reads_front_matter_as_both_engines_do() -> None:
    """hook.py copies the engines' front-matter pattern instead of importing one of them."""
    out = _fresh_python("""
        import mkdocs.utils.meta, properdocs.utils.meta
        print(mkdocs.utils.meta.YAML_RE.pattern == properdocs.utils.meta.YAML_RE.pattern)
        print(mkdocs.utils.meta.YAML_RE.pattern)
    """)
    same, pattern = out.splitlines()
    assert same == "True" and pattern == hook._FRONT_MATTER.pattern


def test_the_engine_option_and_its_environment_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit, match="2"):
        main(["build", "--content", str(STARTER), "--engine", "zensical"])
    assert "unknown engine 'zensical': choose mkdocs or properdocs" in capsys.readouterr().err
    monkeypatch.setenv(engines.ENVIRONMENT, "properdocs")
    assert render.EngineConfig(ROOT / "mkdocs.yml").engine == "properdocs"
    monkeypatch.setenv(engines.ENVIRONMENT, "mkdoc")
    with pytest.raises(engines.EngineChoiceError, match="BRIEFINGS_ENGINE: unknown engine"):
        render.EngineConfig(ROOT / "mkdocs.yml")
    with pytest.raises(SystemExit, match="2"):
        main(["bundle", "--content", str(STARTER), "--output", str(tmp_path / "b.zip")])
    assert "BRIEFINGS_ENGINE" in capsys.readouterr().err


def test_without_properdocs_installed_the_error_says_how_to_get_it() -> None:
    out = _fresh_python("""
        import sys
        sys.modules["properdocs"] = None  # what an environment without it gives an import
        from generator.engine import engines
        try:
            engines.activate("properdocs")
        except engines.EngineError as error:
            print(error)
    """)
    assert out.startswith("ProperDocs is not installed here") and "`make site`" in out


def _served_home(engine: str, work: Path) -> str:
    """The home page as ``briefings serve --engine ENGINE`` serves it (then stopped)."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "briefings"), "serve", "--engine", engine,
         "--content", str(STARTER), "--config", str(ROOT / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}"], cwd=work, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    def home() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                # the preview's links name its address
                return str(reply.read().decode("utf-8")).replace(f":{port}/", ":PORT/")
        except OSError:
            assert server.poll() is None, server.communicate()[1]
            return None
    try:
        return wait_until(home, 30, f"{engine}: the preview answering", interval=0.25)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_both_engines_serve_the_same_preview(tmp_path: Path) -> None:
    pages = {engine: _served_home(engine, tmp_path) for engine in engines.ENGINES}
    for page in pages.values():
        assert "<title>Briefing Archive</title>" in page and "/__preview__/client.js" in page

    def without_reload(page: str) -> str:  # the reload script names the server's epoch
        return re.sub(r"epoch=\d+&amp;id=\d+", "epoch=&amp;id=", page)
    assert without_reload(pages["mkdocs"]) == without_reload(pages["properdocs"])
