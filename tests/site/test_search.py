"""Search as a reader meets it: Material's search box answered by our worker
(theme/assets/javascripts/search-worker.js), in Chromium, hosted over http and offline from
file:// (through the iframe-worker shim): ranking, several terms, folding, highlights, and the
worker's side of Material's message protocol."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE
from harness import serve_folder

from generator.pipeline import BuildOptions, build
from generator.site.edition import Edition

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WORKER = "assets/javascripts/search-worker.js"

# file name -> (title, summary, actors); newest first, so that the index's own order (newest
# first) is never what puts a better match on top.
BRIEFINGS = {
    "2024-05-04-envoys": ("Ministers meet in Vienna",
                          "Envoys met at Brindlewood to discuss the road.", "Antony Blinken"),
    "2024-05-03-brindlewood": ("Brindlewood road reopens for aid convoys",
                               "Convoys passed the checkpoint.", "Antony Blinken"),
    "2024-05-02-chateau": ("Talks at Château Łańcut end without a deal",
                           "Delegations left after two days.", "Sergei Lavrov"),
    "2024-05-01-air-defence": ("Kyiv asks for more air defence",
                               "Officials asked partners for more systems.",
                               "Volodymyr Zelensky"),
}


# Briefings in other languages and scripts (file name -> (lang, title, summary)); the
# Chinese one is made up for the test. The Arabic one holds "الحكومة" bare and "والبرلمان"
# only with its conjunction; the Russian one "объём" with its ё.
SCRIPTS = {
    "2024-04-30-arabic": ("ar", "الحكومة الأرمنية تستأنف المحادثات مع أذربيجان",
                          "وافق والبرلمان على الخطة بعد يومين من النقاش."),
    "2024-04-29-chinese": ("zh", "峰会在北京举行", "中华人民共和国外交部发表声明。"),
    "2024-04-28-russian": ("ru", "Объём помощи растёт",
                           "Делегации обсудили объём гуманитарной помощи."),
}


def briefing_file(title: str, summary: str, actor: str, day: str, lang: str = "en") -> str:
    return (f"---\ntitle: \"{title}\"\ndate: {day}\nlang: {lang}\nregion: Ukraine\n"
            f"actors: [{actor}]\nsummary: \"{summary}\"\nsource:\n  name: Reuters\n"
            f"  url: https://www.reuters.com/world/example\n---\n{summary}\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The small archive built hosted (served on loopback) and offline: variant -> base URL."""
    work = tmp_path_factory.mktemp("search")
    content = work / "content"
    (content / "briefings").mkdir(parents=True)
    for name in ("actors.yml", "regions.yml"):
        shutil.copy(FIXTURE / name, content / name)
    for name, (title, summary, actor) in BRIEFINGS.items():
        text = briefing_file(title, summary, actor, name[:10])
        (content / "briefings" / f"{name}.md").write_text(text, encoding="utf-8")
    for name, (lang, title, summary) in SCRIPTS.items():
        text = briefing_file(title, summary, "Antony Blinken", name[:10], lang)
        (content / "briefings" / f"{name}.md").write_text(text, encoding="utf-8")
    for variant in ("hosted", "offline"):
        build(BuildOptions(content=content, site_dir=work / variant, build_dir=work / "b",
                           config_file=ROOT / "mkdocs.yml", edition=Edition(variant)))
    base, stop = serve_folder(work / "hosted")
    yield {"hosted": base, "offline": (work / "offline" / "index.html").as_uri(),
           "hosted_dir": str(work / "hosted")}
    stop()


