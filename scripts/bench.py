"""Benchmark: build synthetic archives of 1,000 / 4,000 / 16,000 briefings and compare.

    .venv/bin/python scripts/bench.py [--sizes 1000,4000] [--search] [--work DIR]

For each size it writes a synthetic archive (scripts/synth.py) and builds it (each full
build ``--runs`` times, the kinds in turn, reporting the medians)

- with ``briefings build`` (every page, feed and export), measuring wall time, peak memory
  of the build process and its children, output size, file count, briefing page size and
  the search payload (bytes a browser loads for search, divided by the briefing count);
- again with nothing changed, and after editing one briefing (the incremental case);
- as the lean plain-Material baseline: the same briefing files as plain Markdown pages,
  out of the navigation, built by ``mkdocs build`` with Material and its search plugin;
- as a minimal Hugo site with actor and region taxonomies, when ``hugo`` is installed.

Past 16,000 (``--sizes 16000,64000,100000 --runs 1 --no-baseline``: each 100,000 build
takes minutes on two cores, Material's baseline there much longer) the same figures show
how the build scales. Every build's peak memory is that of all its processes together
(scripts/treemem.py), beside the largest one; every site's sitemap is checked by the
protocol's rules (scripts/sitemapcheck.py) and the longest actor, region or timeline page
is named.

With ``--search`` it also times the first search result in headless Chromium at the largest
size; with ``--editions`` it also builds the offline zip and the ZIM at every size
(scripts/editionsize.py). The full run writes its table into BENCHMARKS.md between the
markers; a run with ``--sizes`` prints it and writes only when ``--write`` is given.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from itertools import pairwise
from pathlib import Path

import sitemapcheck
import synth
import treemem
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_SIZES = (1000, 4000, 16000)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
EDIT_MARK = "Benchmark edit marker."
HUGO_TARGET = 1.5  # issue 25: a cold build within this many times Hugo's wall time
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    """One timed build: wall and CPU seconds, peak resident memory of the process tree."""

    seconds: float
    cpu_seconds: float  # user + system: less disturbed than wall time on a shared machine
    peak_mb: float  # the largest one process (ru_maxrss)
    tree_mb: float = 0.0  # all processes of the build together (PSS, see treemem.py)


@dataclass(frozen=True)
class Sizes:
    """What a build wrote."""

    total_mb: float
    files: int
    briefing_page_kb: float  # median over every briefing page
    search_bytes_per_briefing: float


@dataclass(frozen=True)
class Result:
    """Every figure for one archive size."""

    count: int
    ours: Run  # the median of the full builds (by wall time), as are the baselines
    sizes: Sizes
    noop: Run
    one_edit: Run
    baseline: Run | None
    baseline_sizes: Sizes | None
    hugo: Run | None
    ratios: tuple[float, ...] = ()  # our wall time / Material's, run by run
    hugo_ratios: tuple[tuple[float, float], ...] = ()  # ours / Hugo's, (wall, CPU) run by run

    def seconds_ratio(self, other: Result) -> float:
        return self.ours.seconds / other.ours.seconds


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time (the lower middle one of an even count)."""
    return sorted(runs, key=lambda run: run.seconds)[(len(runs) - 1) // 2]


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command to completion; peak memory comes from wait4 (the child and its children)."""
    # The last build's hundreds of MB are written back to disk first, so that the disk's
    # catching up never lands on the next run (this machine's disk made that seconds).
    os.sync()
    time.sleep(2)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    sampler = treemem.Sampler(process.pid)
    errors = process.stderr.read()  # drained before waiting, so a chatty build cannot block
    _pid, status, usage = os.wait4(process.pid, 0)
    tree = sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                         f"{errors.decode(errors='replace')[-3000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss / 1024,  # ru_maxrss is in KiB on Linux
               tree.pss / 2**20)


def measure_site(site: Path, archive: synth.SynthArchive, page: str) -> Sizes:
    """Sizes of a built site; ``page`` is the briefing page path with '{slug}' in it."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [(site / page.format(slug=b.slug)).stat().st_size for b in archive.briefings]
    # every file of the index: ours in shards and record files (issue 16), Material's whole
    search = sum(p.stat().st_size for p in (site / "search").rglob("*")
                 if p.is_file() and p.name != "search_index.js")
    return Sizes(sum(p.stat().st_size for p in files) / 1e6, len(files),
                 statistics.median(pages) / 1000, search / len(archive.briefings))


DEFAULT_URL = "https://briefings.example.org/"


def largest_listing(site: Path) -> str:
    """The actor, region or timeline page that lists the most briefings, and how many."""
    counts = {}
    for folder in ("actors", "regions", "timeline"):
        for page in (site / folder).rglob("index.html"):
            counts[page.parent.relative_to(site).as_posix()] = \
                page.read_bytes().count(b'class="ba-title"')
    worst = max(counts, key=lambda name: counts[name])
    return f"{worst}/ ({counts[worst]:,} briefings)"


def build_ours(work: Path, content: Path, site: Path) -> Run:
    return timed([str(BIN / "briefings"), "build", "--content", str(content),
                  "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")], work)


