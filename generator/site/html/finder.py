"""The finder page: filter briefings by actors, region, dates and words (issue 8).

The page is a real GET form (``actor`` repeatable, ``region``, ``lang``, ``from``, ``to``,
``q``: the query of the content contract) whose controls are written here, so
they exist before any script runs; of the actors only the most named
(:data:`ACTORS_UP_FRONT`, as many as the finder shows before "Show all actors"),
the script adds the others' choices from the data (issue 25: 1,150 checkboxes were
most of the page's 45 kB gzip at 16,000 briefings). The language choice shows only
when the archive holds briefings in more than one language. The theme's
``assets/javascripts/finder.js`` then reads the query from the URL, filters ``finder/data.js`` (see
``finderdata``) with ``finder-filter.js``, shows the matches and the facet
counts, and keeps the URL in step with the controls. No inline script or style:
the page only loads its scripts by ``src``, so a Content-Security-Policy without
'unsafe-inline' or 'unsafe-eval' leaves the finder working.
"""

from __future__ import annotations

from collections import Counter

from generator.site.data.finderdata import (
    DATA_PATH,
    ROUTE,
    actor_order,
    finder_files,
    language_order,
    part_path,
    part_tag,
    region_order,
    version_tag,
)
from generator.site.html import language
from generator.site.html.markup import Linker, esc
from generator.site.index import Index
from generator.site.outputs import DataFile, Page, Site

# The filter folds words with search's fold() (search-core.js), so it loads that first.
CORE_SCRIPT = "assets/javascripts/search-core.js"
FILTER_SCRIPT = "assets/javascripts/finder-filter.js"
PAGE_SCRIPT = "assets/javascripts/finder.js"
INDENT = "\u00a0\u00a0"  # option text cannot hold markup: nesting is shown by spaces
ACTORS_UP_FRONT = 15  # finder.js's ACTORS_SHOWN: the choices shown before "Show all actors"


def finder_outputs(index: Index, site: Site) -> tuple[Page, list[DataFile]]:
    """The finder page and its data scripts, ``finder/data.js`` first (the finder code
    itself is a theme asset)."""
    files = finder_files(index, site, _about_language)
    newest = part_tag(files, 0) if any(f.path == part_path(0) for f in files) else None
    return finder_page(index, site, files[0], newest), files


def finder_page(index: Index, site: Site, data: DataFile, newest: str | None) -> Page:
    """The finder: the filter form, a live result count, the result list and the scripts;
    ``newest`` is the tag of the texts' part of the newest briefings (none in an empty
    archive)."""
    link = Linker(ROUTE, site.style)
    # The filter runs at once, before Material's script reads the URL (see finder-filter.js);
    # the data and the page code load async, the page code starting once both have run, so
    # that the first results wait for neither the page's end nor Material's bundle.
    sources = [link.to(CORE_SCRIPT), link.to(FILTER_SCRIPT),
               f"{link.to(DATA_PATH)}?v={version_tag(data.content)}", link.to(PAGE_SCRIPT)]
    scripts = "\n".join([*(f'<script src="{esc(src)}"></script>' for src in sources[:2]),
                          *(f'<script src="{esc(src)}" async></script>' for src in sources[2:])])
    parts = [
        '<h1 id="top">Finder</h1>',
        '<p class="ba-finder-intro">Choose actors (every one you choose must appear), a region '
        f"(with everything below it), {'a language, ' if len(language_order(index)) > 1 else ''}"
        "dates and words. The address of this page keeps your choice: bookmark it or share "
        "it.</p>",
        _noscript(link),
        '<p class="ba-finder-skip"><a href="#ba-finder-status">Skip to the results</a></p>',
        _form(index, link),
        # Empty until finder.js fills it: without JavaScript it would say "Loading" forever
        # (the noscript message above says what the finder needs and where to browse).
        '<p id="ba-finder-status" class="ba-finder-status" role="status" aria-live="polite" '
        'aria-atomic="true"></p>',
        '<ol id="ba-finder-results" class="ba-list ba-finder-results"></ol>',
        '<p class="ba-finder-more"><button type="button" id="ba-finder-more" class="md-button" '
        "hidden>Show more</button></p>",
        scripts,
    ]
    body = "\n".join(parts)
    # On a slow link each script found in the page waited for the one before (400 ms of
    # latency each): the head asks for them all at once, Material's two small scripts
    # before them, and the texts of the newest briefings, which most first results show.
    preload = (*(link.to(f"assets/javascripts/csp/{name}.js") for name in ("base", "palette")),
               *sources, *([f"{link.to(part_path(0))}?v={newest}"] if newest else []))
    return Page(ROUTE, "Finder", f'<div class="ba-finder">\n{body}\n</div>', "finder",
                description="Filter briefings by actor, region, date and words.",
                preload=preload)



