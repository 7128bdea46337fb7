"""Issue 24, round five: rules that keep a value the page does not state out of a draft.
Each on the smallest invented page that shows it (none is a copy of a fixture page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ingest_page, source_of

from generator.content.placeholders import ARTICLE_START
from generator.editorial.ingest_text import analyse, classify
from generator.editorial.pagesignals import headlines, outlets
from generator.editorial.pagesignals.wrapping import unwrap

TEXT = ("Armenia and Azerbaijan agreed on Tuesday to open talks on the border, officials in "
        "both capitals said after the meeting.")
MORE = ("The two sides will meet again next month in a third country, the statement added, "
        "without naming it or the mediators.")


# Paragraphs, not lines: a line is wrapped only where the next word would not have fitted.

def test_a_line_the_next_word_would_have_fitted_on_was_broken_on_purpose() -> None:
    header = ("Published on Example.am (https://example.am)\n"
              "Home > Border talks resume between the two neighbours after a year without meetings")
    assert unwrap(header).split("\n") == header.split("\n")
    wrapped = ("The talks that began after the offensive remain fragile, and both sides say\n"
               "that most of the text of a treaty is agreed, though the border is not.")
    assert unwrap(wrapped) == " ".join(wrapped.split("\n"))


def test_a_short_line_that_ends_no_sentence_does_not_carry_a_headline_on() -> None:
    block = ("Politics\nBorder talks resume as the two governments exchange draft treaty texts\n"
             "by Ana Beridze\nSunday, 27 October 2024")
    assert "by Ana Beridze" in unwrap(block).split("\n")


# Labels mean what they say, in the archive's languages.

@pytest.mark.parametrize("line", ["Estimated reading time: 2 min", "Reading time 4 minutes",
                                  "Время чтения: 3 минуты", "Temps de lecture : 2 min",
                                  "Okuma süresi: 3 dk"])
def test_a_reading_time_is_a_label_never_a_title(line: str) -> None:
    assert classify(line) == "skip"


@pytest.mark.parametrize("line", [
    "Delegates arrive at the venue in Baku on Nov. 9, 2024. Jane Roe / AP Photo",
    "A checkpoint on the road to the border. John Doe/Reuters Pictures",
])
def test_a_caption_ending_in_a_photo_credit_is_furniture(line: str) -> None:
    assert classify(line) == "skip"


def test_a_caption_closed_by_an_agency_credit_names_no_outlet() -> None:
    assert headlines.credit_line("Displaced families at a camp near the city (Reuters)") is None
    assert headlines.credit_line("Yerevan (AFP) –") == "AFP"


def test_a_wiki_page_states_no_publication_date_and_its_tagline_is_no_title(
        content: Path) -> None:
    page = ("Border crossing (Example)\nFrom Wikipedia, the free encyclopedia\n"
            "Published 12 March 2023\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "This page was last edited on 25 September 2023, at 11:02 (UTC).\n")
    meta, text = ingest_page(content, "wiki.txt", page)
    assert meta["title"] != "From Wikipedia, the free encyclopedia"
    assert meta.get("date") is None and source_of(meta).get("published") is None
    assert "2023-03-12" in text  # quoted for the editor


# An outlet is an organisation, named as the page names it.

def test_an_attribution_ends_before_its_date_however_the_month_is_written(
        content: Path) -> None:
    page = ("Talks resume on the border\nNov. 13, 2024\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "This story was originally published by Caspian Climate News on Nov. 12, 2024, and "
            "is republished here with permission.\n")
    meta, _ = ingest_page(content, "republished.txt", page)
    assert source_of(meta)["name"] == "Caspian Climate News"
    assert source_of(meta)["published"] == "2024-11-12"


def test_a_source_label_in_arabic_attributes_the_story(content: Path) -> None:
    page = ("مجلس الأمن يدعو إلى وقف القتال في المدينة\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "المصدر : الجزيرة + وكالات\n")
    meta, _ = ingest_page(content, "source-ar.txt", page)
    assert source_of(meta)["name"] == "Al Jazeera"


def test_a_company_name_over_its_masthead_is_the_company_not_the_outlet(
        content: Path) -> None:
    page = ("Steppe Watch\nClimate  Energy  Politics\n\nTalks resume on the border\n"
            "12 March 2024\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "Copyright © 2024 Steppe Watch Media Group. All rights reserved.\n")
    meta, _ = ingest_page(content, "company.txt", page)
    assert source_of(meta)["name"] == "Steppe Watch"


@pytest.mark.parametrize(("one", "other", "same"), [
    ("MEE", "Middle East Eye", True),
    ("Anadolu Agency", "Anadolu Ajansı", True),
    ("AP", "Armenpress", False),
    ("Al Arabiya", "Al Jazeera", False),
    ("Caucasus Herald", "Caspian Herald", False),
    ("AA", "Armenian Assembly", False),  # a known agency's credit, not the site's initials
])
def test_a_credit_is_the_site_itself_by_its_initials_or_its_name_in_another_language(
        one: str, other: str, same: bool) -> None:
    assert outlets.same_organisation(one, other) is same


def test_a_byline_of_the_sites_own_initials_is_the_sites_story_not_a_republication(
        content: Path) -> None:
    page = ("South Caucasus Herald\nNews  Opinion  Video\n\nTalks resume on the border\n"
            "By SCH staff\n12 March 2024\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "© 2024 South Caucasus Herald\n")
    meta, _ = ingest_page(content, "initials.txt", page)
    assert source_of(meta)["name"] == "South Caucasus Herald"
    assert source_of(meta).get("via") is None


def test_an_outlet_written_partly_in_its_own_script_is_left_to_the_editor(
        content: Path) -> None:
    assert outlets.has_native_word("Sputnik Армения")
    assert not outlets.has_native_word("Le Monde.fr")
    page = ('<html><head><meta property="og:site_name" content="Вестник Армения">'
            "<title>Переговоры возобновились</title></head><body><header>Вестник Армения</header>"
            "<h1>Переговоры о границе возобновились в Ереване</h1><p>12.03.2024</p>"
            f"<p>{TEXT}</p><p>{MORE}</p><footer>© 2024 Вестник Армения</footer></body></html>")
    meta, text = ingest_page(content, "mixed.html", page)
    assert source_of(meta).get("name") is None
    assert "Вестник Армения" in text  # quoted in the FILL IN note


def test_a_title_guessed_from_title_tag_is_no_site_name(content: Path) -> None:
    page = ("<html><head><title>The treaty is finished. Now comes the hard part &#8211; "
            "Steppe Notes</title></head><body><h1>The treaty is finished. Now comes the hard "
            f"part</h1><p>March 14, 2025</p><p>{TEXT}</p><p>{MORE}</p></body></html>")
    meta, _ = ingest_page(content, "blog.html", page)
    assert meta["title"] == "The treaty is finished. Now comes the hard part"


# A document copied from a PDF: paragraphs under headings, glued footnote markers,
# footnotes and running headers between pages, a title printed in capitals.

_REPORT = """POLICY PAPER
ISSUED 3 JUNE 2024

