"""Reading over a slow link (issue 16): a page view loads no index, no sitemap and nothing
missing; search loads small shards of the index and answers as the whole index did."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import synth
from conftest import wait_for_search_results
from harness import serve_folder

from generator.site.data import searchshards
from generator.site.data.searchindex import CONFIG, briefing_entry, other_entries
from generator.site.index import Index
from generator.site.outputs import Site

WORKER = "assets/javascripts/search-worker.js"


# ---- The shards, without a browser ------------------------------------------------------

def synthetic_docs(count: int) -> list[dict[str, Any]]:
    """Documents with Zipf-like words (some very common, most rare), as the index holds."""
    rng = random.Random(16)
    vocabulary = ["".join(rng.choice("aeioubdgklmnrstvz") for _ in range(rng.randint(2, 9)))
                  for _ in range(6000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]

    def text(words: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=words))
    return [{"location": f"briefings/b{n}/", "title": text(8), "text": text(30),
             "names": text(6)} for n in range(count)]


@pytest.fixture(scope="module")
def sharded() -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, bytes]]:
    docs = synthetic_docs(4000)
    files = {f.path: f.content for f in searchshards.shard_files(CONFIG, [("en", docs)])}
    return docs, read(files[searchshards.MANIFEST_PATH]), files


def read(content: bytes) -> Any:
    text = content.decode("utf-8")
    assert text.startswith(f'{searchshards.CALLBACK}("') and text.endswith(");\n")
    return json.loads(text[text.index(",") + 1:-3])


def test_every_file_is_small_and_named_by_the_manifest(sharded: Any) -> None:
    docs, manifest, files = sharded
    shards = [p for p in files if p.startswith("search/shards/")]
    records = [p for p in files if p.startswith("search/docs/")]
    assert len(shards) == len(manifest["shards"]) > 20
    assert len(records) == -(-len(docs) // searchshards.DOC_CHUNK)
    assert len(manifest["docs"]) == -(-len(records) // searchshards.FILES_PER_TAG)
    # a key is split until it holds at most SPLIT_AT bytes, or has MAX_KEY letters
    assert max(len(files[p]) for p in shards) < 4 * searchshards.SPLIT_AT
    assert max(len(files[p]) for p in records) < 12_000
    assert len(files[searchshards.MANIFEST_PATH]) < 20_000


def test_a_record_files_tag_changes_with_any_file_of_its_group(sharded: Any) -> None:
    """One tag per group of record files (issue 25: the manifest grew by a tag per 32
    documents): a file's URL, <n>.js?v=<its group's tag>, still changes whenever its content
    does, so a cache that keeps it for ever never serves a stale one."""
    docs, manifest, _files = sharded
    per_tag = manifest["filesPerTag"]
    assert per_tag == searchshards.FILES_PER_TAG > 1
    edited = [dict(doc) for doc in docs]
    last = len(docs) - 1  # in the last group, which may be short
    for position in (0, per_tag * searchshards.DOC_CHUNK + 5, last):
        edited[position]["title"] += " edited"
    again = read(next(f.content for f in searchshards.shard_files(CONFIG, [("en", edited)])
                      if f.path == searchshards.MANIFEST_PATH))
    changed = [n for n, (old, new) in enumerate(zip(manifest["docs"], again["docs"],
                                                    strict=True)) if old != new]
    groups = -(-len(docs) // searchshards.DOC_CHUNK // per_tag)
    assert changed == sorted({0, 1, len(manifest["docs"]) - 1}) and len(changed) < groups
    # the tags grow with the archive a group at a time, not a file at a time
    assert len(manifest["docs"]) * per_tag * searchshards.DOC_CHUNK >= len(docs)


def test_shards_give_every_word_of_every_document_with_its_best_field(sharded: Any) -> None:
    docs, manifest, files = sharded
    seen: dict[int, dict[str, int]] = {}
    for number in range(len(manifest["shards"])):
        for word, codes in read(files[f"search/shards/{number}.js"]).items():
            key = max((k for k in manifest["keys"] if word.startswith(k)), key=len)
            assert manifest["keys"][key] == number  # the word is where its key says
            doc = 0
            for code in codes:
                doc += code // 3
                seen.setdefault(doc, {})[word] = code % 3
    assert seen == {n: searchshards.doc_words(d) for n, d in enumerate(docs)}


# ---- In the browser ---------------------------------------------------------------------

@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested = []
    page.failed = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.on("response", lambda response: page.failed.append(response.url)
            if response.status >= 400 else None)
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("start", ["", "briefings/offensive/", "actors/nikol-pashinyan/",
                                   "regions/nagorno-karabakh/", "timeline/"])
def test_a_page_view_fetches_no_index_no_sitemap_and_nothing_missing(
        tab: Any, site_url: str, start: str) -> None:
    tab.goto(site_url + start, wait_until="load")
    tab.wait_for_timeout(1000)  # anything a script would fetch after the load
    assert [u for u in tab.requested if "/search/" in u or "sitemap" in u] == []
    assert tab.failed == []
    assert all(u.startswith(site_url) for u in tab.requested)


def expected_paths(index: Index, actor: str = "", region: str = "") -> set[str]:
    found = {f"/briefings/{b.slug}/" for b in index.archive.briefings
             if actor in b.actors or region in b.regions}
    return found | ({f"/actors/{actor}/"} if actor else {f"/regions/{region}/"})


def all_results(tab: Any, count: int) -> list[str]:
    """Scroll Material's result list until it has drawn ``count``, then wait for
    search-fill.js to fill in those that came as placeholders; the paths of those drawn."""
    for _ in range(count):  # Material draws four more each time the list's end shows
        if tab.locator(".md-search-result__item").count() >= count:
            break
        # up, then down: Material's boundary watch reports only a change of "at the end"
        tab.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, 0)")
        tab.wait_for_timeout(150)
        tab.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
        tab.wait_for_timeout(150)
    tab.wait_for_function("!document.querySelector('.ba-search-pending')")
    tab.wait_for_function("[...document.querySelectorAll('.md-search-result__item h1')]"
                          ".every(h => h.textContent.trim())")
    return list(tab.eval_on_selector_all(".md-search-result__link",
                                         "links => links.map(a => new URL(a.href).pathname)"))


@pytest.mark.browser
@pytest.mark.parametrize(("query", "actor", "region"), [
    ("pashinian", "nikol-pashinyan", ""),   # an actor's alias that no shown text uses
    ("Artsakh", "", "nagorno-karabakh"),    # a region's
    ("ƏLİYEV", "ilham-aliyev", ""),         # another script's letters, upper case
])
def test_search_finds_every_briefing_by_an_alias(
        tab: Any, site_url: str, index: Index, query: str, actor: str, region: str) -> None:
    tab.goto(site_url + "briefings/offensive/")
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    wait_for_search_results(tab, query)
    expected = expected_paths(index, actor, region)
    assert tab.inner_text(".md-search-result__meta") == f"{len(expected)} matching documents"
    assert set(all_results(tab, len(expected))) == expected
    assert tab.failed == []


COMPARE = """async ([worker, docs, queries]) => {
  const ask = async (setup) => {
    const w = new Worker(worker);
    const answers = [];
    w.onmessage = event => answers.push(event.data);
    const wait = count => new Promise(resolve => {
      const poll = () => answers.length >= count ? resolve() : setTimeout(poll, 5);
      poll();
    });
    await wait(1);
    let expected = 1;
    if (setup) { w.postMessage({type: 0, data: setup}); await wait(++expected); }
    const results = [];
    for (const query of queries) {
      w.postMessage({type: 2, data: query});
      // the shards answer first with the terms in so far: wait for the last answer
      await wait(++expected);
      await new Promise(resolve => setTimeout(resolve, 300));
      results.push(answers[answers.length - 1].data);
      expected = answers.length;
    }
    w.terminate();
    return results;
  };
  const whole = await ask({config: CONFIG, docs: docs, options: {suggest: true}});
  return [whole, await ask(null)];
}"""


@pytest.mark.browser
def test_the_shards_answer_as_the_whole_index_did(tab: Any, site_url: str,
                                                  index: Index) -> None:
    site = Site("Briefing Archive", "https://briefings.example.org/", "directory")
    docs = [json.loads(briefing_entry(b, index, site)) for b in index.archive.briefings]
    docs += other_entries(index, site)
    queries = ["pashinian", "artsakh karabakh", "ceasefire talks", "+karabakh -ceasefire",
               "\"nikol pashinyan\"", "k", "blinken lavrov aliyev", "zzzz", "the"]
    tab.goto(site_url)
    script = COMPARE.replace("CONFIG", json.dumps(CONFIG))
    whole, shards = tab.evaluate(script, [WORKER, docs, queries])
    for query, expected, answered in zip(queries, whole, shards, strict=True):
        scores = [[group[0]["score"], group[0]["terms"]] for group in expected["items"]]
        assert [[g[0]["score"], g[0]["terms"]] for g in answered["items"]] == scores, query
        first = [group[0] for group in expected["items"][:10]]
        assert [group[0] for group in answered["items"][:10]] == first, query
        assert answered["suggest"] == expected["suggest"], query


@pytest.fixture(scope="module")
def synthetic_served(synthetic: tuple[synth.SynthArchive, Path],
                     synthetic_site: Path) -> Iterator[tuple[synth.SynthArchive, str]]:
    """The shared synthetic archive (conftest), built hosted and served: (archive, URL)."""
    url, stop = serve_folder(synthetic_site)
    yield synthetic[0], url
    stop()


@pytest.mark.browser
def test_results_past_the_first_ten_are_filled_in_as_material_draws_them(
        tab: Any, synthetic_served: tuple[Any, str]) -> None:
    archive, url = synthetic_served
    named = Counter(a for b in archive.briefings for a in b.actor_ids)
    aliased = {a.id: a for a in archive.actors if a.aliases}
    actor = next(aliased[name] for name, _ in named.most_common() if name in aliased)
    query = actor.aliases[0].split()[-1].lower()
    expected = {f"/briefings/{b.slug}/" for b in archive.briefings if actor.id in b.actor_ids}
    assert len(expected) > 20  # Material draws ten at first; the others are placeholders
    tab.goto(url + f"briefings/{archive.briefings[0].slug}/")
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    wait_for_search_results(tab, query)
    count = int(tab.inner_text(".md-search-result__meta").split()[0])
    assert count >= len(expected)
    paths = all_results(tab, 22)
    # each a page of its own (an entry not filled in would still link to the site's root)
    assert len(paths) >= 22 and len(set(paths)) == len(paths)
    assert all(p.startswith(("/briefings/", "/actors/", "/regions/")) for p in paths)
    assert set(paths[:10]) <= expected | {f"/actors/{actor.id}/"}
    # the filled-in ones are marked as the first ones are, and keep the ?h= of the search
    last = tab.locator(".md-search-result__item").last
    assert query in unquote(last.locator("a").get_attribute("href"))  # ?h= is URL-encoded
    assert tab.failed == []


def test_hosted_site_says_which_files_may_be_cached_for_a_year(built_site: Path) -> None:
    rules = (built_site / "_headers").read_text("utf-8").split("\n\n")[1:]
    paths = {rule.splitlines()[0] for rule in rules}
    assert all(rule.splitlines()[1].strip() == "Cache-Control: public, max-age=31536000, "
               "immutable" for rule in rules)
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert f"/assets/javascripts/{bundle.name}" in paths
    assert {"/search/shards/*", "/search/docs/*", "/finder/data/*", "/finder/data.js"} <= paths
    # pages, the manifest and the theme's own scripts keep their names: never "forever"
    assert not any(p.endswith((".html", "/", "manifest.js", "search-worker.js")) for p in paths)
