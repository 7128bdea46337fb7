"""The exports described for reuse: a Frictionless ``datapackage.json`` and a JSON Schema.

``datapackage.json`` (Data Package 2.0) describes both exports as tables: every column
of ``briefings.csv`` and every key of ``briefings.json`` with its type and format, the
``;`` list convention of the CSV (Table Schema's ``list`` type with ``delimiter: ";"``),
the primary key, and a licence placeholder (no licence is stated yet: the editors set
one, as for the Kiwix edition). ``briefings.schema.json`` (JSON Schema 2020-12) says the
whole shape of ``briefings.json``, nested sources and corrections included; the data
package names it for that resource. Both are published at the site's root and validated
against the real exports in the tests (frictionless, jsonschema), which also show that a
broken export fails.
"""

from __future__ import annotations

import json
from typing import Any

from generator.site.data.exports import CSV_COLUMNS
from generator.site.outputs import DataFile, Site

PACKAGE = "datapackage.json"
JSON_SCHEMA = "briefings.schema.json"
LICENSE_PLACEHOLDER = {
    "name": "LicenseRef-not-yet-stated",
    "title": "No licence is stated yet: the editors set one before others reuse the data",
}
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_URL = r"^https?://"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _field(name: str, kind: str, description: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "description": description, **more}


def _list(name: str, description: str, required: bool = False) -> dict[str, Any]:
    return _field(name, "list", description + " Items are joined with ';' (none may hold one).",
                  delimiter=";", itemType="string",
                  **({"constraints": {"required": True}} if required else {}))


CSV_FIELDS = (
    _field("slug", "string", "The briefing's stable URL slug.",
           constraints={"required": True, "unique": True, "pattern": _ID[1:-1]}),
    _field("url", "string", "The briefing's absolute permalink.", format="uri",
           constraints={"required": True}),
    _field("title", "string", "The editor's headline, plain text.",
           constraints={"required": True}),
    _field("date", "date", "The day the events happened (YYYY-MM-DD).",
           constraints={"required": True}),
    _list("regions", "Registry ids of the briefing's regions.", required=True),
    _list("actors", "Registry ids of the briefing's actors.", required=True),
    _list("tags", "Free topical tags."),
    _list("source_names", "The outlets of the sources, in order."),
    _list("source_urls", "The sources' addresses, in order ('%3B' stands for a ';')."),
    _field("summary", "string", "A one-sentence lede."),
    _field("updated", "date", "The day of the last material revision, if any."),
    _field("corrections", "string",
           "Published corrections, one a line: 'YYYY-MM-DD text', oldest first."),
    _list("source_statuses", "Each source's link status as the sources' check last saw it, "
          "in the order of source_urls ('unchecked' where it never was)."),
    _list("source_archives", "Each source's archived copy, in the order of source_urls "
          "(empty where there is none; '%3B' stands for a ';')."),
)
assert tuple(f["name"] for f in CSV_FIELDS) == CSV_COLUMNS

JSON_FIELDS = (
    *CSV_FIELDS[:4],
    _field("regions", "array", "Registry ids of the briefing's regions.",
           constraints={"required": True}),
    _field("actors", "array", "Registry ids of the briefing's actors.",
           constraints={"required": True}),
    _field("tags", "array", "Free topical tags.", constraints={"required": True}),
    _field("sources", "array", "The sources: objects with name, url and, where given, "
           "published, author, via, archive, and where the sources' check saw them status, "
           "checked and dead_since.", constraints={"required": True}),
    _field("summary", "string", "A one-sentence lede.", constraints={"required": True}),
    CSV_FIELDS[10],
    _field("corrections", "array", "Published corrections: objects with date and text, "
           "oldest first."),
)

CSV_NOTE = ("A cell that would start with '=', '+', '-' or '@' starts with \"'\" instead, so "
            "that spreadsheets never run it as a formula.")


def package(site: Site) -> dict[str, Any]:
    """The data package describing ``briefings.csv`` and ``briefings.json``."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "briefings",
        "title": f"{site.name}: briefings",
        "description": (f"Every published briefing of {site.name}, newest first, as CSV and "
                        "as JSON. " + CSV_NOTE),
        "homepage": site.url,
        "licenses": [LICENSE_PLACEHOLDER],
        "resources": [
            {"name": "briefings-csv", "type": "table", "path": "briefings.csv",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "dialect": {"header": True, "delimiter": ",", "quoteChar": '"',
                         "doubleQuote": True},
             "schema": {"fields": list(CSV_FIELDS), "primaryKey": ["slug"],
                        "missingValues": [""]}},
            {"name": "briefings-json", "type": "table", "path": "briefings.json",
             "format": "json", "mediatype": "application/json", "encoding": "utf-8",
             "jsonSchema": JSON_SCHEMA,
             # Keys a record may leave out (updated, corrections) are columns all the same.
             "dialect": {"json": {"keyed": True, "keys": [f["name"] for f in JSON_FIELDS]}},
             "schema": {"fields": list(JSON_FIELDS), "primaryKey": ["slug"]}},
        ],
    }


def json_schema(site: Site) -> dict[str, Any]:
    """JSON Schema (2020-12) of ``briefings.json``."""
    text = {"type": "string", "minLength": 1}
    url = {"type": "string", "format": "uri", "pattern": _URL}
    day = {"type": "string", "format": "date", "pattern": _DATE}
    ids = {"type": "array", "items": {"type": "string", "pattern": _ID}}
    source = {"type": "object", "additionalProperties": False, "required": ["name", "url"],
              "properties": {"name": text, "url": url, "published": day, "author": text,
                             "via": text, "archive": url,
                             # the sources' check (where it saw the source)
                             "status": text, "checked": day, "dead_since": day}}
    correction = {"type": "object", "additionalProperties": False,
                  "required": ["date", "text"], "properties": {"date": day, "text": text}}
    briefing = {
        "type": "object", "additionalProperties": False,
        "required": ["slug", "url", "title", "date", "regions", "actors", "tags", "sources",
                     "summary"],
        "properties": {
            "slug": {"type": "string", "pattern": _ID},
            "url": url, "title": text, "date": day,
            "regions": {**ids, "minItems": 1}, "actors": ids,
            "tags": {"type": "array", "items": text},
            "sources": {"type": "array", "minItems": 1, "items": source},
            "summary": {"type": "string"}, "updated": day,
            "corrections": {"type": "array", "items": correction},
        },
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": site.absolute(JSON_SCHEMA),
            "title": f"{site.name}: briefings.json",
            "description": "Every published briefing, newest first.",
            "type": "array", "items": briefing}


def files(site: Site) -> list[DataFile]:
    """``datapackage.json`` and ``briefings.schema.json``."""
    return [DataFile(PACKAGE, _dump(package(site))),
            DataFile(JSON_SCHEMA, _dump(json_schema(site)))]


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