def is_refused_sitemap(message: Any) -> bool:
    """Material's bundle looks up sitemap.xml for every <link rel=alternate> (our Atom feeds
    are such links) to map pages between language versions; from file:// the browser refuses
    the request and logs two errors. Nothing to do with search."""
    return "sitemap.xml" in message.text or "sitemap.xml" in message.location.get("url", "")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab that records console errors and warnings and uncaught errors in `problems`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # offline: prove nothing leaves the disk; hosted: nothing leaves loopback
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "http://127.0.0.1")) else route.abort())
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda message: tab.problems.append(f"{message.type}: {message.text}")
           if message.type in ("error", "warning") and not is_refused_sitemap(message)
           else None)
    tab.on("pageerror", lambda error: tab.problems.append(f"pageerror: {error}"))
    yield tab
    context.close()


RESULTS = """items => items.map(item => {
  const article = item.querySelector("article");
  return {
    href: item.querySelector("a").href,
    path: new URL(item.querySelector("a").href).pathname,
    title: article.querySelector("h1").innerText,
    title_html: article.querySelector("h1").innerHTML,
    marks: [...article.querySelectorAll("mark")].map(mark => mark.textContent),
    missing: [...article.querySelectorAll(".md-search-result__terms del")]
      .map(del => del.textContent),
  };
})"""


