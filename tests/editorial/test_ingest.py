"""`briefings ingest`: saved article pages -> draft briefings, against the real registries.

Each page in tests/fixtures/ingest/ (copied text or HTML, from different outlets,
some syndicated, some without a year) has a ``.expected.yml`` beside it written by
reading the article: title, date (null where the page gives no complete date),
source, the registry actors and regions it names, names the registries lack, and
snippets of page furniture that must never reach the draft.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile_catalogue import hang_guard

from generator.cli import main
from generator.content.frontmatter import split
from generator.content.loading import load_archive, load_registries
from generator.content.placeholders import ARTICLE_END, ARTICLE_START
from generator.content.problems import ContentError
from generator.content.syntax.yamlstrict import plain
from generator.editorial.ingest import Draft, draft_from_page, ingest_file, read_page
from generator.editorial.known_names import NameFinder
from generator.editorial.pagesignals.pagedates import complete_dates, partial_date

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "ingest"
CONTENT = ROOT / "content"
TODAY = date(2026, 11, 29)
EXPECTED = sorted(PAGES.glob("*.expected.yml"))


def page_of(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.yml")
    return next(p for p in PAGES.iterdir() if p.stem == stem and p.suffix in (".txt", ".html"))


@pytest.fixture(scope="module")
def finder() -> NameFinder:
    regions, actors, problems = load_registries(CONTENT)
    assert not problems
    return NameFinder(actors, regions)


@pytest.fixture(scope="module")
def drafts(finder: NameFinder) -> dict[str, tuple[Draft, dict[str, Any]]]:
    """Every fixture page ingested once, with what it should give."""
    found = {}
    for expected in EXPECTED:
        draft = draft_from_page(read_page(page_of(expected)), finder, TODAY)
        found[expected.name] = (draft, yaml.safe_load(expected.read_text(encoding="utf-8")))
    return found


def test_the_fixture_set_covers_what_the_contract_asks() -> None:
    kinds = [yaml.safe_load(e.read_text(encoding="utf-8")) for e in EXPECTED]
    pages = [page_of(e) for e in EXPECTED]
    assert sum(p.suffix == ".txt" for p in pages) >= 4
    assert sum(p.suffix == ".html" for p in pages) >= 2
    assert sum(k["source"]["via"] is not None for k in kinds) >= 2
    assert sum(k["date"] is None for k in kinds) >= 1
    assert len({k["source"]["name"] for k in kinds}) >= 6


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_title_date_and_source_are_right(
        expected: Path, drafts: dict[str, tuple[Draft, dict[str, Any]]]) -> None:
    draft, want = drafts[expected.name]
    source = want["source"]
    got = (draft.title, draft.facts.published, draft.facts.name, draft.facts.via,
           draft.facts.url)
    assert got == (want["title"], want["date"], source["name"], source["via"], source["url"])
    if "author" in source:
        assert draft.facts.author == source["author"]
    if "partial_date" in want:
        assert draft.facts.partial_date == want["partial_date"]


def test_actors_and_regions_are_found_with_precision_and_recall(
        drafts: dict[str, tuple[Draft, dict[str, Any]]]) -> None:
    hits = extra = missed = 0
    for draft, want in drafts.values():
        for found, expected in ((draft.actors, want["actors"]), (draft.regions, want["regions"])):
            hits += len(set(found) & set(expected))
            extra += len(set(found) - set(expected))
            missed += len(set(expected) - set(found))
    precision, recall = hits / (hits + extra), hits / (hits + missed)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_each_page_finds_most_of_its_names(
        expected: Path, drafts: dict[str, tuple[Draft, dict[str, Any]]]) -> None:
    draft, want = drafts[expected.name]
    wanted = {("actor", a) for a in want["actors"]} | {("region", r) for r in want["regions"]}
    found = {("actor", a) for a in draft.actors} | {("region", r) for r in draft.regions}
    assert len(wanted & found) / len(wanted) >= 0.85, sorted(wanted - found)
    assert len(wanted & found) / len(found) >= 0.85, sorted(found - wanted)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_the_written_draft_has_no_furniture_and_lists_unknown_names(
        expected: Path, content: Path) -> None:
    want = yaml.safe_load(expected.read_text(encoding="utf-8"))
    written = ingest_file(page_of(expected), content, today=TODAY).path.read_text(encoding="utf-8")
    for snippet in want.get("furniture", []):
        assert snippet.casefold() not in written.casefold(), snippet
    names_block = written.split(ARTICLE_START)[0]
    for name in want.get("unknown", []):
        assert name in names_block, name


def test_the_seed_draft_is_a_parseable_draft_with_placeholders(content: Path) -> None:
    path = ingest_file(PAGES / "oilprice-rferl-blinken.txt", content, today=TODAY).path
    assert path.relative_to(content).as_posix() == (
        "briefings/drafts/blinken-looks-to-ease-tensions-between-armenia.md")
    parts = split(path.read_text(encoding="utf-8"))
    meta = plain(parts.meta)
    assert isinstance(meta, dict)
    assert meta["draft"] is True and "date" not in meta and "url" not in meta["source"]
    assert meta["source"] == {"name": "RFE/RL", "via": "Oilprice.com"}
    assert {"Antony Blinken", "Nikol Pashinyan", "Sergey Lavrov",
            "Collective Security Treaty Organization"} <= set(meta["actors"])
    assert {"Nagorno-Karabakh", "Lachin corridor"} <= set(meta["region"])
    assert parts.body.strip() == ""  # never a reprint: the summary is the editor's to write


def test_check_holds_a_fresh_draft_until_the_editor_finishes_it(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(PAGES / "oilprice-rferl-blinken.txt"),
                 "--content", str(content)]) == 0
    out = capsys.readouterr()
    path = Path(out.out.strip())
    assert "January 18" in out.err and "briefings check" in out.err
    assert main(["check", "--content", str(content)]) == 1
    report = capsys.readouterr().out
    for message in ("missing required key 'date'", "missing required key 'source.url'",
                    "the article text copied by `briefings ingest` is still in the file",
                    "the briefing has no text after the front matter",
                    "'published' is still to be filled in"):
        assert message in report
    finish(path)
    assert main(["check", "--content", str(content)]) == 0, capsys.readouterr().out


def finish(path: Path) -> None:
    """What the editor does: fill in date and address, summarise, delete the article text."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(ARTICLE_START, 1)
    tail = rest.split(ARTICLE_END, 1)[1].split("\n", 1)[1]
    head = head.replace("# date:", "date: 2023-01-18 #").replace(
        "  # url:", "  url: https://www.rferl.org/a/blinken-pashinian/32229981.html #").replace(
        "  # published:", "  published: 2023-01-18 #")
    path.write_text(head + tail.rstrip("\n") + "\nBlinken and Pashinyan discussed restarting "
                    "talks with Azerbaijan, RFE/RL reported.\n", encoding="utf-8")


