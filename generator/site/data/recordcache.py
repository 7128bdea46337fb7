"""Each briefing's piece of the files that list the whole archive, kept between builds.

``briefings.json``, ``briefings.csv`` and the search index hold one line, row and entry per
briefing. Making them all took a second at 16,000 briefings, which every rebuild after an
edit that shows beyond its own page would spend again. A piece depends only on what other
pages show of its briefing (its outward digest, see increment) and on what the state key
covers (registries, site settings, generator code), so rebuilds keep the pieces under
their outward digests, with the key, and later rebuilds of the same key reuse them: only
new or edited briefings are made again. The file is written by the first rebuild that
needs it, and again once more than a twentieth of the pieces had to be made (not by full
builds: a build from a fresh clone would only pay for writing it). It is the build's own,
beside the tree; a missing, broken or foreign one only means the pieces are made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.content.syntax.sealed import read_sealed, write_sealed
from generator.site.data import exports
from generator.site.data.searchindex import briefing_entry, search_index
from generator.site.index import Index
from generator.site.outputs import DataFile, Site

Piece = tuple[str, str, str]  # the line of briefings.json, the row of the CSV, the search entry


def archive_files(index: Index, site: Site, key: str, outward: dict[str, bytes],
                  kept: Path | None = None) -> Iterator[DataFile]:
    """``briefings.json``, ``briefings.csv`` and the search index, reusing the pieces kept
    at ``kept`` for ``key`` (and keeping them there when many had to be made).

    One file after another, each made when the one before has been taken and its pieces
    let go: at 100,000 briefings each file, with the pieces it is made of, is a hundred MB
    or more (the three held together were most of the exporting process's memory).
    """
    reuse = load(kept, key) if kept is not None else {}
    lines, rows, entries = [], [], []
    made = 0
    for briefing in index.archive.briefings:
        piece = reuse.get(outward[briefing.slug])
        if piece is None:
            piece = (*exports.briefing_rows(briefing, site, index.archive.source_states),
                     briefing_entry(briefing, index, site))
            made += 1
        lines.append(piece[0])
        rows.append(piece[1])
        entries.append(piece[2])
    del reuse
    if kept is not None and made > len(lines) // 20:
        save(kept, key, {outward[b.slug]: piece for b, piece in zip(
            index.archive.briefings, zip(lines, rows, entries, strict=True), strict=True)})
    for make, parts in ((exports.json_file, lines), (exports.csv_file, rows)):
        file = make(parts)
        parts.clear()
        yield file
        del file
    yield from search_index(index, site, _taken(entries))


def _taken(parts: list[str]) -> Iterator[str]:
    """Each of ``parts`` in order, let go of as it is taken."""
    parts.reverse()
    while parts:
        yield parts.pop()


def load(path: Path, key: str) -> dict[bytes, Piece]:
    """The pieces kept at ``path`` for ``key``, or none (never from a file this machine did
    not seal: content.syntax.sealed)."""
    found = read_sealed(path)
    if found is None or len(found) != 2 or found[0] != key or not isinstance(found[1], dict):
        return {}
    pieces: dict[bytes, Piece] = found[1]
    return pieces


def save(path: Path, key: str, pieces: dict[bytes, Piece]) -> None:
    """Keep ``pieces`` for ``key`` at ``path`` (atomically: builds may run side by side)."""
    write_sealed(path, [key, pieces])
