"""A briefing (and an edition of the whole archive) as a reference: CSL-JSON, RIS and BibTeX.

One CSL-JSON item is the record (Citation Style Language's input format, which citeproc
processors and Zotero read); RIS and BibTeX are written from that item, so the three
downloads always agree. Who and when (README, "Citing"):

- The **author** is the archive, an organisation (``site_name``): briefings are written and
  corrected by its editors together, through reviewed pull requests, and name no person.
  The archive is also the **publisher**.
- The **date** (``issued``) is the briefing's ``date``: the day its events happened, by
  which the archive dates, lists and publishes a briefing (its feeds, sitemap and JSON-LD
  use the same day). A later ``updated`` day is not the date of citation; it is printed on
  the page and carried in the page's head as the modification date.
- The **type** is a web page: a briefing is a page of a website, not a journal article.

An edition (the downloads page) is a ``dataset`` dated by the edition's day.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from babel import Locale

from generator.content.model import Archive, Briefing
from generator.site import urls
from generator.site.outputs import DataFile, Site

FOLDER = "cite/"  # every briefing's three files: cite/<slug>.json, .ris, .bib
FORMATS = {  # suffix: (label, MIME type)
    "json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
    "ris": ("RIS", "application/x-research-info-systems"),
    "bib": ("BibTeX", "application/x-bibtex"),
}
LANGUAGE = "en"
_SPACE = re.compile(r"\s+")
# TeX's special characters as a BibTeX field writes them (one table: a loop per
# character was most of writing the .bib files).
_TEX_SPECIAL = str.maketrans({**{char: "\\" + char for char in "{}%&$#_"},
                              "\\": "\\textbackslash{}", "^": "\\textasciicircum{}",
                              "~": "\\textasciitilde{}"})
_TEX_SPECIAL_FOUND = re.compile(r"[{}%&$#_\\^~]")  # most fields hold none: no lookups


def path(slug: str, suffix: str) -> str:
    """The site path of a briefing's reference file."""
    return f"{FOLDER}{slug}.{suffix}"


def keywords(briefing: Briefing, archive: Archive) -> tuple[str, ...]:
    """A briefing's keywords: its actors' and regions' names, then its tags."""
    return (*(archive.actors[a].name for a in briefing.actors),
            *(archive.regions[r].name for r in briefing.regions), *briefing.tags)


def briefing_item(briefing: Briefing, site: Site, words: tuple[str, ...] = ()
                  ) -> dict[str, Any]:
    """A briefing as one CSL-JSON item (the archive as author and publisher)."""
    item: dict[str, Any] = {
        "id": briefing.slug,
        "type": "webpage",
        "title": briefing.title,
        "author": [{"literal": site.name}],
        "publisher": site.name,
        "issued": _date(briefing.date),
        "URL": site.absolute(urls.briefing(briefing.slug)),
        "language": briefing.lang,
        "abstract": briefing.summary,
    }
    if words:
        item["keyword"] = ", ".join(words)
    return item


def briefing_files(briefing: Briefing, archive: Archive, site: Site) -> list[DataFile]:
    """A briefing's CSL-JSON, RIS and BibTeX files under ``cite/``."""
    words = keywords(briefing, archive)
    return reference_files(briefing_item(briefing, site, words), FOLDER + briefing.slug, words)


def archive_item(site: Site, day: date, briefings: int) -> dict[str, Any]:
    """An edition of the whole archive, dated by the edition's day, as a CSL-JSON item."""
    return {
        "id": _key(site.name),
        "type": "dataset",
        "title": site.name,
        "author": [{"literal": site.name}],
        "publisher": site.name,
        "issued": _date(day),
        # The edition's day as a calendar version (a hyphen would read as a range of versions).
        "version": day.strftime("%Y.%m.%d"),
        "URL": site.url,
        "language": LANGUAGE,
        "abstract": f"{site.description} Edition of {day.isoformat()}, {briefings:,} "
                    "briefings.".strip(),
    }


def csl_json(item: dict[str, Any]) -> str:
    """A CSL-JSON file: a list of one item, on one line (a file a briefing: indented, the
    whitespace was 18% of it, 167 bytes a briefing; every reader of JSON reads both the same)."""
    return json.dumps([item], ensure_ascii=False, separators=(",", ":")) + "\n"


def ris(item: dict[str, Any], keywords: tuple[str, ...] = ()) -> str:
    """The item as an RIS record (web page ``ELEC``, dataset ``DATA``)."""
    year, month, day = item["issued"]["date-parts"][0]
    lines = [("TY", "DATA" if item["type"] == "dataset" else "ELEC"),
             ("TI", item["title"]),
             *(("AU", _name(author)) for author in item["author"]),
             ("PY", f"{year:04d}"),
             ("DA", f"{year:04d}/{month:02d}/{day:02d}/"),
             ("PB", item["publisher"]),
             ("UR", item["URL"]),
             ("LA", item["language"])]
    if "version" in item:
        lines.append(("ET", item["version"]))
    if item.get("abstract"):
        lines.append(("AB", item["abstract"]))
    lines += [("KW", word) for word in keywords]
    lines.append(("ER", ""))
    # RIS is line-based: a value never spans lines.
    return "".join(f"{tag}  - {_SPACE.sub(' ', value).strip()}\n" for tag, value in lines)


def bibtex(item: dict[str, Any], keywords: tuple[str, ...] = ()) -> str:
    """The item as a BibTeX ``@misc`` entry (biblatex's ``date`` and ``url`` as well)."""
    year, month, day = item["issued"]["date-parts"][0]
    fields = [("author", "{" + _tex(" and ".join(_name(a) for a in item["author"])) + "}"),
              ("title", "{" + _tex(item["title"]) + "}"),
              ("howpublished", _tex(item["publisher"])),
              ("publisher", _tex(item["publisher"])),
              ("year", f"{year:04d}"),
              ("month", str(month)),
              ("date", f"{year:04d}-{month:02d}-{day:02d}"),
              ("url", item["URL"]),
              ("language", _bibtex_language(str(item["language"])))]
    if "version" in item:
        fields.append(("version", _tex(item["version"])))
    if keywords:
        fields.append(("keywords", _tex(", ".join(keywords))))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{_key(item['id'])},\n{body}}}\n"


def _bibtex_language(tag: str) -> str:
    """biblatex names a language in English, lower case ("english", "arabic")."""
    return str(Locale.parse(tag, sep="-").english_name or "English").split(" (")[0].lower()


def reference_files(item: dict[str, Any], stem: str, keywords: tuple[str, ...] = ()
                    ) -> list[DataFile]:
    """The item's three files at ``<stem>.json``, ``.ris`` and ``.bib``."""
    return [DataFile(f"{stem}.json", csl_json(item).encode("utf-8")),
            DataFile(f"{stem}.ris", ris(item, keywords).encode("utf-8")),
            DataFile(f"{stem}.bib", bibtex(item, keywords).encode("utf-8"))]


def _date(day: date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def _name(author: dict[str, str]) -> str:
    if "literal" in author:
        return author["literal"]
    return f"{author['family']}, {author['given']}"


def _key(text: str) -> str:
    """A BibTeX key: the slug (letters, digits, hyphens), or a name made into one."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-").lower() or "briefing"


def _tex(text: str) -> str:
    """Plain text for a BibTeX field: TeX's special characters escaped, one line."""
    plain = _SPACE.sub(" ", text).strip()
    return plain.translate(_TEX_SPECIAL) if _TEX_SPECIAL_FOUND.search(plain) else plain
