"""The finder (issue 8): its data file, its page, and the page at work in a real browser.

Every browser answer is compared with an oracle computed here in Python from the loaded
archive and its index, for queries given as URL parameters, hosted and from ``file://``.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import posixpath
import re
import shutil
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import synth
from conftest import FIXTURE, ROOT

from generator.content.loading import load_archive
from generator.pipeline import BuildOptions, build
from generator.site import urls
from generator.site.data.finderdata import (
    CHUNK_CALLBACK,
    CHUNK_SIZE,
    DATA_PATH,
    GLOBAL_NAME,
    NAMES_CALLBACK,
    NAMES_PATH,
    PART_CALLBACK,
    PART_SIZE,
    actor_order,
    chunk_path,
    data_script,
    part_path,
    part_tag,
    shown_summary,
)
from generator.site.edition import Edition
from generator.site.folding import fold
from generator.site.html.finder import finder_outputs
from generator.site.html.overview import timeline_pages
from generator.site.html.pagefile import render_markdown
from generator.site.index import Index, build_index
from generator.site.outputs import Site

STYLES: tuple[urls.UrlStyle, ...] = ("directory", "file")
FINDER_SCRIPTS = ("search-core.js", "finder-filter.js", "finder.js")
SCALE = 1500
Query = dict[str, Any]  # actor: list of ids; region, from, to, q: strings


def site_of(style: urls.UrlStyle) -> Site:
    return Site("Briefing Archive", "https://briefings.example.org/", style)


def read_data(index: Index, style: urls.UrlStyle) -> dict[str, Any]:
    """data.js, its chunks and its parts, put together as [day, title, slug, actors,
    regions, summary, language tag]."""
    _page, files = finder_outputs(index, site_of(style))
    assert files[0].path == DATA_PATH
    data: dict[str, Any] = json.loads(script_value(files[0].content, f"window.{GLOBAL_NAME}="))
    assert files[1].path == NAMES_PATH
    names = json.loads(script_value(files[1].content, f"window.{NAMES_CALLBACK}(", ")"))
    assert len(names) == len(data["actors"])
    for row in data["actors"] + data["regions"]:  # an id of 0: the name, plainly
        row[0] = row[0] or row[1].lower().replace(" ", "-")
    for at, row in enumerate(data["actors"]):  # the newest part naming the actor, if not in
        named = [n for n, b in enumerate(index.archive.briefings) if row[0] in b.actors]
        assert row[2:] == ([named[0] // PART_SIZE] if named and named[0] >= CHUNK_SIZE
                           else []), at  # the first chunk
    files = [files[0], *files[2:]]
    chunks = len(data["chunks"]["tags"]) - 1
    assert [f.path for f in files[1:]] == [chunk_path(n) for n in range(1, chunks + 1)] + [
        part_path(n) for n in range(len(files) - 1 - chunks)]
    rows = data["items"]
    assert len(rows) == min(CHUNK_SIZE, data["count"])
    for number, chunk in enumerate(files[1:chunks + 1], start=1):
        rows += json.loads(script_value(chunk.content, f"window.{CHUNK_CALLBACK}({number},",
                                        ")"))
    texts = []
    for number, part in enumerate(files[chunks + 1:]):
        found = json.loads(script_value(part.content, f"window.{PART_CALLBACK}({number},", ")"))
        assert len(found) <= data["parts"]["size"]
        texts += found
    day = 0
    items = []
    for at, (row, (title, slug, summary)) in enumerate(zip(rows, texts, strict=True)):
        step, actors, regions, *lang = row
        day = step if at % CHUNK_SIZE == 0 else day - step
        assert lang != [0]  # the site's language is left out
        items.append([day, title, slug, actors, regions, summary,
                      data["langs"][lang[0] if lang else 0][0]])
    return {**data, "items": items, "names": names}


def script_value(content: bytes, prefix: str, suffix: str = "") -> str:
    text = content.decode("utf-8")
    assert text.startswith(prefix) and text.endswith(f"{suffix};\n")
    return text[len(prefix):len(text) - len(suffix) - 2]


# ---- The oracle -------------------------------------------------------------------------

def day_of(text: str, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a range's end takes the last day of a year or month."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    parts = [int(p) for p in text.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, parts[2] if len(parts) > 2 else (last if end else 1))


@dataclass(frozen=True)
class Expected:
    slugs: list[str]
    actor_counts: dict[str, int]
    region_counts: dict[str, int]
    any_region: int  # matches of every filter but the region
    lang_counts: dict[str, int]
    any_lang: int  # matches of every filter but the language


def oracle(index: Index, query: Query) -> Expected:
    archive = index.archive
    start = day_of(query.get("from", ""), end=False)
    end = day_of(query.get("to", ""), end=True)
    words = fold(query.get("q", "")).split()

    def text(b: Any) -> str:
        names = [archive.actors[a].name for a in b.actors]
        names += [archive.regions[r].name for r in b.regions]
        return fold("\n".join([b.title, shown_summary(b.summary), *names]))

    langs = {b.lang for b in archive.briefings}
    known = all(a in archive.actors for a in query.get("actor", ())) and \
        query.get("region", "") in ("", *archive.regions) and query.get("lang", "") in ("", *langs)
    common = [b for b in archive.briefings if known
              and (start is None or b.date >= start) and (end is None or b.date <= end)
              and all(a in b.actors for a in query.get("actor", ()))
              and all(w in text(b) for w in words)]
    under = {r: {b.slug for b in index.by_region[r]} for r in archive.regions}
    region, lang = query.get("region"), query.get("lang")
    base = [b for b in common if not lang or b.lang == lang]  # any region
    in_region = [b for b in common if not region or b.slug in under[region]]  # any language
    matches = [b for b in base if b in in_region]
    return Expected(
        slugs=[b.slug for b in matches],
        actor_counts={a: sum(a in b.actors for b in matches) for a in archive.actors},
        region_counts={r: sum(b.slug in under[r] for b in base) for r in archive.regions},
        any_region=len(base),
        lang_counts={t: sum(b.lang == t for b in in_region) for t in langs},
        any_lang=len(in_region))


def search_of(query: Query) -> str:
    return urllib.parse.urlencode(query, doseq=True)


# ---- The data file and the page, without a browser -------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_data_file_holds_every_published_briefing_newest_first(index: Index,
                                                              style: urls.UrlStyle) -> None:
    data = read_data(index, style)
    actors = [a for a, _name, *_newest in data["actors"]]
    regions = [r for r, _name, _parent in data["regions"]]
    assert actors == actor_order(index) and sorted(actors) == sorted(index.archive.actors)
    assert sorted(regions) == sorted(index.archive.regions)
    rows = [(date.fromordinal(date(1970, 1, 1).toordinal() + day), title, slug,
             tuple(actors[a] for a in actor_at), tuple(regions[r] for r in region_at), summary,
             lang)
            for day, title, slug, actor_at, region_at, summary, lang in data["items"]]
    assert rows == [(b.date, b.title, b.slug, b.actors, b.regions, b.summary, b.lang)
                    for b in index.archive.briefings]
    assert "draft-note" not in {row[2] for row in rows}
    assert "Зеленський" in data["names"][actors.index("volodymyr-zelensky")]  # "Find an actor"
    assert [row[0] for row in rows] == sorted((row[0] for row in rows), reverse=True)


@pytest.mark.parametrize("style", STYLES)
def test_data_links_are_the_site_links_from_the_finder_page(index: Index,
                                                           style: urls.UrlStyle) -> None:
    data = read_data(index, style)
    for kind, route_of, keys in (
            ("briefing", urls.briefing, [b.slug for b in index.archive.briefings]),
            ("actor", urls.actor, list(index.archive.actors)),
            ("region", urls.region, list(index.archive.regions))):
        prefix, suffix = data["links"][kind]
        for key in keys:
            assert prefix + key + suffix == urls.relative("finder/", route_of(key), style)
    assert data["links"]["briefing"] == (["../briefings/", "/"] if style == "directory"
                                         else ["../briefings/", ".html"])


def test_data_regions_come_parent_first_with_their_parent(index: Index) -> None:
    data = read_data(index, "directory")
    for place, (region_id, name, parent) in enumerate(data["regions"]):
        region = index.archive.regions[region_id]
        assert name == region.name
        if region.parent is None:
            assert parent == -1
        else:
            assert data["regions"][parent][0] == region.parent and parent < place


def test_long_summaries_are_cut_at_a_word() -> None:
    text = "word " * 60
    shown = shown_summary(text.strip())
    assert len(shown) <= 161 and shown.endswith("word…")
    assert shown_summary("short lede") == "short lede"


def test_data_script_escapes_line_separators() -> None:
    script = data_script({"items": [[1, "a\u2028b\u2029c </script>"]]}).decode("utf-8")
    assert "\u2028" not in script and "\u2029" not in script
    assert json.loads(script.split("=", 1)[1].rstrip(";\n"))["items"][0][1] == \
        "a\u2028b\u2029c </script>"


@pytest.mark.parametrize("style", STYLES)
def test_page_loads_data_and_code_by_src_only(index: Index, style: urls.UrlStyle) -> None:
    page, _data = finder_outputs(index, site_of(style))
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.html, re.DOTALL)
    assert len(scripts) == 4 and all(body == "" for _attrs, body in scripts)
    sources = [re.search(r'src="([^"]+)"', attrs).group(1) for attrs, _ in scripts]  # type: ignore[union-attr]
    here = posixpath.dirname(urls.href("finder/", style))
    resolved = [posixpath.normpath(posixpath.join(here, s.split("?")[0])) for s in sources]
    assert resolved == ["assets/javascripts/search-core.js",
                        "assets/javascripts/finder-filter.js", DATA_PATH,
                        "assets/javascripts/finder.js"]
    assert re.search(r"\son\w+=", page.html) is None and "style=" not in page.html


@pytest.mark.parametrize("style", STYLES)
def test_head_asks_at_once_for_the_scripts_the_first_results_need(index: Index,
                                                                  style: urls.UrlStyle) -> None:
    """On a slow link each script found in the page waited for the one before (issue 25)."""
    page, files = finder_outputs(index, site_of(style))
    sources = re.findall(r'<script src="([^"]+)"', page.html)
    assert set(sources) <= set(page.preload)
    data = json.loads(script_value(files[0].content, f"window.{GLOBAL_NAME}="))
    newest = data["chunks"]["tags"][0]  # the tag of chunk 0 and its parts
    assert part_tag(files, 0) == newest and f"data/0.js?v={newest}" in page.preload
    head = render_markdown(page, site_of(style))
    for href in page.preload:
        assert f'<link rel="preload" href="{href}" as="script">' in head


def test_page_is_a_labelled_get_form_of_the_contract_parameters(index: Index) -> None:
    html = finder_outputs(index, site_of("file"))[0].html
    assert '<form id="ba-finder-form"' in html and 'method="get" action="index.html"' in html
    assert 'name="lang"' not in html  # one language: no choice of it
    for name in ("q", "region", "from", "to"):
        assert f'name="{name}"' in html and f'<label for="ba-finder-{name}">' in html
    boxes = re.findall(r'<label><input type="checkbox" name="actor" value="([^"]+)">', html)
    assert boxes == actor_order(index)[:15]  # the script adds the others' from the data
    options = re.findall(r'<option value="([^"]+)"', html)
    assert sorted(options) == sorted(index.archive.regions)
    assert 'aria-live="polite"' in html


@pytest.mark.parametrize("style", STYLES)
def test_timeline_links_to_the_finder(index: Index, style: urls.UrlStyle) -> None:
    timeline = next(p for p in timeline_pages(index, site_of(style)) if p.route == "timeline/")
    link = urls.relative("timeline/", "finder/", style)
    assert f'<a href="{link}">Filter these briefings</a>' in timeline.html


# ---- In the browser ---------------------------------------------------------------------

QUERIES: list[Query] = [
    {},
    {"actor": ["nikol-pashinyan", "sergei-lavrov"]},
    {"actor": ["nikol-pashinyan", "russia"], "region": "nagorno-karabakh",
     "from": "2023-01-01", "to": "2023-12-31"},
    {"actor": ["ilham-aliyev"], "region": "azerbaijan"},  # a briefing of a sub-region
    {"region": "caucasus", "from": "2023-09-20"},  # open-ended range
    {"to": "2023-09-19"},  # open start
    {"from": "2023-09-19", "to": "2023-09-20", "region": "europe"},
    {"from": "2024", "to": "2024"},
    {"q": "red CROSS"},
    {"q": "lavrov"},  # only an actor's name
    {"q": "karabakh", "region": "caucasus", "actor": ["nikol-pashinyan"]},
    {"actor": ["russia"], "region": "ukraine"},  # nothing matches
    {"actor": ["no-such-actor"]},
    {"lang": "en", "actor": ["nikol-pashinyan"], "from": "2023"},  # the only language
    {"lang": "xx"},  # no briefing in it
]


def sweep() -> list[Query]:
    """Many unseen combinations: actor sets by regions, dates by words, languages by both."""
    actors = ["nikol-pashinyan", "ilham-aliyev", "csto", "russia", "antony-blinken", "icrc"]
    sets = [[], *([a] for a in actors), *(list(pair) for pair in combinations(actors[:4], 2))]
    regions = ["", "europe", "caucasus", "azerbaijan", "lachin-corridor", "donetsk-oblast"]
    found = [{"actor": s, "region": r} for s in sets for r in regions]
    for start, end in (("", ""), ("2023-09-20", ""), ("", "2023-09-19"), ("2023-02", "2024-02")):
        for words in ("", "the", "ceasefire", "armenia azerbaijan"):
            found.append({"from": start, "to": end, "q": words, "region": "caucasus"})
    return [{k: v for k, v in q.items() if v} for q in found]


SHOWN = """() => ({
  slugs: [...document.querySelectorAll('#ba-finder-results > li')].map(li => li.dataset.slug),
  days: [...document.querySelectorAll('#ba-finder-results time')].map(t => t.dateTime),
  status: document.getElementById('ba-finder-status').textContent,
  actors: Object.fromEntries([...document.querySelectorAll('#ba-finder-actors > li')]
    .map(li => [li.querySelector('input').value, Number(li.dataset.count)])),
  regions: Object.fromEntries([...document.getElementById('ba-finder-region').options]
    .map(o => [o.value, Number(o.dataset.count)])),
  langs: Object.fromEntries([...(document.getElementById('ba-finder-lang') || {}).options || []]
    .map(o => [o.value, Number(o.dataset.count)])),
})"""

# Each query is put in the URL and announced as a history step, which the finder reads.
# The texts come in parts: each answer is read once the form says all of it is shown.
SHOWN_FOR_EACH = """async (searches) => {
  const form = document.getElementById('ba-finder-form');
  const answers = [];
  for (const search of searches) {
    history.pushState(null, '', location.pathname + (search ? '?' + search : ''));
    window.dispatchEvent(new PopStateEvent('popstate'));
    while (!form.hasAttribute('data-query')) await new Promise(r => setTimeout(r, 5));
    answers.push((SHOWN)());
  }
  return answers;
}""".replace("SHOWN", SHOWN)


def check_shown(shown: dict[str, Any], expected: Expected, total: int, query: Query) -> None:
    assert shown["slugs"] == expected.slugs, query
    assert shown["days"] == sorted(shown["days"], reverse=True)
    count = len(expected.slugs)
    status = shown["status"]
    if count == 0:
        assert status.startswith("No briefing matches"), status
    elif query:
        assert status.startswith(f"{count} of {total} briefings"), status
    else:
        assert status.startswith(f"{total} briefings"), status
    assert shown["actors"] == expected.actor_counts, query
    assert shown["regions"] == {"": expected.any_region, **expected.region_counts}, query
    if len(expected.lang_counts) > 1:
        assert shown["langs"] == {"": expected.any_lang, **expected.lang_counts}, query
    else:  # one language: no choice of it
        assert shown["langs"] == {}, query


@pytest.mark.browser
def test_words_in_the_url_stay_the_finders(tab: Any, site_url: str, index: Index) -> None:
    """Material's search also reads `q`; it must neither open over the finder nor drop `q`."""
    tab.goto(f"{site_url}finder/?q=ceasefire&region=caucasus")
    wait_ready(tab)
    tab.wait_for_load_state("load")
    assert not tab.is_checked("[data-md-toggle=search]")
    assert query_of(tab.url) == {"q": ["ceasefire"], "region": ["caucasus"]}
    assert tab.input_value("#ba-finder-q") == "ceasefire"
    shows(tab, index, {"q": "ceasefire", "region": "caucasus"})


