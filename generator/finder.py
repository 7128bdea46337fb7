"""The finder page: filter briefings by actors, region, dates and words (issue 8)."""

from __future__ import annotations

from .index import Index
from .markup import esc
from .output import DataFile, Page, Site


def finder_page(index: Index, site: Site) -> Page:
    content = ('<h1 id="top">Finder</h1>\n<p>Filter the archive by actors, region and dates.</p>')
    return Page("finder/", "Finder", f'<div class="ba-finder">\n{content}\n</div>', "finder",
                description=esc("Filter briefings by actor, region, date and words."))


def finder_files(index: Index, site: Site) -> list[DataFile]:
    return []
