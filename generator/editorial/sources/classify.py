"""What an answer means for a source, and the rule that makes it dead.

A check is one of ``generator.content.sourcestate.CHECKS``. 404, 410 and a host that does
not exist are *gone*; 401, 403 and 429 are *blocked* (the outlet turns robots or
non-subscribers away: unknown, never dead); a page that answers 200 but is the outlet's
home page, or says it was not found, is a *soft-404*; a page whose title and main text both
differ strongly from what the first check recorded has *drifted*. Time-outs, refused
connections, server errors and redirect loops are *unreachable*: a server can be down for a
day, so they neither count toward death nor clear the count.

Dead only when proven, as InternetArchiveBot decides: three failing checks (gone or
soft-404) at least three days apart, with no success between them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

from generator.content.sourcestate import FAILING, HISTORY, SUCCESS, SourceRecord
from generator.editorial.sources.fetch import Answer

FAILURES_FOR_DEAD = 3
DAYS_BETWEEN_FAILURES = 3
DRIFT_BITS = 20  # of 64: fingerprints further apart than this differ strongly
TITLE_SIMILAR = 0.5  # word overlap (Jaccard) at or above which titles are the same
_NOT_FOUND = re.compile(r"\b(?:404|not found|page not found|no longer available|"
                        r"does not exist|could not be found|cannot be found|"
                        r"page you (?:requested|are looking for))\b", re.IGNORECASE)
_SKIPPED = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside",
                      "form", "template", "svg", "button", "select"})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Verdict:
    """One check: its class, a short detail (status, error, where it led), and what the
    page showed (empty unless it was read)."""

    check: str
    detail: str
    title: str = ""
    fingerprint: str = ""
    final: str = ""


class _Page(HTMLParser):
    """The title, and the text outside scripts, navigation, headers and footers (inside
    ``<article>`` or ``<main>`` where the page has one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.text: list[str] = []
        self.main: list[str] = []
        self._stack: list[str] = []
        self._skip = 0
        self._main = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "source", "wbr"):
            return
        self._stack.append(tag)
        self._skip += tag in _SKIPPED
        self._main += tag in ("article", "main")
        self._in_title = self._in_title or tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            self._skip -= top in _SKIPPED
            self._main -= top in ("article", "main")
            if top == "title":
                self._in_title = False
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            (self.main if self._main else self.text).append(data)


def read_page(html: str) -> tuple[str, str]:
    """A page's title and main text, whitespace collapsed."""
    page = _Page()
    try:
        page.feed(html)
        page.close()
    except (AssertionError, ValueError):  # html.parser on broken markup
        pass
    title = " ".join(" ".join(page.title).split())[:300]
    text = " ".join(" ".join(page.main or page.text).split())
    return title, text


def fingerprint(text: str) -> str:
    """A 64-bit simhash of the text's word triples, as 16 hex digits ('' for no text):
    small edits move few bits, a different article about half of them."""
    words = [w.lower() for w in _WORD.findall(text)]
    shingles = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))] if words else []
    if not shingles:
        return ""
    weights = [0] * 64
    for shingle in shingles:
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return f"{sum(1 << bit for bit in range(64) if weights[bit] > 0):016x}"


def distance(one: str, other: str) -> int:
    return bin(int(one, 16) ^ int(other, 16)).count("1")


def _similar_titles(one: str, other: str) -> bool:
    a, b = set(_WORD.findall(one.lower())), set(_WORD.findall(other.lower()))
    return not (a or b) or len(a & b) / len(a | b) >= TITLE_SIMILAR


def classify(answer: Answer, record: SourceRecord | None) -> Verdict:
    """The class of one answer, against what was recorded before."""
    if answer.error == "no such host":
        return Verdict("gone", "no such host")
    if answer.error:
        return Verdict("unreachable", answer.error)
    status = answer.status
    if status in (404, 410):
        return Verdict("gone", str(status))
    if status in (401, 403, 429):
        wait = f" retry-after {answer.retry_after}" if answer.retry_after else ""
        return Verdict("blocked", f"{status}{wait}")
    if not 200 <= status < 300:
        return Verdict("unreachable", str(status))
    title, text = read_page(answer.body)
    mark = fingerprint(text)
    moved = _moved(answer.url, answer.final)
    if moved and _is_home(answer.url, answer.final):
        return Verdict("soft-404", f"{status} sent to the home page {answer.final}", title, mark)
    # An error page's title is short ("Page not found | Outlet"); a headline that happens
    # to hold "not found" is not, and a long text is an article, whatever it says.
    if (len(title.split()) <= 8 and _NOT_FOUND.search(title)) or (
            len(text) < 600 and _NOT_FOUND.search(text)):
        return Verdict("soft-404", f"{status} page says not found", title, mark)
    if (record and record.fingerprint and mark and distance(record.fingerprint, mark) > DRIFT_BITS
            and not _similar_titles(record.title, title)):
        return Verdict("drifted", f"{status} title now {title[:80]!r}", title, mark,
                       answer.final if moved else "")
    if moved:
        return Verdict("redirected", f"{status} at {answer.final}", title, mark, answer.final)
    return Verdict("alive", str(status), title, mark)


def _moved(url: str, final: str) -> bool:
    """Elsewhere in earnest: not only http to https, or a slash added or taken away."""
    def key(address: str) -> tuple[str, str, str]:
        parts = urlsplit(address)
        return (parts.netloc.lower(), parts.path.rstrip("/"), parts.query)
    return key(url) != key(final)


def _is_home(url: str, final: str) -> bool:
    deep = urlsplit(url).path.strip("/")
    landed = urlsplit(final).path.strip("/")
    return bool(deep) and landed in ("", "index.html", "index.php", "en", "home")


def record_check(record: SourceRecord | None, url: str, verdict: Verdict, today: date
                 ) -> SourceRecord:
    """The record after one check: history, counted failures, the dead verdict."""
    line = f"{today.isoformat()} {verdict.check} {verdict.detail}".strip()
    base = record or SourceRecord(url=url, status=verdict.check, first=today, last=today)
    failures, dead = base.failures, base.dead
    if verdict.check in FAILING:
        if not failures or (today - failures[-1]).days >= DAYS_BETWEEN_FAILURES:
            failures = (*failures, today)
        if len(failures) >= FAILURES_FOR_DEAD and dead is None:
            dead = today
    elif verdict.check in SUCCESS:
        failures, dead = (), None
    first_read = not base.fingerprint and verdict.check in SUCCESS and verdict.fingerprint
    return replace(
        base, status=verdict.check, last=today, failures=failures, dead=dead,
        title=verdict.title if first_read else base.title,
        fingerprint=verdict.fingerprint if first_read else base.fingerprint,
        final=verdict.final, history=(*base.history, line)[-HISTORY:])
