"""The archive's maps as page parts: the regions map (``/regions/``, the home page) and a
region's locator map, each a figure with its legend, its credit and a table of what it shows.

What a map draws depends only on what its page already depends on (so that a rebuild after an
edit gives the page a full build gives): the regions map on every region's count, a locator
map on its region and the regions below it, never on a neighbour's briefings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from generator.content.model import Archive, Region
from generator.content.problems import Problem
from generator.content.registries import region_chain
from generator.site import urls
from generator.site.index import Index
from generator.site.maps import atlas, draw, labels
from generator.site.maps.atlas import Box
from generator.site.maps.charts import MONTHS

WORLD_WIDTH = 960
# Map units of simplification (arcs are simplified to the power of two of degrees below):
# the world map near 10 kB gzip, whatever the archive's size.
WORLD_DETAIL = 1.6
LOCATOR_SIZE = (480, 320)
MIN_SPAN = (3.0, 2.0)  # degrees of longitude and latitude a locator map shows at least
SURROUNDINGS = 0.3  # a locator map shows this much of its area's span on each side


def has_shape(region: Region) -> bool:
    return bool(region.iso) and region.iso in atlas.shape_codes()


def unplaced(archive: Archive) -> list[Problem]:
    """A warning for each region with briefings that no map can draw: no shape from its
    ``iso``, no ``point`` (drafts count: they are meant to be published)."""
    named = {r for b in archive.briefings for r in b.regions if r in archive.regions}
    with_briefings = {a.id for r in named for a in region_chain(r, archive.regions)}
    return [Problem(r.origin.path, r.origin.line,
                    f"region '{r.id}' has briefings but no place on the maps",
                    "give it a 'point: [longitude, latitude]', or an 'iso' country code the "
                    "maps have a shape for", severity="warning")
            for r in sorted(archive.regions.values(), key=lambda r: r.origin.line)
            if r.id in with_briefings and not has_shape(r) and r.point is None]


def place(index: Index, region_id: str, here: str, style: urls.UrlStyle,
          focus: bool = False) -> draw.Place:
    region = index.archive.regions[region_id]
    briefings = index.by_region.get(region_id, ())
    return draw.Place(region_id, region.name, urls.relative(here, urls.region(region_id), style),
                      len(briefings), briefings[0].date if briefings else None,
                      region.iso if has_shape(region) and region.iso else "", region.point,
                      focus)


def regions_figure(index: Index, here: str, style: urls.UrlStyle, css: str = "",
                   detail: bool = False) -> str:
    """The map of every region with briefings and its legend; with ``detail`` (the /regions/
    page), in more detail and with a closer map of the area where marks crowd most.

    Its text equivalent is the region tree of /regions/ (every region with its count and
    latest date, see :func:`latest_label`), not a table here: with hundreds of regions a
    second list would double the page's weight. The home page's map links to that list."""
    ids = sorted(r for r in index.archive.regions if index.by_region.get(r))
    places = [place(index, r, here, style) for r in ids]
    frame = draw.world_frame(WORLD_WIDTH, WORLD_DETAIL)
    svg = draw.draw(frame, places, labels.WORLD_MAP, "ba-map-world")
    area = crowded_area(places) if detail else None
    if area is not None:
        closer = draw.locator_frame(_widen(area), *LOCATOR_SIZE)
        svg += "\n" + draw.draw(closer, places, labels.DETAIL_MAP, "ba-map-detail")
    projection = labels.PROJECTION_WORLD + (f"; {labels.PROJECTION_DETAIL}" if area else "")
    equivalent = (labels.AS_LIST_BELOW if detail else
                  labels.AS_LIST.format(href=escape(urls.relative(here, "regions/", style))))
    return _figure(svg, places, projection, css, focus=False, table=equivalent)


def latest_label(index: Index, region_id: str) -> str:
    """A region's latest briefing date for the region tree (the map's text equivalent)."""
    briefings = index.by_region.get(region_id, ())
    if not briefings:
        return ""
    day = briefings[0].date
    return (f'<span class="ba-latest">{labels.LATEST} <time datetime="{day.isoformat()}">'
            f"{day.day} {MONTHS[day.month - 1]} {day.year}</time></span>")


CROWD_RADIUS = 5.0  # degrees: marks this close together overlap on the world map
CROWD = 4  # a detail map is drawn where at least this many marks crowd


def crowded_area(places: Sequence[draw.Place]) -> Box | None:
    """The extent of the marks around the one with the most others near it (ties: the most
    briefings, then the id), when at least ``CROWD`` crowd there."""
    located = [(p, point) for p in places if (point := draw.mark_point(p)) is not None]

    def near(centre: tuple[float, float]) -> list[tuple[float, float]]:
        return [q for _, q in located if abs(q[0] - centre[0]) <= CROWD_RADIUS
                and abs(q[1] - centre[1]) <= CROWD_RADIUS]
    if not located:
        return None
    _, centre = max(located, key=lambda item: (len(near(item[1])), item[0].count,
                                               item[0].region_id))
    crowd = near(centre)
    if len(crowd) < CROWD:
        return None
    west, south = min(q[0] for q in crowd), min(q[1] for q in crowd)
    east, north = max(q[0] for q in crowd), max(q[1] for q in crowd)
    grow_x = max(0.0, MIN_SPAN[0] - (east - west)) / 2
    grow_y = max(0.0, MIN_SPAN[1] - (north - south)) / 2
    return west - grow_x, south - grow_y, east + grow_x, north + grow_y


def locator_figure(index: Index, region_id: str, here: str, style: urls.UrlStyle) -> str:
    """A region's locator map: it and the regions below it, marked and linked; or nothing
    when none of them has a shape or a point."""
    region = index.archive.regions[region_id]
    below = [r for r in _descendants(index, region_id) if index.by_region.get(r)]
    area = locator_area(index, region, below)
    if area is None:
        return ""
    places = [place(index, region_id, here, style, focus=True)]
    places += [place(index, r, here, style) for r in sorted(below)]
    frame = draw.locator_frame(area, *LOCATOR_SIZE)
    svg = draw.draw(frame, places, labels.LOCATOR_MAP.format(name=region.name),
                    "ba-map-locator")
    return _figure(svg, places, labels.PROJECTION_LOCATOR, "ba-locator", focus=True)


def _descendants(index: Index, region_id: str) -> list[str]:
    found, todo = [], list(index.children.get(region_id, ()))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(index.children.get(child, ()))
    return found


def locator_area(index: Index, region: Region, below: Iterable[str]) -> Box | None:
    """What a locator map shows: the region's ``bbox``, else the extent of its shape, its
    point and the points and shapes below it; widened to a minimum and to its surroundings."""
    if region.bbox is not None:
        return _widen(region.bbox)
    boxes = [b for b in (_own_box(index.archive.regions[r]) for r in (region.id, *below)) if b]
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    grow_x = max(0.0, MIN_SPAN[0] - (east - west)) / 2
    grow_y = max(0.0, MIN_SPAN[1] - (north - south)) / 2
    return _widen((west - grow_x, south - grow_y, east + grow_x, north + grow_y))


def _own_box(region: Region) -> Box | None:
    if has_shape(region) and region.iso:
        shape = atlas.countries()[region.iso]
        rings = atlas.rings(atlas.main_polygon(shape)[:1], atlas.world().arcs.__getitem__,
                            cut=True)
        return atlas.extent(rings[:1])
    if region.point is not None:
        lon, lat = region.point
        return lon, lat, lon, lat
    return None


def _widen(box: Box) -> Box:
    west, south, east, north = box
    dx, dy = (east - west) * SURROUNDINGS, (north - south) * SURROUNDINGS
    return (max(-180.0, west - dx), max(-85.0, south - dy), min(180.0, east + dx),
            min(85.0, north + dy))


def _figure(svg: str, places: Sequence[draw.Place], projection: str, css: str,
            focus: bool, table: str | None = None) -> str:
    """The map(s), legend and credit, and the table of the places (or ``table``, HTML that
    says where the map's text equivalent is)."""
    credit = f"{projection}. {labels.CREDIT}"
    classes = " ".join(c for c in ("ba-map-figure", css) if c)
    return (f'<figure class="{classes}">\n{svg}\n'
            f"{_legend(places, focus)}\n<figcaption>{escape(credit)}</figcaption>\n"
            f"{_table(places) if table is None else table}\n</figure>")


def _legend(places: Sequence[draw.Place], focus: bool) -> str:
    classes = draw.count_classes([p.count for p in places if p.count])
    items = [f'<li><svg class="ba-legend-key ba-map-marks" viewBox="0 0 28 28" '
             f'aria-hidden="true"><circle class="ba-c{i + 1}" cx="14" cy="14" '
             f'r="{draw.RADII[i]}"/>'
             f"</svg>{escape(labels.class_label(low, high))}</li>"
             for i, (low, high) in enumerate(classes)]
    # Only what this map shows: the focus' shape or mark, countries other than the focus.
    if focus and any(p.focus and p.a2 for p in places):
        items.append(_key('<rect class="ba-map-country ba-map-focus" x="3" y="6" width="22" '
                          'height="16"/>', labels.LEGEND_FOCUS))
    elif focus:
        items.append(_key('<g class="ba-map-marks"><circle class="ba-c1 ba-f" cx="14" cy="14" '
                          'r="7"/></g>', labels.LEGEND_FOCUS))
    if any(p.a2 and not p.focus for p in places):
        items.append(_key('<rect class="ba-map-country" x="3" y="6" width="22" height="16"/>',
                          labels.LEGEND_COUNTRY))
    items.append(_key('<rect class="ba-map-disputed" x="3" y="6" width="22" height="16"/>',
                      labels.LEGEND_DISPUTED))
    return (f'<ul class="ba-map-legend" aria-label="{escape(labels.LEGEND)}">'
            f'{"".join(items)}</ul>')


def _key(shape: str, text: str) -> str:
    return (f'<li><svg class="ba-legend-key" viewBox="0 0 28 28" aria-hidden="true">{shape}'
            f"</svg>{escape(text)}</li>")


def _table(places: Sequence[draw.Place]) -> str:
    rows = []
    for item in sorted(places, key=lambda p: (-p.count, p.name.casefold(), p.region_id)):
        latest = (f"{item.latest.day} {MONTHS[item.latest.month - 1]} {item.latest.year}"
                  if item.latest else "")
        rows.append(f'<tr><td><a href="{escape(item.href)}">{escape(item.name)}</a></td>'
                    f"<td>{item.count:,}</td><td>{latest}</td></tr>")
    heads = "".join(f'<th scope="col">{h}</th>' for h in labels.TABLE_HEADS)
    return (f'<details class="ba-map-table"><summary>{labels.TABLE_SUMMARY}</summary>'
            f"<table><caption>{labels.TABLE_CAPTION}</caption><thead><tr>{heads}</tr></thead>"
            f'<tbody>{"".join(rows)}</tbody></table></details>')
