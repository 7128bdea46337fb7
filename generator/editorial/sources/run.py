"""``briefings sources``: one run of the checker over the archive, within a time budget.

Every distinct ``source.url`` and ``source.archive`` is due once its last check is at least
``min_age`` days old (three: checking more often cannot prove a death sooner); the least
recently checked go first, so a run that runs out of time leaves the rest to the next one,
which resumes there. A source without ``archive`` is looked up in the Wayback Machine
once its first check is done (again after ``relook`` days while no copy is found); with
``save``, a live one that has no copy gets a Save Page Now capture. The state file is
written as the run goes (every minute) and at its end; the proposed ``archive:`` values
become edits of the briefing files with ``write``, else a diff.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from generator.content import sourcestate
from generator.content.model import Archive, Source
from generator.content.problems import ContentError
from generator.content.sourcestate import SUCCESS, SourceRecord
from generator.editorial.sources import classify, frontedit, wayback
from generator.editorial.sources.fetch import SHORTEST, Answer, Client, Connector, Pacer
from generator.editorial.sources.schedule import Scheduler, Task

SAVE_EVERY = 60.0  # seconds between two writes of the state file during a run


@dataclass(frozen=True)
class Settings:
    budget: float = 600.0  # seconds
    pace: float = 1.0  # seconds between two requests to one host
    timeout: float = 10.0
    redirects: int = 5
    workers: int = 32  # threads (one request in flight per host; most wait their turn)
    min_age: int = 3  # days before a source is checked again
    relook: int = 30  # days before the Wayback is asked again for a source with no copy
    user_agent: str = "briefings-sources"
    availability: str = wayback.AVAILABILITY
    save_endpoint: str = wayback.SAVE
    save_keys: tuple[str, str] | None = None  # with keys, Save Page Now captures
    write: bool = False


@dataclass(frozen=True)
class Citation:
    """One source of one briefing: the file (in the content folder), its place in the
    file's list, and the briefing's date (when the source has no ``published``)."""

    file: str
    index: int
    source: Source
    day: date


@dataclass
class Outcome:
    """What a run did, for its report."""

    due: int = 0
    checked: int = 0
    left: int = 0
    looked: int = 0
    found: int = 0
    saved: list[str] = field(default_factory=list)
    newly_dead: list[str] = field(default_factory=list)
    proposed: int = 0
    written: list[str] = field(default_factory=list)
    diff: str = ""
    refused: list[str] = field(default_factory=list)  # files an edit could not be made in
    seconds: float = 0.0


def citations(archive: Archive) -> dict[str, list[Citation]]:
    """Every cited address (sources and their archived copies), with where it is cited."""
    cited: dict[str, list[Citation]] = {}
    for briefing in archive.briefings:
        for index, source in enumerate(briefing.sources):
            citation = Citation(briefing.origin.file, index, source, briefing.date)
            cited.setdefault(source.url, []).append(citation)
            if source.archive:
                cited.setdefault(source.archive, []).append(citation)
    return cited


def due(cited: dict[str, list[Citation]], records: dict[str, SourceRecord], today: date,
        min_age: int) -> list[str]:
    """The addresses to check, least recently checked first (never checked before all)."""
    waiting = [url for url in cited
               if url not in records or (today - records[url].last).days >= min_age]
    return sorted(waiting, key=lambda url: (url in records,
                                            records[url].last if url in records else today, url))


def run(archive: Archive, content: Path, settings: Settings, today: date,
        connector: Connector | None = None, clock: Callable[[], float] = time.monotonic
        ) -> Outcome:
    started = clock()
    outcome = Outcome()
    records, problems = sourcestate.read(content)
    if problems:  # never write a new state over one that could not be read
        raise ContentError(problems)
    cited = citations(archive)
    copies = {r.snapshot for url, r in records.items() if url in cited and r.snapshot}
    records = {url: r for url, r in records.items() if url in cited or url in copies}
    pacer = Pacer(settings.pace, clock)
    client = Client(settings.user_agent, pacer, settings.timeout, settings.redirects,
                    started + settings.budget, connector or Connector())
    scheduler = Scheduler(pacer, settings.workers, started + settings.budget, SHORTEST)
    checks = due(cited, records, today, settings.min_age)
    outcome.due = len(checks)
    for url in checks:
        scheduler.add(Task(host_of(url), "check", url, _checker(client, url)))
    checking = set(checks)
    for url in sorted(cited, key=lambda u: (records[u].looked or date.min, u)
                      if u in records else (date.min, u)):
        if url not in checking and _wants_lookup(url, cited, records, today, settings):
            scheduler.add(_lookup_task(client, settings, url, cited[url], records[url]))
    state = sourcestate.path_of(content)
    last_saved = clock()
    try:
        for task, result in scheduler.results():
            if task.kind == "check":
                record = _checked(records, task.url, result, today, outcome)
                if _wants_lookup(task.url, cited, records, today, settings):
                    scheduler.add(_lookup_task(client, settings, task.url, cited[task.url],
                                               record))
            else:
                _looked(records, task.url, result, today, outcome)
            if clock() - last_saved > SAVE_EVERY:
                _write_if_changed(state, records)
                last_saved = clock()
    finally:  # an interrupted run keeps what it checked
        _write_if_changed(state, records)
    outcome.left = scheduler.left.get("check", 0)
    _propose(content, cited, records, settings.write, outcome)
    outcome.seconds = clock() - started
    return outcome


def _checked(records: dict[str, SourceRecord], url: str, answer: Answer, today: date,
             outcome: Outcome) -> SourceRecord:
    outcome.checked += 1
    before = records.get(url)
    record = classify.record_check(before, url, classify.classify(answer, before), today)
    records[url] = record
    if record.dead and not (before and before.dead):
        outcome.newly_dead.append(url)
    return record


def _looked(records: dict[str, SourceRecord], url: str,
            result: tuple[wayback.Snapshot | bool | None, str], today: date,
            outcome: Outcome) -> None:
    """A lookup's result: the snapshot (None: none; False: the lookup failed), a job."""
    outcome.looked += 1
    snapshot, job = result
    record = records[url]
    if isinstance(snapshot, wayback.Snapshot):
        outcome.found += 1
        # The availability API answered for this capture: its first check.
        records.setdefault(snapshot.url, SourceRecord(
            snapshot.url, "alive", today, today, history=(
                f"{today.isoformat()} alive {snapshot.status} (Wayback availability)",)))
    if job:
        outcome.saved.append(url)
    records[url] = replace(
        record, looked=today if snapshot is not False else record.looked,
        snapshot=snapshot.url if isinstance(snapshot, wayback.Snapshot) else record.snapshot,
        save=f"{job} {today.isoformat()}" if job else record.save)


