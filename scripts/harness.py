"""What the tests and the scripts share to run things on this machine: a free loopback port,
waiting for a condition, headless Chromium as they all launch it, a folder served over HTTP,
and the test for "Material shows the results of the whole query".

A script imports it as ``harness`` (``python scripts/x.py`` puts scripts/ first on the path);
so do the tests (pytest's ``pythonpath`` in pyproject.toml names scripts/).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Debian's Chromium, driven by Playwright (Playwright's own browser download does not work
# here); the flags keep a headless run quiet and off the network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Material puts the terms a result matched into its link's ?h= (feature search.highlight), so
# the best result of the whole query names them all. (Once the index is ready Material asks
# again at every key, so a half-typed query's results can show first.) A page function for
# Playwright's wait_for_function, with the query (lower case) as its argument.
WHOLE_QUERY_SHOWN = """query => {
  const link = document.querySelector(".md-search-result__link");
  return link !== null && new URL(link.href).searchParams.get("h") === query;
}"""


def launch_chromium(playwright: Any) -> Any:
    """Headless Debian Chromium from a started ``sync_playwright()``; the caller closes it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    """A loopback TCP port nothing listens on now (for a server started by its port number)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check: Callable[[], T | None], timeout: float, what: str,
               interval: float = 0.1) -> T:
    """Call ``check`` until it returns something other than None or False; return that.

    ``check`` may raise to give up early (a server that died); after ``timeout`` seconds
    an AssertionError says what was waited for.
    """
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found is not None and found is not False:
            return found
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(interval)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler,
                 ) -> tuple[str, Callable[[], None]]:
    """Serve ``folder`` on a free loopback port: its base URL and a function that stops it."""
    bound = functools.partial(handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
    return f"http://127.0.0.1:{server.server_address[1]}/", stop


@contextlib.contextmanager
def serve_zim(zim: Path, kiwix_serve: str = "kiwix-serve") -> Iterator[tuple[str, str]]:
    """``zim`` served by kiwix-serve on a free loopback port, until the block ends:
    (server URL, URL of the book's folder). kiwix-serve 3.3 (Debian bookworm) serves a book
    under ``/<file stem>/``, later versions under ``/content/<file stem>/``."""
    port = free_port()
    server = subprocess.Popen([kiwix_serve, "--address=127.0.0.1", f"--port={port}", str(zim)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        yield base, wait_until(lambda: _book_folder(base, zim.stem), 15,
                               "kiwix-serve serving the ZIM's main page", interval=0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _book_folder(base: str, stem: str) -> str | None:
    for folder in (f"{base}/content/{stem}/", f"{base}/{stem}/"):
        try:
            with urllib.request.urlopen(folder + "index.html", timeout=5):
                return folder
        except OSError:
            pass  # not listening yet, or not this layout
    return None
