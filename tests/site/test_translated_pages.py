"""Briefings in other languages, built with the real engine from the starter archive
(content/, with its Russian and Arabic translations): each page's language and direction,
labels and dates in its language, the translation sets linked both ways."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import CONFIG, ROOT
from harness import serve_folder

from generator.content.loading import Loaded, load_archive
from generator.pipeline import BuildOptions, build

CONTENT = ROOT / "content"
ARABIC = "briefings/trilateral-ceasefire-statement-ar/"
SITE_URL = "https://briefings.example.org/"  # mkdocs.yml's site_url
_ALTERNATE = re.compile(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture(scope="module")
def starter() -> Loaded:
    loaded = load_archive(CONTENT, language="en")
    assert loaded.ok, loaded.problems
    return loaded


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("starter")
    build(BuildOptions(content=CONTENT, site_dir=work / "site", build_dir=work / ".build",
                       config_file=CONFIG))
    return work / "site"


def html(site: Path, route: str) -> str:
    return (site / route / "index.html").read_text("utf-8")


def test_the_starter_archive_has_three_russian_and_three_arabic_translations(
        starter: Loaded) -> None:
    translations = [b for b in starter.archive.briefings if b.translation_of]
    assert sorted(b.lang for b in translations).count("ru") >= 3
    assert sorted(b.lang for b in translations).count("ar") >= 3
    for briefing in translations:  # the names they give show in their language
        for actor in briefing.actors:
            assert starter.archive.actors[actor].name_in(briefing.lang) != \
                starter.archive.actors[actor].name, (briefing.slug, actor)


def test_a_page_in_arabic_says_so_and_runs_right_to_left(starter_site: Path) -> None:
    page = html(starter_site, ARABIC)
    assert '<html lang="ar"' in page
    assert '<article class="ba-briefing" lang="ar" dir="rtl">' in page
    assert '<dt>التاريخ</dt><dd><time datetime="2020-11-10" dir="auto">10 نوفمبر 2020</time>' \
        in page
    assert "<dt>الأطراف</dt>" in page and ">فلاديمير بوتين</a></bdi>" in page
    english = html(starter_site, "briefings/trilateral-ceasefire-statement/")
    assert '<html lang="en"' in english and '<article class="ba-briefing">' in english
    assert "<dt>Date</dt><dd><time datetime=\"2020-11-10\">10 November 2020</time>" in english
    russian = html(starter_site, "briefings/trilateral-ceasefire-statement-ru/")
    assert '<article class="ba-briefing" lang="ru" dir="ltr">' in russian
    assert "10 ноября 2020\u202fг." in russian and "<dt>Дата</dt>" in russian


def test_english_inside_an_arabic_page_says_it_is_english(starter_site: Path) -> None:
    """Material's chrome, the citation block and the tags stay English on an Arabic page:
    each is marked so (a screen reader switches voice); the Arabic inside them (the title
    in the citation, dates in a listed English briefing) is marked back."""
    page = html(starter_site, ARABIC)
    assert re.search(r'<header class="md-header[^"]*" data-md-component="header" lang="en">',
                     page)
    assert page.count('<div class="ba-chrome" lang="en">') == 3  # tabs, navigation, footer
    # the skip link opens the header; "Back to top" is outside all of those
    assert re.search(r'data-md-component="header" lang="en">\s*<a href="#top" '
                     r'class="md-skip">Skip to content</a>', page)
    assert re.search(r'class="md-top[^>]*>.*<span lang="en">Back to top</span>\s*</button>',
                     page, re.S)
    cite = page[page.index('<h2 id="cite">'):]
    assert cite.startswith('<h2 id="cite">الاستشهاد بهذا الموجز</h2>')
    assert '<div class="ba-cite-block" lang="en" dir="ltr">' in cite
    assert '<span lang="ar" dir="rtl">بيان ثلاثي ينهي الحرب' in cite
    assert '<span class="ba-tag" lang="en" dir="ltr">ceasefire</span>' in page
    assert '<meta name="citation_language" content="ar">' in page
    related = page[page.index('<h2 id="related">'):page.index('<h2 id="cite">')]
    assert '<li class="ba-item" lang="en" dir="ltr"><time datetime="2021-01-11" lang="ar" ' \
        'dir="auto">11 يناير 2021</time>' in related
    english = html(starter_site, ARABIC.replace("-ar/", "/"))
    assert "ba-chrome" not in english and "ba-cite-block" not in english
    assert '<a href="#top" class="md-skip">Skip to content</a>' in english


def test_the_correction_links_speak_the_pages_language(starter_site: Path) -> None:
    edit = re.compile(r'<p class="ba-edit">(.*?)</p>')
    arabic = edit.findall(html(starter_site, ARABIC))
    assert len(arabic) == 1 and arabic[0].startswith("هل لاحظت خطأ؟ <a ")
    assert '>اقترح تصحيحًا</a> (تحرير ملفه المصدر) أو <a ' in arabic[0]
    assert arabic[0].endswith(">أبلغ عن خطأ</a>.")
    russian = edit.findall(html(starter_site, ARABIC.replace("-ar/", "-ru/")))
    assert len(russian) == 1 and russian[0].startswith("Нашли ошибку? <a ")
    english = edit.findall(html(starter_site, ARABIC.replace("-ar/", "/")))
    assert len(english) == 1 and english[0].startswith("Spotted a mistake? <a ")
    assert ">Suggest a correction</a> (edit its source file) or <a " in english[0]


def test_related_lists_never_show_the_pages_own_translations(starter: Loaded,
                                                             starter_site: Path) -> None:
    """A page links its own translations above its facts; its related list offers other
    briefings, each translation set once, in the page's language where it has one."""
    archive = starter.archive
    by_slug = {b.slug: b for b in archive.briefings}
    related_link = re.compile(r'<a href="\.\./([^/]+)/" class="ba-title">')
    checked = 0
    for briefing in archive.briefings:
        page = html(starter_site, f"briefings/{briefing.slug}/")
        if '<h2 id="related">' not in page:
            continue
        start = page.index('<h2 id="related">')
        listed = [by_slug[s] for s in related_link.findall(page[start:page.index("</ul>", start)])]
        own = {b.slug for b in archive.translations(briefing)}
        assert listed and not own & {b.slug for b in listed}, briefing.slug
        sets = [b.translation_of or b.slug for b in listed]
        assert len(sets) == len(set(sets)), (briefing.slug, sets)
        for shown in listed:
            in_language = [b for b in archive.translations(shown) if b.lang == briefing.lang]
            assert shown == (in_language[0] if in_language
                             else archive.translations(shown)[0]), (briefing.slug, shown.slug)
        checked += 1
    assert checked >= 30


ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_every_language_has_a_feed_its_pages_link(starter: Loaded, starter_site: Path) -> None:
    archive = starter.archive
    for lang, route in (("en", "feed.xml"), ("ar", "feed-ar.xml"), ("ru", "feed-ru.xml")):
        parsed = feedparser.parse((starter_site / route).read_bytes())
        assert not parsed.bozo, (route, parsed.get("bozo_exception"))
        root = ET.parse(starter_site / route).getroot()
        assert root.get(XML_LANG) == lang
        ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
        expected = [f"{SITE_URL}briefings/{b.slug}/" for b in archive.briefings
                    if b.lang == lang and not b.draft][:50]
        assert ids == expected, route
    page = html(starter_site, ARABIC)
    assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" '
                     r'title="Briefing Archive \(العربية\) \(Atom\)" href="../../feed-ar.xml">',
                     page)
    # an actor's feed follows its page: every language, each entry marked with its own
    actor = ET.parse(starter_site / "actors/vladimir-putin/feed.xml").getroot()
    marks = {e.get(XML_LANG) for e in actor.findall(f"{ATOM}entry")}
    assert marks == {None, "ar", "ru"}


