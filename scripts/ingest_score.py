"""Score `briefings ingest` on folders of saved pages with expected values beside them.

Each page (``NAME.txt`` or ``NAME.html``) has ``NAME.expected.yml``: ``title``, ``date``,
``published`` (taken as ``date`` where absent), ``source`` (``name``, ``via``, ``url``),
``actors`` and ``regions`` (registry ids), null or empty where the page does not state
them; optionally ``article`` (snippets of every article paragraph, each of which must be
in the draft's article-text block) and ``furniture`` (snippets that must be nowhere in the
draft). Every page is ingested for real (``ingest_file`` into a scratch content folder with
the real registries) and the draft read back: a field scores when it equals the expected
value, an empty field included (a value where the page states none is wrong), and a
"wrong" is either a value where the expected one differs or is empty (the worst kind) or an
empty field where the page states one. Scoring is strict; where an outlet is written with
another name of the same organisation (the outlet table's, or its initials: "Deutsche
Welle" for "DW", "ICRC" for its full name), the line also gives the lenient figure. Actors
and regions are scored together as precision and recall over all pages. One line per folder.

    .venv/bin/python scripts/ingest_score.py [FOLDER ...] [--quiet]   # default: every set
    .venv/bin/python scripts/ingest_score.py --quiet --scale 20000    # and time a long page

``--justext`` also compares jusText (stop-word paragraph classification, each line a
paragraph, the page's language guessed from its script) with our line classifier on the
copied-text pages: whole article kept, furniture left out.
``--scale N`` also times one copied page of N short paragraphs naming actors, regions,
outlets and unknown names (ingest must stay linear in paragraphs).
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.content.frontmatter import split
from generator.content.loading import load_registries
from generator.content.placeholders import ARTICLE_END, ARTICLE_START
from generator.content.syntax.yamlstrict import plain
from generator.editorial.ingest import draft_from_page, ingest_file, read_page
from generator.editorial.known_names import NameFinder
from generator.editorial.pagesignals import outlets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = ("ingest", "ingest-unseen", "ingest-heldout", "ingest-dev", "ingest-dev-heldout",
        "ingest-dev2", "ingest-heldout3", "ingest-heldout4", "ingest-heldout5",
        "ingest-heldout6")
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
    pages: int = 0
    stated_wrongly: int = 0  # a value where the page states another one, or none
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [right, scored]
    article_kept: int = 0
    furniture_free: int = 0
    other_name: int = 0  # wrong to the letter, the same organisation by the outlet table

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


KIND = {"title": "titles", "date": "dates", "published": "dates", "name": "sources",
        "via": "sources", "url": "sources"}


def written_fields(page: Path, content: Path) -> tuple[dict[str, Any], str]:
    """What the draft written for ``page`` says (None for a field left to FILL IN), and
    the draft's whole text."""
    path = ingest_file(page, content, today=TODAY).path
    text = path.read_text(encoding="utf-8")
    meta = plain(split(text).meta)
    assert isinstance(meta, dict)
    path.unlink()
    source = meta.get("source") or {}
    return {"title": meta.get("title"), "date": meta.get("date"),
            "published": source.get("published"), "name": source.get("name"),
            "via": source.get("via"), "url": source.get("url")}, text


def article_block(text: str) -> str:
    """The draft's article-text block, its comment marks and line breaks made plain."""
    if ARTICLE_START not in text:
        return ""
    block = text.split(ARTICLE_START, 1)[1].split(ARTICLE_END, 1)[0]
    return " ".join(line.removeprefix("#").strip() for line in block.splitlines())


def expected_fields(want: dict[str, Any]) -> dict[str, Any]:
    source = want["source"]
    shown = {key: want.get(key, want["date"]) for key in ("title", "date", "published")}
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
            (got, text), expected = written_fields(page, content), expected_fields(want)
            result.pages += 1
            for key in FIELDS:
                result.scored += 1
                tally = result.by_kind.setdefault(KIND[key], [0, 0])
                tally[1] += 1
                if got[key] == expected[key]:
                    result.right += 1
                    tally[0] += 1
                else:
                    result.stated_wrongly += got[key] is not None
                    result.other_name += key in ("name", "via") and one_organisation(
                        got[key], expected[key])
                    result.wrong.append(f"{page.name}: {key} {got[key]!r}, "
                                        f"expected {expected[key]!r}")
            _score_text(result, page, text, want)
            _score_names(result, page, draft_from_page(read_page(page), finder, TODAY), want)
    return result


def one_organisation(got: Any, expected: Any) -> bool:
    """Two names the outlet table gives as one outlet ("Deutsche Welle", "DW"), one the
    initials of the other where the table knows neither ("ICRC"): ``outlets.same_organisation``,
    the rule ingest itself uses for a site's own credit; or one name in another case ("Zeit
    Online", "ZEIT ONLINE"), a masthead's typography rather than another name."""
    if not isinstance(got, str) or not isinstance(expected, str):
        return False
    if got.casefold() == expected.casefold():
        return True
    known = outlets.by_name(got)
    return (known is not None and known is outlets.by_name(expected)) or \
        outlets.same_organisation(got, expected)


