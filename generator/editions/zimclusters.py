"""The ZIM's clusters compressed here, on every core, instead of inside libzim's writer.

libzim compresses each cluster with zstd at level 19, fixed in its source, on as many
threads as it has workers; but a ZIM written by more than one worker is not reproducible
(its full-text index numbers pages in the order the threads finish them), so with one
worker five sixths of a ZIM's time went into one core's zstd. Instead, libzim writes the
file with compression off (``config_compression("none")``, still one worker, so its bytes
and its index are as reproducible as before), and :func:`compress_clusters` then rewrites
it: every cluster libzim would have compressed is compressed with zstd at :data:`LEVEL`,
the clusters side by side on :data:`THREADS` threads (zstd releases Python's lock while it
works), each cluster on its own, so the bytes never depend on which thread finished first.

A cluster is one byte of "info" (its compression in the low four bits: 1 none, 5 zstd;
0x10 for 8-byte offsets), then its offsets and blobs; compressed, the same byte with 5,
then one zstd frame of the rest (the openZIM format). The new file keeps everything in
the same order: the header, the MIME list and what comes before the first cluster as they
are, the clusters in their order, then the rest (directory entries, pointer lists) shifted
by what compression saved. Every position the header and the pointer lists hold is moved
with it; the MD5 at the end is written by the caller (zim._fix_uuid) after the UUIDs.

Which clusters: those libzim fills with the entries it is told to compress
(``Hint.COMPRESS``), found from the entries' MIME types (:func:`compressible`); never one
holding what libzim reads in place. See README, "Kiwix".
"""

from __future__ import annotations

import functools
import mmap
import os
import struct
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import zstandard

__all__ = ["LEVEL", "THREADS", "compress_clusters", "compressible"]

# zstd's level. libzim's is 19; measured on the Kiwix edition of 1,000 synthetic briefings
# (BENCHMARKS.md, "Publishing"), 19 took 31.7 s of CPU for 4.23 MB, 11 took 0.8 s for 4.71
# MB (+11%): past 12 each level costs several times more for a few percent.
LEVEL = 11
THREADS = max(1, min(os.cpu_count() or 1, 4))
HEADER = struct.Struct("<IHH16sIIQQQQIIQ")  # the 80-byte ZIM header
NO_COMPRESSION, ZSTD = 1, 5
EXTENDED = 0x10
NOWHERE = (1 << 64) - 1  # a header position that is not there (no old-style title list)
CHUNK = 1 << 20  # bytes copied at a time between the clusters


class ZimLayout(NamedTuple):
    """Where the parts of a ZIM file are, from its header."""

    entries: int
    clusters: int
    path_pointers: int
    title_pointers: int
    cluster_pointers: int
    mime_list: int
    checksum: int


def compressible(mime: str) -> bool:
    """Whether an entry of this MIME type goes into a compressed cluster: text, scripts,
    data and SVG; not pictures or fonts (compressed already), nor libzim's own binary
    entries, its Xapian indexes and title listing (``application/octet-stream+xapian``,
    ``+zimlisting``), which it reads in place and so only from an uncompressed cluster."""
    if mime.startswith("application/octet-stream"):
        return False
    return mime.startswith(("text/", "application/", "image/svg"))


def compress_clusters(source: Path, target: Path, *, level: int = LEVEL,
                      threads: int = THREADS,
                      to_compress: Callable[[str], bool] = compressible) -> None:
    """Write ``source`` (a ZIM written with no compression) to ``target`` with the clusters
    of compressible entries compressed with zstd at ``level`` (see the module's text)."""
    with open(source, "rb") as stream, mmap.mmap(stream.fileno(), 0,
                                                 access=mmap.ACCESS_READ) as data:
        fields = list(HEADER.unpack_from(data, 0))
        layout = ZimLayout(fields[4], fields[5], fields[6], fields[7], fields[8], fields[9],
                           fields[12])
        starts = _u64s(data, layout.cluster_pointers, layout.clusters)
        ends = [_cluster_end(data, start) for start in starts]
        if any(end != following for end, following in zip(ends, starts[1:], strict=False)):
            raise ValueError("the ZIM's clusters are not one after the other")
        first, last = (starts[0], ends[-1]) if starts else (layout.mime_list, layout.mime_list)
        packed = _clusters_to_compress(data, layout, to_compress)
        with open(target, "wb") as out, ThreadPoolExecutor(threads) as pool:
            _copy(data, 0, first, out)
            new_starts = []
            for cluster in _in_order(pool, threads, (
                    functools.partial(_pack, data, start, end, number in packed, level)
                    for number, (start, end) in enumerate(zip(starts, ends, strict=True)))):
                new_starts.append(out.tell())
                out.write(cluster)
            shift = out.tell() - last
            rest_at = out.tell()
            _copy(data, last, len(data), out)
            moved = _mover(first, last, shift)
            fields[6:10] = [moved(value) for value in fields[6:10]]
            fields[12] = moved(fields[12])
            out.seek(0)
            out.write(HEADER.pack(*fields))
            pointers = [moved(p) for p in _u64s(data, layout.path_pointers, layout.entries)]
            out.seek(moved(layout.path_pointers))
            out.write(struct.pack(f"<{len(pointers)}Q", *pointers))
            out.seek(moved(layout.cluster_pointers))
            out.write(struct.pack(f"<{len(new_starts)}Q", *new_starts))
            if moved(layout.checksum) < rest_at:
                raise ValueError("the ZIM's checksum lies before its clusters' end")


