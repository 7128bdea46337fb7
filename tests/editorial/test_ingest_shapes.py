"""`briefings ingest` on layouts and languages its first rules never saw (issue 24).

tests/fixtures/ingest-dev/ (26 pages) and tests/fixtures/ingest-dev-heldout/ (16) were
written before the first round of rules; the second set was held out then, scored once
(88/96), and is development data since (its misses were seen, and fixed by principle).
tests/fixtures/ingest-dev2/ (10 pages) was written before the second round, one shape per
principle: document symbols, place-and-credit lines, decks, two-line mastheads, outlets
named in their own script, percent-encoded addresses, inline links in capitals or glued to
their headline, disagreeing markup titles. Shapes across the sets: live blogs, PDF copies,
ministries' statements, French, Russian and Arabic outlets, republications with licence
lines, pages with several dates, photo credits between headline and text, breadcrumbs,
Summary bullets, author bios and appeals. Each expected file lists every article paragraph
(by its opening words) and furniture that must not reach the draft. A fresh held-out set,
never seen while the rules were written, is scored outside the repository.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import ingest_score
import pytest

from generator.content.loading import load_registries
from generator.editorial.ingest import draft_from_page, ingest_file
from generator.editorial.ingest_facts import _outlet_in
from generator.editorial.ingest_html import read_html
from generator.editorial.ingest_text import analyse, classify, unwrap
from generator.editorial.known_names import NameFinder
from generator.editorial.pagesignals import headlines, outlets
from generator.editorial.pagesignals.pagedates import stamps
from generator.editorial.pagesignals.pageurls import page_address, readable

ROOT = Path(__file__).resolve().parents[2]

DEV = ROOT / "tests" / "fixtures" / "ingest-dev"
HELD_OUT = ROOT / "tests" / "fixtures" / "ingest-dev-heldout"  # seen since round two
DEV2 = ROOT / "tests" / "fixtures" / "ingest-dev2"


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


@pytest.mark.parametrize("folder", [HELD_OUT, DEV2], ids=["old-held-out", "dev2"])
def test_the_second_round_pages_score_as_the_issue_asks(folder: Path) -> None:
    """No value the page does not state; the whole article, no furniture; names precise."""
    result = ingest_score.score(folder)
    fields = [line for line in result.wrong if " actor " not in line and " region " not in line]
    assert result.right / result.scored >= 0.95, fields
    assert result.stated_wrongly == 0, fields
    assert result.article_kept == result.furniture_free == result.pages, fields
    assert result.precision >= 0.98 and result.recall >= 0.9, result.wrong


@pytest.mark.parametrize(("line", "credit"), [
    ("Yerevan (AFP) –", "AFP"), ("BAKU (Reuters) -", "Reuters"),
    ("يريفان - العربية.نت", "العربية.نت"), ("Abu Dhabi - Sky News Arabia", "Sky News Arabia"),
    ("باكو - الأناضول", "الأناضول"),
    ("X (Twitter)", None), ("Mirzoyan - Bayramov", None),
    ("Armenia and Azerbaijan (again) agree", None),
])
def test_a_place_and_credit_line_names_an_organisation(line: str, credit: str | None) -> None:
    assert headlines.credit_line(line) == credit


@pytest.mark.parametrize(("line", "shaped"), [
    ("Tbilisi - Interpressnews", True), ("القاهرة - صحيفة الشرق", True),
    ("Yerevan (AFP) –", True), ("Pashinyan - Aliyev meeting in Prague", False),
    ("Talks - a new round", False),
])
def test_a_credit_line_is_never_a_title_even_for_an_unknown_outlet(line: str,
                                                                   shaped: bool) -> None:
    assert headlines.not_a_headline(line) is shaped
    assert headlines.credit_line(line) in (None, "AFP")  # but names an outlet only if known


@pytest.mark.parametrize(("line", "label"), [
    ("Press release SC/15424", True), ("S/2024/312", True), ("A/HRC/55/L.1", True),
    ("No:512/23", True), ("RFE/RL reports on the talks in Almaty", False),
    ("No:512/23, Statement of the Ministry of Foreign Affairs of the Republic of Azerbaijan",
     False),
])
def test_a_document_symbol_is_a_reference_not_a_headline(line: str, label: bool) -> None:
    assert headlines.is_document_label(line) is label


def test_markup_titles_count_only_where_they_agree() -> None:
    assert headlines.agreed(["Armenia and Azerbaijan sign", "Armenia and Azerbaijan sign a "
                             "peace deal"]) == ("Armenia and Azerbaijan sign", ())
    assert headlines.agreed(["Armenia holds drills", "Azerbaijan blames Armenia"]) == (
        None, ("Armenia holds drills", "Azerbaijan blames Armenia"))


def test_titles_that_disagree_leave_a_fill_in_quoting_them(content: Path) -> None:
    path = ingest_file(DEV2 / "eurasia-review-titles-disagree.html", content,
                       today=ingest_score.TODAY).path
    text = path.read_text(encoding="utf-8")
    path.unlink()
    assert ('the page states titles that disagree ("Armenia, Azerbaijan Trade Blame After '
            'Border Shooting"; "Armenia Holds Snap Drills Near Border")') in text


@pytest.mark.parametrize("line", [
    "READ MORE: Pashinyan: Armenia is ready to sign", "Read more » Parliament debates a law",
    "À lire aussiArménie : la contestation gagne Erevan", "LIRE AUSSI : Arménie, la colère",
    "Читайте также: Пашинян назвал сроки", "اقرأ أيضا: ترامب يستضيف قمة",
    "Related: Government extends refugee aid programme until 2025",
    "إقرأ أيضاً: باشينيان يزور بروكسل", "A lire aussi : Erevan et Bakou", "MORE: Talks resume",
])
def test_an_inline_link_interrupts_the_article(line: str) -> None:
    assert classify(line) == "skip"
    before = "The talks in Almaty went on for a second day, the ministry said on Friday."
    after = "The delegations discussed the draft treaty and the border, officials added."
    assert analyse(f"Ministers meet in Almaty\n{before}\n{line}\n{after}").body == (
        before, after)


def test_an_outlet_named_only_in_its_own_script_is_left_to_the_editor(content: Path) -> None:
    path = ingest_file(DEV2 / "novaya-ru-unknown-outlet.txt", content,
                       today=ingest_score.TODAY).path
    text = path.read_text(encoding="utf-8")
    path.unlink()
    assert 'the page names it only as "Новая газета Европа"' in text


def test_a_name_inside_a_longer_proper_name_is_not_named() -> None:
    regions, actors, _ = load_registries(ROOT / "content")
    finder = NameFinder(actors, regions)
    found = finder.find("The Union of Journalists of Armenia cited the Alma-Ata Declaration.")
    assert found.actors == () and found.regions == ()
    found = finder.find("Talks in Brussels or Washington; Armenia said it was ready.")
    assert found.actors == ("armenia",) and "washington-dc" in found.regions
    assert finder.find("Pashinyan spoke to reporters in Paris.").actors == ("nikol-pashinyan",)
    assert "france" in finder.find("Paris said it would send observers.").actors
    assert "mher-grigoryan" in finder.find("Le vice-premier ministre Mher Grigorian a dit.").actors


_P = ("Armenia and Azerbaijan held a new round of talks on the border on Wednesday, officials "
      "said in both capitals.\nThe commissions met at the border between the two countries for "
      "hours, the ministries added.")


@pytest.mark.parametrize(("top", "title"), [
    ("Armenia and Azerbaijan resume border talks\nCommissions meet at the border again",
     "Armenia and Azerbaijan resume border talks"),  # headline, then its deck
    ("World\nPolitics\nSouth Caucasus peace process explained\nArmenia and Azerbaijan resume "
     "border talks after a pause\nMarch 14, 2024",
     "Armenia and Azerbaijan resume border talks after a pause"),  # a kicker, then headline
    ("OSCE\nPC.DEL/312/24\n14 March 2024\nStatement on the talks between Armenia and "
     "Azerbaijan", "Statement on the talks between Armenia and Azerbaijan"),
])
def test_the_title_is_the_headline_not_a_deck_kicker_or_symbol(top: str, title: str) -> None:
    regions, actors, _ = load_registries(ROOT / "content")
    draft = draft_from_page(f"{top}\n{_P}\n", NameFinder(actors, regions), ingest_score.TODAY)
    assert draft.title == title


def test_a_document_header_naming_a_registry_organisation_names_the_outlet() -> None:
    regions, actors, _ = load_registries(ROOT / "content")
    finder = NameFinder(actors, regions)
    assert finder.organisation("United Nations") == "United Nations"
    assert finder.organisation("Republic of Armenia") is None  # a state is no publisher
    page = (f"United Nations     S/2024/99\nSecurity Council\nDistr.: General\n12 March 2024\n"
            f"Letter dated 11 March 2024 from the Permanent Representative of Armenia\n{_P}\n")
    assert draft_from_page(page, finder, ingest_score.TODAY).facts.name == "United Nations"


def test_a_byline_naming_nobody_names_no_outlet() -> None:
    regions, actors, _ = load_registries(ROOT / "content")
    page = f"Pashinyan and Aliyev meet in Prague for talks\nBy Staff\nMarch 14, 2024\n{_P}\n"
    assert draft_from_page(page, NameFinder(actors, regions), ingest_score.TODAY).facts.name \
        is None


def test_words_stay_apart_where_inline_elements_meet() -> None:
    html = ("<html><body><article><h1>Aliyev and Pashinyan meet in Washington</h1><p>The "
            "Azerbaijani president<a href='/a'>Ilham Aliyev</a> and the Armenian prime minister "
            "met at the White House on Friday, the presidency said.</p><p>Both leaders "
            "initialled a peace agreement after decades of conflict, officials said.</p>"
            "</article></body></html>")
    assert "president Ilham Aliyev and" in read_html(html)[0].body[0]


@pytest.mark.parametrize(("url", "kept"), [
    ("HTTPS://WWW.RFI.fr/fr/arm%c3%a9nie-%7Eaccord?q=a%2Fb%20c",
     "https://www.rfi.fr/fr/arm%C3%A9nie-~accord?q=a%2Fb%20c"),
    ("https://aawsat.com/العالم/5045678", "https://aawsat.com/العالم/5045678"),
])
def test_an_address_keeps_the_form_the_page_writes(url: str, kept: str) -> None:
    assert readable(url) == kept
    assert page_address("https://www.rfi.fr/") is None  # a home page: no article's address


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
    assert outlets.by_name("Le Monde.fr") == outlets.by_name("Le Monde")
    assert outlets.by_name("العربية") is None  # also the word "Arabic": never a mention


def test_hard_wrapped_text_becomes_paragraphs_and_web_copy_stays_as_lines() -> None:
    wrapped = ("The talks that began after the offensive remain fragile, and both\n"
               "governments say most of the text of a treaty is agreed, while the\n"
               "remaining questions are the hardest.\n\nA second paragraph.")
    assert unwrap(wrapped).split("\n\n")[0].count("\n") == 0
    copied = "World\nBusiness\nArmenia and Azerbaijan agree on a text\nBy Felix Light"
    assert unwrap(copied) == copied
