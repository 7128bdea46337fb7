"""`briefings ingest` on pages its rules were not written from (tests/fixtures/ingest-unseen).

The 22 pages copy the shapes real outlets use (wire services, broadcasters, regional and
syndication sites, translations; share bars, captions, "Key points", related links, relative
stamps, day-first dates, pages without a year or a title). They were scored before any rule
was changed (110 of 132 fields right); scripts/ingest_score.py scores them the same way here.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import ingest_score
import pytest

from generator.cli import main
from generator.content.frontmatter import split
from generator.content.syntax.yamlstrict import plain

ROOT = Path(__file__).resolve().parents[2]

UNSEEN = ROOT / "tests" / "fixtures" / "ingest-unseen"


@pytest.fixture(scope="module")
def score() -> ingest_score.Score:
    return ingest_score.score(UNSEEN)


def test_the_set_has_the_shapes_the_issue_names() -> None:
    pages = ingest_score.pages(UNSEEN)
    assert len(pages) >= 20
    wanted = [want for _, want in pages]
    assert sum(w["title"] is None for w in wanted) >= 1
    assert sum(w["date"] is None for w in wanted) >= 3
    assert sum(w["source"]["via"] is not None for w in wanted) >= 4
    assert sum(p.suffix == ".html" for p, _ in pages) >= 5


def test_every_field_the_page_states_is_right_and_no_other_is_filled(
        score: ingest_score.Score) -> None:
    fields = [line for line in score.wrong if " actor " not in line and " region " not in line]
    assert fields == []
    assert score.right == score.scored


def test_actors_and_regions_are_found_with_precision_and_recall(
        score: ingest_score.Score) -> None:
    assert score.precision >= 0.9 and score.recall >= 0.9, score.wrong


def test_date_and_published_are_set_by_their_own_options(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    for name in ("actors.yml", "regions.yml"):
        shutil.copy(ROOT / "content" / name, content / name)
    assert main(["ingest", str(UNSEEN / "tass-no-year.txt"), "--date", "2024-04-18",
                 "--published", "2024-04-19", "--content", str(content)]) == 0
    path = Path(capsys.readouterr().out.strip())
    meta = plain(split(path.read_text(encoding="utf-8")).meta)
    assert isinstance(meta, dict)
    assert (meta["date"], meta["source"]["published"]) == ("2024-04-18", "2024-04-19")
    assert path.name.startswith(date(2024, 4, 18).isoformat())


def test_pages_written_after_the_rules_score_as_well() -> None:
    """tests/fixtures/ingest-heldout/: written and scored after the fixes, never tuned on
    (29 of 30 fields right then: Anadolu's standfirst between title and byline was taken
    for the title; left so, as the measure of what the rules do on new pages)."""
    held_out = ingest_score.score(ROOT / "tests" / "fixtures" / "ingest-heldout")
    assert held_out.right / held_out.scored >= 0.9, held_out.wrong
    assert held_out.precision >= 0.9 and held_out.recall >= 0.9, held_out.wrong


def test_the_third_held_out_set_is_no_worse_than_when_first_scored() -> None:
    """tests/fixtures/ingest-heldout3/ (36 pages): written in round three by an engineer who
    never read the ingest code, ran ingest or saw a draft, and scored once after that round's
    rules were done: 166 of 216 fields right, 22 values filled that the page does not state
    so (the branch point's rules: 164 and 26). Development data since round four, whose
    agreement rules reached 196 right and none filled otherwise: kept so that no change
    makes it worse."""
    held_out = ingest_score.score(ROOT / "tests" / "fixtures" / "ingest-heldout3")
    assert held_out.scored == 216
    assert held_out.right >= 196, held_out.wrong
    assert held_out.stated_wrongly == 0, held_out.wrong
    # Round six (body and names): whole article 36, furniture-free 35 (33 before).
    assert held_out.article_kept >= 36 and held_out.furniture_free >= 35, held_out.wrong
    assert held_out.precision >= 0.99 and held_out.recall >= 0.99, held_out.wrong


def test_the_fourth_held_out_set_is_no_worse_than_when_first_scored() -> None:
    """tests/fixtures/ingest-heldout4/ (32 pages): written in round four, blind like the
    third, while that round's agreement rules were being written, and scored once they were
    done: 146 of 192 fields right (as at the branch point) and 16 values filled that the
    page does not state so (28 at the branch point). Development data since round five,
    whose rules reached 171 right and none filled otherwise: kept so that no change makes
    it worse."""
    held_out = ingest_score.score(ROOT / "tests" / "fixtures" / "ingest-heldout4")
    assert held_out.scored == 192
    assert held_out.right >= 171, held_out.wrong
    assert held_out.stated_wrongly == 0, held_out.wrong
    # Round six (body and names): names 0.967 / 0.949 before, 0.987 / 0.965 after.
    assert held_out.article_kept >= 31 and held_out.furniture_free >= 32, held_out.wrong
    assert held_out.precision >= 0.985 and held_out.recall >= 0.96, held_out.wrong


def test_the_fifth_held_out_set_is_no_worse_than_when_first_scored() -> None:
    """tests/fixtures/ingest-heldout5/ (36 pages in 36 shapes, twelve languages): written in
    round five, blind, while that round's rules were being written against heldout4, and
    scored before and after them: 154 of 216 fields right both times, 24 filled with a value
    the page does not state both times (titles from captions, bylines and mastheads; outlets
    from bylines, terms links and platforms). The round's rules did not generalise.
    Development data since round six, whose fields filled only where signals agree reached
    166 right and 2 filled otherwise, both another name of the same organisation ("Deutsche
    Welle" for "DW", "ICRC" for its full name): none once those count (the lenient figure).
    With round six's body rules merged beside them, 165 and 3: a verbatim record's running
    header now parts its pages, and its agenda item, printed as a heading and repeated in that
    header, is taken as the title where the set's writer judged the record to have none."""
    held_out = ingest_score.score(ROOT / "tests" / "fixtures" / "ingest-heldout5")
    assert held_out.scored == 216
    assert held_out.right >= 165, held_out.wrong
    assert held_out.stated_wrongly <= 3, held_out.wrong
    assert held_out.stated_wrongly - held_out.other_name <= 1, held_out.wrong
    # Round six (body and names), with the set as development data: whole article 33 -> 36,
    # furniture-free 20 -> 28, names 0.970 / 0.918 -> 0.985 / 0.985.
    assert held_out.article_kept >= 36 and held_out.furniture_free >= 28, held_out.wrong
    assert held_out.precision >= 0.98 and held_out.recall >= 0.98, held_out.wrong


def test_the_sixth_held_out_set_is_no_worse_than_when_first_scored() -> None:
    """tests/fixtures/ingest-heldout6/ (38 pages, fifteen languages, mostly ordinary articles
    of outlets no other set has): written in round six, blind, while that round's rules were
    being written against heldout5, and scored before and after them: fields right 177 then
    175 of 228, filled with a value the page does not state 20 then 18 (16 in the lenient
    figure); names recall 0.887 then 0.944. The floor is where the round left it, for the
    next round to raise and to bring the wrong values to none."""
    held_out = ingest_score.score(ROOT / "tests" / "fixtures" / "ingest-heldout6")
    assert held_out.scored == 228
    assert held_out.right >= 175, held_out.wrong
    assert held_out.stated_wrongly <= 18, held_out.wrong
    assert held_out.article_kept >= 33 and held_out.furniture_free >= 28, held_out.wrong
    assert held_out.precision >= 0.975 and held_out.recall >= 0.94, held_out.wrong
