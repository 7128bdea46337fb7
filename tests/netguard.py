"""No test touches the internet: every Python socket connection and name lookup of a test
goes through this guard, which lets loopback through and records anything else (refused
with an error the code under test sees, and failed at the test's end even if that code
swallowed the error). ``tests/conftest.py`` applies it to every test."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})


class InternetRefused(RuntimeError):
    """A test tried to reach beyond 127.0.0.1."""


def is_loopback(host: object) -> bool:
    """127.0.0.0/8, ::1, 'localhost', or no host / an unspecified one (binding locally)."""
    if host is None:
        return True
    if not isinstance(host, str):
        return False
    if host in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


class Guard:
    def __init__(self) -> None:
        self.violations: list[str] = []

    def refuse(self, what: str) -> None:
        self.violations.append(what)
        raise InternetRefused(f"tests may not reach beyond loopback: {what}")


@contextmanager
def guarded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Guard]:
    guard = Guard()
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo = socket.getaddrinfo

    def checked(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            guard.refuse(f"connect to {address!r}")

    def guarded_connect(sock: socket.socket, address: Any) -> None:
        checked(sock, address)
        connect(sock, address)

    def guarded_connect_ex(sock: socket.socket, address: Any) -> int:
        checked(sock, address)
        return connect_ex(sock, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if not is_loopback(name):
            guard.refuse(f"name lookup of {name!r}")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield guard
