"""Issue 24, round three: each fact filled only where the page's signals agree or one is
decisive (editorial/pagesignals/sitename.py, ingest_text, ingest_facts), else left to the
editor with the candidates quoted. Each rule on the smallest page that shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, ingest_page

from generator.editorial.ingest_text import analyse, classify
from generator.editorial.pagesignals import pagedates, sitename
from generator.editorial.pagesignals.sitename import SiteSignals

TEXT = ("Armenia and Azerbaijan agreed on Tuesday to open talks on the border, officials in "
        "both capitals said after the meeting.")
MORE = ("The two sides will meet again next month in a third country, the statement added, "
        "without naming it or the mediators.")


@pytest.mark.parametrize(("signals", "name"), [
    (SiteSignals(markup="the Guardian", holder="Guardian News & Media Limited"), "The Guardian"),
    (SiteSignals(masthead="EL PAÍS", host="elpais.com"), "El País"),
    (SiteSignals(markup="Chatham House – International Affairs Think Tank",
                 host="chathamhouse.org"), "Chatham House"),
    (SiteSignals(markup="IRNA English", host="en.irna.ir"), "IRNA"),
    (SiteSignals(masthead="Arab News", holder="SRPC", host="arab.news"), "Arab News"),
    (SiteSignals(masthead="Human Rights Watch", host="hrw.org"), "Human Rights Watch"),
    (SiteSignals(masthead="PONARS Eurasia Policy Memo No. 889", holder="PONARS Eurasia"),
     "PONARS Eurasia"),
])
def test_a_site_name_is_known_whole_or_agreed_by_two_signals(signals: SiteSignals,
                                                             name: str) -> None:
    assert sitename.decide(signals).name == name


@pytest.mark.parametrize(("signals", "candidates"), [
    (SiteSignals(masthead="derStandard", holder="STANDARD Verlagsgesellschaft m.b.H."),
     ("derStandard",)),
    (SiteSignals(masthead="The Armenian Mirror-Spectator", holder="Baikar Association, Inc."),
     ("The Armenian Mirror-Spectator",)),
    (SiteSignals(holder="Tamar Ghazaryan"), ("Tamar Ghazaryan",)),
    (SiteSignals(markup="UN Press", host="press.un.org"), ("UN Press",)),
    (SiteSignals(masthead="PBS NewsHour", holder="NewsHour Productions LLC"),
     ("PBS NewsHour",)),
])
def test_one_unconfirmed_or_legal_name_is_no_outlet(signals: SiteSignals,
                                                    candidates: tuple[str, ...]) -> None:
    decided = sitename.decide(signals)
    assert decided.name is None and decided.candidates == candidates


@pytest.mark.parametrize("holder", ["Caucasus Watch e.V.", "Ediciones EL PAÍS S.L.",
                                    "STANDARD Verlagsgesellschaft m.b.H.", "All rights reserved"])
def test_a_companys_legal_name_is_known_by_its_form(holder: str) -> None:
    assert sitename.is_legal_name(holder)
    assert not sitename.is_legal_name("Caucasus Watch")


@pytest.mark.parametrize(("line", "holder"), [
    ("EVN Report © 2024. All rights reserved.", "EVN Report"),
    ("© 2023 Human Rights Watch · 350 Fifth Avenue, 34th Floor", "Human Rights Watch"),
    ("© 2024 The Armenian Weekly. All rights reserved. Hairenik Association, Inc.",
     "The Armenian Weekly"),
    ("Copyright © 2024. All rights reserved.", None),
])
def test_a_copyright_line_names_its_holder_or_nobody(line: str, holder: str | None) -> None:
    assert sitename.copyright_holder(line) == holder


@pytest.mark.parametrize("line", ["Listen to article", "Read the Full Transcript",
                                  "Watch the Full Episode", "Download PDF", "Écouter cet article",
                                  "Artikel anhören", "Publicidad", "We value your privacy",
                                  "Listen on Apple Podcasts", "Watch on YouTube",
                                  "Download PDF Cite this",
                                  "1 Hasmik Vardazaryan is a Senior Research Fellow here.",
                                  "ACCEPT ALL", "References[edit]", "Mehr zum Thema"])
def test_chrome_and_section_labels_in_several_languages_are_furniture(line: str) -> None:
    assert classify(line) in ("skip", "end")


def test_a_label_between_the_stamp_and_the_text_is_never_the_title() -> None:
    page = analyse("\n".join(["EUobserver", "Opinion", "The EU can still help Armenia, but not "
                              "with statements alone", "By Tigran Petrosyan",
                              "Yerevan, 3. Oct 2023, 07:12", "Listen to article", TEXT, MORE]))
    assert page.title == "The EU can still help Armenia, but not with statements alone"


def test_a_name_in_a_place_over_the_date_is_a_byline_not_the_title() -> None:
    page = analyse("\n".join(["Armenia freezes participation in Russia-led military alliance",
                              "Prime minister says CSTO failed to protect country",
                              "Daria Mosolova in Yerevan", "Published February 23 2024",
                              TEXT, MORE]))
    assert page.title == "Armenia freezes participation in Russia-led military alliance"


def test_a_headline_under_a_breadcrumb_with_another_below_is_left_to_the_editor() -> None:
    page = analyse("\n".join(["Home", "Newsroom", "Press releases and public statements",
                              "OSCE Chair calls for an end to hostilities in and around the "
                              "region", "Press Release", TEXT, MORE]))
    assert page.title is None
    assert page.title_candidates == ("Press releases and public statements", "OSCE Chair calls "
                                     "for an end to hostilities in and around the region")


def test_a_mails_subject_confirms_its_headline_and_its_date_header_dates_it(
        content: Path) -> None:
    meta, _ = ingest_page(content, "mail.txt", "\n".join([
        "From: Caucasus Dispatch <dispatch@example.org>", "Date: Thu, Apr 18, 2024 at 9:03 AM",
        "Subject: The peacekeepers are leaving. What now?", "",
        "The peacekeepers are leaving. What now?", "Moscow's quiet exit closes a chapter",
        "Apr 18", TEXT, MORE]))
    assert (meta["title"], meta["date"]) == ("The peacekeepers are leaving. What now?",
                                             "2024-04-18")


def test_a_pdf_copys_wrapped_heading_and_broken_words_are_joined_but_not_its_header() -> None:
    wrapped = ("The collapse of the Karabakh Armenian enti-\nty in September 2023 removed the main "
               "rea-\nson Armenia tolerated an unequal alliance\nwith Russia, and it has since "
               "frozen its\nparticipation in the alliance altogether.")
    page = analyse(f"Policy Memo Series No. 889    March 2024\n\nAfter Karabakh: Can Armenia "
                   f"Reduce Its\nDependence on Russian Security Guar-\nantees?\n\n{wrapped}\n\n"
                   f"{wrapped}\n\n2    Policy Memo Series No. 889\n\n{wrapped}")
    assert page.title == ("After Karabakh: Can Armenia Reduce Its Dependence on Russian Security "
                          "Guarantees?")


def test_citation_markers_end_a_sentence_and_a_tables_rows_are_furniture() -> None:
    page = analyse("Tavush for the Homeland\nDate\tApril 2024 – June 2024\nCaused by\tBorder "
                   "delimitation in Tavush Province\nMethods\tMarches, sit-ins, road blockades\n"
                   "It was a protest movement in Armenia led by an archbishop of the Tavush "
                   "diocese.[1]\nThe movement lost momentum in June 2024 after an impeachment "
                   "vote failed.[8]")
    assert len(page.body) == 2 and "Caused by" not in " ".join(page.body)


@pytest.mark.parametrize(("paragraph", "day"), [
    (f"SKOPJE, 19 September 2023 – {TEXT}", date(2023, 9, 19)),
    (f"June 13, 2024 (NEW YORK) – {TEXT}", date(2024, 6, 13)),
    (f"BAKU, Aug 8 (Reuters) - {TEXT}", None),
    (f"Talks resumed on 19 September 2023 – {TEXT}", None),
    (f"On 19 September 2023 – the day the offensive began – {TEXT}", None),
])
def test_a_complete_date_in_the_leads_dateline_is_a_stamp(paragraph: str,
                                                          day: date | None) -> None:
    assert pagedates.dateline_date(paragraph) == day


def test_a_republication_is_credited_and_dated_as_its_attribution_says(content: Path) -> None:
    meta, _ = ingest_page(content, "weekly.txt", "\n".join([
        "The Armenian Weekly", "Armenia and Azerbaijan agree to open border talks",
        "March 13, 2024", TEXT, MORE,
        "This article first appeared on CivilNet on March 12, 2024.",
        "© 2024 The Armenian Weekly. All rights reserved."]))
    source = meta["source"]
    assert isinstance(source, dict)
    assert (source["name"], source["via"]) == ("CivilNet", "Armenian Weekly")
    assert source["published"] == meta["date"] == "2024-03-12"


def test_an_unconfirmed_site_is_left_to_fill_in_quoting_what_the_page_says(
        content: Path) -> None:
    meta, text = ingest_page(content, "legal.txt", "\n".join([
        "Caucasus Review", "Armenia and Azerbaijan agree to open border talks",
        "March 13, 2024", TEXT, MORE, "© 2024 Review Verlagsgesellschaft m.b.H."]))
    source = meta["source"]
    assert isinstance(source, dict) and "name" not in source
    assert 'the page names itself "Caucasus Review"' in text and "m.b.H" not in text


def test_an_article_goes_on_after_a_sign_up_box_between_its_paragraphs() -> None:
    page = analyse("\n".join(["Iran warns against a route through Armenia", "By bne IntelliNews",
                              "August 12, 2025", TEXT, MORE,
                              "Get the Eurasia newsletter", "Sign up to receive our free "
                              "morning briefing, straight to your inbox.", "Email address",
                              "Sign up", TEXT.replace("Tuesday", "Wednesday"),
                              MORE.replace("next", "this"), "Tags: Armenia Iran",
                              "Most read", "Another story entirely, told at length in a "
                              "long sentence that goes on and on."]))
    assert len(page.body) == 4 and not any("Another story" in p for p in page.body)


def test_a_publication_date_the_markup_and_the_page_state_differently_is_left_to_fill_in(
        content: Path) -> None:
    meta, text = ingest_page(content, "dates.html", (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Border talks open</title>'
        '<meta property="article:published_time" content="2024-01-08T10:00:00Z">'
        '</head><body><h1>Armenia and Azerbaijan agree to open border talks</h1>'
        '<p>Published 10 January 2024</p>'
        f"<p>{TEXT}</p><p>{MORE}</p><p>{TEXT}</p></body></html>"))
    assert "date" not in meta
    assert "2024-01-08, 2024-01-10" in text


def test_stamps_above_the_text_win_and_unlabelled_ones_that_disagree_are_quoted(
        content: Path) -> None:
    related = ["Other news", "18.04.2024 Government session held"]
    meta, _ = ingest_page(content, "above.txt", "\n".join([
        "Ministry news", "Armenia and Azerbaijan agree to open border talks", "19.04.2024",
        TEXT, MORE, *related]))
    assert meta["date"] == "2024-04-19"
    meta, text = ingest_page(content, "two.txt", "\n".join([
        "Armenia and Azerbaijan agree to open more border talks", "19.04.2024",
        "Printed 21.04.2024",
        TEXT, MORE]))
    assert "date" not in meta and "2024-04-19, 2024-04-21" in text


def test_armenian_names_are_found_in_their_regular_case_forms() -> None:
    from generator.editorial.nameforms import armenian_forms
    assert {"Նիկոլ Փաշինյանը", "Նիկոլ Փաշինյանն"} <= armenian_forms("Նիկոլ Փաշինյան")
    assert "Հայաստանի Հանրապետության" in armenian_forms("Հայաստանի Հանրապետություն")
    assert armenian_forms("Pashinyan") == set()


def test_a_persons_surname_after_another_given_name_is_someone_else() -> None:
    from generator.content.loading import load_registries
    from generator.editorial.known_names import NameFinder
    regions, actors, _ = load_registries(ROOT / "content")
    finder = NameFinder(actors, regions)
    other = finder.find("Azerbaijan's representative, Yashar Aliyev, told the Council.")
    assert "ilham-aliyev" not in other.actors
    for text in ("President Aliyev said so.", "Talks stalled. Aliyev said so.",
                 "President Tayyip Erdogan said so."):
        assert finder.find(text).actors, text


@pytest.mark.parametrize(("title", "url", "contradicted"), [
    ("Listen to this", "https://example.org/2023/why-armenians-are-fleeing-karabakh", True),
    ("Why tens of thousands are fleeing", "https://example.org/why-armenians-are-fleeing-karabakh",
     False),
    ("Armenia agrees to return villages", "https://www.bbc.com/news/world-europe-68849561", False),
    ("Anything at all", "https://example.org/news/view.php?id=12", False),
    ("Лавров обсудил мирный договор", "https://example.org/lavrov-obsudil-mirnyj-dogovor", False),
])
def test_a_title_sharing_no_word_with_a_wordy_address_is_left_to_the_editor(
        title: str, url: str, contradicted: bool) -> None:
    from generator.editorial.pagesignals.headlines import contradicted_by_address
    assert contradicted_by_address(title, url) is contradicted


@pytest.mark.parametrize(("footer", "name"), [
    (["When quoting, a link to Reuters.com is required."], None),
    (["More from Reuters", "Reuters: the latest on the region"], "Reuters"),
])
def test_a_known_outlet_mentioned_in_the_furniture_names_the_site_only_twice(
        content: Path, footer: list[str], name: str | None) -> None:
    meta, _ = ingest_page(content, "footer.txt", "\n".join([
        "Home", "World", "Politics", "Armenia and Azerbaijan agree to open border talks",
        "March 13, 2024", TEXT, MORE, "Comments", "Sign up", "Follow us", "Contact",
        "About us", "Advertise", "Search", *footer]))
    source = meta["source"]
    assert isinstance(source, dict) and source.get("name") == name


def test_a_short_h1_the_markup_titles_never_echo_is_left_to_the_editor(content: Path) -> None:
    meta, text = ingest_page(content, "logo.html", (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta property="og:title" content="Armenia and Azerbaijan agree to open border talks">'
        '</head><body><h1>Caucasus Watch Daily</h1><h2>Armenia and Azerbaijan agree to open '
        f'border talks</h2><p>{TEXT}</p><p>{MORE}</p><p>{TEXT}</p></body></html>'))
    assert "title" not in meta and '"Caucasus Watch Daily"' in text


@pytest.mark.parametrize(("line", "headline"), [
    ("Department Press Briefing – September 19, 2023", True),
    ("Arménie - Azerbaïdjan - Déclaration de la porte-parole (19 septembre 2023)", True),
    ("Zehra Nur Duz  |19.04.2024 - Update : 20.04.2024", False),
    ("Last updated on Thursday - 19 September 2023", False),
    ("September 19, 2023", False),
])
def test_a_headline_closed_by_its_date_is_a_headline_not_a_stamp(line: str,
                                                                 headline: bool) -> None:
    assert pagedates.dated_headline(line) is headline


def test_a_line_over_a_menu_is_a_masthead_not_the_title() -> None:
    page = analyse("\n".join(["France Diplomatie", "Ministère de l'Europe et des Affaires "
                              "étrangères", "Accueil", "Politique étrangère", "Europe",
                              "Arménie - Déclaration de la porte-parole (19 septembre 2023)",
                              "Partager", TEXT, MORE]))
    assert page.title == "Arménie - Déclaration de la porte-parole (19 septembre 2023)"


def test_a_print_outs_wrapped_text_is_rebuilt_where_its_block_holds_a_headline_too() -> None:
    page = analyse("\n".join([
        "Armenia, Azerbaijan finalize peace text", "Joshua Kucera Mar 13, 2025",
        "Armenia and Azerbaijan have agreed on the text of a peace treaty, both",
        "foreign ministries announced on March 13, ending months of negotiations",
        "over the last two disputed articles.",
        "Azerbaijan's President Ilham Aliyev has said he will not sign until",
        "Armenia changes its constitution, which he says contains a claim on",
        "Azerbaijani territory."]))
    assert page.title == "Armenia, Azerbaijan finalize peace text"
    assert len(page.body) == 2 and page.body[1].endswith("Azerbaijani territory.")


def test_a_short_turn_of_a_transcript_after_its_speaker_is_kept() -> None:
    page = analyse("\n".join(["Why tens of thousands are fleeing Karabakh", "Sep 26, 2023",
                              "Geoff Bennett:", TEXT, "Nick Schifrin:", MORE, "Geoff Bennett:",
                              "Nick, thank you very much."]))
    assert page.body[-1] == "Nick, thank you very much."
