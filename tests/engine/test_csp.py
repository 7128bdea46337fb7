"""The Content-Security-Policy: every page carries it, nothing in a page breaks it, and the
pages still work under it in Chromium, hosted over http and offline from file://, also
when the content is hostile."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hostile_catalogue as catalogue
import pytest
from conftest import wait_for_search_results
from harness import serve_folder

from generator.engine import csp
from generator.pipeline import BuildOptions, build
from generator.site.edition import Edition

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", "briefings/ceasefire/", "actors/nikol-pashinyan/", "regions/caucasus/",
         "timeline/", "finder/"]


def policy_of(page_html: str) -> str:
    marker = 'http-equiv="Content-Security-Policy" content="'
    assert page_html.count(marker) == 1
    return html.unescape(page_html.split(marker, 1)[1].split('"', 1)[0])


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_every_page_obeys(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        text = path.read_text("utf-8")
        assert csp.check_page(text, policy_of(text)) == [], path


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    build(BuildOptions(content=catalogue.FIXTURE, site_dir=work / "site", build_dir=work / "b",
                       config_file=ROOT / "mkdocs.yml", edition=Edition.OFFLINE))
    return work / "site"


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The archive of accepted hostile values, built hosted and offline."""
    work = tmp_path_factory.mktemp("hostile")
    content = catalogue.write_inert_archive(work)
    sites = {}
    for variant in ("hosted", "offline"):
        sites[variant] = work / variant
        build(BuildOptions(content=content, site_dir=sites[variant], build_dir=work / "b",
                           config_file=ROOT / "mkdocs.yml", edition=Edition(variant)))
    return sites


# --- every page carries the policy (no browser) ------------------------------------------

def test_policy_forbids_inline_script_plugins_and_base(built_site: Path) -> None:
    rules = directives(policy_of((built_site / "index.html").read_text("utf-8")))
    assert rules["script-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'none'"]
    assert rules["default-src"] == ["'self'"]
    assert all("'unsafe-inline'" not in values and "'unsafe-eval'" not in values
               for values in rules.values())


def test_every_hosted_page_carries_and_obeys_the_policy(built_site: Path) -> None:
    assert_every_page_obeys(built_site)


def test_every_offline_page_obeys_the_policy_which_allows_only_hashes(offline_site: Path) -> None:
    assert_every_page_obeys(offline_site)
    rules = directives(policy_of((offline_site / "index.html").read_text("utf-8")))
    assert rules["script-src"][0] == "'self'"
    assert all(value.startswith("'sha256-") for value in rules["script-src"][1:])


def test_pages_checked_as_written_are_not_read_again_and_the_rest_are(tmp_path: Path) -> None:
    policy = csp.policy()
    head = f'<head><meta http-equiv="Content-Security-Policy" content="{policy}">'
    (tmp_path / "a.html").write_text(f"{head}</head>", "utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(f"{head}<script>alert(1)</script></head>",
                                               "utf-8")
    (tmp_path / "b-c.html").write_text("<p>no policy</p>", "utf-8")
    written = {str(tmp_path / "a.html"): ["what the engine hook found as it wrote it"]}
    assert csp.check_site(tmp_path, policy, written) == [  # in the order of the pages' Paths
        "a.html: what the engine hook found as it wrote it",
        "b/index.html: an inline script the policy does not allow: 'alert(1)'",
        "b-c.html: 0 Content-Security-Policy meta tags instead of one"]
    assert len(csp.check_site(tmp_path, policy)) == 2  # a.html read here: nothing wrong


def test_hash_is_of_the_script_the_shim_writes() -> None:
    shim = (ROOT / "theme/assets/javascripts/iframe-worker/shim.js").read_text("utf-8")
    script = csp.shim_frame_script(shim, "../assets/w.js")
    assert script.startswith("postMessage=function ")
    assert 'filename:"../assets/w.js"' in script
    assert "${" not in script


def test_offline_policy_allows_the_shim_frame_for_our_search_worker() -> None:
    import material

    theme_dirs = [str(ROOT / "theme"), str(Path(material.__file__).parent / "templates")]
    worker = csp.search_worker_path(theme_dirs)
    assert worker == "assets/javascripts/search-worker.js"
    shim = (ROOT / "theme/assets/javascripts/iframe-worker/shim.js").read_text("utf-8")
    rules = directives(csp.engine_policy(["assets/javascripts/iframe-worker/shim.js"],
                                         theme_dirs, Edition.OFFLINE))
    frame = csp.shim_frame_script(shim, "../../" + worker)
    [frame_hash] = directives(csp.policy([frame]))["script-src"][1:]
    assert frame_hash in rules["script-src"]


# --- in Chromium ------------------------------------------------------------------------

@dataclass
class Watched:
    """A page and everything it reported: policy violations, dialogs, errors."""

    page: Any
    violations: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event =>
  console.log("CSP-VIOLATION " + event.violatedDirective + " " + event.blockedURI));