def host_of(url: str) -> str:
    """The host a URL names, lower case: the lane (and the pace) its requests take."""
    return (urlsplit(url).hostname or "").lower()


def _checker(client: Client, url: str) -> Callable[[], object]:
    def work() -> object:
        answer = client.check(url)
        if answer.status == 429:
            client.turn_down(host_of(answer.final), answer.retry_after)
        return answer
    return work


def _wants_lookup(url: str, cited: dict[str, list[Citation]], records: dict[str, SourceRecord],
                  today: date, settings: Settings) -> bool:
    record = records.get(url)
    if record is None or record.snapshot or url.startswith("https://web.archive.org/"):
        return False
    if all(c.source.archive for c in cited[url]) or not any(c.source.url == url
                                                             for c in cited[url]):
        return False
    # After a Save Page Now request, the next day's run looks for the capture it made.
    wait = 1 if record.save else settings.relook
    return record.looked is None or (today - record.looked).days >= wait


def _lookup_task(client: Client, settings: Settings, url: str, cited: list[Citation],
                 record: SourceRecord) -> Task:
    published = min((c.source.published or c.day) for c in cited)
    save = settings.save_keys is not None and record.status in SUCCESS and not record.save

    def work() -> tuple[wayback.Snapshot | bool | None, str]:
        """(the snapshot, None for none, False if the lookup failed; a save job or '')."""
        try:
            snapshot = wayback.closest(client, settings.availability, url, published)
        except ValueError:
            return False, ""
        job = ""
        if snapshot is None and save and settings.save_keys:
            try:
                job = wayback.save(client, settings.save_endpoint, url, settings.save_keys)
            except ValueError:
                job = ""
        return snapshot, job
    return Task(host_of(settings.availability), "lookup", url, work)


def _write_if_changed(path: Path, records: dict[str, SourceRecord]) -> None:
    text = sourcestate.dump(records)
    if path.is_file() and path.read_text("utf-8") == text:
        return
    if not records and not path.is_file():
        return
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, "utf-8", newline="\n")
    os.replace(temporary, path)


def proposals(cited: dict[str, list[Citation]], records: dict[str, SourceRecord]
              ) -> dict[str, list[frontedit.Addition]]:
    """By file: the sources without ``archive`` for which a snapshot was found."""
    found: dict[str, list[frontedit.Addition]] = {}
    for url, places in cited.items():
        record = records.get(url)
        for citation in places:
            if record and record.snapshot and citation.source.url == url \
                    and not citation.source.archive:
                found.setdefault(citation.file, []).append(
                    frontedit.Addition(citation.index, record.snapshot))
    return found


def _propose(content: Path, cited: dict[str, list[Citation]],
             records: dict[str, SourceRecord], write: bool, outcome: Outcome) -> None:
    diffs = []
    for file, additions in sorted(proposals(cited, records).items()):
        path = content / file
        before = path.read_bytes()
        try:
            after = frontedit.add_archives(before, additions)
        except frontedit.NotEditable as reason:
            outcome.refused.append(f"{content.name}/{file}: {reason}")
            continue
        outcome.proposed += len(additions)
        if write:
            path.write_bytes(after)
            outcome.written.append(file)
        else:
            diffs.append(frontedit.diff(f"{content.name}/{file}", before, after))
    outcome.diff = "".join(diffs)
