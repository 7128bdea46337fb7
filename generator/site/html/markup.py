"""Small HTML building blocks shared by the page emitters; every text is escaped here."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from generator.content.model import Briefing
from generator.site import urls
from generator.site.html import language

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def esc(text: object) -> str:
    """Escape text for HTML element content and double-quoted attributes."""
    value = text if type(text) is str else str(text)
    # Most texts hold nothing to escape: five searches are cheaper than five replacements
    # (about two million texts at 16,000 briefings).
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return escape(value, quote=True)
    return value


def long_date(day: date, lang: str = "en") -> str:
    """The day written out in ``lang`` (site/html/language.py)."""
    return language.long_date(day, lang)


def time_tag(day: date, lang: str = "en", within: str = "") -> str:
    """A ``<time>``, its text isolated (``<bdi>``-like) so that a right-to-left line never
    reorders its day, month and year; marked with ``lang`` where it stands ``within`` an
    element of another language (a listed briefing in another language than the page's)."""
    shown = esc(long_date(day, lang))
    mark = f' lang="{esc(lang)}"' if within and within != lang else ""
    return f'<time datetime="{day.isoformat()}"{mark} dir="auto">{shown}</time>' \
        if lang != "en" or mark else f'<time datetime="{day.isoformat()}">{shown}</time>'


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


@dataclass(frozen=True)
class Linker:
    """Builds links from one page (``here``) to others, in the site's URL style."""

    here: str
    style: urls.UrlStyle
    lang: str = "en"  # the page's language: briefings in another are marked with theirs

    def to(self, route: str) -> str:
        return urls.relative(self.here, route, self.style)

    def link(self, route: str, text: str, css: str = "") -> str:
        attribute = f' class="{css}"' if css else ""
        return f'<a href="{esc(self.to(route))}"{attribute}>{esc(text)}</a>'

    def briefing_item(self, briefing: Briefing, summary: bool = True) -> str:
        return _briefing_item(self.to(urls.briefing(briefing.slug)), briefing.title,
                              briefing.summary if summary else None, briefing.date,
                              briefing.lang, self.lang)

    def briefing_list(self, briefings: Iterable[Briefing], summary: bool = True) -> str:
        items = "\n".join(self.briefing_item(b, summary) for b in briefings)
        return f'<ul class="ba-list">\n{items}\n</ul>'


# A briefing is listed on many pages (its actors', its regions' up the tree, the
# timeline), most of them the same depth below the root and so with the same link:
# the item is made once (keyed by strings, whose hashes Python keeps).
@functools.lru_cache(maxsize=16384)
def _briefing_item(href: str, title: str, summary: str | None, day: date, lang: str,
                   page_lang: str) -> str:
    """A briefing in a listing: its date, linked title, language and (given) summary."""
    lede = f'<p class="ba-summary">{esc(summary)}</p>' if summary is not None else ""
    marked = language.marked(lang, page_lang)
    # A briefing in another language than the page's: its text marked with its language
    # and direction, and the language named (in itself) for readers.
    badge = (f' <span class="ba-lang">{esc(language.language_name(lang))}</span>'
             if marked else "")
    when = time_tag(day, page_lang, within=lang)
    return (f'<li class="ba-item"{marked}>{when} '
            f'<a href="{esc(href)}" class="ba-title">{esc(title)}</a>{badge}{lede}</li>')


def external(url: str, text: str) -> str:
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def section(heading: str, content: str, anchor: str) -> str:
    return f'<h2 id="{anchor}">{esc(heading)}</h2>\n{content}'


def count_label(count: int, noun: str = "briefing") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
