"""Activity over time: briefings per month as a small SVG bar chart, its sentence and its table.

The chart has at most ``MAX_BARS`` bars whatever the archive's size: a span of up to six
years is drawn by month, up to eighteen by quarter, a longer one by year, so its bytes do not
grow with the number of briefings. Each bar with briefings links to the listing's heading of
the newest month it holds (where a reader of the list starts); the sentence gives the extent
and the busiest period in words and the table every number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from generator.site.maps import labels

MAX_BARS = 72
PLOT_HEIGHT = 100
TOP = 14  # room above the bars for the highest count
AXIS = 16  # room below them for the years
MONTHS = labels.MONTHS

MonthLink = Callable[[int, int], str]  # (year, month) -> href of that month's heading


@dataclass(frozen=True)
class Bin:
    """One bar: a month, quarter or year, its count and the newest month in it with any."""

    year: int
    part: int  # the month (1-12), the quarter (1-4), or 0 for a whole year
    count: int
    newest: tuple[int, int] | None  # (year, month) of its newest briefing


def unit_for(first: date, last: date) -> str:
    months = _index(last) - _index(first) + 1
    return "month" if months <= MAX_BARS else "quarter" if months <= 3 * MAX_BARS else "year"


def bins(days: Sequence[date]) -> tuple[str, list[Bin]]:
    """The unit and every bar from the first day's period to the last's, empty ones included."""
    first, last = min(days), max(days)
    unit = unit_for(first, last)
    counts: dict[tuple[int, int], int] = {}
    newest: dict[tuple[int, int], tuple[int, int]] = {}
    for day in days:
        key = _key(day.year, day.month, unit)
        counts[key] = counts.get(key, 0) + 1
        newest[key] = max(newest.get(key, (0, 0)), (day.year, day.month))
    keys = []
    key = _key(first.year, first.month, unit)
    end = _key(last.year, last.month, unit)
    while key <= end:
        keys.append(key)
        key = _next(key, unit)
    return unit, [Bin(k[0], k[1], counts.get(k, 0), newest.get(k)) for k in keys]


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _key(year: int, month: int, unit: str) -> tuple[int, int]:
    return (year, month if unit == "month" else (month + 2) // 3 if unit == "quarter" else 0)


def _next(key: tuple[int, int], unit: str) -> tuple[int, int]:
    year, part = key
    last = {"month": 12, "quarter": 4, "year": 0}[unit]
    return (year + 1, 1 if last else 0) if part >= last else (year, part + 1)


def bin_name(item: Bin, unit: str) -> str:
    if unit == "month":
        return f"{MONTHS[item.part - 1]} {item.year}"
    if unit == "quarter":
        return labels.quarter_name(item.year, item.part)
    return str(item.year)


def activity(days: Sequence[date], month_link: MonthLink) -> str:
    """The sentence, the chart and its table, as HTML; nothing without days."""
    if not days:
        return ""
    unit, items = bins(days)
    busiest = max(items, key=lambda b: b.count)  # the earliest of equals
    alone = sum(b.count == busiest.count for b in items) == 1
    sentence = labels.chart_sentence(len(days), bin_name(items[0], unit),
                                     bin_name(items[-1], unit),
                                     bin_name(busiest, unit) if alone else "",
                                     busiest.count, unit)
    return (f'<figure class="ba-activity">\n<figcaption>{escape(sentence)}</figcaption>\n'
            f"{chart_svg(items, unit, month_link)}\n{_table(items, unit, month_link)}\n"
            "</figure>")


def chart_svg(items: Sequence[Bin], unit: str, month_link: MonthLink) -> str:
    step = max(8, (MAX_BARS * 8) // len(items))
    width, height = step * len(items), TOP + PLOT_HEIGHT + AXIS
    most = max(b.count for b in items)
    bars = []
    for place, item in enumerate(items):
        if not item.count:
            continue
        tall = max(2, round(PLOT_HEIGHT * item.count / most))
        rect = (f'<rect x="{place * step + 1}" y="{TOP + PLOT_HEIGHT - tall}" '
                f'width="{step - 2}" height="{tall}"/>')
        title = f"<title>{escape(labels.place_title(bin_name(item, unit), item.count))}</title>"
        href = month_link(*item.newest) if item.newest else ""
        bars.append(f'<a href="{escape(href)}">{title}{rect}</a>')
    name = escape(labels.CHART.format(unit=labels.UNITS[unit]))
    return (f'<svg class="ba-chart" viewBox="0 0 {width} {height}" aria-label="{name}">'
            f'<g class="ba-chart-bars">{"".join(bars)}</g>'
            f'<path class="ba-chart-axis" d="M0 {TOP + PLOT_HEIGHT}h{width}"/>'
            f'<g class="ba-chart-labels" aria-hidden="true">'
            f'<text x="0" y="{TOP - 4}">{most:,}</text>'
            f"{_year_ticks(items, unit, step, height)}</g></svg>")


def _year_ticks(items: Sequence[Bin], unit: str, step: int, height: int) -> str:
    """Year labels under the bars where a year starts, at most about eight of them."""
    starts = [(place, item.year) for place, item in enumerate(items) if item.part <= 1]
    if not starts or starts[0][0] * step >= 40:  # the first year's label, where it fits
        starts.insert(0, (0, items[0].year))
    every = max(1, -(-len(starts) // 8))
    room = len(items) * step - 30  # a label needs about 30 units
    return "".join(f'<text x="{place * step}" y="{height - 3}">{year}</text>'
                   for place, year in starts[::every] if place * step <= room)


def _table(items: Sequence[Bin], unit: str, month_link: MonthLink) -> str:
    rows = []
    for item in items:
        if item.newest:  # periods without briefings are left out (the caption says so)
            name = escape(bin_name(item, unit))
            rows.append(f'<tr><td><a href="{escape(month_link(*item.newest))}">{name}</a>'
                        f"</td><td>{item.count:,}</td></tr>")
    return (f'<details class="ba-chart-table"><summary>{labels.CHART_TABLE_SUMMARY}</summary>'
            f"<table><caption>{escape(labels.chart_table_caption(unit))}</caption><thead>"
            f'<tr><th scope="col">{labels.CHART_TABLE_HEADS[unit]}</th>'
            f'<th scope="col">{labels.CHART_COUNT_HEAD}</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></details>')
