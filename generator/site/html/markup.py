"""Small HTML building blocks shared by the page emitters; every text is escaped here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from generator.content.model import Briefing
from generator.site import urls

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def esc(text: object) -> str:
    """Escape text for HTML element content and double-quoted attributes."""
    return escape(str(text), quote=True)


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def time_tag(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


@dataclass(frozen=True)
class Linker:
    """Builds links from one page (``here``) to others, in the site's URL style."""

    here: str
    style: urls.UrlStyle

    def to(self, route: str) -> str:
        return urls.relative(self.here, route, self.style)

    def link(self, route: str, text: str, css: str = "") -> str:
        attribute = f' class="{css}"' if css else ""
        return f'<a href="{esc(self.to(route))}"{attribute}>{esc(text)}</a>'

    def briefing_item(self, briefing: Briefing, summary: bool = True) -> str:
        lede = f'<p class="ba-summary">{esc(briefing.summary)}</p>' if summary else ""
        return (f'<li class="ba-item">{time_tag(briefing.date)} '
                f"{self.link(urls.briefing(briefing.slug), briefing.title, 'ba-title')}"
                f"{lede}</li>")

    def briefing_list(self, briefings: Iterable[Briefing], summary: bool = True) -> str:
        items = "\n".join(self.briefing_item(b, summary) for b in briefings)
        return f'<ul class="ba-list">\n{items}\n</ul>'


def external(url: str, text: str) -> str:
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def section(heading: str, content: str, anchor: str) -> str:
    return f'<h2 id="{anchor}">{esc(heading)}</h2>\n{content}'


def count_label(count: int, noun: str = "briefing") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