@pytest.mark.browser
def test_finder_works_under_a_policy_without_inline_scripts_or_eval(
        browser: Any, site_url: str, index: Index) -> None:
    """The finder's scripts all load by src: none is refused under a policy with no inline."""
    def with_policy(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={
            **response.headers, "content-security-policy": "script-src 'self'"})

    context = browser.new_context()
    tab = context.new_page()
    tab.route(f"{site_url}finder/*", with_policy)
    tab.add_init_script("window.blocked = []; document.addEventListener('securitypolicy"
                        "violation', e => blocked.push(e.sourceFile + ' ' + e.blockedURI))")
    query: Query = {"actor": ["ilham-aliyev"], "region": "azerbaijan"}
    tab.goto(f"{site_url}finder/?{search_of(query)}")
    wait_ready(tab)
    check_shown(tab.evaluate(SHOWN), oracle(index, query), len(index.archive.briefings), query)
    # The policy is in force: an inline script added now is refused (and reported).
    tab.evaluate("document.head.appendChild(Object.assign(document.createElement('script'), "
                 "{textContent: 'window.ranInline = true'}))")
    ran_inline = tab.evaluate("window.ranInline === true")
    blocked = tab.evaluate("window.blocked")
    context.close()
    assert not ran_inline and blocked
    assert [b for b in blocked if ".js" in b] == []