def test_a_given_date_places_the_draft_and_fills_the_date(content: Path) -> None:
    path = ingest_file(PAGES / "oilprice-rferl-blinken.txt", content, date(2023, 1, 18),
                       today=TODAY).path
    assert path.parent == content / "briefings" / "2023"
    assert path.name.startswith("2023-01-18-blinken-looks-to-ease-tensions")
    meta = plain(split(path.read_text(encoding="utf-8")).meta)
    assert isinstance(meta, dict) and meta["date"] == "2023-01-18"
    assert "published" not in meta["source"]  # the page never said when it was published


@pytest.mark.parametrize("title", ["Con", "Index", "NUL"])
def test_a_title_that_slugifies_to_a_refused_name_gets_a_slug_check_accepts(
        content: Path, tmp_path: Path, title: str) -> None:
    """Issue 23, item 8: ingest never writes a file whose slug ``check`` refuses."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                    "<p>Armenia and Azerbaijan held talks in Brussels on the peace treaty, "
                    "officials said on Monday.</p></body></html>", encoding="utf-8")
    path = ingest_file(page, content, date(2023, 1, 18), today=TODAY).path
    assert path.name == f"2023-01-18-{title.lower()}-briefing.md"


def test_a_page_date_is_also_the_source_publication_date(content: Path) -> None:
    path = ingest_file(PAGES / "yahoo-afp-munich.html", content, today=TODAY).path
    assert path == content / "briefings" / "2024" / (
        "2024-02-17-armenian-azerbaijani-leaders-agree-in-munich-to-keep-working.md")
    meta = plain(split(path.read_text(encoding="utf-8")).meta)
    assert isinstance(meta, dict)
    assert meta["source"]["published"] == "2024-02-17" and meta["source"]["name"] == "AFP"


def test_ingest_refuses_to_overwrite_a_draft(content: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    page = str(PAGES / "reuters-karabakh-offensive.txt")
    assert main(["ingest", page, "--content", str(content)]) == 0
    first = Path(capsys.readouterr().out.strip())
    first.write_text(first.read_text(encoding="utf-8") + "kept\n", encoding="utf-8")
    assert main(["ingest", page, "--content", str(content)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert first.read_text(encoding="utf-8").endswith("kept\n")


def test_a_missing_page_and_a_bad_date_are_clear_errors(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(content / "nope.html"), "--content", str(content)]) == 1
    assert "nope.html: error: cannot read the page" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["ingest", str(PAGES / "armenpress-rome-statute.txt"), "--date", "18/01/2023",
              "--content", str(content)])
    assert usage.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_an_oversized_page_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (8 * 1024 * 1024 + 1))
    with pytest.raises(ContentError, match="error"):
        read_page(big)


def test_every_draft_has_front_matter_the_loader_understands(content: Path) -> None:
    """Whatever the page, only the summary (and an address not on the page) is missing."""
    for expected in EXPECTED:
        ingest_file(page_of(expected), content, date(2024, 1, 1), today=TODAY)
    loaded = load_archive(content, include_drafts=True)
    messages = {p.message for p in loaded.problems}
    assert messages <= {"the briefing has no text after the front matter",
                        "missing required key 'source.url'",
                        "'published' is still to be filled in",
                        "the article text copied by `briefings ingest` is still in the file"}, \
        messages


# --- names: aliases, Unicode, boundaries, case and context -------------------------------

def names(finder: NameFinder, text: str) -> tuple[set[str], set[str]]:
    found = finder.find(text)
    return set(found.actors), set(found.regions)


def test_names_match_through_aliases_and_unicode_forms(finder: NameFinder) -> None:
    decomposed = unicodedata.normalize("NFD", "İlham Əliyev")  # as some pages store it
    actors, _ = names(finder, f"Никол Пашинян met {decomposed} and Erdoğan; Lavrov stayed away.")
    assert actors == {"nikol-pashinyan", "ilham-aliyev", "recep-tayyip-erdogan", "sergey-lavrov"}


def test_names_respect_word_boundaries_and_case(finder: NameFinder) -> None:
    actors, regions = names(finder, "Armenian officials told us the turkey was Azerbaijani.")
    assert actors == set() and regions == set()
    actors, regions = names(finder, "The US and the EU urged Turkey to act.")
    assert actors == {"united-states", "european-union", "turkey"}


def test_a_capital_is_a_place_after_in_and_a_government_otherwise(finder: NameFinder) -> None:
    actors, regions = names(finder, "Baku said the talks would be held in Baku.")
    assert actors == {"azerbaijan"} and regions == {"baku"}
    actors, regions = names(finder, "A letter to Yerevan came from the Moscow-led alliance.")
    assert actors == {"armenia", "russia"} and regions == set()


def test_the_longest_name_wins_and_regular_variants_match(finder: NameFinder) -> None:
    actors, regions = names(finder, "On the Lachin corridor, Azerbaijan's State Border Service "
                                    "briefed the U.N. Security Council.")
    assert regions == {"lachin-corridor"}
    assert actors == {"azerbaijan-state-border-service", "un-security-council"}


def test_outlet_names_are_not_read_as_actors_or_regions(finder: NameFinder) -> None:
    text = "The Washington Post and The Moscow Times reported it."
    skip = [(m.start(), m.end()) for m in re.finditer("The Washington Post|The Moscow Times",
                                                       text)]
    found = finder.find(text, skip)
    assert found.actors == () and found.regions == ()


# --- dates: complete or nothing --------------------------------------------------------

@pytest.mark.parametrize("written", ["September 19, 2023", "19 Sep 2023", "Sept. 19, 2023",
                                     "2023-09-19", "19.09.2023", "19/09/2023", "9/19/2023",
                                     "Tuesday, 19th of September 2023"])
def test_complete_dates_are_read(written: str) -> None:
    assert [day for _, day in complete_dates(f"Published {written} 14:05")] == [
        date(2023, 9, 19)]


@pytest.mark.parametrize("written", ["January 18", "Sept 19 (Reuters)", "16:44, 3 October",
                                     "09/10/2023", "31 February 2023", "May 2021", "3-10-23"])
def test_incomplete_or_unclear_dates_are_not(written: str) -> None:
    assert complete_dates(written) == []


def test_a_day_without_a_year_is_reported_as_written() -> None:
    assert partial_date("spoke on January 18 with") == "January 18"
    assert partial_date("YEREVAN, OCTOBER 3, ARMENPRESS.") == "OCTOBER 3"
    assert partial_date("on January 18, 2023") is None


@pytest.mark.parametrize("page", [b"", b"Share\nTweet\nSubscribe\n\xc2\xa9 2024 Example",
                                  b"<html><body><nav><a>Home</a></nav></body></html>",
                                  b"\x00\xff\xfe\x81 not text", b"[" * 50_000])
def test_a_page_without_an_article_still_gives_a_parseable_draft(
        page: bytes, content: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes(page)
    result = ingest_file(saved, content, today=TODAY)
    meta = plain(split(result.path.read_text(encoding="utf-8")).meta)
    assert isinstance(meta, dict) and meta["draft"] is True
    assert "title" not in meta and any("'title'" in step for step in result.todo)
    problems = load_archive(content, include_drafts=True).problems
    assert "missing required key 'title'" in {p.message for p in problems}


# --- edges: what ingest reads and where it writes (issue 23) -------------------------------

@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: os.mkfifo(folder / "page.html"), "page.html: error: not a regular file"),
    (lambda folder: (folder / "page.html").symlink_to("/dev/zero"),
     "page.html: error: symbolic links are not allowed"),
    (lambda folder: (folder / "page.html").mkdir(), "page.html: error: not a regular file"),
])
def test_ingest_refuses_a_page_that_is_no_regular_file(
        content: Path, tmp_path: Path, make: Callable[[Path], object], message: str,
        capfd: pytest.CaptureFixture[str]) -> None:
    """Hostile case 2: `briefings ingest page.html` on a FIFO (would block for ever) or a link
    to /dev/zero (would fill the memory) is one line, through the shared safe reader."""
    make(tmp_path)
    with hang_guard():
        assert main(["ingest", str(tmp_path / "page.html"), "--content", str(content)]) == 1
    err = capfd.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert list((content / "briefings").iterdir()) == []


def test_ingest_never_writes_through_a_linked_folder(
        content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 11: the draft is not written through `briefings/2023 -> elsewhere`."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / "briefings" / "2023").symlink_to(elsewhere)
    page = str(PAGES / "reuters-karabakh-offensive.txt")
    assert main(["ingest", page, "--date", "2023-09-19", "--content", str(content)]) == 1
    assert "is a symbolic link; nothing was written through it" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
