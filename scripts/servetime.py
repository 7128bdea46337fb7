"""The editor's loop in `briefings serve`: from saving one briefing to seeing it in the browser.

Writes a synthetic archive (scripts/synth.py), starts `briefings serve` on it, opens the
middle briefing's page in headless Chromium, then saves edits of that briefing's body one
after another. Each is timed from the save (a new file renamed over the old, as editors
save) until the open page shows the new text, having reloaded by itself; the server's own
figure for each rebuild is read from its terminal line. Prints the median and slowest.

    .venv/bin/python scripts/servetime.py [--count 16000] [--edits 7] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import synth
from harness import free_port, launch_chromium, wait_until

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def prepare(work: Path, count: int) -> synth.SynthArchive:
    """The archive in ``work/content`` (written again only if the count differs)."""
    archive = synth.generate(count)
    stamp = work / "count.txt"
    if not stamp.is_file() or stamp.read_text() != str(count):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        archive.write(work / "content")
        stamp.write_text(str(count))
    return archive


def start(work: Path) -> tuple[subprocess.Popen[bytes], Path, str]:
    port = free_port()
    log = work / "serve.log"
    process = subprocess.Popen(
        [str(BIN / "briefings"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--config",
         str(ROOT / "mkdocs.yml")], cwd=work, stdout=log.open("w"), stderr=subprocess.STDOUT)
    wait_for(log, r"serving the preview on", process, 900)
    return process, log, f"http://127.0.0.1:{port}/"


def wait_for(log: Path, pattern: str, process: subprocess.Popen[bytes], timeout: float,
             after: int = 0) -> re.Match[str]:
    def found() -> re.Match[str] | None:
        if process.poll() is not None:
            raise SystemExit(log.read_text())
        return re.compile(pattern).search(log.read_text(), after)
    return wait_until(found, timeout, f"{pattern!r} in the server's log", interval=0.05)


def time_edits(page: Any, path: Path, log: Path, process: subprocess.Popen[bytes],
               edits: int) -> list[tuple[float, float]]:
    """(seconds from save to the page showing it, the server's rebuild seconds) per edit."""
    original = path.read_text("utf-8")
    found = []
    for number in range(edits):
        marker = f"Serve edit marker {number}."
        after = len(log.read_text())
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(original + f"\n{marker}\n", "utf-8")
        saved = time.perf_counter()
        os.replace(temporary, path)
        while marker not in (page.text_content("article") or ""):
            time.sleep(0.01)
        shown = time.perf_counter() - saved
        server = wait_for(log, r"rebuilt in (\d+\.\d+) s", process, 60, after)
        found.append((shown, float(server.group(1))))
        time.sleep(1.5)  # let the reloaded page settle before the next save
    path.write_text(original, "utf-8")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=16000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefings-servetime"))
    args = parser.parse_args()
    archive = prepare(args.work, args.count)
    briefing = archive.briefings[len(archive.briefings) // 2]
    process, log, url = start(args.work)
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(f"{url}briefings/{briefing.slug}/")
            runs = time_edits(page, args.work / "content" / "briefings" / briefing.path, log,
                              process, args.edits)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=60)
    shown = [s for s, _ in runs]
    rebuilt = [r for _, r in runs]
    print(f"{args.count:,} briefings, {args.edits} body edits: save -> page shows it "
          f"median {statistics.median(shown):.2f} s (slowest {max(shown):.2f} s); the "
          f"server's rebuild median {statistics.median(rebuilt):.2f} s "
          f"(slowest {max(rebuilt):.2f} s); load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
