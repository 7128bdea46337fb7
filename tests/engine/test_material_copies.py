"""Guards on what the theme copied from Material: an upgrade never breaks the site silently.

Parts of theme/ are copies of Material for MkDocs 9.8.2 internals, changed in a few places
(each copy's header says where): blocks of base.html in theme/main.html, the header and
search partials, the inline scripts moved into files, and the search worker, which speaks
the message protocol of Material's own. This test reads each ORIGINAL in the installed
Material package and compares it with the SHA-256 of the text we copied from. When
Material changes one of them, the test fails naming Material's file and ours, so that the
change is carried over (or judged harmless) before the new version ships. Our copies are
not compared: they differ from Material's on purpose and change with our own work.

To accept a new Material version: compare each named original with our copy, port what
matters, then store the new digest the failure message prints.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

COPIED_FROM = "9.8.2"
_BUNDLE_MAP = "templates/assets/javascripts/bundle.*.min.js.map"
_WORKER_MAP = "templates/assets/javascripts/workers/search.*.min.js.map"
_SEARCH_TS = "src/templates/assets/javascripts/"
_WORKER_JS = "theme/assets/javascripts/search-worker.js (Material's worker protocol)"
_MOVED = "theme/partials/javascripts/{0}.html and theme/assets/javascripts/csp/{0}.js"


@dataclass(frozen=True)
class Copy:
    """One of our files, the part of a Material file it was made from, and that part's digest."""

    ours: str
    original: str  # inside the installed material package; a glob for hashed bundle names
    part: str  # "": the whole file; "block NAME": a template block; "source PATH": a map source
    sha256: str


COPIES = (
    Copy("theme/main.html (block site_meta)", "templates/base.html", "block site_meta",
         "26f3fa30991041e52860342b32b079b4c576cb769766e265537384d7a5d4643b"),
    Copy("theme/main.html (block htmltitle)", "templates/base.html", "block htmltitle",
         "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef"),
    Copy("theme/main.html (block config)", "templates/base.html", "block config",
         "b84001acaa9dc3791d04b24d2533025797fbe59d71702bd25693fe05aac34ddf"),
    Copy("theme/partials/header.html", "templates/partials/header.html", "",
         "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    Copy("theme/partials/search.html", "templates/partials/search.html", "",
         "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    Copy("theme/partials/source.html", "templates/partials/source.html", "",
         "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"),
    Copy(_MOVED.format("base"), "templates/partials/javascripts/base.html", "",
         "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"),
    Copy(_MOVED.format("palette"), "templates/partials/javascripts/palette.html", "",
         "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"),
    Copy(_MOVED.format("content") + " and content-tabs-link.js",
         "templates/partials/javascripts/content.html", "",
         "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf"),
    Copy("theme/partials/javascripts/ (Material's inline-script partials, by name: a new one "
         "is an inline script the pages' policy blocks)", "templates/partials/javascripts",
         "names", "2213ea15bbabcd2bc38835d5f9027f739c2545f1c376b57e00d92ee5b3f796c6"),
    *(Copy(_WORKER_JS, _BUNDLE_MAP, f"source {_SEARCH_TS}{path}", sha256) for path, sha256 in (
        # the message types and shapes
        ("integrations/search/worker/message/index.ts",
         "d5b7ac95b6875d396cd0d0d65a26106aadbe60a819d14ac2c0c2dac71292875f"),
        # the setup message the page posts
        ("integrations/search/worker/_/index.ts",
         "9261d64b0383b3cf39d14bf363f594fff1cb3e8acc96dfeac4719bd332e3aa9f"),
        # the worker's URL comes from config.search (theme/main.html's config block)
        ("components/search/_/index.ts",
         "b523557c8d5f5e51a15d21f3039fe996f01f45a3038c20e0f703eb44e88f76b2"),
        # what a query message holds
        ("components/search/query/index.ts",
         "f6b3f706cbd705529b52230072f2448ea551557b66c49d6f21695b2d9a745502"),
        # how a result message is drawn
        ("components/search/result/index.ts",
         "dd95b6bf5e8868aaf472f2cf43ede1ab93b9d70d3fe542b4d0f13eab70f9b82f"),
        # how suggestions are used
        ("components/search/suggest/index.ts",
         "41817038f08207bb95b9db10070fccd5e0b2337cae9aadf10dd3cc901fa8888a"),
    )),
    *(Copy(_WORKER_JS, _WORKER_MAP, f"source {_SEARCH_TS}{path}", sha256) for path, sha256 in (
        # how Material's own worker answers
        ("integrations/search/worker/main/index.ts",
         "59e1cbdda8f1cfdcd5d422b3c36bebfe992c16d35474eeb527cc81dc0f5b3ae6"),
        # a result's items: location, title, text, score, terms, tags
        ("integrations/search/_/index.ts",
         "326e637901bfff8ed1eebd491dec2f1fec9a6357fd7c992c81c741b0c30a22bd"),
        # the index the setup message carries: config, docs, options
        ("integrations/search/config/index.ts",
         "3b3e6188fc673742b76c19f88dba1357ce559fcffae05b736d0de0f5601d5616"),
    )),
)


