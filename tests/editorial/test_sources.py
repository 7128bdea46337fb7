"""`briefings sources` against a fake web on 127.0.0.1 (tests/fakeweb.py): every class of
answer, the three-failures rule over simulated days, the pace, the budget and resuming,
Wayback copies, Save Page Now, and `archive:` edits that change nothing else."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from fakeweb import FakeWeb, Route, article, page, redirect

from generator.content import sourcestate
from generator.content.loading import load_archive
from generator.editorial.sources import run as sources_run
from generator.editorial.sources.fetch import LoopbackConnector

DAY = date(2026, 11, 2)
ROOT = Path(__file__).resolve().parents[2]
WORDS = ["ceasefire", "talks", "border", "villages", "ministry", "statement", "observers",
         "mission", "delegation", "returned", "capital", "agreement", "withdrawal",
         "commission", "accused", "forces", "reported"]


def text(seed: int, count: int = 120) -> str:
    return " ".join(WORDS[(seed * 7 + i * (seed % 5 + 1)) % len(WORDS)] + str(i % (seed + 3))
                    for i in range(count))


A1, A2 = article("Talks resume in Brussels", text(1)), article("Border posts move", text(2))
# url, the route that serves it (None: no route, the server says 404; no host: see below),
# and what the first check must find.
CASES: list[tuple[str, Route | None, str]] = [
    ("https://news.test/a/alive-1", page(body=A1), "alive"),
    ("https://news.test/a/alive-2", page(body=A2), "alive"),
    ("https://other.test/story?id=7", page(body=article("Story seven", text(3))), "alive"),
    ("https://news.test/a/report.pdf", Route(200, "%PDF-1.4 ...", content_type="application/pdf"),
     "alive"),
    ("https://news.test/a/slash", redirect("https://news.test/a/slash/"), "alive"),
    ("https://nohead.test/a", Route(200, A1, head_status=405), "alive"),
    ("https://cdn.test/a", Route(200, A2, head_status=403), "alive"),
    ("https://news.test/old/moved", redirect("/a/moved-here"), "redirected"),
    ("https://chain.test/r1", redirect("/r2"), "redirected"),
    ("https://short.test/x", redirect("https://news.test/a/alive-1", 302), "redirected"),
    ("https://loop.test/a", redirect("/b"), "unreachable"),
    ("https://loop.test/self", redirect("/self"), "unreachable"),
    ("https://chain.test/long0", redirect("/long1"), "unreachable"),
    ("https://slow.test/a", Route(200, A1, delay=4.0), "unreachable"),
    ("https://drip.test/a", Route(200, A1, drip=0.02), "unreachable"),
    ("https://broken.test/500", Route(500, "oops"), "unreachable"),
    ("https://broken.test/503", Route(503, "later", {"Retry-After": "30"}), "unreachable"),
    ("https://garbage.test/a", Route(garbage=True), "unreachable"),
    ("https://news.test/a/missing", None, "gone"),
    ("https://news.test/a/removed", Route(410, "gone"), "gone"),
    ("https://nosuchhost.test/a", None, "gone"),
    ("https://nohead.test/gone", Route(404, "no", head_status=501), "gone"),
    ("https://news.test/a/moved-then-gone", redirect("/a/missing-too"), "gone"),
    ("https://paywall.test/a", Route(401, "log in"), "blocked"),
    ("https://paywall.test/b", Route(403, "subscribe"), "blocked"),
    ("https://ratelimit.test/a", Route(429, "slow down", {"Retry-After": "120"}), "blocked"),
    ("https://news.test/a/gone-home", redirect("https://news.test/"), "soft-404"),
    ("https://news.test/a/notfound-page", page(body=article("Page not found", "Sorry.")),
     "soft-404"),
    ("https://other.test/deleted", redirect("/index.html", 302), "soft-404"),
    ("https://other.test/short-404", page(body=article(
        "Other Daily", "Sorry, the page you requested could not be found.")), "soft-404"),
    ("https://drift.test/story", page(body=article("Ceasefire agreed", text(4))), "alive"),
    ("https://drift.test/edited", page(body=article("Ceasefire holds", text(5))), "alive"),
    ("https://drift.test/retitled", page(body=article("Villages return", text(6))), "alive"),
    ("https://web.archive.org/web/20230514000000/https://news.test/a/chain-end",
     page(body=A1), "alive"),
]
EXTRA: dict[str, Route] = {  # pages that the cases lead to
    "news.test/a/slash/": page(body=A1),
    "news.test/a/moved-here": page(body=A2),
    "chain.test/r2": redirect("/r3", 302), "chain.test/r3": redirect("/r4", 307),
    "chain.test/r4": redirect("https://news.test/a/chain-end", 308),
    "news.test/a/chain-end": page(body=A1),
    "loop.test/b": redirect("/a"),
    **{f"chain.test/long{i}": redirect(f"/long{i + 1}") for i in range(1, 9)},
    "news.test/": page(body=article("News Today: home", text(9))),
    "other.test/index.html": page(body=article("Other Daily", text(8))),
}


@pytest.fixture
def web() -> Iterator[FakeWeb]:
    with FakeWeb() as fake:
        for url, route, _expected in CASES:
            if route is not None:
                fake.routes[url.split("://", 1)[1]] = route
        fake.routes.update(EXTRA)
        fake.routes["news.test/a/never-cited"] = page(body=A1)  # so news.test exists
        fake.snapshots["https://news.test/a/alive-1"] = (
            "http://web.archive.org/web/20230514093000/https://news.test/a/alive-1",
            "20230514093000")
        fake.snapshots["https://news.test/a/missing"] = (
            "http://web.archive.org/web/20230101000000/https://news.test/a/missing",
            "20230101000000")
        yield fake


def briefing(number: int, urls: list[str], archive: dict[str, str] | None = None) -> str:
    lines = ["---", f"title: Briefing number {number}", "date: 2023-05-14",
             "region: Armenia", "actors: [Nikol Pashinyan]", "source:"]
    for url in urls:
        lines += ["  - name: Outlet", f"    url: {url}", "    published: 2023-05-14"]
        if archive and url in archive:
            lines.append(f"    archive: {archive[url]}")
    return "\n".join([*lines, "---", "The leaders met for talks.", ""])


@pytest.fixture
def content(write_archive: object) -> Path:
    urls = [url for url, _route, _expected in CASES if "web.archive.org" not in url]
    files = {f"2023/2023-05-14-b{n}.md": briefing(n, urls[n * 3:n * 3 + 3])
             for n in range((len(urls) + 2) // 3)}
    files["2023/2023-05-14-archived.md"] = briefing(99, ["https://news.test/a/chain-end"], {
        "https://news.test/a/chain-end": CASES[-1][0]})
    return write_archive(files)  # type: ignore[operator,no-any-return]


def settings(**changes: object) -> sources_run.Settings:
    base = sources_run.Settings(budget=60.0, pace=0.05, timeout=1.5, workers=8,
                                user_agent="briefings-sources/test (+https://example.org/)")
    return replace(base, **changes)  # type: ignore[arg-type]


def check(content: Path, web: FakeWeb, today: date = DAY, **changes: object
          ) -> sources_run.Outcome:
    archive = load_archive(content, include_drafts=True)
    assert archive.ok, archive.problems
    options = settings(availability=web.availability, save_endpoint=web.save_endpoint,
                       **changes)
    return sources_run.run(archive.archive, content, options, today,
                           LoopbackConnector(web.port, web.knows))


def records(content: Path) -> dict[str, sourcestate.SourceRecord]:
    found, problems = sourcestate.read(content)
    assert not problems
    return found


def test_the_catalogue_covers_every_class_with_over_thirty_addresses() -> None:
    assert len(CASES) >= 30
    assert {expected for _url, _route, expected in CASES} == set(sourcestate.CHECKS) - {
        "drifted"}  # drifted needs a second visit: test_a_page_that_changed_has_drifted


def test_every_address_is_classified_as_expected(content: Path, web: FakeWeb) -> None:
    outcome = check(content, web)
    found = records(content)
    wrong = {url: (found[url].status, found[url].history) for url, _r, expected in CASES
             if found[url].status != expected}
    assert not wrong
    assert outcome.checked == outcome.due == len(CASES) + 1 and outcome.left == 0
    assert found["https://ratelimit.test/a"].history == ("2026-11-02 blocked 429 retry-after 120",)
    assert found["https://nosuchhost.test/a"].history == ("2026-11-02 gone no such host",)
    assert found["https://loop.test/a"].history[-1].endswith("redirect loop")
    assert found["https://chain.test/long0"].history[-1].endswith("too many redirects")
    assert found["https://slow.test/a"].history[-1].endswith("time-out")
    assert found["https://drip.test/a"].history[-1].endswith("time-out")
    assert found["https://chain.test/r1"].final == "https://news.test/a/chain-end"
    # HEAD first; GET only where HEAD was refused or the page must be read
    assert [e.method for e in web.requests_to("nohead.test") if e.path == "/a"] == ["HEAD", "GET"]
    paywall = sorted((e.path, e.method) for e in web.requests_to("paywall.test"))
    assert paywall == [("/a", "HEAD"), ("/b", "GET"), ("/b", "HEAD")]  # a CDN's 403 to HEAD
    assert [e.method for e in web.requests_to("news.test")
            if e.path == "/a/removed"] == ["HEAD"]
    assert [e.method for e in web.requests_to("slow.test")] == ["HEAD"]  # silent: no GET
    # one failing check is never death
    assert not any(r.dead for r in found.values())
    assert found["https://news.test/a/alive-1"].title == "Talks resume in Brussels"
    assert len(found["https://news.test/a/alive-1"].fingerprint) == 16


def test_every_request_says_who_asks(content: Path, web: FakeWeb) -> None:
    check(content, web)
    agents = {entry.agent for entry in web.log}
    assert agents == {"briefings-sources/test (+https://example.org/)"}


def test_a_page_that_changed_has_drifted(content: Path, web: FakeWeb) -> None:
    check(content, web)
    web.routes["drift.test/story"] = page(body=article("Football results", text(11)))
    web.routes["drift.test/edited"] = page(body=article(
        "Ceasefire holds", text(5).replace("observers", "monitors", 3)))
    web.routes["drift.test/retitled"] = page(body=article("A new headline entirely", text(6)))
    check(content, web, DAY + timedelta(days=3))
    found = records(content)
    assert found["https://drift.test/story"].status == "drifted"
    assert found["https://drift.test/story"].title == "Ceasefire agreed"  # as first recorded
    assert found["https://drift.test/edited"].status == "alive"
    assert found["https://drift.test/retitled"].status == "alive"


def test_dead_only_after_three_failures_at_least_three_days_apart(
        write_archive: object, web: FakeWeb) -> None:
    missing, flaky = "https://news.test/a/missing", "https://news.test/a/alive-2"
    content = write_archive({"2023/2023-05-14-two.md": briefing(1, [missing, flaky])})  # type: ignore[operator]
    timeline = []
    for offset in (0, 1, 2, 3, 5, 6):  # checked daily where due (min_age 0)
        if offset == 5:
            web.routes["news.test/a/alive-2"] = Route(404, "gone")
        check(content, web, DAY + timedelta(days=offset), min_age=0)
        record = records(content)[missing]
        timeline.append((offset, len(record.failures), record.dead))
    assert timeline == [(0, 1, None), (1, 1, None), (2, 1, None), (3, 2, None), (5, 2, None),
                        (6, 3, DAY + timedelta(days=6))]
    # a success clears the count: alive-2 failed on day 5 and 6 only (and a day apart)
    assert records(content)[flaky].failures == (DAY + timedelta(days=5),)
    web.routes["news.test/a/missing"] = page(body=A1)  # back again
    check(content, web, DAY + timedelta(days=9), min_age=0)
    back = records(content)[missing]
    assert back.dead is None and back.failures == () and back.status == "alive"
    assert "2026-11-08 gone 404" in back.history


def test_the_pace_holds_for_each_host(write_archive: object, web: FakeWeb) -> None:
    urls = [f"https://paced.test/a/{n}" for n in range(3)]
    for url in urls:
        web.routes[url.split("://", 1)[1]] = page(body=A1)
    content = write_archive({"2023/2023-05-14-paced.md": briefing(1, urls)})  # type: ignore[operator]
    check(content, web, pace=1.0)
    times = [entry.at for entry in web.requests_to("paced.test")]
    assert len(times) == 6  # HEAD and GET of each
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.98, gaps


def test_a_run_keeps_its_budget_and_the_next_resumes(write_archive: object,
                                                     web: FakeWeb) -> None:
    urls = [f"https://one.test/a/{n:02d}" for n in range(30)]
    for url in urls:
        web.routes[url.split("://", 1)[1]] = page(body=A1)
    files = {f"2023/2023-05-14-r{n}.md": briefing(n, urls[n * 3:n * 3 + 3]) for n in range(10)}
    content = write_archive(files)  # type: ignore[operator]
    first = check(content, web, budget=2.0, pace=0.1, timeout=0.3)
    assert first.seconds <= 2.0 + 0.2
    assert 0 < first.checked < 30 and first.left == 30 - first.checked
    done = set(records(content))
    second = check(content, web, DAY + timedelta(days=3), budget=60.0, pace=0.05)
    asked = [e.path for e in web.requests_to("one.test")][first.checked * 2:]
    assert second.checked == 30  # all due now: the unchecked first, then the oldest
    first_asked = {f"https://one.test{path}" for path in asked[:(30 - len(done)) * 2]}
    assert first_asked.isdisjoint(done)


def test_copies_are_looked_up_and_proposed_as_a_diff(content: Path, web: FakeWeb) -> None:
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    outcome = check(content, web)
    found = records(content)
    assert found["https://news.test/a/alive-1"].snapshot == \
        "https://web.archive.org/web/20230514093000/https://news.test/a/alive-1"
    assert found["https://news.test/a/alive-1"].looked == DAY
    lookups = [e.path for e in web.requests_to("archive.org")]
    assert any("timestamp=20230514" in path for path in lookups)
    # a source that has its copy is not looked up
    assert not any("chain-end" in path for path in lookups)
    assert outcome.proposed == 2 and "+    archive: https://web.archive.org/web/20230514093000/" \
        in outcome.diff
    assert {p: p.read_bytes() for p in content.rglob("*.md")} == before


def test_write_adds_archive_to_exactly_the_proposed_sources_and_twice_changes_nothing(
        content: Path, web: FakeWeb) -> None:
    subprocess.run(["git", "init", "-q", str(content)], check=True)
    subprocess.run(["git", "-C", str(content), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(content), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qm", "start"], check=True)
    outcome = check(content, web, write=True)
    assert len(outcome.written) == 2
    changed = subprocess.run(["git", "-C", str(content), "diff", "--numstat", "--", "briefings"],
                             capture_output=True, text=True, check=True).stdout.split("\n")
    assert sorted(line.split("\t")[0:2] for line in changed if line) == [["1", "0"], ["1", "0"]]
    patch = subprocess.run(["git", "-C", str(content), "diff", "-U0", "--", "briefings"],
                           capture_output=True, text=True, check=True).stdout
    added = [line for line in patch.splitlines() if line.startswith("+ ")]
    assert sorted(added) == [
        "+    archive: https://web.archive.org/web/20230101000000/https://news.test/a/missing",
        "+    archive: https://web.archive.org/web/20230514093000/https://news.test/a/alive-1"]
    assert load_archive(content, include_drafts=True).ok
    files = {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and ".git" not in
             p.parts}
    again = check(content, web, write=True)
    assert again.written == [] and again.proposed == 0 and again.checked == 0
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()
            and ".git" not in p.parts} == files


def test_save_page_now_is_asked_for_live_sources_without_a_copy(content: Path,
                                                                web: FakeWeb) -> None:
    outcome = check(content, web, save_keys=("access", "secret"))
    found = records(content)
    assert "https://news.test/a/alive-1" not in web.saved  # it has a copy
    assert "https://other.test/story?id=7" in web.saved
    assert "https://news.test/a/removed" not in web.saved  # gone: nothing to capture
    job = found["https://other.test/story?id=7"].save
    assert job.startswith("spn2-") and job.endswith(" 2026-11-02")
    assert outcome.saved and len(outcome.saved) == len(web.saved)
    posts = [e for e in web.requests_to("web.archive.org") if e.method == "POST"]
    assert posts and all(e.authorization == "LOW access:secret" for e in posts)
    # the next day's run finds the capture and proposes it
    web.snapshots["https://other.test/story?id=7"] = (
        "http://web.archive.org/web/20261102120000/https://other.test/story?id=7",
        "20261102120000")
    later = check(content, web, DAY + timedelta(days=1), save_keys=("access", "secret"))
    assert records(content)["https://other.test/story?id=7"].snapshot.endswith("id=7")
    assert "+    archive: https://web.archive.org/web/20261102120000/" in later.diff
    assert len(web.saved) == len(outcome.saved)  # no second capture of the same source


def test_the_guard_refuses_anything_but_loopback(network_guard: object) -> None:
    import socket

    from netguard import InternetRefused

    with pytest.raises(InternetRefused):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(InternetRefused):
        socket.getaddrinfo("example.org", 443)
    assert len(network_guard.violations) == 2  # type: ignore[attr-defined]
    network_guard.violations.clear()  # type: ignore[attr-defined]


def test_the_command_checks_records_and_proposes_over_real_sockets(
        write_archive: object, web: FakeWeb, capsys: pytest.CaptureFixture[str]) -> None:
    """`briefings sources` itself, with the real connector: sources and the availability
    endpoint on 127.0.0.1 (the command's least pace, one second, on that one host)."""
    from generator.cli import main

    base = f"http://127.0.0.1:{web.port}"
    web.routes["127.0.0.1/a/copy"] = page(body=A1)
    web.snapshots[f"{base}/a/copy"] = (f"http://web.archive.org/web/2023/{base}/a/copy", "2023")
    content = write_archive({"2023/2023-05-14-local.md": briefing(  # type: ignore[operator]
        1, [f"{base}/a/copy", f"{base}/a/missing"])})
    code = main(["sources", "--content", str(content), "--budget", "60s", "--wayback",
                 f"{base}/wayback/available", "--config", str(ROOT / "mkdocs.yml")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"+    archive: https://web.archive.org/web/2023/{base}/a/copy" in out
    assert "Checked 2 of 2 sources due" in err and "copies found: 1" in err
    found = records(content)
    assert (found[f"{base}/a/copy"].status, found[f"{base}/a/missing"].status) == (
        "alive", "gone")
    agents = {e.agent for e in web.log}
    assert len(agents) == 1 and agents.pop().startswith("briefings-sources/")


def test_a_headline_that_says_not_found_is_no_soft_404() -> None:
    from generator.editorial.sources.classify import classify
    from generator.editorial.sources.fetch import Answer, Hop

    url = "https://news.test/a/fishermen"
    headline = "Missing fishermen not found after the storm on the Caspian Sea"
    answer = Answer(url, (Hop(url, 200),), body=article(headline, text(7)))
    assert classify(answer, None).check == "alive"
    error_page = Answer(url, (Hop(url, 200),), body=article("Not found | News", text(7)))
    assert classify(error_page, None).check == "soft-404"
