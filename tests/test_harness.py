"""scripts/harness.py, the plumbing the tests and the scripts share, on real sockets."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

import pytest
from harness import free_port, serve_folder, wait_until


def test_a_free_port_can_be_listened_on() -> None:
    port = free_port()
    with socket.socket() as server:
        server.bind(("127.0.0.1", port))
        server.listen()
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass


def test_a_served_folder_answers_until_stopped(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>Łódź</p>", encoding="utf-8")
    url, stop = serve_folder(tmp_path)
    with urllib.request.urlopen(url + "page.html", timeout=5) as reply:
        assert reply.read().decode("utf-8") == "<p>Łódź</p>"
    stop()
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "page.html", timeout=5)


def test_wait_until_returns_the_first_value_and_says_what_never_came() -> None:
    calls: list[int] = []

    def third() -> int | None:
        calls.append(1)
        return len(calls) if len(calls) == 3 else None
    assert wait_until(third, 5, "the third call", interval=0.01) == 3
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"the sky falling: not within 0\.2 s"):
        wait_until(lambda: False, 0.2, "the sky falling", interval=0.01)
    assert time.monotonic() - started < 2