def _in_order(pool: ThreadPoolExecutor, threads: int,
              jobs: Iterable[Callable[[], bytes]]) -> Iterator[bytes]:
    """The jobs' results in the jobs' order, at most two per thread under way at a time
    (a cluster is up to 8 MiB: the whole file is never in memory)."""
    running: deque[Future[bytes]] = deque()
    for job in jobs:
        running.append(pool.submit(job))
        if len(running) >= 2 * threads:
            yield running.popleft().result()
    while running:
        yield running.popleft().result()


def _pack(data: mmap.mmap, start: int, end: int, compress: bool, level: int) -> bytes:
    """One cluster as it goes into the new file: as it was, or its blobs compressed."""
    info = data[start]
    if not compress or info & 0x0F not in (0, NO_COMPRESSION):
        return data[start:end]
    return bytes([(info & EXTENDED) | ZSTD]) + zstandard.ZstdCompressor(level=level).compress(
        data[start + 1:end])


def _cluster_end(data: mmap.mmap, start: int) -> int:
    """Where an uncompressed cluster ends: after its last offset's blob."""
    info = data[start]
    if info & 0x0F not in (0, NO_COMPRESSION):
        raise ValueError(f"the cluster at byte {start} is already compressed")
    size = 8 if info & EXTENDED else 4
    offsets = int.from_bytes(data[start + 1:start + 1 + size], "little")
    last = int.from_bytes(data[start + 1 + offsets - size:start + 1 + offsets], "little")
    return start + 1 + last


def _clusters_to_compress(data: mmap.mmap, layout: ZimLayout,
                          to_compress: Callable[[str], bool]) -> set[int]:
    """The numbers of the clusters whose entries are all of compressible types."""
    mimes = _mime_list(data, layout.mime_list)
    verdict: dict[int, bool] = {}
    for pointer in _u64s(data, layout.path_pointers, layout.entries):
        mime = int.from_bytes(data[pointer:pointer + 2], "little")
        if mime >= len(mimes):  # a redirect (0xffff) or a deleted entry: no blob
            continue
        cluster = int.from_bytes(data[pointer + 8:pointer + 12], "little")
        verdict[cluster] = verdict.get(cluster, True) and to_compress(mimes[mime])
    return {number for number, compress in verdict.items() if compress}


def _mime_list(data: mmap.mmap, at: int) -> list[str]:
    names = []
    while data[at] != 0:
        end = data.find(b"\0", at)
        names.append(data[at:end].decode("utf-8"))
        at = end + 1
    return names


def _u64s(data: mmap.mmap, at: int, count: int) -> list[int]:
    return list(struct.unpack_from(f"<{count}Q", data, at))


def _mover(first: int, last: int, shift: int) -> Callable[[int], int]:
    """A position in the old file as one in the new: before the clusters (or NOWHERE), the
    same; after them, moved by ``shift``. None may point inside them (the cluster list is
    rewritten)."""
    def moved(position: int) -> int:
        if position < first or position == NOWHERE:
            return position
        if position >= last:
            return position + shift
        raise ValueError(f"a position in the ZIM's header points into its clusters ({position})")
    return moved


def _copy(data: mmap.mmap, start: int, end: int, out: object) -> None:
    write = out.write  # type: ignore[attr-defined]
    for at in range(start, end, CHUNK):
        write(data[at:min(end, at + CHUNK)])


def iter_clusters(path: Path) -> Iterator[tuple[int, int]]:
    """Each cluster's (position, info byte) in a ZIM: for tests and benchmarks."""
    with open(path, "rb") as stream, mmap.mmap(stream.fileno(), 0,
                                               access=mmap.ACCESS_READ) as data:
        fields = HEADER.unpack_from(data, 0)
        for start in _u64s(data, fields[8], fields[5]):
            yield start, data[start]