def edit_one(content: Path, archive: synth.SynthArchive) -> synth.SynthBriefing:
    """Append a sentence to the body of the briefing in the middle of the archive."""
    briefing = archive.briefings[len(archive.briefings) // 2]
    path = content / "briefings" / briefing.path
    path.write_text(path.read_text("utf-8") + f"\n{EDIT_MARK}\n", "utf-8")
    return briefing


def bench_ours(work: Path, archive: synth.SynthArchive, content: Path
               ) -> tuple[Sizes, Run, Run]:
    """After a full build in ``work``: its sizes, a no-change rebuild, and a rebuild after one
    edit (checked to have landed)."""
    site = work / "site"
    sizes = measure_site(site, archive, "briefings/{slug}/index.html")
    url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    files, pages = sitemapcheck.check_site(site, url.group(1) if url else DEFAULT_URL)
    print(f"[{len(archive.briefings)}] sitemap valid: {pages:,} pages in {files} file(s); "
          f"largest listing page {largest_listing(site)}", file=sys.stderr, flush=True)
    noop = build_ours(work, content, site)
    edited = edit_one(content, archive)
    one_edit = build_ours(work, content, site)
    page = site / "briefings" / edited.slug / "index.html"
    if EDIT_MARK not in page.read_text("utf-8"):
        raise SystemExit(f"the rebuild after an edit did not update {page}")
    return sizes, noop, one_edit


BASELINE_CONFIG = """\
site_name: Baseline
site_url: https://baseline.example.org/
theme:
  name: material
  font: false
nav:
  - Home: index.md
not_in_nav: |
  *
plugins:
  - search
"""


def baseline_docs(work: Path, archive: synth.SynthArchive) -> Path:
    """Lean plain Material: the same briefing files as pages, out of the nav; nothing else."""
    docs = work / "material" / "docs"
    (docs / "briefings").mkdir(parents=True)
    (docs / "index.md").write_text("# Briefings\n", "utf-8")
    for briefing in archive.briefings:
        (docs / "briefings" / f"{briefing.slug}.md").write_text(briefing.text, "utf-8")
    (work / "material" / "mkdocs.yml").write_text(BASELINE_CONFIG, "utf-8")
    return work / "material"


def build_baseline(folder: Path, run: int) -> Run:
    return timed([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", f"site{run}"], folder)


HUGO_CONFIG = """\
baseURL = "https://hugo.example.org/"
title = "Baseline"
rssLimit = 50
[taxonomies]
actor = "actors"
region = "regions"
tag = "tags"
"""
HUGO_SINGLE = """<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>
<p>{{ range .GetTerms "actors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ range .GetTerms "regions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</body></html>
"""
HUGO_LIST = """<!doctype html><html><head><title>{{ .Title }}</title></head><body>
<h1>{{ .Title }}</h1><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>
{{ end }}</ul></body></html>
"""


def hugo_site(work: Path, archive: synth.SynthArchive) -> Path | None:
    """A minimal Hugo taxonomy site of the same briefings (actors, regions, tags).

    Feeds hold 50 entries, as ours do: Hugo's default (every page in every term's feed)
    made its build grow faster than linearly.
    """
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    root = work / "hugo"
    actors = {a.id: a.name for a in archive.actors}
    regions = {r.id: r.name for r in archive.regions}
    for name, text in (("config.toml", HUGO_CONFIG), ("layouts/_default/single.html", HUGO_SINGLE),
                       ("layouts/_default/list.html", HUGO_LIST)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    (root / "content" / "briefings").mkdir(parents=True)
    for briefing in archive.briefings:
        meta = {"title": briefing.title, "date": briefing.day.isoformat(),
                "actors": [actors[a] for a in briefing.actor_ids],
                "regions": [regions[r] for r in briefing.region_ids], "tags": list(briefing.tags)}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        body = briefing.text.split("\n---\n", 1)[1]
        (root / "content" / "briefings" / f"{briefing.slug}.md").write_text(
            f"---\n{front}---\n{body}", "utf-8")
    return root


def build_hugo(root: Path, run: int) -> Run:
    return timed([str(shutil.which("hugo")), "--quiet", "--ignoreCache", "--source", str(root),
                  "--destination", f"public{run}"], root)


def external_archive(content: Path) -> synth.SynthArchive:
    """An archive from another source (a content folder), described as synth describes its own
    (loaded with the generator's loader, for the baselines' titles, dates and names)."""
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import check, without_drafts

    loaded = check(content)
    if not loaded.ok:
        raise SystemExit(f"{content} does not check clean")
    archive = without_drafts(loaded.archive)
    root = content / "briefings"
    briefings = tuple(
        synth.SynthBriefing(str(Path(b.origin.path).resolve().relative_to(root.resolve())),
                            b.slug, b.title, b.date, b.regions, b.actors, b.tags,
                            Path(b.origin.path).read_text("utf-8-sig"))
        for b in archive.briefings)
    actors = tuple(synth.Entry(a.id, a.name, a.kind) for a in archive.actors.values())
    regions = tuple(synth.Entry(r.id, r.name, r.kind) for r in archive.regions.values())
    return synth.SynthArchive(actors, regions, briefings)


def bench_size(count: int, work: Path, *, baseline: bool, hugo: bool, runs: int,
               content: Path | None = None) -> Result:
    if content is None:
        print(f"[{count}] generating", file=sys.stderr, flush=True)
        archive = synth.generate(count)
        archive.write(work / "content")
    else:
        shutil.copytree(content, work / "content")
        archive = external_archive(work / "content")
        count = len(archive.briefings)
    material = baseline_docs(work, archive) if baseline else None
    hugo_root = hugo_site(work, archive) if hugo else None
    # Each full build runs several times, ours, Material's and Hugo's in turn, each cold
    # into a folder of its own (removing hundreds of MB just before a run slows this
    # machine's disk for a while); the medians are reported.
    ours: list[Run] = []
    bases: list[Run] = []
    hugos: list[Run] = []
    for run in range(runs):
        print(f"[{count}] full builds, run {run + 1} of {runs}", file=sys.stderr, flush=True)
        folder = work / f"ours{run}"
        folder.mkdir()
        ours.append(build_ours(folder, work / "content", folder / "site"))
        if material is not None:
            bases.append(build_baseline(material, run))
        if hugo_root is not None:
            hugos.append(build_hugo(hugo_root, run))
    print(f"[{count}] no-change and one-edit rebuilds", file=sys.stderr, flush=True)
    sizes, noop, one_edit = bench_ours(folder, archive, work / "content")
    base_sizes = measure_site(material / f"site{runs - 1}", archive,
                              "briefings/{slug}/index.html") if material else None
    result = Result(count, median_run(ours), sizes, noop, one_edit,
                    median_run(bases) if bases else None, base_sizes,
                    median_run(hugos) if hugos else None,
                    tuple(a.seconds / b.seconds for a, b in zip(ours, bases, strict=False)),
                    tuple((a.seconds / h.seconds, a.cpu_seconds / h.cpu_seconds)
                          for a, h in zip(ours, hugos, strict=False)))
    print(f"[{count}] {result}", file=sys.stderr, flush=True)
    return result


def machine() -> str:
    """One line naming the machine, the date and the tool versions."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    hugo = shutil.which("hugo")
    hugo_version = (subprocess.run([hugo, "version"], capture_output=True, text=True)
                    .stdout.split()[1] if hugo else "not installed")
    return (f"{datetime.now(UTC):%Y-%m-%d}, {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; "
            f"Python {platform.python_version()}, MkDocs {metadata.version('mkdocs')}, "
            f"Material {metadata.version('mkdocs-material')}, Hugo {hugo_version}; "
            f"load average at the end {os.getloadavg()[0]:.1f}")


def _ratio(ours: float, other: Run | None) -> str:
    return f"{ours / other.seconds:.2f}x" if other else "-"


def _seconds(run: Run | None) -> str:
    return f"{run.seconds:.1f} ({run.cpu_seconds:.1f})" if run else "-"


def table(results: list[Result]) -> str:
    """The figures as a Markdown table, then the growth per quadrupling."""
    rows = ["| briefings | build s (CPU s) | peak MB, all processes (largest one) | Material s "
            "| vs Material | Hugo s | vs Hugo "
            "| site MB | files | briefing page KB | search B/briefing (Material) "
            "| no-change rebuild s | one-edit rebuild s |",
            "|" + "---:|" * 13]
    for r in results:
        base = r.baseline_sizes
        search = (f"{r.sizes.search_bytes_per_briefing:,.0f}"
                  + (f" ({base.search_bytes_per_briefing:,.0f})" if base else ""))
        rows.append(
            f"| {r.count:,} | {r.ours.seconds:.1f} ({r.ours.cpu_seconds:.1f}) "
            f"| {r.ours.tree_mb:,.0f} ({r.ours.peak_mb:,.0f}) "
            f"| {_seconds(r.baseline)} | {_ratio(r.ours.seconds, r.baseline)} "
            f"| {_seconds(r.hugo)} | {_ratio(r.ours.seconds, r.hugo)} "
            f"| {r.sizes.total_mb:,.1f} | {r.sizes.files:,} | {r.sizes.briefing_page_kb:.1f} "
            f"| {search} | {r.noop.seconds:.1f} | {r.one_edit.seconds:.1f} |")
    per_run = [f"{r.count:,}: " + ", ".join(f"{x:.2f}x" for x in r.ratios)
               for r in results if len(r.ratios) > 1]
    if per_run:
        rows += ["", "Each build is the median of its runs; vs Material run by run: "
                 + "; ".join(per_run) + "."]
    against_hugo = [f"{r.count:,}: " + ", ".join(f"{wall:.2f}x ({cpu:.2f}x)"
                                                  for wall, cpu in r.hugo_ratios)
                    for r in results if r.hugo_ratios]
    if against_hugo:  # issue 25's target: a cold build within 1.5x Hugo's wall time
        rows += ["", "Ours over Hugo's, run by run, wall (CPU); the target is at most "
                 f"{HUGO_TARGET}x wall: " + "; ".join(against_hugo) + "."]
    growth = [f"{a.count:,} -> {b.count:,}: {per_quadrupling(a, b):.2f}x"
              + ("" if b.count == 4 * a.count else
                 f" (x{b.seconds_ratio(a):.2f} for x{b.count / a.count:.2f} briefings)")
              for a, b in pairwise(results) if b.count > a.count]
    if growth:
        rows += ["", "Build time per quadrupling of the archive (wall time; a step that is "
                 "no quadrupling scaled to one, (t2/t1)^(ln 4/ln(n2/n1))): "
                 + "; ".join(growth) + "."]
    return "\n".join(rows)


def per_quadrupling(a: Result, b: Result) -> float:
    """Growth of the build's wall time per quadrupling of the archive, from a to b."""
    return float(b.seconds_ratio(a) ** (math.log(4) / math.log(b.count / a.count)))


def write_report(path: Path, text: str) -> None:
    """Replace the generated block of BENCHMARKS.md, keeping the hand-written notes."""
    old = path.read_text("utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, _, rest = old.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated briefing counts (default: 1000,4000,16000)")
    parser.add_argument("--work", type=Path, help="keep the archives and sites in this folder")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain Material")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
    parser.add_argument("--search", action="store_true",
                        help="time the first search result in Chromium at the largest size")
    parser.add_argument("--editions", action="store_true",
                        help="also measure the offline zip and the ZIM at every size")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md even for "
                        "a subset of sizes")
    parser.add_argument("--content", type=Path, help="bench this content folder (an archive "
                        "from another generator) instead of synthetic ones; prints only")
    parser.add_argument("--runs", type=int, default=3,
                        help="full builds of each kind per size, interleaved (default: 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    sizes = [int(s) for s in args.sizes.split(",")] if args.content is None else [0]
    work = args.work or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    results = []
    for count in sizes:
        folder = work / str(count)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        results.append(bench_size(count, folder, baseline=not args.no_baseline,
                                  hugo=not args.no_hugo, runs=args.runs, content=args.content))
    text = f"Measured {machine()}.\n\n{table(results)}"
    if args.search:
        from searchtime import search_report
        largest = work / str(sizes[-1])
        text += "\n\n" + search_report(largest, largest / f"ours{args.runs - 1}" / "site",
                                       synth.generate(sizes[-1]))
    if args.editions and args.content is None:
        from editionsize import editions_report
        text += "\n\nOffline editions (cold builds):\n\n" + editions_report(sizes, work)
    print(text)
    if args.content is None and (args.write or tuple(sizes) == DEFAULT_SIZES):
        write_report(ROOT / "BENCHMARKS.md", text)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
