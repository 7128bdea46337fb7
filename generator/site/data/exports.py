"""Machine-readable exports: briefings.json and briefings.csv (the sitemap: sitemaps.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from generator.content.model import Briefing
from generator.content.sourcestate import SourceRecord
from generator.site import urls
from generator.site.outputs import DataFile, Site

CSV_COLUMNS = ("slug", "url", "title", "date", "regions", "actors", "tags", "source_names",
               "source_urls", "summary", "updated", "corrections", "source_statuses",
               "source_archives")
States = Mapping[str, SourceRecord]


def briefing_record(briefing: Briefing, site: Site, states: States | None = None
                    ) -> dict[str, Any]:
    """One briefing as the exports describe it (ids for actors and regions); a source
    the sources' check has seen carries its status (see :func:`link_fields`)."""
    states = states or {}
    return {
        "slug": briefing.slug,
        "url": site.absolute(urls.briefing(briefing.slug)),
        "title": briefing.title,
        "date": briefing.date.isoformat(),
        "regions": list(briefing.regions),
        "actors": list(briefing.actors),
        "tags": list(briefing.tags),
        "sources": [{key: (value.isoformat() if hasattr(value, "isoformat") else value)
                     for key, value in vars(source).items() if value is not None}
                    | link_fields(states.get(source.url)) for source in briefing.sources],
        "summary": briefing.summary,
        **_revisions(briefing),
    }


def link_fields(record: SourceRecord | None) -> dict[str, str]:
    """``status`` (what the latest check saw, or ``dead`` once proven: three failures at
    least three days apart), ``checked`` (that check's day) and ``dead_since``; nothing
    for a source never checked."""
    if record is None:
        return {}
    fields = {"status": "dead" if record.dead else record.status,
              "checked": record.last.isoformat()}
    if record.dead:
        fields["dead_since"] = record.dead.isoformat()
    return fields


def _revisions(briefing: Briefing) -> dict[str, Any]:
    """``updated`` and ``corrections`` (oldest first), where the briefing has them."""
    found: dict[str, Any] = {}
    if briefing.updated:
        found["updated"] = briefing.updated.isoformat()
    if briefing.corrections:
        found["corrections"] = [{"date": c.date.isoformat(), "text": c.text}
                                for c in briefing.corrections]
    return found


def briefing_rows(briefing: Briefing, site: Site, states: States | None = None
                  ) -> tuple[str, str]:
    """A briefing's line of ``briefings.json`` and its row of ``briefings.csv``."""
    record = briefing_record(briefing, site, states)
    sources = record["sources"]
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow([_cell(str(v)) for v in (
        record["slug"], record["url"], record["title"], record["date"],
        ";".join(record["regions"]), ";".join(record["actors"]), ";".join(record["tags"]),
        # Tags and source names hold no ';' (the schema refuses it); a URL may, so in this
        # list it is written %3B, which every server reads as the same address.
        ";".join(s["name"] for s in sources), ";".join(s["url"].replace(";", "%3B")
                                                      for s in sources),
        record["summary"], record.get("updated", ""),
        # One correction a line, "YYYY-MM-DD text": a correction's text may hold ';'.
        "\n".join(f"{c['date']} {c['text']}" for c in record.get("corrections", ())),
        # In the order of source_urls: each status ('unchecked' if never checked) and
        # archived copy (empty where there is none).
        ";".join(s.get("status", "unchecked") for s in sources),
        ";".join(s.get("archive", "").replace(";", "%3B") for s in sources))])
    return json.dumps(record, ensure_ascii=False), row.getvalue()


def briefing_files(rows: list[tuple[str, str]]) -> list[DataFile]:
    """``briefings.json`` and ``briefings.csv`` from every briefing's rows, in order."""
    return [json_file([line for line, _row in rows]), csv_file([row for _line, row in rows])]


def json_file(lines: list[str]) -> DataFile:
    """``briefings.json`` from every briefing's line, in order: one record per line (json's
    C encoder: ``indent`` is pure Python and took a second at 16,000 briefings)."""
    return DataFile("briefings.json", _joined("[\n", lines, ",\n", "\n]\n") if lines
                    else b"[]\n")


def csv_file(rows: list[str]) -> DataFile:
    """``briefings.csv`` from every briefing's row, in order."""
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(CSV_COLUMNS)
    return DataFile("briefings.csv", _joined(header.getvalue(), rows, "", ""))


def _joined(head: str, parts: list[str], separator: str, tail: str) -> bytes:
    """``head + separator.join(parts) + tail`` in UTF-8, made a part at a time: one text of
    all the parts would hold up to four bytes a character (a single letter past U+00FF
    anywhere widens all of it), and its encoding a second copy; at 100,000 briefings that
    was hundreds of MB held at once, for each file."""
    out = io.BytesIO()
    out.write(head.encode())
    sep = separator.encode()
    for number, part in enumerate(parts):
        if number:
            out.write(sep)
        out.write(part.encode())
    out.write(tail.encode())
    return out.getvalue()


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

