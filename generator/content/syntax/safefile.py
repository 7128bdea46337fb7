"""The one way any part of the tool reads a file it did not write: never through a symbolic
link, never from anything but a regular file (a FIFO would block for ever, a device such as
/dev/zero never ends), never more than a limit. The loader, the finding of content files,
`new` and `ingest` (slugs in use, the saved page) and the editions (sniffing an existing
output) all read through here, so each refuses what the others refuse.

The file is opened once, without following a link and without blocking (``O_NOFOLLOW``,
``O_NONBLOCK``), and checked on the open descriptor (``fstat``), so a file swapped for a link
or a pipe between a check and the read is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["Refused", "open_regular", "read_head", "read_limited", "regular_file"]

_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))

LINK = ("symbolic links are not allowed in content", "replace the link with the file itself")
NOT_REGULAR = ("not a regular file", "replace it with a plain text file")


class Refused(Exception):
    """A file that is not read: a link, not a regular file, too large, or unreadable."""

    def __init__(self, message: str, hint: str | None = None, *, size: int | None = None
                 ) -> None:
        super().__init__(message)
        self.message, self.hint, self.size = message, hint, size


def regular_file(path: Path | str) -> bool:
    """Whether ``path`` itself (not a link's target) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_limited(path: Path | str, limit: int) -> bytes:
    """The whole file, at most ``limit`` bytes; Refused if it is longer (``size`` set)."""
    data = _read(path, limit + 1)  # never more, even if the file grows meanwhile
    if len(data) > limit:
        try:
            size = max(os.lstat(path).st_size, len(data))
        except OSError:
            size = len(data)
        raise Refused(f"the file is {size:,} bytes; at most {limit:,} are allowed",
                      "split or shorten it", size=size)
    return data


def read_head(path: Path | str, size: int) -> bytes:
    """The first ``size`` bytes of the file (fewer if it is shorter)."""
    return _read(path, size)


def open_regular(path: Path | str) -> BinaryIO:
    """The file opened for reading in binary; Refused if it is a link or not a regular file."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            raise Refused(*LINK)
        descriptor = os.open(path, _FLAGS)
    except Refused:
        raise
    except OSError as error:
        if getattr(os, "O_NOFOLLOW", 0) and error.errno == errno.ELOOP:  # became a link
            raise Refused(*LINK) from None
        raise Refused(f"cannot read the file: {error.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Refused(*NOT_REGULAR)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _read(path: Path | str, size: int) -> bytes:
    with open_regular(path) as handle:
        try:
            return handle.read(size)
        except OSError as error:
            raise Refused(f"cannot read the file: {error.strerror}") from None