def _score_text(result: Score, page: Path, text: str, want: dict[str, Any]) -> None:
    """Every article paragraph kept in the article block; no furniture anywhere."""
    block = " ".join(article_block(text).split()).casefold()
    lost = [s for s in want.get("article") or () if " ".join(s.split()).casefold() not in block]
    shown = text.replace(page.name, "")  # the draft's note names the saved file, not the page
    kept = [s for s in want.get("furniture") or () if s.casefold() in shown.casefold()]
    result.article_kept += not lost
    result.furniture_free += not kept
    result.wrong += [f"{page.name}: article paragraph lost: {s!r}" for s in lost]
    result.wrong += [f"{page.name}: furniture kept: {s!r}" for s in kept]


def summary(name: str, result: Score) -> str:
    """One line: fields right by kind, values stated wrongly, text, names."""
    kinds = ", ".join(f"{kind} {right}/{scored}" for kind, (right, scored)
                      in sorted(result.by_kind.items(), key=lambda item: item[0][::-1]))
    return (f"{name}: {result.pages} pages; fields right {result.right}/{result.scored} "
            f"({result.right / max(1, result.scored):.1%}: {kinds}); filled wrongly "
            f"{result.stated_wrongly}{_lenient(result)}; whole article "
            f"{result.article_kept}/{result.pages}, "
            f"furniture-free {result.furniture_free}/{result.pages}; actors and regions "
            f"precision {result.precision:.3f}, recall {result.recall:.3f}")


def _lenient(result: Score) -> str:
    """The lenient figure beside the strict one, where they differ: names counted right
    that are the same organisation as the expected one (another name, not another fact)."""
    if not result.other_name:
        return ""
    return (f" (lenient, one organisation by the outlet table or its initials: right "
            f"{result.right + result.other_name}, filled wrongly "
            f"{result.stated_wrongly - result.other_name})")


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
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[FIXTURES / name for name in SETS])
    parser.add_argument("--quiet", action="store_true", help="print only one line per set")
    parser.add_argument("--justext", action="store_true",
                        help="also compare jusText with our classifier on copied text")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="also time a page of N paragraphs")
    args = parser.parse_args()
    lines = []
    for folder in args.folders:
        result = score(folder)
        if not args.quiet:
            print("\n".join(result.wrong))
        lines.append(summary(folder.name, result))
        compared = versus_justext(folder) if args.justext else ""
        lines += [compared] if compared else []
    if args.scale:
        lines.append(timed(args.scale))
    print("\n".join(lines))
    return 0


def versus_justext(folder: Path) -> str:
    """One line: jusText's and our article and furniture scores on the copied-text pages
    (empty where the set's pages do not list their article paragraphs)."""
    import html

    import justext

    from generator.editorial.ingest_text import analyse, lines_of, unwrap
    counts = {"pages": 0, "jt_kept": 0, "jt_clean": 0, "kept": 0, "clean": 0}
    for page, want in pages(folder):
        if page.suffix != ".txt" or not want.get("article"):
            continue
        text = page.read_text(encoding="utf-8")
        doc = "".join(f"<p>{html.escape(line)}</p>" for line in lines_of(unwrap(text)))
        kept = justext.justext(f"<html><body>{doc}</body></html>".encode(),
                               justext.get_stoplist(_language(text)))
        for prefix, found in (("jt_", " ".join(p.text for p in kept if not p.is_boilerplate)),
                              ("", " ".join(analyse(text).body))):
            folded = found.casefold()
            counts[prefix + "kept"] += all(s.casefold() in folded for s in want["article"])
            counts[prefix + "clean"] += not any(s.casefold() in folded
                                                for s in want.get("furniture") or ())
        counts["pages"] += 1
    n = counts["pages"]
    if not n:
        return ""  # no page of the set lists its article paragraphs
    return (f"{folder.name} copied text, {n} pages: jusText whole article {counts['jt_kept']}/{n},"
            f" furniture-free {counts['jt_clean']}/{n}; ours {counts['kept']}/{n}, "
            f"{counts['clean']}/{n}")


def _language(text: str) -> str:
    if re.search(r"[\u0600-\u06ff]", text):
        return "Arabic"
    if re.search(r"[А-Яа-яЁё]", text):
        return "Russian"
    return "French" if len(re.findall(r"\b(?:le|la|les|des|du)\b", text)) > 5 else "English"


def timed(paragraphs: int) -> str:
    """One line: the CPU time to ingest a copied page of ``paragraphs`` paragraphs."""
    lines = ["Armenia and Azerbaijan hold talks on a long page", "By Reuters"]
    lines += [f"BAKU (Reuters) - Paragraph {n} says Armenia and Azerbaijan met in Baku, "
              f"Reuters reported, with John Smith of the Example Institute." for n in
              range(paragraphs)]
    regions, actors, _ = load_registries(ROOT / "content")
    finder = NameFinder(actors, regions)
    started = time.process_time()
    draft = draft_from_page("\n".join(lines), finder, TODAY)
    spent = time.process_time() - started
    return (f"scale: {paragraphs:,} paragraphs ingested in {spent:.1f} s of CPU "
            f"({len(draft.article):,} kept)")


if __name__ == "__main__":
    sys.exit(main())
