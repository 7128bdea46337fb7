"""Benchmark of `briefings sources` at scale, against the fake web on 127.0.0.1.

    .venv/bin/python scripts/sources_bench.py [--count 16000] [--budget 60] [--pace 1.0]

Writes a synthetic archive (scripts/synth.py: 16 outlets, so thousands of links to each),
serves every outlet and the Wayback availability API from tests/fakeweb.py, and runs the
checker twice on the same day with the same budget. It reports, from the server's own log,
the requests per host and the shortest gap between two requests to one host (the pace must
hold), each run's time against its budget, what each run checked, and that the second run
asked about no address the first had checked (it resumed). Then it times reading a state
file with a record for every cited address, as every build does. Figures go into
BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the fake web (this folder is on the path)

import synth  # noqa: E402
from fakeweb import FakeWeb, article, page  # noqa: E402

from generator.content import sourcestate  # noqa: E402
from generator.content.loading import load_archive  # noqa: E402
from generator.editorial.sources import run  # noqa: E402
from generator.editorial.sources.fetch import LoopbackConnector  # noqa: E402

TODAY = date(2026, 12, 7)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=16000)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--pace", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        content = Path(work) / "content"
        synth.generate(args.count).write(content)
        started = time.perf_counter()
        loaded = load_archive(content, include_drafts=True)
        print(f"{args.count} briefings loaded in {time.perf_counter() - started:.1f} s")
        cited = run.citations(loaded.archive)
        hosts = sorted({run.host_of(url) for url in cited})
        print(f"{len(cited)} cited addresses on {len(hosts)} hosts")
        with FakeWeb() as web:
            for host in hosts:
                web.fallback[host] = page(body=article("A report", "the talks resumed " * 80))
            settings = run.Settings(budget=args.budget, pace=args.pace, timeout=10.0,
                                    user_agent="briefings-sources/bench",
                                    availability=web.availability)
            checked: list[set[str]] = []
            asked: list[set[str]] = []
            for number in (1, 2):
                before = set(sourcestate.read(content)[0])
                mark = len(web.log)
                outcome = run.run(loaded.archive, content, settings, TODAY,
                                  LoopbackConnector(web.port, web.knows))
                after = sourcestate.read(content)[0]
                checked.append({u for u, r in after.items() if r.last == TODAY} - before)
                asked.append({f"https://{e.host}{e.path}" for e in web.log[mark:]
                              if e.host != FakeWeb.WAYBACK})
                report(number, outcome, web.log[mark:], args.budget)
            print(f"resumed: run 2 asked about {len(asked[1] & checked[0])} of the "
                  f"{len(checked[0])} addresses run 1 had checked, and checked "
                  f"{len(checked[1])} new ones")
        state = sourcestate.path_of(content)
        print(f"state file after two runs: {state.stat().st_size / 1024:.0f} KiB, "
              f"{len(sourcestate.read(content)[0])} records")
        full = {url: sourcestate.SourceRecord(
            url, "alive", TODAY, TODAY, title="A report on the talks", fingerprint="0" * 16,
            snapshot=f"https://web.archive.org/web/2023/{url}", looked=TODAY,
            history=(f"{TODAY} alive 200",)) for url in cited}
        state.write_text(sourcestate.dump(full), "utf-8")
        started = time.perf_counter()
        records, problems = sourcestate.read(content)
        print(f"a state of every address ({len(records)} records, "
              f"{state.stat().st_size / 1024 / 1024:.1f} MiB) read in "
              f"{time.perf_counter() - started:.2f} s ({len(problems)} problems)")
    return 0


def report(number: int, outcome: run.Outcome, log: list[object], budget: float) -> None:
    by_host: dict[str, list[float]] = defaultdict(list)
    for entry in log:
        by_host[entry.host].append(entry.at)  # type: ignore[attr-defined]
    gaps = [b - a for times in by_host.values() for a, b in itertools.pairwise(times)]
    print(f"run {number}: {outcome.seconds:.1f} s of a {budget:.0f} s budget; checked "
          f"{outcome.checked} of {outcome.due} due ({outcome.left} left), "
          f"{outcome.looked} Wayback lookups; {len(log)} requests, "
          f"{min(len(t) for t in by_host.values())}-{max(len(t) for t in by_host.values())} "
          f"per host; shortest gap between two requests to one host: {min(gaps):.3f} s")


if __name__ == "__main__":
    sys.exit(main())
