"""Issue 24, round six: the article body without its furniture, and the names it holds.

Each rule is a principle that holds in any language and layout, shown on the smallest
invented page (none is a copy of a fixture page): a box's label over a headline is
furniture whatever its words, a country named in any spelling the registries hold names
the state too, a language's regular inflections name what the word does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_page

from generator.content.loading import load_registries
from generator.content.placeholders import ARTICLE_END, ARTICLE_START
from generator.editorial.ingest_text import analyse, classify
from generator.editorial.known_names import NameFinder
from generator.editorial.pagesignals.wrapping import SENTENCE_END, unwrap

ROOT = Path(__file__).resolve().parents[2]


def _article(text: str) -> str:
    """The draft's article-text block, its comment marks and line breaks made plain."""
    block = text.split(ARTICLE_START, 1)[1].split(ARTICLE_END, 1)[0]
    return " ".join(" ".join(line.removeprefix("#").split()) for line in block.splitlines())


# A box between paragraphs: a short label over a headline, in a language no list holds.

PARAGRAPHS = (
    "Negocjatorzy z obu krajów spotkali się we wtorek w stolicy, aby omówić projekt traktatu.",
    "Rozmowy trwały sześć godzin i zakończyły się wspólnym oświadczeniem obu delegacji.",
    "Kolejna runda rozmów ma się odbyć w przyszłym miesiącu, jak podało ministerstwo.",
    "Obie strony zapowiedziały też powołanie komisji do spraw wyznaczenia granicy.",
)


def _page(*between: str) -> str:
    return "\n".join(["Polityka", "Negocjatorzy kończą rozmowy o tekście traktatu pokojowego",
                      "12 marca 2025", PARAGRAPHS[0], PARAGRAPHS[1], *between,
                      PARAGRAPHS[2], PARAGRAPHS[3], "© 2025 Przykładowy Portal"])


def test_a_label_over_a_headline_between_paragraphs_is_a_box_in_any_language(
        content: Path) -> None:
    # "Czytaj także" (Polish "Read also") is in no word list: the shape says it is a box.
    _, text = ingest_page(content, "polish.txt", _page(
        "Czytaj także", "Ministrowie spotkali się wcześniej w Monachium"))
    article = _article(text)
    assert all(paragraph in article for paragraph in PARAGRAPHS)
    assert "Czytaj także" not in text and "w Monachium" not in text


def test_a_crosshead_alone_between_paragraphs_stays_with_the_article(content: Path) -> None:
    _, text = ingest_page(content, "crosshead.txt", _page("Granica i komisja"))
    article = _article(text)
    assert all(paragraph in article for paragraph in PARAGRAPHS)
    assert "Granica i komisja" in article


def test_a_short_sentence_in_a_box_stays(content: Path) -> None:
    _, text = ingest_page(content, "sentence.txt", _page("Komentarz", "Nic nie podpisano."))
    assert "Nic nie podpisano." in _article(text)


def test_the_lines_under_a_paragraph_ending_with_a_colon_are_its_list(content: Path) -> None:
    listed = _page().replace(PARAGRAPHS[1], PARAGRAPHS[1][:-1] + ", w tym:").replace(
        PARAGRAPHS[2], "Granica\nKomisja\n" + PARAGRAPHS[2])
    _, text = ingest_page(content, "listed.txt", listed)
    assert "Granica" in _article(text) and "Komisja" in _article(text)


def test_a_box_framed_by_two_labels_interrupts_the_article_whatever_it_holds(
        content: Path) -> None:
    # A related story's headline (a sentence with a question mark) and its date between
    # "Powiązane" and "Koniec powiązanych": a box, not a second article.
    _, text = ingest_page(content, "framed.txt", _page(
        "Powiązane artykuły", "Czy traktat pokojowy zostanie podpisany jeszcze w tym roku?",
        "8 marca 2025", "Koniec powiązanych"))
    article = _article(text)
    assert all(paragraph in article for paragraph in PARAGRAPHS)
    assert "Czy traktat" not in article


def test_a_one_paragraph_section_between_two_crossheads_is_the_article(content: Path) -> None:
    # The same frame, but what it holds ends with a full stop: a section of the article.
    _, text = ingest_page(content, "section.txt", _page(
        "Tło rozmów", "Pierwsza runda odbyła się w styczniu w Genewie.[2]", "Reakcje"))
    assert "Pierwsza runda odbyła się w styczniu w Genewie." in _article(text)