@pytest.mark.browser
def test_years_before_100_are_read_as_written(tab: Any, site_url: str) -> None:
    """Date.UTC reads the years 0-99 as 1900-1999; the finder must not."""
    tab.goto(f"{site_url}finder/")
    wait_ready(tab)
    days = tab.evaluate("['0023-05-14', '0099', '1923-05-14', '2023-05'].map("
                        "(text) => briefingsFinderFilter.parseDay(text, false))")
    epoch = date(1970, 1, 1)
    assert days == [(date(23, 5, 14) - epoch).days, (date(99, 1, 1) - epoch).days,
                    (date(1923, 5, 14) - epoch).days, (date(2023, 5, 1) - epoch).days]
    assert tab.evaluate("briefingsFinderFilter.parseDay('0000-02', true)") == \
        (date(1, 1, 1) - epoch).days - 366 + 31 + 28  # year 0 is a leap year: 29 February


def wait_ready(tab: Any) -> None:
    tab.wait_for_selector("#ba-finder-form[data-query]", state="attached")


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("finder-offline")
    build(BuildOptions(edition=Edition.OFFLINE, content=FIXTURE, site_dir=work / "site",
                       build_dir=work / ".build", config_file=ROOT / "mkdocs.yml"))
    return work / "site"


@pytest.fixture
def offline_tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A tab where every request that is not for a file is recorded and aborted."""
    context = browser.new_context()
    attempted: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield context.new_page(), attempted
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[search_of(q) or "all" for q in QUERIES])
def test_url_query_shows_exactly_the_matches(tab: Any, site_url: str, index: Index,
                                             query: Query) -> None:
    tab.goto(f"{site_url}finder/?{search_of(query)}")
    wait_ready(tab)
    check_shown(tab.evaluate(SHOWN), oracle(index, query), len(index.archive.briefings), query)


@pytest.mark.browser
def test_sweep_of_unseen_combinations_matches_the_oracle(tab: Any, site_url: str,
                                                          index: Index) -> None:
    queries = sweep()
    tab.goto(f"{site_url}finder/")
    wait_ready(tab)
    shown = tab.evaluate(SHOWN_FOR_EACH, [search_of(q) for q in queries])
    for query, seen in zip(queries, shown, strict=True):
        check_shown(seen, oracle(index, query), len(index.archive.briefings), query)


def query_of(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


def shows(tab: Any, index: Index, query: Query) -> None:
    wait_ready(tab)
    assert tab.evaluate(SHOWN)["slugs"] == oracle(index, query).slugs


def toggle(tab: Any, selector: str) -> None:
    """Tick or untick a checkbox from the keyboard, as a reader without a mouse would."""
    tab.focus(selector)
    tab.keyboard.press("Space")


@pytest.mark.browser
def test_controls_write_the_url_and_back_restores_them(tab: Any, site_url: str,
                                                      index: Index) -> None:
    tab.goto(f"{site_url}finder/?region=caucasus")
    wait_ready(tab)
    tab.evaluate("window.sameDocument = true")
    toggle(tab, "input[value=nikol-pashinyan]")
    tab.wait_for_url(re.compile(r"actor=nikol-pashinyan"))
    assert query_of(tab.url) == {"actor": ["nikol-pashinyan"], "region": ["caucasus"]}
    shows(tab, index, {"actor": ["nikol-pashinyan"], "region": "caucasus"})
    tab.select_option("#ba-finder-region", "azerbaijan")
    tab.wait_for_url(re.compile(r"region=azerbaijan"))
    tab.fill("#ba-finder-to", "2023-06-30")
    tab.wait_for_url(re.compile(r"to=2023-06-30"))
    shows(tab, index, {"actor": ["nikol-pashinyan"], "region": "azerbaijan", "to": "2023-06-30"})
    tab.fill("#ba-finder-q", "blinken")
    tab.wait_for_url(re.compile(r"q=blinken"))
    tab.press("#ba-finder-q", "Enter")  # submitting stays on the page
    assert query_of(tab.url)["q"] == ["blinken"] and tab.evaluate("window.sameDocument")

    tab.go_back()
    tab.wait_for_url(re.compile(r"^(?!.*q=)"))
    assert tab.input_value("#ba-finder-q") == "" and tab.input_value("#ba-finder-to") == \
        "2023-06-30"
    tab.go_back()
    tab.go_back()
    tab.wait_for_url(re.compile(r"region=caucasus"))
    assert tab.input_value("#ba-finder-region") == "caucasus"
    assert tab.is_checked("input[value=nikol-pashinyan]")
    shows(tab, index, {"actor": ["nikol-pashinyan"], "region": "caucasus"})
    tab.go_back()
    tab.wait_for_url(re.compile(r"^(?!.*actor=)"))
    assert not tab.is_checked("input[value=nikol-pashinyan]")
    shows(tab, index, {"region": "caucasus"})
    assert tab.evaluate("window.sameDocument")


@pytest.mark.browser
def test_form_submits_as_a_plain_get_form_without_javascript(browser: Any, site_url: str,
                                                             index: Index) -> None:
    context = browser.new_context(java_script_enabled=False)
    bare = context.new_page()
    bare.goto(f"{site_url}finder/")
    toggle(bare, "input[value=ilham-aliyev]")
    bare.select_option("#ba-finder-region", "nagorno-karabakh")
    with bare.expect_navigation():
        bare.press("#ba-finder-q", "Enter")
    submitted = bare.url
    context.close()
    assert query_of(submitted) == {"actor": ["ilham-aliyev"], "region": ["nagorno-karabakh"]}
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(submitted)  # the empty from, to and q of the submission count as absent
    wait_ready(tab)
    shows(tab, index, {"actor": ["ilham-aliyev"], "region": "nagorno-karabakh"})
    context.close()


def result_links(tab: Any) -> list[str]:
    return list(tab.eval_on_selector_all("#ba-finder-results a", "els => els.map(e => e.href)"))


@pytest.mark.browser
def test_result_links_lead_to_existing_pages(tab: Any, site_url: str) -> None:
    tab.goto(f"{site_url}finder/")
    wait_ready(tab)
    links = set(result_links(tab))
    assert any("/briefings/" in u for u in links) and any("/actors/" in u for u in links)
    for url in links:
        assert url.startswith(site_url) and url.endswith("/")
        with urllib.request.urlopen(url) as response:
            assert response.status == 200


@pytest.mark.browser
@pytest.mark.parametrize(("start", "query"), [
    ("actors/russia/", {"actor": ["russia"]}),
    ("regions/azerbaijan/", {"region": "azerbaijan"}),
    ("timeline/", {}),
])
def test_filter_these_briefings_opens_the_finder_on_them(tab: Any, site_url: str, index: Index,
                                                         start: str, query: Query) -> None:
    tab.goto(site_url + start)
    tab.get_by_role("link", name="Filter these briefings").first.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/finder/"))
    wait_ready(tab)
    assert query_of(tab.url) == {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    check_shown(tab.evaluate(SHOWN), oracle(index, query), len(index.archive.briefings), query)


@pytest.mark.browser
def test_offline_bundle_finder_works_from_file_without_network(
        offline_site: Path, offline_tab: tuple[Any, list[str]], index: Index) -> None:
    tab, attempted = offline_tab
    page = offline_site / "finder" / "index.html"
    query: Query = {"actor": ["nikol-pashinyan"], "region": "azerbaijan", "to": "2023-12-31"}
    tab.goto(f"{page.as_uri()}?{search_of(query)}")
    wait_ready(tab)
    total = len(index.archive.briefings)
    check_shown(tab.evaluate(SHOWN), oracle(index, query), total, query)
    queries = sweep()[::3]
    shown = tab.evaluate(SHOWN_FOR_EACH, [search_of(q) for q in queries])
    for each, seen in zip(queries, shown, strict=True):
        check_shown(seen, oracle(index, each), total, each)

    tab.goto(page.as_uri())
    wait_ready(tab)
    for url in set(result_links(tab)):
        assert url.startswith("file://") and url.endswith(".html")
        assert Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).is_file(), url
    toggle(tab, "input[value=csto]")
    tab.wait_for_url(re.compile(r"index\.html\?actor=csto$"))
    shows(tab, index, {"actor": ["csto"]})
    tab.go_back()
    tab.wait_for_url(re.compile(r"index\.html$"))
    shows(tab, index, {})
    assert attempted == []


@pytest.mark.browser
def test_actor_choices_can_be_found_by_any_of_their_names(tab: Any, site_url: str) -> None:
    tab.goto(f"{site_url}finder/")
    wait_ready(tab)
    visible = "[...document.querySelectorAll('#ba-finder-actors > li')].filter(li => !li.hidden)" \
              ".map(li => li.querySelector('input').value)"
    assert len(tab.evaluate(visible)) == 8
    tab.fill("#ba-finder-actor-search", "Зеленський")  # an alias, in another script
    assert tab.evaluate(visible) == ["volodymyr-zelensky"]
    tab.fill("#ba-finder-actor-search", "ALIYEV")
    assert tab.evaluate(visible) == ["ilham-aliyev"]
    assert tab.url.endswith("/finder/")  # finding an actor is not a filter


# ---- At scale: the real page body, data and script on a synthetic archive ---------------

def write_finder_alone(index: Index, folder: Path) -> Path:
    """The finder's own files in a bare page (no theme): enough to drive its script."""
    site = site_of("file")
    page, data_files = finder_outputs(index, site)
    target = folder / "finder" / "index.html"
    target.parent.mkdir(parents=True)
    target.write_text(f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Finder'
                      f"</title><body>{page.html}</body></html>", encoding="utf-8")
    for data_file in data_files:
        (folder / data_file.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / data_file.path).write_bytes(data_file.content)
    script = folder / "assets" / "javascripts"
    script.mkdir(parents=True)
    for name in FINDER_SCRIPTS:
        (script / name).write_bytes((ROOT / "theme" / "assets" / "javascripts" / name).read_bytes())
    return target