def material_root() -> Path:
    """The installed Material package's folder."""
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None, "Material for MkDocs is not installed"
    return Path(spec.origin).parent


def _block(template: str, name: str) -> str | None:
    """``{% block name %}...{% endblock %}`` as written, nested blocks included."""
    start = re.search(r"\{%-?\s*block\s+" + name + r"\s*-?%\}", template)
    if start is None:
        return None
    depth = 0
    for tag in re.finditer(r"\{%-?\s*(block\s+\w+|endblock)\b[^%]*%\}", template[start.start():]):
        depth += -1 if tag.group(1) == "endblock" else 1
        if depth == 0:
            return template[start.start():start.start() + tag.end()]
    return None


def _source(source_map: str, path: str) -> str | None:
    """The original text of one source file a bundle's source map carries."""
    loaded = json.loads(source_map)
    sources = dict(zip(loaded["sources"], loaded.get("sourcesContent") or [], strict=False))
    found = sources.get(path)
    return found if isinstance(found, str) else None


def original_text(root: Path, copy: Copy) -> str | None:
    """The part of Material's file that ``copy`` was made from; None where it is gone."""
    matches = sorted(root.glob(copy.original))
    if len(matches) != 1:
        return None
    if copy.part == "names":
        return "\n".join(sorted(p.name for p in matches[0].iterdir()))
    text = matches[0].read_text("utf-8")
    kind, _, name = copy.part.partition(" ")
    if kind == "block":
        return _block(text, name)
    if kind == "source":
        return _source(text, name)
    return text


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def changed_originals(root: Path) -> list[str]:
    """One message for each original under ``root`` that is not what we copied from."""
    problems = []
    for copy in COPIES:
        shown = f"Material's {copy.original}" + (f" ({copy.part})" if copy.part else "")
        text = original_text(root, copy)
        if text is None:
            problems.append(f"{shown} is gone (one file, and that part of it, expected): "
                            f"{copy.ours} was copied from it")
        elif digest(text) != copy.sha256:
            problems.append(f"{shown} changed since Material {COPIED_FROM}: {copy.ours} is a "
                            f"copy of it. Compare the two, carry the change over, then store "
                            f"sha256 {digest(text)} in {Path(__file__).name}")
    return problems


def test_every_material_original_is_what_we_copied_from() -> None:
    problems = changed_originals(material_root())
    assert not problems, (f"Material {version('mkdocs-material')} is installed; theme/ holds "
                          f"copies made from {COPIED_FROM}, and these originals changed:\n  "
                          + "\n  ".join(problems))


def _aside(root: Path, folder: Path) -> None:
    """The Material files the guard reads, copied from ``root`` into ``folder``."""
    for copy in COPIES:
        for path in root.glob(copy.original):
            for each in sorted(path.iterdir()) if path.is_dir() else [path]:
                target = folder / each.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(each.read_bytes())


def _change(folder: Path, copy: Copy) -> None:
    """An edit of the kind an upgrade makes, to the part ``copy`` was made from."""
    target = next(folder.glob(copy.original))
    if copy.part == "names":  # a new inline-script partial
        (target / "announce-extra.html").write_text("<script>x()</script>\n", "utf-8")
        return
    text = target.read_text("utf-8")
    if copy.part.startswith("source "):
        loaded = json.loads(text)
        at = loaded["sources"].index(copy.part.split(" ", 1)[1])
        loaded["sourcesContent"][at] = loaded["sourcesContent"][at].replace("\n", "\n// new\n", 1)
        target.write_text(json.dumps(loaded), "utf-8")
        return
    part = original_text(folder, copy)
    assert part is not None and text.count(part) == 1
    target.write_text(text.replace(part, part.replace("\n", '\n<meta name="new">\n', 1)), "utf-8")


@pytest.mark.parametrize("copy", COPIES, ids=lambda copy: f"{copy.original} {copy.part}".strip())
def test_a_changed_original_fails_the_guard_naming_both_files(copy: Copy, tmp_path: Path
                                                               ) -> None:
    """Material's files copied aside, one part of one of them changed: the guard names it."""
    _aside(material_root(), tmp_path)
    assert changed_originals(tmp_path) == []
    _change(tmp_path, copy)
    problems = changed_originals(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"Material's {copy.original}")
    assert copy.ours in problems[0] and f"changed since Material {COPIED_FROM}" in problems[0]