# In HTML, a block whose words are all its links' words is furniture, whatever its heading.

HTML = """<!doctype html><html lang="uk"><head><meta charset="utf-8">
<title>Переговори про кордон тривають</title></head><body><main><article>
<h1>Переговори про кордон тривають</h1>
<p>Делегації двох країн зустрілися у вівторок, щоб обговорити проєкт мирного договору.</p>
<p>Розмови тривали шість годин і завершилися спільною заявою обох делегацій.</p>
<section><h2>Читайте також</h2><ul><li><a href="/a/1">Міністри зустрілися в Мюнхені</a></li>
<li><a href="/a/2">Комісія погодила першу ділянку</a></li></ul></section>
<p>Наступний раунд переговорів відбудеться наступного місяця, повідомило міністерство.</p>
<p><a href="/statements">Прочитати заяви повністю</a></p>
<p>Обидві сторони також оголосили про створення комісії з делімітації кордону.</p>
</article></main></body></html>"""


def test_a_block_of_links_and_its_heading_are_left_out_in_any_language(content: Path) -> None:
    _, text = ingest_page(content, "links.html", HTML)
    article = _article(text)
    assert "Наступний раунд переговорів" in article and "делімітації кордону" in article
    for furniture in ("Читайте також", "Міністри зустрілися", "Прочитати заяви"):
        assert furniture not in text


def test_a_box_in_html_without_links_is_left_out_as_in_copied_text(content: Path) -> None:
    # The label and the headline as plain paragraphs (no links to go by): the box rule.
    page = "".join(["<!doctype html><html><body><article><h1>Negocjatorzy kończą rozmowy o ",
                    "tekście traktatu</h1>", *(f"<p>{p}</p>" for p in PARAGRAPHS[:2]),
                    "<p>Czytaj także</p><p>Ministrowie spotkali się wcześniej w Monachium</p>",
                    *(f"<p>{p}</p>" for p in PARAGRAPHS[2:]), "</article></body></html>"])
    _, text = ingest_page(content, "box.html", page)
    assert all(paragraph in _article(text) for paragraph in PARAGRAPHS)
    assert "Czytaj także" not in text and "w Monachium" not in text


@pytest.mark.parametrize("line", [
    "Read the full statement →", "→ Все новости по теме",  # a link, by its arrow
    "Legal Disclaimer:", "Haftungsausschluss", "إخلاء المسؤولية",  # a legal line's label
    "The provider supplies the information “as is” without warranty of any kind.",
    "We are a small, reader-funded newsroom: please consider supporting us.",
    "Il Giornale è anche su WhatsApp: basta cliccare qui per iscriversi al canale.",
    "Suivez-nous sur Telegram", "Follow us on Google News",
])
def test_links_disclaimers_and_appeals_are_furniture(line: str) -> None:
    assert classify(line) in ("skip", "end")


@pytest.mark.parametrize("line", ["Ana Beridze / Sipa / Getty", "Lusine Hakobyan / Photolure"])
def test_a_photo_credit_is_known_by_its_shape(line: str) -> None:
    # A name of capitalised words and agencies after slashes, whatever the agencies are.
    assert classify(line) == "skip"
    assert classify("Armenia / Azerbaijan") != "skip"
    assert classify("The ceasefire / truce was agreed on Monday after long talks.") == "prose"


def test_a_notice_printed_on_a_documents_first_page_and_its_last_is_not_the_article() -> None:
    notice = ("This report contains the text of statements delivered in English and of the "
              "translation of statements delivered in other languages.")
    page = analyse("\n".join(["Provisional record", notice, "Agenda", "Border commissions",
                               "The meeting opened at 10 a.m.", PARAGRAPHS[0], PARAGRAPHS[1],
                               PARAGRAPHS[2], notice]))
    assert PARAGRAPHS[2] in page.body and notice not in page.body


def test_running_text_closed_by_its_sources_credit_is_text_not_a_photo_credit() -> None:
    wire = ("Fighting between the army and the paramilitary forces reaches the centre of the "
            "capital, where the headquarters of a state oil company is set on fire and "
            "thousands of residents flee towards the river crossings in the south. (Reuters)")
    assert classify(wire) == "prose"
    assert classify("Residents queue for bread in the capital. (Reuters)") == "skip"


