"""`briefings ingest` on layouts and languages its first rules never saw (issue 24).

tests/fixtures/ingest-dev/ (26 pages) and the first 10 pages of
tests/fixtures/ingest-dev-heldout/ were written before any rule changed; 6 more held-out
pages were written after the rules and never tuned on either. Their shapes: live blogs, PDF
copies, ministries' statements, French, Russian and Arabic outlets, republications with
licence lines, pages with several dates, photo credits between headline and text,
breadcrumbs, inline "Read also" links, Summary bullets, author bios and appeals. Each
expected file lists every article paragraph (by its opening words) and furniture that must
not reach the draft. The held-out score is the measure of what the rules do.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import ingest_score
import pytest

from generator.editorial import outlets
from generator.editorial.ingest import ingest_file
from generator.editorial.ingest_facts import _outlet_in
from generator.editorial.ingest_text import unwrap
from generator.editorial.pagedates import stamps

ROOT = Path(__file__).resolve().parents[2]

DEV = ROOT / "tests" / "fixtures" / "ingest-dev"
HELD_OUT = ROOT / "tests" / "fixtures" / "ingest-dev-heldout"


@pytest.fixture(scope="module")
def dev() -> ingest_score.Score:
    return ingest_score.score(DEV)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("shapes") / "content"
    (target / "briefings").mkdir(parents=True)
    for name in ("actors.yml", "regions.yml"):
        shutil.copy(ROOT / "content" / name, target / name)
    return target


def test_the_sets_have_the_shapes_the_issue_names() -> None:
    dev_pages, held_out = ingest_score.pages(DEV), ingest_score.pages(HELD_OUT)
    assert len(dev_pages) >= 25 and len(held_out) >= 16
    names = " ".join(page.name for page, _ in [*dev_pages, *held_out])
    for shape in ("live", "pdf", "mfa", "-fr-", "-ru-", "-ar-", "cc", "correction",
                  "summary", "bio", "read-also", "breadcrumbs"):
        assert shape in names, shape
    assert all(want.get("article") and want.get("furniture") for _, want in dev_pages)


@pytest.mark.parametrize("stem", ["crisisgroup-pdf-wrapped.txt", "lemonde-fr-corridor.txt",
                                  "guardian-live-karabakh.html", "aljazeera-liveblog.txt",
                                  "jamnews-read-also.txt"])
def test_a_pdf_copy_a_french_page_and_live_blogs_keep_every_paragraph(
        content: Path, stem: str) -> None:
    want = dict(ingest_score.pages(DEV))[DEV / stem]
    path = ingest_file(DEV / stem, content, today=ingest_score.TODAY).path
    text = path.read_text(encoding="utf-8")
    path.unlink()
    block = " ".join(ingest_score.article_block(text).split()).casefold()
    assert [s for s in want["article"] if s.casefold() not in block] == []
    assert [s for s in want["furniture"] if s.casefold() in text.casefold()] == []


def test_the_development_pages_score_as_the_issue_asks(dev: ingest_score.Score) -> None:
    fields = [line for line in dev.wrong if " actor " not in line and " region " not in line]
    assert dev.right / dev.scored >= 0.95, fields
    assert dev.stated_wrongly == 0, fields  # an empty field at worst, never a wrong one
    assert dev.article_kept == dev.furniture_free == dev.pages, fields
    assert dev.precision >= 0.97 and dev.recall >= 0.95, dev.wrong


def test_the_held_out_pages_are_scored_as_a_measure() -> None:
    """Never tuned on: the figure is recorded in BENCHMARKS.md, not raised here."""
    held_out = ingest_score.score(HELD_OUT)
    assert held_out.right / held_out.scored >= 0.9, held_out.wrong
    assert held_out.article_kept >= 0.9 * held_out.pages, held_out.wrong
    assert held_out.precision >= 0.9 and held_out.recall >= 0.9, held_out.wrong


@pytest.mark.parametrize(("line", "meaning"), [
    ("Publié le 13 avril 2025 à 10h12, modifié le 14 avril 2025 à 08h30",
     [("published", date(2025, 4, 13)), ("updated", date(2025, 4, 14))]),
    ("14:05 12.09.2024 (обновлено: 16:30 13.09.2024)",
     [("plain", date(2024, 9, 12)), ("updated", date(2024, 9, 13))]),
    ("نُشر: 13:45-14 مارس 2025 م", [("published", date(2025, 3, 14))]),
    ("February 23, 20245:00 AM ET", [("plain", date(2024, 2, 23))]),
    ("Correction Feb. 26, 2024", [("correction", date(2024, 2, 26))]),
    ("WASHINGTON, Aug 8", []), ("12 июня.", []), ("Updated 3 hours ago", []),
])
def test_a_stamp_says_what_its_date_is(line: str, meaning: list[tuple[str, date]]) -> None:
    assert stamps(line) == meaning


def test_a_known_outlet_counts_only_as_the_whole_organisation() -> None:
    assert _outlet_in("Interfax-Ukraine") == "Interfax-Ukraine"
    assert _outlet_in("Mail & Guardian") == "Mail & Guardian"
    assert _outlet_in("Guardian News & Media Limited") == "The Guardian"
    assert _outlet_in("Euronews with AFP") == "Euronews"
    assert _outlet_in("Anna Chernova and Rob Picheta, CNN") == "CNN"
    assert outlets.canonical("الجزيرة نت") == "Al Jazeera"


def test_hard_wrapped_text_becomes_paragraphs_and_web_copy_stays_as_lines() -> None:
    wrapped = ("The talks that began after the offensive remain fragile, and both\n"
               "governments say most of the text of a treaty is agreed, while the\n"
               "remaining questions are the hardest.\n\nA second paragraph.")
    assert unwrap(wrapped).split("\n\n")[0].count("\n") == 0
    copied = "World\nBusiness\nArmenia and Azerbaijan agree on a text\nBy Felix Light"
    assert unwrap(copied) == copied
