"""A fake web on 127.0.0.1 for `briefings sources`: one threaded HTTP server that plays
many outlets, told apart by the Host header, and the Wayback Machine's availability and
Save Page Now endpoints. It logs every request (time, host, method, path, User-Agent), so
tests and the benchmark can check the pace from the server's side.

A route is a :class:`Route`: what HEAD and GET answer (status, headers, body), an optional
delay before answering or between body bytes. ``FakeWeb.routes`` may be changed between
runs (a page that drifts). Used by ``tests/editorial/test_sources.py`` and
``scripts/sources_bench.py``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Route:
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    head_status: int | None = None  # what HEAD answers, if not ``status``
    delay: float = 0.0  # before the status line
    drip: float = 0.0  # between body bytes
    content_type: str = "text/html; charset=utf-8"
    garbage: bool = False  # answer something that is not HTTP


def article(title: str, text: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<header><nav>Home World Politics Sport</nav></header>"
            f"<main><article><h1>{title}</h1><p>{text}</p></article></main>"
            f"<footer>Copyright the outlet</footer></body></html>")


def page(status: int = 200, **kwargs: object) -> Route:
    return Route(status, **kwargs)  # type: ignore[arg-type]


def redirect(location: str, status: int = 301) -> Route:
    return Route(status, "", {"Location": location})


@dataclass
class Logged:
    at: float
    host: str
    method: str
    path: str
    agent: str
    body: str = ""
    authorization: str = ""


class FakeWeb:
    """``routes`` maps 'host/path' (path with query for exact matches) to a Route;
    ``snapshots`` maps a source URL to the Wayback copy the availability API reports;
    ``save_jobs`` counts Save Page Now requests."""

    WAYBACK = "archive.org"
    SAVE = "web.archive.org"

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.fallback: dict[str, Route] = {}  # host -> what any other path of it answers
        self.snapshots: dict[str, tuple[str, str]] = {}
        self.log: list[Logged] = []
        self.saved: list[str] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def availability(self) -> str:
        return f"http://{self.WAYBACK}/wayback/available"

    @property
    def save_endpoint(self) -> str:
        return f"http://{self.SAVE}/save"

    def knows(self, host: str) -> bool:
        """Whether ``host`` exists on this web (any other has no DNS entry)."""
        return host in (self.WAYBACK, self.SAVE) or host in self.fallback or any(
            key.split("/", 1)[0] == host for key in self.routes)

    def __enter__(self) -> FakeWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, host: str) -> list[Logged]:
        return [entry for entry in self.log if entry.host == host]

    def _answer_wayback(self, query: str) -> tuple[int, str]:
        asked = parse_qs(query)
        url = asked.get("url", [""])[0]
        if url in self.snapshots:
            address, stamp = self.snapshots[url]
            return 200, json.dumps({"url": url, "archived_snapshots": {"closest": {
                "status": "200", "available": True, "url": address, "timestamp": stamp}}})
        return 200, json.dumps({"url": url, "archived_snapshots": {}})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._serve("HEAD")

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def _serve(self, method: str) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                body = ""
                if method == "POST":
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                with web._lock:
                    web.log.append(Logged(time.monotonic(), host, method, self.path,
                                          self.headers.get("User-Agent") or "", body,
                                          self.headers.get("Authorization") or ""))
                parts = urlsplit(self.path)
                if host in (web.WAYBACK, "127.0.0.1") and parts.path == "/wayback/available":
                    self._send(method, *web._answer_wayback(parts.query), "application/json")
                    return
                if host == web.SAVE and parts.path == "/save" and method == "POST":
                    if not self.headers.get("Authorization", "").startswith("LOW "):
                        self._send(method, 401, '{"message": "no keys"}', "application/json")
                        return
                    url = parse_qs(body).get("url", [""])[0]
                    web.saved.append(url)
                    job = f"spn2-{len(web.saved):04d}"
                    self._send(method, 200, json.dumps({"url": url, "job_id": job}),
                               "application/json")
                    return
                route = web.routes.get(f"{host}{self.path}") or web.routes.get(
                    f"{host}{parts.path}") or web.fallback.get(host)
                if route is None:
                    self._send(method, 404, article("Not found", "No such page."))
                    return
                self._route(method, route)

            def _route(self, method: str, route: Route) -> None:
                if route.delay:
                    time.sleep(route.delay)
                if route.garbage:
                    self.wfile.write(b"this is not HTTP at all\r\n\r\n")
                    return
                status = route.head_status if method == "HEAD" and route.head_status \
                    else route.status
                self._send(method, status, route.body, route.content_type, route.headers,
                           route.drip)

            def _send(self, method: str, status: int, body: str, kind: str = "text/html",
                      headers: dict[str, str] | None = None, drip: float = 0.0) -> None:
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    if method == "HEAD":
                        return
                    if drip:
                        for byte in data:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(drip)
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