@pytest.fixture(scope="module")
def at_scale(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, Path]:
    folder = tmp_path_factory.mktemp("finder-scale")
    synth.generate(SCALE).write(folder / "content")
    loaded = load_archive(folder / "content")
    assert loaded.ok
    index = build_index(loaded.archive)
    return index, write_finder_alone(index, folder / "site")


def test_a_chunks_tag_stands_for_its_texts_and_changes_with_them(
        at_scale: tuple[Index, Path]) -> None:
    """data.js names one tag per chunk, not one per part of the texts (issue 25: at 100,000
    briefings the parts' tags were 8 of its 54 kB gzip); a part is asked for with its
    chunk's tag, which changes when any text of the chunk does, so caches stay right."""
    index, _page = at_scale
    site = site_of(STYLES[0])

    def tags(of: Index) -> list[str]:
        _page, files = finder_outputs(of, site)
        data = json.loads(script_value(files[0].content, f"window.{GLOBAL_NAME}="))
        assert data["parts"] == {"size": PART_SIZE, "count": -(-SCALE // PART_SIZE)}
        return list(data["chunks"]["tags"])

    before = tags(index)
    assert len(before) == -(-SCALE // CHUNK_SIZE) >= 2 and len(set(before)) == len(before)
    briefings = list(index.archive.briefings)
    at = CHUNK_SIZE + 5  # a text of the second chunk: its items stay as they were
    briefings[at] = dataclasses.replace(briefings[at], title="Edited: " + briefings[at].title)
    after = tags(build_index(dataclasses.replace(index.archive, briefings=tuple(briefings))))
    assert [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new] == [1]


@pytest.mark.browser
def test_an_old_actors_texts_load_beside_its_chunk(
        offline_tab: tuple[Any, list[str]], at_scale: tuple[Index, Path],
        tmp_path: Path) -> None:
    """The finder on an actor named only in an older chunk asks for that chunk and, at once,
    the part holding its newest briefing's text, the first result (issue 25: one after the
    other they took 1.4 s of the slow link at 100,000 briefings); a part that arrives before
    its chunk is kept until the chunk is in."""
    index, page = at_scale
    site = tmp_path / "site"
    shutil.copytree(page.parent.parent, site)
    chunk = site / chunk_path(1)  # its rows are handed over a second late: the part is first
    chunk.write_text("setTimeout(function () {\n" + chunk.read_text("utf-8") + "}, 1000);\n",
                     "utf-8")
    old = next(a for a in index.archive.actors if index.by_actor[a] and not any(
        a in b.actors for b in index.archive.briefings[:CHUNK_SIZE]))
    newest = next(at for at, b in enumerate(index.archive.briefings) if old in b.actors)
    tab, attempted = offline_tab
    tab.add_init_script("""window.added = {};
        new MutationObserver(changes => changes.forEach(change => change.addedNodes.forEach(
          node => { if (node.src) window.added[node.src.split("?")[0].split("/").pop()] =
            performance.now(); }))).observe(document, {childList: true, subtree: true});""")
    tab.goto((site / "finder" / "index.html").as_uri() + "?" + search_of({"actor": [old]}))
    wait_ready(tab)
    expected = oracle(index, {"actor": [old]})
    slugs = tab.eval_on_selector_all("#ba-finder-results > li", "lis => lis.map("
                                     "li => li.getAttribute('data-slug'))")
    assert slugs == expected.slugs[:50] and slugs[0] == index.archive.briefings[newest].slug
    first = tab.locator("#ba-finder-results > li .ba-title").first
    assert first.inner_text() == index.archive.briefings[newest].title
    started = tab.evaluate("window.added")  # when each script element was added
    part = f"{newest // PART_SIZE}.js"
    assert started[part] - started["i1.js"] < 500, started  # together, not after the chunk
    assert attempted == []


@pytest.mark.slow
@pytest.mark.browser
def test_at_scale_counts_facets_and_paging_match_the_oracle(
        offline_tab: tuple[Any, list[str]], at_scale: tuple[Index, Path]) -> None:
    index, page = at_scale
    tab, attempted = offline_tab
    tab.goto(page.as_uri())
    wait_ready(tab)
    popular = [a for a, _ in sorted(index.by_actor.items(), key=lambda kv: -len(kv[1]))[:3]]
    country = next(r.id for r in index.archive.regions.values() if r.kind == "country")
    # an actor named only before the newest chunk: its query skips that chunk
    old = next(a for a in index.archive.actors if index.by_actor[a] and not any(
        a in b.actors for b in index.archive.briefings[:CHUNK_SIZE]))
    queries: list[Query] = [
        {"actor": [old]}, {"actor": [old, popular[0]], "q": "the"},
        {}, {"actor": popular[:1]}, {"actor": popular[:2], "from": "2015"},
        {"region": index.roots[0]}, {"region": country, "to": "2016-06-30"},
        {"q": "ceasefire"}, {"q": "talks border", "actor": popular[1:3]},
    ]
    shown = tab.evaluate(SHOWN_FOR_EACH, [search_of(q) for q in queries])
    for query, seen in zip(queries, shown, strict=True):
        expected = oracle(index, query)
        assert seen["slugs"] == expected.slugs[:50], query
        assert seen["actors"] == expected.actor_counts, query
        assert seen["regions"] == {"": expected.any_region, **expected.region_counts}, query
        count = len(expected.slugs)
        assert seen["status"].startswith(f"{count:,} of {SCALE:,}" if query and count
                                         else ("No briefing" if query else f"{SCALE:,}"))

    tab.goto(page.as_uri())
    wait_ready(tab)
    visible = "document.querySelectorAll('#ba-finder-actors > li:not([hidden])').length"
    assert tab.evaluate(visible) == 15
    tab.focus("#ba-finder-all-actors")
    tab.keyboard.press("Enter")
    assert tab.get_attribute("#ba-finder-all-actors", "aria-expanded") == "true"
    assert tab.evaluate(visible) == sum(1 for b in index.by_actor.values() if b)

    query = {"actor": popular[:1], "from": "2020"}  # a few pages of results
    expected = oracle(index, query).slugs
    assert 100 < len(expected) < 1000
    tab.goto(f"{page.as_uri()}?{search_of(query)}")
    wait_ready(tab)
    while tab.is_visible("#ba-finder-more"):
        before = tab.locator("#ba-finder-results > li").count()
        tab.focus("#ba-finder-more")
        tab.keyboard.press("Enter")
        wait_ready(tab)
        # the first new result takes the focus, so a keyboard reader reads on from there
        assert tab.evaluate("document.activeElement.closest('li').dataset.slug") == \
            expected[before]
    assert tab.evaluate(SHOWN)["slugs"] == expected
    assert attempted == []


# ---- Languages (issue 30): the fixture archive with some briefings in Russian and Arabic ---

@pytest.fixture(scope="module")
def multilingual(loaded: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, Path]:
    """The fixture archive with every third briefing in Russian and every fifth in Arabic
    (their texts stay English: the finder filters by ``lang``, not by script), written as a
    bare finder page (no theme) to drive the script from file://."""
    briefings = tuple(
        dataclasses.replace(b, lang="ar" if at % 5 == 4 else "ru" if at % 3 == 2 else b.lang)
        for at, b in enumerate(loaded.archive.briefings))
    index = build_index(dataclasses.replace(loaded.archive, briefings=briefings))
    return index, write_finder_alone(index, tmp_path_factory.mktemp("finder-languages"))


def test_data_marks_each_briefing_not_in_the_sites_language(
        multilingual: tuple[Index, Path]) -> None:
    index, _page = multilingual
    data = read_data(index, "file")
    assert data["langs"] == [["en", "ltr", "English"], ["ar", "rtl", "العربية"],
                             ["ru", "ltr", "русский"]]
    assert [row[6] for row in data["items"]] == [b.lang for b in index.archive.briefings]
    html = finder_outputs(index, site_of("file"))[0].html
    assert re.findall(r'<option value="(\w*)"', html.split('id="ba-finder-lang"')[1]) == [
        "", "en", "ar", "ru"]


@pytest.mark.browser
def test_finder_filters_and_counts_by_language(offline_tab: tuple[Any, list[str]],
                                               multilingual: tuple[Index, Path]) -> None:
    index, page = multilingual
    tab, attempted = offline_tab
    actors = ["nikol-pashinyan", "ilham-aliyev", "russia"]
    queries: list[Query] = [{"lang": lang, **extra} for lang in ("", "en", "ru", "ar")
                            for extra in ({}, {"actor": actors[:1]}, {"region": "caucasus"},
                                          {"actor": actors[1:], "q": "the", "to": "2023-06"})]
    queries = [{k: v for k, v in q.items() if v} for q in queries]
    tab.goto(page.as_uri())
    wait_ready(tab)
    shown = tab.evaluate(SHOWN_FOR_EACH, [search_of(q) for q in queries])
    total = len(index.archive.briefings)
    for query, seen in zip(queries, shown, strict=True):
        expected = oracle(index, query)
        assert len(expected.lang_counts) == 3
        check_shown(seen, expected, total, query)
    tab.goto(f"{page.as_uri()}?lang=ar")
    wait_ready(tab)
    assert "written in العربية" in tab.inner_text("#ba-finder-status")
    marked = tab.eval_on_selector_all(
        "#ba-finder-results .ba-title", "els => els.map(e => [e.lang, e.dir])")
    assert marked and set(map(tuple, marked)) == {("ar", "rtl")}
    tab.select_option("#ba-finder-lang", "ru")
    tab.wait_for_url(re.compile(r"\?lang=ru$"))
    shows(tab, index, {"lang": "ru"})
    assert attempted == []