def search(page: Any, url: str, query: str) -> list[dict[str, Any]]:
    """Open `url`, put `query` in Material's search box at once, return the results shown.

    The whole query is set in one go (then a key is released, which is when Material reads
    the box), so no result of a half-typed query can be mistaken for the answer.
    """
    page.goto(url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    return list(page.eval_on_selector_all(".md-search-result__item", RESULTS))


def slugs(results: list[dict[str, Any]]) -> list[str]:
    return [r["path"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") for r in results]


@pytest.mark.parametrize("variant", ["hosted", "offline"])
def test_a_title_match_ranks_above_a_text_only_match(page: Any, sites: dict[str, str],
                                                     variant: str) -> None:
    results = search(page, sites[variant], "brindlewood")
    assert slugs(results)[:2] == ["brindlewood", "envoys"]  # the newer one only in its text
    assert results[0]["marks"] == ["Brindlewood"]
    assert page.inner_text(".md-search-result__meta") == "2 matching documents"
    assert page.problems == []


@pytest.mark.parametrize("variant", ["hosted", "offline"])
def test_several_terms_rank_the_document_with_all_first_and_strike_out_the_missing(
        page: Any, sites: dict[str, str], variant: str) -> None:
    results = search(page, sites[variant], "Brindlewood envoys")
    assert slugs(results)[:2] == ["envoys", "brindlewood"]
    assert results[0]["missing"] == [] and results[1]["missing"] == ["envoys"]
    assert page.problems == []


@pytest.mark.parametrize("variant", ["hosted", "offline"])
@pytest.mark.parametrize(("query", "slug", "marked"), [
    ("chateau LANCUT", "chateau", ["Château", "Łańcut"]),   # diacritics and case off
    ("Brîndlewood ROAD", "brindlewood", ["Brindlewood", "road"]),  # and in the query
    ("ЗЕЛЕНСЬКИЙ", "air-defence", []),  # an alias (Cyrillic, upper case): in no shown text
    ("zelensk", "volodymyr-zelensky", ["Zelensk"]),  # a word's start is enough
])
def test_case_and_diacritics_are_ignored(page: Any, sites: dict[str, str], variant: str,
                                         query: str, slug: str, marked: list[str]) -> None:
    results = search(page, sites[variant], query)
    assert slugs(results)[0] == slug
    assert results[0]["marks"] == marked
    assert page.problems == []


@pytest.mark.parametrize("variant", ["hosted", "offline"])
@pytest.mark.parametrize(("query", "slug", "marked"), [
    ("الحكومة", "arabic", ["الحكومة"]),
    ("الْحُكُومَةُ", "arabic", ["الحكومة"]),          # with harakat
    ("والحكومة", "arabic", ["الحكومة"]),            # with a conjunction the text has not
    ("الحكـــومه", "arabic", ["الحكومة"]),           # tatweel, and ه for ة
    ("البرلمان", "arabic", ["والبرلمان"]),           # without the conjunction the text has
    ("وَالْبَرْلَمَان", "arabic", ["والبرلمان"]),
    ("北京", "chinese", ["北京"]),                     # two characters inside a run of seven
    ("外交", "chinese", ["外交"]),
    ("объем", "russian", ["Объём", "объём"]),         # ё folds to е, both ways
    ("ОБЪЁМ", "russian", ["Объём", "объём"]),
])
def test_a_query_in_every_script_finds_its_briefing(page: Any, sites: dict[str, str],
                                                    variant: str, query: str, slug: str,
                                                    marked: list[str]) -> None:
    results = search(page, sites[variant], query)
    assert slugs(results) == [slug]
    assert results[0]["marks"] == marked
    assert page.problems == []


def test_the_conjunction_comes_off_only_where_the_rest_is_a_whole_word(
        page: Any, sites: dict[str, str]) -> None:
    """"والحك" typed midway: "الحك" is no word, and as a prefix "ال" (the article) would
    match nearly every Arabic word, so nothing is found until the word is whole."""
    assert search_count(page, sites["hosted"], "والحك") == 0
    assert search_count(page, sites["hosted"], "والحكومة") == 1


def search_count(page: Any, url: str, query: str) -> int:
    page.goto(url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => /\\d|No matching/.test("
                           "document.querySelector('.md-search-result__meta').innerText)")
    return len(page.query_selector_all(".md-search-result__item"))


ARABIC = re.compile("[\u0600-\u06ff]")
HAN = re.compile("[\u4e00-\u9fff]")


def index_files_loaded(page: Any, sites: dict[str, str], query: str) -> dict[str, str]:
    """The files of the search index a query made the hosted site load, with their text."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    search(page, sites["hosted"], query)
    page.wait_for_timeout(300)  # the worker's later loads, if any
    root = Path(sites["hosted_dir"])
    found = {}
    for url in asked:
        path = urlsplit(url).path.lstrip("/")
        if path.startswith(("search/shards/", "search/docs/")):
            found[path] = (root / path).read_text(encoding="utf-8")
    return found


def test_an_english_query_loads_no_file_of_another_script(page: Any,
                                                          sites: dict[str, str]) -> None:
    english = index_files_loaded(page, sites, "convoys Blinken")
    assert any(p.startswith("search/shards/") for p in english)
    assert any(p.startswith("search/docs/") for p in english)
    for path, text in english.items():
        assert not ARABIC.search(text) and not HAN.search(text), path


def test_an_arabic_query_loads_arabic_shards_only(page: Any, sites: dict[str, str]) -> None:
    arabic = index_files_loaded(page, sites, "الحكومة")
    shards = [text for path, text in arabic.items() if path.startswith("search/shards/")]
    assert shards and all(ARABIC.search(text) for text in shards)
    assert not any(re.search("[a-z]{2}", text.split(",", 1)[1]) for text in shards)


def test_result_links_carry_the_matched_terms_for_the_page_highlight(
        page: Any, sites: dict[str, str]) -> None:
    results = search(page, sites["hosted"], "brindlewood nothingmatches")
    assert results[0]["href"].endswith("?h=brindlewood")
    assert results[0]["missing"] == ["nothingmatches"]


# --- the worker on its own: Material's protocol, driven from a page of the site ------------

PROTOCOL = """async ([worker, docs, queries]) => {
  const w = new Worker(worker);
  const answers = [];
  w.addEventListener("message", event => answers.push(event.data));
  const answered = count => new Promise(resolve => {
    const poll = () => answers.length >= count ? resolve() : setTimeout(poll, 5);
    poll();
  });
  await answered(1);  // READY unasked: the site's pages give no index, the shards serve
  w.postMessage({type: 7, data: "unknown"});         // ignored
  w.postMessage({type: 0, data: {
    config: {lang: ["en"], separator: "[\\\\s]+", pipeline: [],
             fields: {title: {boost: 1000}, text: {boost: 1}, names: {boost: 10}}},
    docs: docs, options: {suggest: true}}});
  for (const query of queries) w.postMessage({type: 2, data: query});
  await answered(2 + queries.length);
  w.terminate();
  return answers;
}"""


def worker_answers(page: Any, url: str, docs: list[dict[str, Any]],
                   queries: list[str]) -> list[dict[str, Any]]:
    page.goto(url)
    return list(page.evaluate(PROTOCOL, [WORKER, docs, queries]))


def test_worker_speaks_materials_protocol(page: Any, sites: dict[str, str]) -> None:
    docs = [{"location": "a/", "title": "Talks &amp; more talks", "text": "Both sides met.",
             "names": "Pashinyan"},
            {"location": "b/", "title": "Other", "text": "Talks failed.", "boost": 0.5}]
    unasked, ready, talks, prefix = worker_answers(page, sites["hosted"], docs,
                                                   ["talks missing", "pash"])
    assert unasked == ready == {"type": 1}
    assert talks["type"] == 3
    items = talks["data"]["items"]
    assert [len(group) for group in items] == [1, 1]
    assert items[0][0] == {"location": "a/", "title": "<mark>Talks</mark> &amp; more "
                           "<mark>talks</mark>", "text": "Both sides met.",
                           "score": items[0][0]["score"],
                           "terms": {"talks": True, "missing": False}}
    assert items[0][0]["score"] > items[1][0]["score"]
    assert talks["data"]["suggest"] == []
    assert prefix["data"]["items"][0][0]["terms"] == {"pash": True}
    assert page.problems == []


def test_worker_escapes_every_shown_field_whatever_the_index_holds(
        page: Any, sites: dict[str, str]) -> None:
    docs = [{"location": "x/", "title": "<img src=x onerror=alert(1)> &lt;b&gt;bold&lt;/b&gt;",
             "text": "&amp;lt;script&amp;gt; &#0; &bogus; \"quoted\" 'single'",
             "tags": ["<i>tag</i>"]}]
    [_, _, img, lt] = worker_answers(page, sites["hosted"], docs, ["img", "lt"])
    item = img["data"]["items"][0][0]
    assert item["title"] == ("&lt;<mark>img</mark> src=x onerror=alert(1)&gt; "
                             "&lt;b&gt;bold&lt;/b&gt;")
    assert item["text"] == ("&amp;lt;script&amp;gt; &amp;#0; &amp;bogus; &quot;quoted&quot; "
                            "&#39;single&#39;")
    assert item["tags"] == ["&lt;i&gt;tag&lt;/i&gt;"]
    # "&amp;lt;" is the text "&lt;": its "lt" is a word, marked without splitting an entity
    assert lt["data"]["items"][0][0]["text"].startswith("&amp;<mark>lt</mark>;script")


def test_worker_returns_every_match_and_marks_the_first_two_hundred(
        page: Any, sites: dict[str, str]) -> None:
    docs = [{"location": f"d{n}/", "title": f"Report {n}", "text": ""} for n in range(250)]
    [_, _, answer] = worker_answers(page, sites["hosted"], docs, ["report"])
    items = answer["data"]["items"]
    assert len(items) == 250  # Material shows len(items) as the count
    assert [group[0]["location"] for group in items[:3]] == ["d0/", "d1/", "d2/"]
    assert items[199][0]["title"] == "<mark>Report</mark> 199"
    assert items[200][0]["title"] == "Report 200"


def test_worker_completes_the_last_word_from_the_best_title(
        page: Any, sites: dict[str, str]) -> None:
    docs = [{"location": "a/", "title": "Sárgsyan visits Yerevan", "text": ""}]
    [_, _, answer] = worker_answers(page, sites["hosted"], docs, ["yerevan sarg"])
    assert answer["data"]["suggest"] == ["sargsyan"]