@pytest.mark.parametrize("line", [
    "Brussels will consider supporting the mission with more monitors, the diplomat said.",
    "The ministry pledged a monthly donation of fuel to the shelters, officials said.",
    "The channel on Telegram, which has two million subscribers, followed the talks closely.",
    "Baku does not accept any responsibility for the shelling, the ministry said on Monday.",
    "Japan will donate $5 million to the refugee agency, the foreign ministry said on Tuesday.",
    "Organisations that receive funding from abroad must register as foreign agents now.",
    "Russia declared the group an undesirable organisation in March, barring its work there.",
    "“We thank you for your support,” the minister told the delegation in Yerevan on Friday.",
])
def test_news_of_support_funding_and_donations_is_no_appeal(line: str) -> None:
    # An appeal speaks to the reader ("please donate", "your support keeps us going"); news
    # reports others' support, funding and donations, and is the article.
    assert classify(line) == "prose"


def test_a_paragraph_naming_a_platform_without_an_appeal_is_text() -> None:
    assert classify("The ministry posted the statement on its Telegram channel on Monday, "
                    "and officials said they would follow up within a week.") == "prose"


# Hard-wrapped text: what a line ends on says whether the sentence goes on.

WRAPPED = """Border Commission Report
Since the spring the two commissions have met nine times and agreed on a first
stretch of the border, which runs through four villages that were abandoned
in the war and are now being resettled by families from both sides of it.
Officials in both capitals say the next stretch will be harder than any
Western mediator expected, because it crosses the main road to the south.
Monitors counted fewer incidents along the line in 2024.3 The mission says
that its patrols were allowed into every village that it asked to visit.
3 Annual report of the monitoring mission, 2025.
"""


def test_a_wrapped_line_ending_on_a_function_word_goes_on_whatever_follows() -> None:
    # "any" is a function word (jusText's stop-word lists): the line goes on, although
    # the next line opens with a capital.
    assert "harder than any Western mediator expected" in unwrap(WRAPPED)


def test_a_footnote_marker_glued_after_a_year_or_a_quote_ends_the_sentence() -> None:
    assert SENTENCE_END.search("Monitors counted fewer incidents along the line in 2024.3")
    assert SENTENCE_END.search("he said the alliance would be left “when the time comes”.2")
    assert not SENTENCE_END.search("The rate of inflation was 3.5")
    page = analyse(WRAPPED)
    assert any("in 2024.3" in paragraph for paragraph in page.body)
    assert not any(paragraph.startswith("3 Annual report") for paragraph in page.body)


PAGES = """Regional Review No. 12
The Border After the War
The two commissions met nine times in the spring and agreed on a first stretch of
the border, which runs through four villages abandoned during the fighting.
Officials in both capitals said the work had gone faster than expected, and
that surveyors would return to the mountains once the snow had melted.
Regional Review No. 12 The Border After the War 30/10/2025
2/4
The second stretch will be harder, because it crosses the main road to the
south and the pipeline that feeds the towns of the valley with gas.
Mediators have offered to send engineers, and both sides have said that
they would welcome technical help as long as it came without conditions.
"""


def test_a_documents_running_header_between_its_pages_does_not_end_the_article() -> None:
    # A date between two runs of paragraphs in a hard-wrapped copy is the pages' running
    # header, not another article's stamp: both pages are the article.
    body = " ".join(analyse(PAGES).body)
    assert "first stretch of the border" in body and "second stretch will be harder" in body
    assert "without conditions." in body and "30/10/2025" not in body


# Names: principles of the languages and of the registries, not fixture spellings.

@pytest.fixture(scope="module")
def finder() -> NameFinder:
    regions, actors, _ = load_registries(ROOT / "content")
    return NameFinder(actors, regions)


def _names(finder: NameFinder, text: str) -> tuple[set[str], set[str]]:
    found = finder.find(text)
    return set(found.actors), set(found.regions)


