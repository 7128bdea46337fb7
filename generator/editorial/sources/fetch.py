"""Asking a web server about one address, politely: HEAD first, GET where HEAD is refused
or where the page itself must be read; redirects followed to a limit; time-outs on every
request and on the whole answer; at least ``pace`` seconds between two requests to one host.

Python's own ``http.client`` does the HTTP, not httpx or requests: the checker needs every
hop of a redirect chain as it comes (loops, a deep link sent to the home page), a HEAD
whose refusal it can see, a cap on the bytes and the seconds one answer may take, and the
Host header apart from the address it connects to (so the tests' fake server on 127.0.0.1
can play many outlets, through :class:`LoopbackConnector`, with no change to this code).
Each of those is a few lines here and a setting to find and fight in a client that follows
redirects for you; and it adds no package to the lock.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

SHORTEST = 1.0  # seconds: a request is not started with less time than this left
MAX_BYTES = 1 << 20  # of a page's body that is read (title and main text lie well within)
# Answers to HEAD after which a GET is tried: the server refuses or mishandles HEAD.
HEAD_REFUSED = frozenset({400, 403, 405, 406, 500, 501, 502, 503})
_NO_GET = ("no such host", "name lookup failed", "redirect loop", "too many redirects",
           "time-out", "refused")


class OutOfTime(Exception):
    """The run's budget ends before this request could finish: it is not made."""


@dataclass(frozen=True)
class Hop:
    """One answer of a chain: the address asked, the status, where it sends."""

    url: str
    status: int
    location: str = ""


@dataclass(frozen=True)
class Answer:
    """What asking about one address gave."""

    url: str
    hops: tuple[Hop, ...] = ()
    error: str = ""  # 'no such host', 'time-out', 'refused', 'redirect loop', ...
    body: str = ""  # the page's text (GET of an HTML or text page only)
    retry_after: str = ""
    methods: tuple[str, ...] = ()  # the methods used, in order

    @property
    def status(self) -> int:
        return self.hops[-1].status if self.hops else 0

    @property
    def final(self) -> str:
        return self.hops[-1].url if self.hops else self.url


class Connector:
    """Opens connections to the host a URL names (the real internet)."""

    def open(self, scheme: str, host: str, port: int | None, timeout: float
             ) -> http.client.HTTPConnection:
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout,
                                               context=ssl.create_default_context())
        return http.client.HTTPConnection(host, port, timeout=timeout)


class LoopbackConnector(Connector):
    """Every known host is served, over plain HTTP, by one server on 127.0.0.1 (which
    tells outlets apart by the Host header); any other host does not exist."""

    def __init__(self, port: int, hosts: Callable[[str], bool] = lambda host: True) -> None:
        self.port = port
        self.hosts = hosts

    def open(self, scheme: str, host: str, port: int | None, timeout: float
             ) -> http.client.HTTPConnection:
        if not self.hosts(host):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)


@dataclass
class Pacer:
    """At least ``interval`` seconds between the end of one request to a host and the start
    of the next (so the host sees them at least that far apart, whatever the network's
    delays); a host that asked us to wait (429 with Retry-After) is left alone that long."""

    interval: float
    clock: Callable[[], float] = time.monotonic
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ready_at(self, host: str) -> float:
        with self._lock:
            return self._next.get(host, 0.0)

    def turn(self, host: str, deadline: float) -> float:
        """Wait for ``host``'s next slot and take it; its time, or :class:`OutOfTime` if
        less than SHORTEST seconds would be left before ``deadline``."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(host, 0.0))
            if start + SHORTEST > deadline:
                raise OutOfTime(host)
            self._next[host] = start + self.interval
        if start > now:
            time.sleep(start - now)
        return start

    def done(self, host: str) -> None:
        """A request to ``host`` has ended: its next may start ``interval`` from now."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self.clock() + self.interval)

    def hold(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)