A QUIET BORDER: WHAT THE DELIMITATION
COMMISSIONS HAVE AGREED SO FAR

SUMMARY
The two commissions have met nine times since the spring and agreed on a first stretch
of the line, near four villages that had been cut off from their own roads since the
war, which both governments now present as a model for the rest.

The next stretch is longer and crosses the main road between the two capitals, which
is why neither side expects the talks to end before the winter, officials said.1

1 Interviews with officials of both commissions, May 2024.
Policy Paper 12                                                                  2

A QUIET BORDER: WHAT THE DELIMITATION COMMISSIONS HAVE AGREED SO FAR

Mediators have offered maps from the Soviet general staff and satellite surveys, but
the commissions have so far used only the maps that both of them already held.
"""


def test_a_pdf_copy_keeps_every_paragraph_and_leaves_its_footnotes_out(content: Path) -> None:
    meta, text = ingest_page(content, "report.txt", _REPORT)
    for paragraph in ("The two commissions have met nine times", "The next stretch is longer",
                      "Mediators have offered maps"):
        assert paragraph in " ".join(text.replace("#", " ").split())
    assert "Interviews with officials" not in text
    assert meta["title"] == "A QUIET BORDER: WHAT THE DELIMITATION COMMISSIONS HAVE AGREED SO FAR"
    assert meta["date"] == "2024-06-03"


@pytest.mark.parametrize(("line", "kind"), [
    ("Aller au contenu", "skip"), ("Перейти к содержанию", "skip"), ("Zum Inhalt springen", "skip"),
    ("[Read more: Talks resume on the border]", "skip"),
    ("Rectificatif, le 18 janvier à 9h05 : une version précédente de cet article situait la "
     "rencontre à Moscou.", "end"),
    ("Correction: An earlier version of this article misstated the date of the meeting.", "end"),
    ("The show is listener-supported. Become a patron for ad-free episodes and early access.",
     "end"),
    ("Haberler abonelere sunulmaktadır. Abonelik için lütfen iletişime geçiniz ve bize yazınız.",
     "end"),
])
def test_skip_links_inline_links_corrections_and_appeals_are_furniture_in_any_language(
        line: str, kind: str) -> None:
    assert classify(line) == kind


def test_a_print_modules_name_with_its_home_address_names_the_site(content: Path) -> None:
    page = ("Published on Kavkaz Monitor (https://kavkazmonitor.am)\n"
            "Home > Talks resume on the border between the two neighbours after a year\n\n"
            "Talks resume on the border between the two neighbours after a year\n\n"
            "Published: 23 February 2024, 12:47\n\n" + TEXT + "\n\n" + MORE + "\n\n"
            "Source URL: https://kavkazmonitor.am/en/news/55231/\n")
    meta, text = ingest_page(content, "print.txt", page)
    assert source_of(meta)["name"] == "Kavkaz Monitor"
    assert source_of(meta)["url"] == "https://kavkazmonitor.am/en/news/55231/"
    assert "Published on" not in text


def test_a_threads_numbered_posts_are_one_article_and_replies_stay_out() -> None:
    page = ("Conversation\nAra Petrosyan\n@ara_p\nFollow\n"
            "1/ The border commissions met again today. A short thread on what they agreed. 🧵\n"
            "9:41 PM · Mar 3, 2025\n·\n48.2K\nViews\nAra Petrosyan\n@ara_p\n·\nMar 3\n"
            "2/ They agreed on a second stretch of the line near four villages\n14\n96\n"
            "Ara Petrosyan\n@ara_p\n·\nMar 3\n3/ Talks go on next month. /end\n21\n"
            "Post your reply\nLusine Avetisyan\n@lus_a\n·\nMar 3\nGreat thread, thanks for it.\n")
    body = analyse(page).body
    assert [line[:2] for line in body] == ["1/", "2/", "3/"]
    assert not any("Great thread" in line for line in body)


# HTML pages: the article as the page writes it, lead block and last short sentence included.

def _html_body(content: Path, name: str, body: str) -> str:
    page = (f"<html><head><title>Talks resume</title></head><body><h1>Talks resume on the "
            f"border</h1><p>12 March 2024</p>{body}<footer>© 2024 Steppe Notes</footer>"
            "</body></html>")
    _, text = ingest_page(content, name, page)
    return " ".join(text.split(ARTICLE_START, 1)[1].replace("#", " ").split())


def test_persian_words_keep_their_zero_width_non_joiners(content: Path) -> None:
    word = "بین\u200cالمللی"
    block = _html_body(content, "fa.html", f"<div><p>{TEXT}</p><p>وی افزود که هرگونه تغییر "
                       f"در مرزهای {word} پذیرفتنی نیست و ایران آن را نمی‌پذیرد.</p>"
                       f"<p>{MORE}</p></div>")
    assert word in block


def test_a_lead_block_and_a_short_closing_sentence_are_article_text(content: Path) -> None:
    lead = ("Two years after the offensive, the two governments said on Tuesday that the talks "
            "would go on in a third country next month.")
    block = _html_body(content, "lead.html", '<figure><img src="a.jpg" alt=""><figcaption>'
                       "Delegates at the venue.</figcaption></figure><div class="
                       f'"story-lead"><p><strong>{lead}</strong></p></div>'
                       f'<div class="field-body"><p>{TEXT}</p><p>{MORE}</p><p>{TEXT[:60]} again, '
                       "the ministry added on Friday.</p><p>Contacts will continue.</p></div>")
    assert lead in block and "Contacts will continue." in block


def test_a_caption_ending_in_a_photo_label_is_furniture() -> None:
    assert classify("The two deputy prime ministers before the eighth meeting. Official "
                    "photo.") == "skip"


def test_a_markup_date_the_page_shows_as_its_update_is_no_publication_date(
        content: Path) -> None:
    page = ('<html><head><meta name="date" content="2025-08-11"><title>Talks resume</title>'
            "</head><body><h1>Talks resume on the border</h1><p>Ani Petrosyan |10.08.2025 - "
            f"Update : 11.08.2025</p><p>{TEXT}</p><p>{MORE}</p></body></html>")
    meta, _ = ingest_page(content, "updated.html", page)
    assert meta["date"] == "2025-08-10"


@pytest.mark.parametrize("line", ["Home > Politics > Talks resume on the border with Azerbaijan",
                                  "Accueil › Europe › Les pourparlers reprennent à la frontière",
                                  "Talks resume on the border (https://example.am/talks)"])
def test_a_breadcrumb_trail_or_a_line_with_an_address_is_no_title(line: str) -> None:
    assert headlines.not_a_headline(line)
    assert not headlines.not_a_headline("Talks resume on the border with Azerbaijan")


def test_a_separator_alone_on_its_line_does_not_part_a_title_from_its_byline() -> None:
    page = ("Member-only story\n\nTalks resume on the border between the two neighbours\n"
            "Ara Petrosyan\nFollow\n·\n6 min read\n·\nMar 2, 2023\n312\nShare\n\n"
            + TEXT + "\n\n" + MORE + "\n")
    assert classify("·") == "skip"
    assert analyse(page).title == "Talks resume on the border between the two neighbours"


def test_a_markup_that_states_only_a_modification_date_states_no_publication_date(
        content: Path) -> None:
    page = ('<html><head><meta property="article:modified_time" content="2025-08-12T01:17:44'
            '+00:00"><title>Talks resume</title></head><body><h1>Talks resume on the border'
            f"</h1><p>Ani Petrosyan</p><p>August 11, 2025</p><p>{TEXT}</p><p>{MORE}</p>"
            "</body></html>")
    meta, _ = ingest_page(content, "modified.html", page)
    assert meta["date"] == "2025-08-11"


def test_a_headline_closed_by_its_date_dates_a_page_with_no_stamp(content: Path) -> None:
    page = ("Briefing by the spokesperson on border talks – August 11, 2025\n\n" + TEXT
            + "\n\n" + MORE + "\n")
    meta, _ = ingest_page(content, "briefing.txt", page)
    assert meta["title"] == "Briefing by the spokesperson on border talks – August 11, 2025"
    assert meta["date"] == "2025-08-11"


@pytest.mark.parametrize("top", ["Ministry of Foreign Affairs", "The Caspian Herald"])
def test_a_line_at_the_pages_top_over_a_longer_headline_is_left_to_the_editor(
        content: Path, top: str) -> None:
    headline = "Statement by the Ministry on the border incident near the village of Sotk"
    page = f"{top}\n\n{headline}\n\n12 March 2024\n\n{TEXT}\n\n{MORE}\n"
    meta, text = ingest_page(content, "masthead.txt", page)
    assert meta.get("title") is None
    assert top in text and headline in text  # both quoted


def test_a_long_labelled_stamp_line_is_a_date_line() -> None:
    assert classify("Publié le 14 mars 2024 à 10h05, mis à jour le 15 mars 2024 à 08h00") == "date"


def test_a_copied_menu_row_is_no_headline_and_the_sites_name_is_no_title(content: Path) -> None:
    page = ("Le Courrier du Caucase\nInternational  Politique  Économie\n\n"
            "Arménie : Erevan et Bakou relancent les pourparlers sur la frontière\n\n"
            "Par Anne Dubois\nPublié le 14 mars 2024 à 10h05, mis à jour le 15 mars 2024\n\n"
            "Les deux pays ont convenu mardi de reprendre les discussions sur la délimitation "
            "de leur frontière commune, ont indiqué les ministères.\n\nLa prochaine réunion "
            "doit avoir lieu le mois prochain dans un pays tiers, selon un communiqué publié.\n\n"
            "© Le Courrier du Caucase 2024\n")
    assert analyse(page).title != "International Politique Économie"
    meta, _ = ingest_page(content, "courrier.txt", page)
    assert meta.get("title") != "Le Courrier du Caucase"
    assert meta["date"] == "2024-03-14"
    assert source_of(meta)["name"] == "Le Courrier du Caucase"