def _noscript(link: Linker) -> str:
    where = ", ".join(link.link(route, text) for route, text in (
        ("timeline/", "the timeline"), ("actors/", "the actors"), ("regions/", "the regions")))
    return (f'<noscript><p class="ba-finder-noscript">The finder needs JavaScript. Without it, '
            f"browse {where}.</p></noscript>")


def _form(index: Index, link: Linker) -> str:
    dates = [b.date.isoformat() for b in index.archive.briefings]
    limits = f' min="{dates[-1]}" max="{dates[0]}"' if dates else ""
    fields = [
        _field("q", "Words", '<input type="search" id="ba-finder-q" name="q" autocomplete="off" '
               'aria-describedby="ba-finder-q-help">',
               "every word, in titles, summaries, actor and region names"),
        _field("region", "Region", _region_select(index), "includes everything below it"),
        *([_field("lang", "Language", _language_select(index))]
          if len(language_order(index)) > 1 else []),
        _field("from", "From", f'<input type="date" id="ba-finder-from" name="from"{limits}>'),
        _field("to", "To", f'<input type="date" id="ba-finder-to" name="to"{limits}>'),
    ]
    clear = esc(link.to(ROUTE))
    # novalidate: a date outside the archive's span is a fair question, not an error
    return (f'<form id="ba-finder-form" class="ba-finder-form" method="get" action="{clear}" '
            'role="search" aria-label="Filter briefings" novalidate>\n'
            f'<div class="ba-finder-fields">\n{"".join(fields)}\n</div>\n'
            f"{_actor_fieldset(index)}\n"
            '<p class="ba-finder-buttons"><button type="submit" class="md-button '
            f'md-button--primary">Filter</button> <a class="md-button" href="{clear}">'
            "Clear all</a></p>\n</form>")


def _field(name: str, label: str, control: str, help_text: str = "") -> str:
    helper = (f' <span id="ba-finder-{name}-help" class="ba-finder-help">{esc(help_text)}</span>'
              if help_text else "")
    return (f'<p class="ba-finder-field ba-finder-{name}"><label for="ba-finder-{name}">'
            f"{esc(label)}</label> {control}{helper}</p>")


def _region_select(index: Index) -> str:
    options = ['<option value="">Any region</option>']
    for region_id, depth in region_order(index):
        region = index.archive.regions[region_id]
        count = len(index.by_region[region_id])
        options.append(f'<option value="{esc(region_id)}" data-depth="{depth}">'
                       f"{INDENT * depth}{esc(region.name)} ({count:,})</option>")
    return ('<select id="ba-finder-region" name="region" aria-describedby="ba-finder-region-help">'
            + "".join(options) + "</select>")


def _about_language(tag: str) -> tuple[str, str]:
    return language.direction(tag), language.language_name(tag)


def _language_select(index: Index) -> str:
    counts = Counter(b.lang for b in index.archive.briefings)
    options = ['<option value="">Any language</option>']
    for tag in language_order(index):
        options.append(f'<option value="{esc(tag)}" lang="{esc(tag)}">'
                       f"{esc(language.language_name(tag))} ({counts[tag]:,})</option>")
    return '<select id="ba-finder-lang" name="lang">' + "".join(options) + "</select>"


def _actor_fieldset(index: Index) -> str:
    items = []
    for actor_id in actor_order(index)[:ACTORS_UP_FRONT]:
        actor = index.archive.actors[actor_id]
        count = len(index.by_actor[actor_id])
        items.append(f'<li><label><input type="checkbox" name="actor" '
                     f'value="{esc(actor_id)}"> <span class="ba-finder-name">{esc(actor.name)}'
                     f'</span> <span class="ba-count">{count:,}</span></label></li>')
    return ('<fieldset class="ba-finder-actors">\n<legend>Actors <span class="ba-finder-help">'
            "(every one you choose must appear; the number is how many briefings would "
            "match)</span></legend>\n"
            '<p class="ba-finder-field ba-finder-actor-search" hidden><label '
            'for="ba-finder-actor-search">Find an actor</label> <input type="search" '
            'id="ba-finder-actor-search" autocomplete="off" aria-controls="ba-finder-actors">'
            "</p>\n"
            f'<ul id="ba-finder-actors" class="ba-finder-actor-list">{"".join(items)}</ul>\n'
            '<p><button type="button" id="ba-finder-all-actors" class="ba-finder-toggle" '
            'aria-expanded="false" aria-controls="ba-finder-actors" hidden>Show all actors'
            "</button></p>\n</fieldset>")