"""


@pytest.fixture
def watch(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_page(url: str) -> Watched:
        context = browser.new_context()
        contexts.append(context)
        if url.startswith("file:"):  # offline: prove no request leaves the disk
            context.route("**/*", lambda route: route.continue_()
                          if route.request.url.startswith("file:") else route.abort())
        context.add_init_script(REPORT_VIOLATIONS)
        watched = Watched(context.new_page())
        watched.page.on("console", lambda message: watched.violations.append(message.text)
                        if message.text.startswith("CSP-VIOLATION") else None)
        watched.page.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message),
                                                  dialog.dismiss()))
        watched.page.on("pageerror", lambda error: watched.errors.append(str(error)))
        watched.page.goto(url)
        watched.page.wait_for_load_state("load")
        return watched

    yield open_page
    for context in contexts:
        context.close()


def search(watched: Watched, query: str) -> list[str]:
    page = watched.page
    page.keyboard.press("/")
    page.keyboard.type(query)
    wait_for_search_results(page, query)
    return list(page.locator(".md-search-result__item").all_inner_texts())


def toggle_palette(watched: Watched) -> tuple[str, str]:
    """Click the palette toggle; return the colour scheme before and after."""
    page = watched.page
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    return before, page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.browser
@pytest.mark.parametrize("route", PAGES)
def test_hosted_pages_run_without_violations(watch: Any, site_url: str, route: str) -> None:
    watched = watch(site_url + route)
    watched.page.wait_for_timeout(300)
    assert watched.violations == [] and watched.errors == [] and watched.dialogs == []
    assert watched.page.evaluate("typeof __md_get") == "function"  # the moved scripts ran


@pytest.mark.browser
def test_hosted_search_and_palette_work_under_the_policy(watch: Any, site_url: str) -> None:
    watched = watch(site_url + "briefings/ceasefire/")
    assert toggle_palette(watched) == ("default", "slate")
    watched.page.reload()
    assert watched.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert any("Ceasefire" in result for result in search(watched, "ceasefire"))
    assert watched.violations == [] and watched.errors == []


@pytest.mark.browser
def test_policy_blocks_an_injected_inline_script(watch: Any, site_url: str) -> None:
    watched = watch(site_url)
    watched.page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
        const image = document.createElement("img");
        image.setAttribute("onerror", "window.__ran = true");
        image.src = "data:,";
        document.body.appendChild(image);
    }""")
    watched.page.wait_for_timeout(300)
    assert watched.page.evaluate("window.__ran") is None
    assert any("script-src" in violation for violation in watched.violations)


@pytest.mark.browser
def test_offline_search_and_palette_work_from_file(watch: Any, offline_site: Path) -> None:
    watched = watch((offline_site / "briefings" / "ceasefire.html").as_uri())
    assert toggle_palette(watched) == ("default", "slate")
    assert any("Ceasefire" in result for result in search(watched, "ceasefire"))
    assert watched.violations == [] and watched.dialogs == []


def assert_nothing_ran(watched: Watched) -> None:
    page = watched.page
    page.wait_for_timeout(300)
    assert watched.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator('img[src="x"], svg[onload], [onerror], [onmouseover]').count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("variant", ["hosted", "offline"])
def test_hostile_values_show_as_text_on_pages_and_in_search(watch: Any, variant: str,
                                                            hostile_sites: dict[str, Path]
                                                            ) -> None:
    site = hostile_sites[variant]
    if variant == "hosted":
        base, stop = serve_folder(site)
        url = base + f"briefings/{catalogue.INERT_SLUG}/"
    else:
        stop = None
        url = (site / "briefings" / f"{catalogue.INERT_SLUG}.html").as_uri()
    try:
        watched = watch(url)
        page = watched.page
        assert page.title() == f"{catalogue.INERT_TITLE} - Briefing Archive"
        assert page.locator("h1").first.inner_text() == catalogue.INERT_TITLE
        assert_nothing_ran(watched)
        results = search(watched, "hostile")
        assert any(catalogue.INERT_TITLE in result for result in results), results
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert_nothing_ran(watched)
    finally:
        if stop is not None:
            stop()


@pytest.mark.browser
@pytest.mark.parametrize("variant", ["hosted", "offline"])
def test_hostile_title_in_search_results_is_text_with_its_words_highlighted(
        watch: Any, variant: str, hostile_sites: dict[str, Path]) -> None:
    """Our search worker adds <mark> to titles Material inserts as HTML: the payload's
    words are marked and the payload itself stays text (no element made of it)."""
    site = hostile_sites[variant]
    if variant == "hosted":
        base, stop = serve_folder(site)
        url = base
    else:
        stop = None
        url = (site / "index.html").as_uri()
    try:
        watched = watch(url)
        page = watched.page
        page.keyboard.press("/")
        page.locator("input.md-search__input").fill("hostile onerror pwned")
        page.locator("input.md-search__input").press("End")
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        title = page.locator(".md-search-result__item h1").first
        assert title.inner_text() == catalogue.INERT_TITLE
        marks = title.locator("mark").all_inner_texts()
        assert marks == ["Hostile", "onerror", "pwned", "pwned"]
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        assert_nothing_ran(watched)
        assert watched.violations == [] and watched.errors == []
    finally:
        if stop is not None:
            stop()


@pytest.mark.browser
def test_finder_shows_hostile_names_and_queries_as_text(watch: Any,
                                                        hostile_sites: dict[str, Path]) -> None:
    base, stop = serve_folder(hostile_sites["hosted"])
    try:
        query = "q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E&actor=evil-actor"
        watched = watch(base + "finder/?" + query)
        watched.page.wait_for_timeout(1000)
        assert catalogue.INERT_ACTOR in watched.page.locator("main").inner_text()
        assert_nothing_ran(watched)
        assert watched.violations == []
    finally:
        stop()