def test_older_and_newer_stay_in_the_pages_language(starter: Loaded,
                                                    starter_site: Path) -> None:
    for briefing in starter.archive.briefings:
        if briefing.draft:
            continue
        page = html(starter_site, f"briefings/{briefing.slug}")
        nav = page[page.index('<nav class="ba-prevnext"'):]
        nav = nav[:nav.index("</nav>")]
        for slug in re.findall(r'href="\.\./([^/"]+)/"', nav):
            assert starter.archive.briefing(slug).lang == briefing.lang, (briefing.slug, slug)


def test_hreflang_links_are_reciprocal_in_every_set_and_match_the_sitemap(
        starter: Loaded, starter_site: Path) -> None:
    sitemap = ET.parse(starter_site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    in_sitemap = {url.findtext("s:loc", namespaces=ns): {
        (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", ns)}
        for url in sitemap.findall("s:url", ns)}
    sets = {tuple(b.slug for b in starter.archive.translations(b))
            for b in starter.archive.briefings if b.translation_of}
    assert len(sets) >= 3
    for members in sets:
        expected = {(starter.archive.briefing(slug).lang, f"{SITE_URL}briefings/{slug}/")
                    for slug in members}
        assert len({lang for lang, _ in expected}) == len(members)
        for slug in members:
            page = html(starter_site, f"briefings/{slug}")
            assert set(_ALTERNATE.findall(page)) == expected, slug  # itself and every other
            assert in_sitemap[f"{SITE_URL}briefings/{slug}/"] == expected, slug
            # visibly linked to each other member, named in its own language
            others = [s for s in members if s != slug]
            assert all(f'href="../{other}/" hreflang=' in page for other in others), slug
    untranslated = f"{SITE_URL}briefings/ganja-missile-strikes/"
    assert in_sitemap[untranslated] == set()


def test_actor_pages_list_briefings_in_every_language_marked(starter_site: Path) -> None:
    page = html(starter_site, "actors/vladimir-putin")
    item = re.search(r'<li class="ba-item" lang="ar" dir="rtl">.*?</li>', page)
    assert item and "trilateral-ceasefire-statement-ar" in item.group(0)
    assert '<span class="ba-lang">العربية</span>' in item.group(0)
    assert '<li class="ba-item" lang="ru" dir="ltr">' in page
    assert re.search(r'<li class="ba-item"><time[^>]*>10 November 2020</time> <a href="'
                     r'../../briefings/trilateral-ceasefire-statement/"', page)
    # the English date inside the Arabic item says it is English
    assert '<time datetime="2020-11-10" lang="en" dir="auto">10 November 2020</time>' \
        in item.group(0)
    # region pages alike
    region = html(starter_site, "regions/nagorno-karabakh")
    for lang, direction, name in (("ar", "rtl", "العربية"), ("ru", "ltr", "русский")):
        marked = re.search(rf'<li class="ba-item" lang="{lang}" dir="{direction}">.*?</li>',
                           region)
        assert marked and f'<span class="ba-lang">{name}</span>' in marked.group(0), lang


@pytest.fixture(scope="module")
def starter_url(starter_site: Path) -> Iterator[str]:
    url, stop = serve_folder(starter_site)
    yield url
    stop()


@pytest.mark.browser
def test_the_arabic_page_in_a_browser(browser: Any, starter_url: str,
                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    from axe_playwright_python.sync_playwright import Axe

    shots = tmp_path_factory.mktemp("shots")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.goto(starter_url + ARABIC)
    assert tab.evaluate("document.documentElement.lang") == "ar"
    facts = tab.locator(".ba-facts")
    assert facts.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # mirrored: the accent border stands on the right, where the lines start
    assert facts.evaluate("e => getComputedStyle(e).borderRightWidth") != "0px"
    assert facts.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    # the label stands right of its value, as Arabic reads
    label = tab.locator(".ba-facts dt").first.bounding_box()
    value = tab.locator(".ba-facts dd").first.bounding_box()
    assert label and value and label["x"] > value["x"]
    # the date's day, month and year keep their order inside the right-to-left line
    assert tab.locator(".ba-facts time").first.inner_text() == "10 نوفمبر 2020"
    results = Axe().run(tab).response
    rules = {"valid-lang", "html-lang-valid"}
    assert not [v["id"] for v in results["violations"]
                if v["impact"] in ("serious", "critical") or v["id"] in rules]
    assert rules <= {p["id"] for p in results["passes"]}
    tab.screenshot(path=str(shots / "arabic-light.png"), full_page=False)
    tab.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    tab.wait_for_timeout(300)
    tab.screenshot(path=str(shots / "arabic-dark.png"), full_page=False)
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    small = phone.new_page()
    small.goto(starter_url + ARABIC)
    # no sideways scrolling: the citation's hanging indent and the lists' bullets mirror
    assert small.evaluate("document.documentElement.scrollWidth") == 360
    assert small.locator(".ba-facts").evaluate("e => getComputedStyle(e).direction") == "rtl"
    bullet = small.locator(".ba-sources li").first.bounding_box()
    sources = small.locator(".ba-sources").bounding_box()
    assert bullet and sources and bullet["x"] < sources["x"] + 1  # the room is on the left
    small.screenshot(path=str(shots / "arabic-phone.png"), full_page=False)
    print("screenshots in", shots)
    context.close()
    phone.close()


def test_a_sources_note_on_an_arabic_page_is_marked_english() -> None:
    from datetime import date

    from generator.content.model import Source
    from generator.content.sourcestate import SourceRecord
    from generator.site.html.sourcestatus import link_state

    source = Source("Reuters", "https://example.org/a", archive="https://web.archive.org/a")
    day = date(2026, 10, 9)
    dead = SourceRecord("https://example.org/a", "dead", day, day, dead=day)
    note = link_state(source, dead, "ar")
    assert note.startswith(' <span lang="en" dir="ltr" class="ba-link-state ba-link-dead">'
                           "(link reported dead on ")
    assert 'class="ba-link-state' in link_state(source, dead) and "lang=" not in \
        link_state(source, dead)
    assert ">نسخة مؤرشفة</a>)" in link_state(source, None, "ar")  # the copy's label in Arabic
