"""Score `briefings ingest` on a folder of saved pages with expected values beside them.

Each page (``NAME.txt`` or ``NAME.html``) has ``NAME.expected.yml``: ``title``, ``date``,
``published``, ``source`` (``name``, ``via``, ``url``), ``actors`` and ``regions`` (registry
ids), null or empty where the page does not state them. Every page is ingested for real
(``ingest_file`` into a scratch content folder with the real registries) and the draft's
front matter read back: a field scores when it equals the expected value, an empty field
included (a value where the page states none is wrong). Actors and regions are scored
together as precision and recall over all pages.

    .venv/bin/python scripts/ingest_score.py [FOLDER]   # default tests/fixtures/ingest-unseen
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.frontmatter import split
from generator.content.loading import load_registries
from generator.content.syntax.yamlstrict import plain
from generator.editorial.ingest import draft_from_page, ingest_file, read_page
from generator.editorial.known_names import NameFinder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "ingest-unseen"
TODAY = date(2026, 11, 29)
FIELDS = ("title", "date", "published", "name", "via", "url")


@dataclass
class Score:
    """Fields right out of fields scored; names found, wrongly found and missed."""

    right: int = 0
    scored: int = 0
    hits: int = 0
    extra: int = 0
    missed: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / max(1, self.hits + self.extra)

    @property
    def recall(self) -> float:
        return self.hits / max(1, self.hits + self.missed)


def pages(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every page of ``folder`` with its expected values."""
    found = []
    for expected in sorted(folder.glob("*.expected.yml")):
        stem = expected.name.removesuffix(".expected.yml")
        page = next(p for p in folder.iterdir() if p.stem == stem and p.suffix in (".txt", ".html"))
        found.append((page, yaml.safe_load(expected.read_text(encoding="utf-8"))))
    return found


def written_fields(page: Path, content: Path) -> dict[str, Any]:
    """What the draft written for ``page`` says (None for a field left to FILL IN)."""
    path = ingest_file(page, content, today=TODAY).path
    meta = plain(split(path.read_text(encoding="utf-8")).meta)
    assert isinstance(meta, dict)
    path.unlink()
    source = meta.get("source") or {}
    return {"title": meta.get("title"), "date": meta.get("date"),
            "published": source.get("published"), "name": source.get("name"),
            "via": source.get("via"), "url": source.get("url")}


def expected_fields(want: dict[str, Any]) -> dict[str, Any]:
    source = want["source"]
    shown = {key: want[key] for key in ("title", "date", "published")}
    shown.update({key: source[key] for key in ("name", "via", "url")})
    return {key: value.isoformat() if isinstance(value, date) else value
            for key, value in shown.items()}


def score(folder: Path) -> Score:
    """Ingest every page of ``folder`` and compare with what it should give."""
    regions, actors, _ = load_registries(ROOT / "content")
    finder = NameFinder(actors, regions)
    result = Score()
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        (content / "briefings").mkdir(parents=True)
        for name in ("actors.yml", "regions.yml"):
            shutil.copy(ROOT / "content" / name, content / name)
        for page, want in pages(folder):
            got, expected = written_fields(page, content), expected_fields(want)
            for key in FIELDS:
                result.scored += 1
                if got[key] == expected[key]:
                    result.right += 1
                else:
                    result.wrong.append(f"{page.name}: {key} {got[key]!r}, "
                                        f"expected {expected[key]!r}")
            _score_names(result, page, draft_from_page(read_page(page), finder, TODAY), want)
    return result


def _score_names(result: Score, page: Path, draft: Any, want: dict[str, Any]) -> None:
    for kind, found, expected in (("actor", draft.actors, want["actors"]),
                                  ("region", draft.regions, want["regions"])):
        found_set, expected_set = set(found), set(expected or ())
        result.hits += len(found_set & expected_set)
        result.extra += len(found_set - expected_set)
        result.missed += len(expected_set - found_set)
        for name in sorted(found_set ^ expected_set):
            how = "extra" if name in found_set else "missed"
            result.wrong.append(f"{page.name}: {kind} {name} {how}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    result = score(args.folder)
    for line in result.wrong:
        print(line)
    print(f"fields right: {result.right}/{result.scored} ({result.right / result.scored:.1%}); "
          f"actors and regions: precision {result.precision:.3f}, recall {result.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
