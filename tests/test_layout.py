"""The package layout is the architecture: imports flow one way, folders and modules stay small,
only the engine knows MkDocs, and the README names every module (read from the source with ast)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"

# Each unit may import only these (itself included). A unit is a sub-package, or a module at
# the top level. Lower layers never import higher ones. `workers` (the parallel-work policy)
# is below them all.
CONTENT = {"content", "content.syntax", "workers"}
SITE_BASE = CONTENT | {"site"}
ALLOWED: dict[str, set[str]] = {
    "workers": {"workers"},
    "content.syntax": {"content.syntax"},
    "content": CONTENT,
    "site": SITE_BASE,
    "site.data": SITE_BASE | {"site.data"},
    "site.maps": SITE_BASE | {"site.maps"},
    "site.html": SITE_BASE | {"site.data", "site.maps", "site.html"},
    "site.plan": SITE_BASE | {"site.data", "site.maps", "site.html", "site.plan"},
    "engine": SITE_BASE | {"engine"},
    "editorial.pagesignals": CONTENT | {"editorial.pagesignals"},
    "editorial": CONTENT | {"editorial", "editorial.pagesignals"},
    # `briefings sources`: the checker sits with the editors' tools (it writes into
    # content/ and never reads the site); the state file's format is content's.
    "editorial.sources": CONTENT | {"editorial", "editorial.pagesignals", "editorial.sources"},
    "report": CONTENT | {"report"},
    # Where a command runs (the project) and what its settings still lack: below cli only.
    "project": SITE_BASE | {"engine", "project"},
    # The build folder's file names: a table of paths, below the pipeline.
    "buildfolder": SITE_BASE | {"buildfolder"},
    "pipeline": SITE_BASE | {"site.maps", "site.plan", "engine", "buildfolder", "pipeline"},
    "serve": SITE_BASE | {"site.maps", "site.plan", "engine", "buildfolder", "pipeline", "report",
                          "serve"},
    "prsummary": SITE_BASE | {"site.html", "prsummary"},
    # The Downloads page is a page like the others (site.html, site.plan's Markdown).
    "editions": SITE_BASE | {"site.html", "site.plan", "engine", "buildfolder", "pipeline",
                             "editions"},
    "cli": set(),  # the entry point: may import anything (filled in below)
}
ALLOWED["cli"] = set(ALLOWED) | {"__init__"}
ENGINE_LIBRARIES = ("mkdocs", "material", "properdocs")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _unit(module: str) -> str:
    """'generator.site.html.markup' -> 'site.html'; 'generator.cli' -> 'cli'."""
    parts = module.split(".")[1:]
    path = PACKAGE.joinpath(*parts)
    if path.is_dir():  # a package itself: 'from generator.site import urls'
        return ".".join(parts)
    return ".".join(parts[:-1]) or parts[-1]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names, including ``from package import module``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists()
                found.append((node.lineno, candidate if is_module else node.module))
    return found


def _own_unit(path: Path) -> str:
    relative = path.relative_to(PACKAGE).with_suffix("")
    if len(relative.parts) == 1:
        return relative.parts[0]
    return ".".join(relative.parts[:-1])


def test_imports_flow_one_way() -> None:
    wrong = []
    for path in _modules():
        own = _own_unit(path)
        for line, name in _imports(path):
            if name == "generator" or not name.startswith("generator."):
                continue
            target = _unit(name)
            if target not in ALLOWED[own]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {own} imports {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_cycles_between_units() -> None:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        own = _own_unit(path)
        targets = {_unit(n) for _, n in _imports(path) if n.startswith("generator.")}
        graph.setdefault(own, set()).update(targets - {own, "__init__"})

    def visit(unit: str, trail: tuple[str, ...]) -> None:
        assert unit not in trail, "import cycle: " + " -> ".join((*trail, unit))
        for target in sorted(graph.get(unit, ())):
            visit(target, (*trail, unit))

    for unit in sorted(graph):
        visit(unit, ())


def test_only_the_engine_package_imports_the_engine() -> None:
    wrong = [f"{path.relative_to(ROOT)}:{line}: {name}" for path in _modules()
             if _own_unit(path) != "engine"
             for line, name in _imports(path) if name.split(".")[0] in ENGINE_LIBRARIES]
    assert not wrong, "MkDocs is imported outside generator/engine/:\n" + "\n".join(wrong)


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and "Imports" in doc, f"{init.relative_to(ROOT)}: no docstring saying " \
                                         "what it owns and what it imports"


@pytest.mark.parametrize("folder", sorted({p.parent for p in PACKAGE.rglob("*.py")}),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_folders_stay_small(folder: Path) -> None:
    modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 15, f"{folder.relative_to(ROOT)} holds {len(modules)} modules; " \
                               "split it by concern"


def test_modules_stay_small() -> None:
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in _modules()
            if (n := len(p.read_text("utf-8").splitlines())) > 400]
    assert not long, "modules over 400 lines:\n" + "\n".join(long)


def test_readme_names_every_module_under_its_package() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    tree = readme[readme.index("## Design"):]
    missing = [p.relative_to(PACKAGE).as_posix() for p in _modules()
               if p.name != "__init__.py" and p.relative_to(PACKAGE).as_posix() not in tree]
    assert not missing, "README's design section does not name: " + ", ".join(missing)


def test_tests_mirror_the_packages() -> None:
    packages = {p.relative_to(PACKAGE).parts[0] for p in PACKAGE.glob("*/__init__.py")}
    assert packages <= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}