def test_a_country_named_in_any_spelling_the_regions_hold_names_the_state_too(
        finder: NameFinder) -> None:
    # "Ermenistan" (Turkish) and "სომხეთი" (Georgian) are the country's names in regions.yml
    # only: the country named is the state too, as "Armenia" is.
    for text in ("Ermenistan hükümeti yeni bir açıklama yaptı.", "სომხეთი და საქართველო"):
        actors, regions = _names(finder, text)
        assert "armenia" in actors and "armenia" in regions
    # A capital standing for its government stays the state alone.
    assert _names(finder, "Baku said on Monday that talks would resume.") == ({"azerbaijan"},
                                                                               set())


def test_a_short_all_capital_id_glued_to_a_currency_sign_is_a_currency(
        finder: NameFinder) -> None:
    assert _names(finder, "Partners need US$28 million for the winter.") == (set(), set())
    assert "united-states" in _names(finder, "The US pledged $28 million.")[0]


def test_an_acronym_written_as_a_word_after_an_elided_article(finder: NameFinder) -> None:
    # Italian and French write "l'Onu", "dell'Unhcr"; a sentence's "Un" stays no UN.
    assert _names(finder, "L'Unhcr, l'agenzia dell'Onu per i rifugiati, ha chiesto fondi.")[
        0] == {"unhcr", "united-nations"}
    assert _names(finder, "Un uomo è arrivato. Onu e Unhcr non hanno commentato.") == (
        set(), set())


def test_persian_and_arabic_forms_of_a_letter_are_one_letter(finder: NameFinder) -> None:
    # The registries write Baku "باكو" (Arabic kaf); Persian writes "باکو" (keheh). An
    # Arabic spelling is no all-capital id for want of case: it matches in either form.
    assert _names(finder, "مقام‌های باکو گفتند که مذاکرات ادامه دارد")[0] == {"azerbaijan"}
    assert _names(finder, "او در باکو گفت")[1] == {"baku"}


@pytest.mark.parametrize(("text", "region"), [
    ("Russian forces withdrew to Нахичеванью.", "nakhchivan"),  # Russian "-ь" nouns: "-ью"
    ("قالت اللجنة الدولية للصليب الأحمر إن فرقها وصلت", None),  # Arabic "li-" + "al-": "lil-"
])
def test_regular_inflections_of_a_language_name_what_the_word_does(
        finder: NameFinder, text: str, region: str | None) -> None:
    actors, regions = _names(finder, text)
    assert (region in regions) if region else ("icrc" in actors)


@pytest.mark.parametrize("text", [
    "Liderler Washington'da barış bildirgesini imzaladı.",  # a Turkish locative suffix
    "Delegations gathered in Tbilisi; وفي واشنطن قال مسؤول إن المحادثات مستمرة",  # "and in"
    "Shelling hit Stepanakert and other towns overnight.",  # a city, by apposition
    "Bombardeos sobre Stepanakert, la capital de la región, siguieron.",
    "A teacher who fled Stepanakert with her children spoke to us.",
])
def test_words_around_a_capital_that_make_it_the_city(finder: NameFinder, text: str) -> None:
    actors, regions = _names(finder, text)
    assert regions & {"washington-dc", "stepanakert"}
    assert not actors & {"united-states", "artsakh-authorities"}


@pytest.mark.parametrize("text", [
    "What the Washington peace declaration leaves out",
    "حذرت طهران بعد اتفاق واشنطن من أي وجود أجنبي",
    "Les deux pays ont signé l'accord de Washington.",
])
def test_a_capital_in_a_documents_name_is_not_the_state(finder: NameFinder, text: str) -> None:
    assert "united-states" not in _names(finder, text)[0]
    assert "united-nations" in _names(finder, "They met at the UN climate summit.")[0]
    assert "azerbaijan" in _names(finder, "The Baku statement rejected the claim.")[0]
    assert "azerbaijan" in _names(finder, "The Azerbaijan peace agreement is ready.")[0]


def test_a_place_named_as_a_jobs_portfolio_is_a_title_not_a_mention(finder: NameFinder) -> None:
    assert _names(finder, "said Jane Roe, Europe and Central Asia director at the group.") == (
        set(), set())
    assert _names(finder, "Europe and Central Asia face a hard winter.")[1] == {
        "europe", "central-asia"}


def test_a_name_before_a_noun_that_makes_names_is_part_of_a_longer_name(
        finder: NameFinder) -> None:
    assert _names(finder, "The United Nations Development Programme funds schools.") == (
        set(), set())
    assert "nagorno-karabakh" not in _names(finder, "Posted by the Artsakh Information Center.")[1]