@dataclass
class Client:
    """Requests with a time-out, a redirect limit, the pace and an honest User-Agent."""

    user_agent: str
    pacer: Pacer
    timeout: float = 10.0
    redirects: int = 5
    deadline: float = float("inf")  # on the pacer's clock: no request ends after it
    connector: Connector = field(default_factory=Connector)

    def check(self, url: str) -> Answer:
        """HEAD; GET where HEAD is refused, and GET of a page that answered (its title and
        text show soft-404s and drift); a dead, blocked, looping or silent address gets
        no GET (a server that let HEAD time out would keep a GET waiting as long)."""
        head = self.request("HEAD", url)
        if head.error in _NO_GET or (
                head.hops and head.status not in HEAD_REFUSED and not 200 <= head.status < 300):
            return head
        start = head.final if head.hops and 200 <= head.status < 300 else url
        get = self.request("GET", start)
        hops = head.hops + get.hops if start != url else get.hops
        return Answer(url, hops, get.error, get.body, get.retry_after, ("HEAD", "GET"))

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        """One request and its redirects (a POST's redirect is not followed)."""
        hops: list[Hop] = []
        seen = {url}
        current = url
        while True:
            try:
                hop, text, retry = self._one(method, current, body, headers or {})
            except OutOfTime:
                raise
            except socket.gaierror as error:  # a name that does not exist, or a DNS failure
                gone = error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
                return Answer(url, tuple(hops), "no such host" if gone else "name lookup failed",
                              methods=(method,))
            except TimeoutError:
                return Answer(url, tuple(hops), "time-out", methods=(method,))
            except ConnectionRefusedError:
                return Answer(url, tuple(hops), "refused", methods=(method,))
            except (OSError, http.client.HTTPException, ValueError) as error:
                return Answer(url, tuple(hops), f"bad answer ({type(error).__name__})",
                              methods=(method,))
            hops.append(hop)
            if not (300 <= hop.status < 400 and hop.location) or method == "POST":
                return Answer(url, tuple(hops), body=text, retry_after=retry,
                              methods=(method,))
            current = hop.location
            if current in seen:
                return Answer(url, tuple(hops), "redirect loop", methods=(method,))
            if len(hops) > self.redirects:
                return Answer(url, tuple(hops), "too many redirects", methods=(method,))
            seen.add(current)

    def _one(self, method: str, url: str, body: bytes | None, headers: dict[str, str]
             ) -> tuple[Hop, str, str]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme not in ("http", "https") or not host:
            raise ValueError(f"not a web address: {url}")
        start = self.pacer.turn(host, self.deadline)
        allowed = min(self.timeout, self.deadline - start)  # near the budget's end: less
        try:
            return self._exchange(method, url, body, headers, parts, allowed)
        except TimeoutError:
            if allowed < self.timeout:  # cut short by the budget: no verdict, next run
                raise OutOfTime(host) from None
            raise
        finally:
            self.pacer.done(host)

    def _exchange(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                  parts: SplitResult, allowed: float) -> tuple[Hop, str, str]:
        host = parts.hostname or ""
        ends = time.monotonic() + allowed
        connection = self.connector.open(parts.scheme, host, parts.port, allowed)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", parts.netloc.rpartition("@")[2])
            connection.putheader("User-Agent", self.user_agent)
            connection.putheader("Accept", headers.get("Accept", "text/html,*/*;q=0.5"))
            for name, value in headers.items():
                if name != "Accept":
                    connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            location = response.getheader("Location") or ""
            retry = response.getheader("Retry-After") or ""
            text = ""
            if method != "HEAD" and _is_text(response.getheader("Content-Type") or ""):
                text = _read(response, ends, _charset(response.getheader("Content-Type") or ""))
            return (Hop(url, response.status, urljoin(url, location) if location else ""),
                    text, retry)
        finally:
            connection.close()

    def turn_down(self, host: str, retry_after: str) -> None:
        """Leave a host alone as long as its Retry-After asks (seconds; at most an hour)."""
        if retry_after.strip().isdigit():
            self.pacer.hold(host, min(int(retry_after), 3600))


def _is_text(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("", "text/html", "application/xhtml+xml", "text/plain", "application/json")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"').lower()
    return "utf-8"


def _read(response: http.client.HTTPResponse, ends: float, charset: str) -> str:
    """At most MAX_BYTES of the body, within the request's time-out (a server that drips
    its answer byte by byte is cut off)."""
    data = bytearray()
    while len(data) < MAX_BYTES:
        if time.monotonic() > ends:
            raise TimeoutError("the answer took longer than the time-out")
        chunk = response.read1(65536)
        if not chunk:
            break
        data += chunk
    try:
        return bytes(data).decode(charset, "replace")
    except LookupError:
        return bytes(data).decode("utf-8", "replace")
