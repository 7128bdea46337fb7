"""The build's caches as sealed files: pickles that are read only if this machine wrote them.

A pickle runs code when it is read, and the build folder is only ignored by git, not
guarded: a pull request could force-add ``.build/briefings.cache``. So every cache file
starts with a mark and an HMAC-SHA256 of its body under a key that never leaves this machine
(a random 32-byte file in the user's cache folder, ``$XDG_CACHE_HOME/briefing-archive/``,
else ``~/.cache/briefing-archive/``, readable by its owner only). A file whose seal does not
verify (another machine's, a committed one, a truncated one) is a cache miss and is never
unpickled; the body is read through the safe reader (no links, no FIFOs, a size limit).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import Any

from generator.content.syntax import safefile

__all__ = ["MARK", "MAX_BYTES", "key_file", "read_sealed", "write_sealed"]

MARK = b"briefings-sealed-cache-1\n"
MAX_BYTES = 2 << 30  # a cache larger than this is not read
_DIGEST = 32


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefing-archive" / "cache.key"


def _key(create: bool) -> bytes | None:
    path = key_file()
    try:
        key = safefile.read_limited(path, 64)
        if len(key) == 32:
            return key
    except safefile.Refused:
        pass
    if not create:
        return None
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
    except FileExistsError:  # another build made it meanwhile: use that one
        return _key(create=False)
    except OSError:
        return None  # nowhere to keep a key: nothing is cached
    return key


def read_sealed(path: Path) -> list[Any] | None:
    """The objects written by :func:`write_sealed` on this machine, or None."""
    key = _key(create=False)
    if key is None:
        return None
    try:
        data = safefile.read_limited(path, MAX_BYTES)
    except safefile.Refused:
        return None
    view = memoryview(data)  # no copies: a large archive's cache runs to many MB
    body, seal = view[len(MARK) + _DIGEST:], bytes(view[len(MARK):len(MARK) + _DIGEST])
    expected = hmac.new(key, body, hashlib.sha256).digest()
    if not data.startswith(MARK) or not hmac.compare_digest(seal, expected):
        return None
    try:
        found = pickle.loads(body)  # sealed by this machine's key above
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            ImportError, KeyError, IndexError):
        return None
    return found if isinstance(found, list) else None


def write_sealed(path: Path, objects: list[Any]) -> None:
    """Keep ``objects`` at ``path``, sealed, atomically (builds may run side by side)."""
    key = _key(create=True)
    if key is None:
        return
    body = pickle.dumps(objects, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.name, suffix=".tmp",
                                     delete=False) as handle:
        handle.write(MARK + hmac.new(key, body, hashlib.sha256).digest() + body)
    os.replace(handle.name, path)
