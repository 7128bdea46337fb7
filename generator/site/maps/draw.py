"""A map as inline SVG: a frame (projection, size, detail), the land, borders, disputed
territories, the regions with briefings as linked shapes and marks, and labels where they fit.

Every region drawn is an ``<a>`` with a ``<title>`` naming it and its count (its accessible
name; the SVG carries no ``role="img"``, so the links stay links). Counts are shown in a few
classes by the size of each mark as well as its shade; the legend and the table beside the map
say the same in words. Nothing here depends on the day or the order of input: the same places
give the same bytes.

Within :func:`kept` (``build --downloads``, which plans the offline edition and then the
hosted site in one process), a map is drawn once for both: its SVG is kept by what it shows
(the frame as made, the places without their links, its label and class), with a marker where
each link goes, and every drawing puts in its own places' links. Outside it nothing is kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from html import escape

from generator.site.maps import atlas, geometry
from generator.site.maps.atlas import Box
from generator.site.maps.topojson import Line, Point, Polygon, Shape

RADII = (5, 7, 10, 13)  # a mark's radius in each count class, smallest first
CHAR_WIDTH = 6.6  # an average label character at the maps' font size, in map units
LABEL_HEIGHT = 13


@dataclass(frozen=True)
class Place:
    """A region as a map draws it: its shape (by ISO code) and/or its point, and its count."""

    region_id: str
    name: str
    href: str
    count: int
    latest: date | None
    a2: str  # the drawn shape's ISO code, or ""
    point: Point | None  # where its mark goes, (lon, lat)
    focus: bool = False


@dataclass(frozen=True)
class Frame:
    """What a map shows and how: pixels from degrees, its size, detail and window."""

    width: int
    height: int
    project: Callable[[float, float], Point]
    tolerance: float  # in degrees: arcs are simplified to this
    window: Box  # shapes outside this area are not drawn in detail
    cut: bool  # cut rings at the antimeridian (a world map's edge)
    coarse: float  # the tolerance for arcs outside the window (they only frame the rest)
    # How it was made (the function and its arguments): what a kept map is found by, with
    # the places; a frame without one is drawn anew each time.
    key: tuple[object, ...] = field(default=(), compare=False)

    def arc_of(self, index: int) -> Line:
        """Arc ``index`` in as much detail as this map shows of it."""
        west, south, east, north = self.window
        x0, y0, x1, y1 = atlas.arc_extent(index)
        near = x0 <= east and x1 >= west and y0 <= north and y1 >= south
        return atlas.simplified_arc(index, self.tolerance if near else self.coarse)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return 0.0, 0.0, float(self.width), float(self.height)


def world_frame(width: int, detail: float = 0.6) -> Frame:
    """The world in the Equal Earth projection, from 56°S to 84°N, ``width`` units wide;
    ``detail`` is the simplification tolerance in map units."""
    half = geometry.equal_earth(180, 0)[0]
    scale = width / (2 * half)
    top = geometry.equal_earth(0, 84)[1]
    height = round((top - geometry.equal_earth(0, -56)[1]) * scale)

    def project(lon: float, lat: float) -> Point:
        x, y = geometry.equal_earth(lon, lat)
        return (x + half) * scale, (top - y) * scale
    per_degree = scale * math.pi / 180 * 0.86  # Equal Earth's x scale near the equator
    tolerance = _level(detail / per_degree)
    return Frame(width, height, project, tolerance, (-180.0, -90.0, 180.0, 90.0), cut=True,
                 coarse=tolerance, key=("world", width, detail))


def locator_frame(area: Box, width: int, height: int, detail: float = 1.0) -> Frame:
    """``area`` (west, south, east, north) and its surroundings, in a Lambert azimuthal
    equal-area projection centred on it, fitted into ``width`` x ``height``."""
    west, south, east, north = area
    centre = ((west + east) / 2, (south + north) / 2)
    unit = geometry.lambert_azimuthal(centre)
    edge = [unit(west + (east - west) * i / 8, lat) for i in range(9) for lat in (south, north)]
    edge += [unit(lon, south + (north - south) * i / 8) for i in range(9) for lon in (west, east)]
    xs, ys = [p[0] for p in edge], [p[1] for p in edge]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    scale = min(width / span_x, height / span_y)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2

    def project(lon: float, lat: float) -> Point:
        x, y = unit(lon, lat)
        return width / 2 + (x - mid_x) * scale, height / 2 - (y - mid_y) * scale
    span = max(east - west, north - south)
    window = (west - span, max(-90.0, south - span), east + span, min(90.0, north + span))
    # Arcs wholly outside the window lie a span or more from the area; simplified by a
    # quarter span they still stay out of the picture.
    return Frame(width, height, project, _level(detail / (scale * math.pi / 180)), window,
                 cut=False, coarse=_level(span / 4), key=("locator", area, width, height, detail))


def _level(tolerance: float) -> float:
    """The tolerance rounded down to a power of two, so that maps share simplified arcs."""
    return float(2.0 ** math.floor(math.log2(tolerance)))


def count_classes(counts: Sequence[int]) -> list[tuple[int, int | None]]:
    """At most four classes of counts, from 1 to the highest: single values for small
    counts, else bounds at round numbers spaced evenly on a log scale."""
    most = max(counts, default=1)
    if most <= 4:
        return [(n, n) for n in range(1, most + 1)]
    bounds = sorted({_round_number(most ** (k / 4)) for k in (1, 2, 3)} - {1})
    lows = [1, *bounds]
    return [(low, lows[i + 1] - 1 if i + 1 < len(lows) else None) for i, low in enumerate(lows)]


def _round_number(value: float) -> int:
    power = 10 ** math.floor(math.log10(value))
    return int(max(step * power for step in (1, 2, 5) if step * power <= value))


def class_of(count: int, classes: Sequence[tuple[int, int | None]]) -> int:
    return max(i for i, (low, _) in enumerate(classes) if count >= low)


# The maps kept within ``kept()``: SVG with a link marker per place, by what the map shows.
_KEPT: dict[tuple[object, ...], str] | None = None
_LINK = re.compile("\ue030([0-9]+)\ue031")  # a place's link in a kept map: its number
_MARKERS = re.compile("[\ue030\ue031]")  # text that holds them is never kept


@contextmanager
def kept() -> Iterator[None]:
    """Keep every map drawn meanwhile for another drawing of the same map (another
    edition's page: the same picture, other links); let them go at the end."""
    global _KEPT
    before, _KEPT = _KEPT, {} if _KEPT is None else _KEPT
    try:
        yield
    finally:
        _KEPT = before


def draw(frame: Frame, places: Sequence[Place], label: str, css: str) -> str:
    """The map's SVG (kept for the next page that shows the same map, within ``kept()``)."""
    if _KEPT is None or not frame.key or _MARKERS.search(label + "".join(p.name for p in places)):
        return _draw(frame, places, label, css)
    key = (frame.key, label, css, *(replace(p, href="") for p in places))
    svg = _KEPT.get(key)
    if svg is None:
        marked = [replace(p, href=f"\ue030{i}\ue031") for i, p in enumerate(places)]
        svg = _KEPT[key] = _draw(frame, marked, label, css)
    return _LINK.sub(lambda found: escape(places[int(found.group(1))].href), svg)


def _draw(frame: Frame, places: Sequence[Place], label: str, css: str) -> str:
    arcs = frame.arc_of
    shapes = [s for s in atlas.drawn_shapes() if _meets(s, frame)]
    by_code = {s.a2: s for s in shapes if s.a2}
    classes = count_classes([p.count for p in places if p.count])
    parts = [f'<svg class="ba-map {css}" viewBox="0 0 {frame.width} {frame.height}" '
             f'aria-label="{escape(label)}">',
             f'<rect class="ba-map-sea" width="{frame.width}" height="{frame.height}"/>',
             _path("ba-map-land", area_path(frame, arcs, [p for s in _land(frame)
                                                      for p in s.polygons]))]
    for place in places:
        shape = by_code.get(place.a2)
        if shape is not None:
            css_class = "ba-map-country ba-map-focus" if place.focus else "ba-map-country"
            parts.append(_link(place, _path(css_class, area_path(frame, arcs, shape.polygons))))
    parts.append(_path("ba-map-borders", _borders(frame, arcs)))
    disputed = [p for s in shapes if s.a3 in atlas.DISPUTED for p in s.polygons]
    parts.append(_path("ba-map-disputed", area_path(frame, arcs, disputed)))
    marks, labels = _marks(frame, places, classes)
    parts += [f'<g class="ba-map-marks">{marks}</g>',
              f'<g class="ba-map-labels" aria-hidden="true">{labels}</g></svg>']
    return "".join(p for p in parts if p)


def _meets(shape: Shape, frame: Frame) -> bool:
    return _any_meets(_extents(shape), frame.window)


def _any_meets(extents: Sequence[Box], window: Box) -> bool:
    west, south, east, north = window
    return any(x0 <= east and x1 >= west and y0 <= north and y1 >= south
               for x0, y0, x1, y1 in extents)


# Each drawn shape's polygon extents, by the shape's identity: the atlas's shapes live as
# long as the process, and hashing a shape (every arc index of it) per look-up cost more
# than the test itself (550,000 tests for 352 locator maps).
_EXTENTS: dict[int, tuple[Shape, tuple[Box, ...]]] = {}


def _extents(shape: Shape) -> tuple[Box, ...]:
    kept = _EXTENTS.get(id(shape))
    if kept is None or kept[0] is not shape:
        kept = shape, tuple(atlas.polygon_extent(p) for p in shape.polygons)
        _EXTENTS[id(shape)] = kept
    return kept[1]


@lru_cache(maxsize=1)
def _land_parts() -> tuple[tuple[Shape, tuple[tuple[Polygon, Box], ...]], ...]:
    """The land's shapes, less Antarctica (what lies below 60°S), each polygon with its
    extent."""
    parts = []
    for shape in atlas.world().objects["land"]:
        polygons = tuple((p, atlas.polygon_extent(p)) for p in shape.polygons
                         if atlas.polygon_extent(p)[3] > -60)
        if polygons:
            parts.append((shape, polygons))
    return tuple(parts)


def _land(frame: Frame) -> list[Shape]:
    """The land, less Antarctica, and only the parts near the frame."""
    west, south, east, north = frame.window
    kept = []
    for shape, polygons in _land_parts():
        near = tuple(p for p, (x0, y0, x1, y1) in polygons
                     if x0 <= east and x1 >= west and y0 <= north and y1 >= south)
        if near:
            kept.append(Shape(shape.id, shape.name, shape.a2, shape.a3, near))
    return kept


def area_path(frame: Frame, arcs: atlas.ArcOf, polygons: Sequence[tuple[tuple[int, ...], ...]]
              ) -> str:
    """Path data of the polygons as this map draws them."""
    rings: list[Line] = []
    for polygon in polygons:
        for ring in atlas.rings(polygon, arcs, frame.cut):
            # A locator map first cuts its rings to its window in degrees: what lies beyond
            # is out of the picture, and need not be projected.
            ring = ring if frame.cut else geometry.clip_polygon(ring, frame.window)
            projected = tuple(frame.project(lon, lat) for lon, lat in ring)
            clipped = geometry.clip_polygon(projected, _margin(frame))
            if clipped:
                rings.append(clipped)
    return geometry.path_data(rings, closed=True)


def _margin(frame: Frame) -> tuple[float, float, float, float]:
    """The frame and a little beyond it: clipped edges fall outside the picture."""
    return -2.0, -2.0, frame.width + 2.0, frame.height + 2.0


def _borders(frame: Frame, arcs: atlas.ArcOf) -> str:
    lines: list[Line] = []
    west, south, east, north = frame.window
    for index in atlas.shared_arcs():
        x0, y0, x1, y1 = atlas.arc_extent(index)
        if x0 > east or x1 < west or y0 > north or y1 < south:
            continue
        arc = arcs(index)
        for piece in (geometry.cut_line(arc) if frame.cut
                      else geometry.clip_line(arc, frame.window)):
            projected = tuple(frame.project(lon, lat) for lon, lat in piece)
            lines += geometry.clip_line(projected, _margin(frame))
    return geometry.path_data(lines, closed=False)


def _path(css: str, data: str) -> str:
    return f'<path class="{css}" d="{data}"/>' if data else ""


def _link(place: Place, content: str) -> str:
    title = escape(f"{place.name}: {place.count:,} briefing{'' if place.count == 1 else 's'}")
    return f'<a href="{escape(place.href)}"><title>{title}</title>{content}</a>'


def mark_point(place: Place) -> Point | None:
    """Where a place's mark goes: its point, else its country's label point."""
    if place.point is not None:
        return place.point
    shape = atlas.countries().get(place.a2)
    return atlas.label_point(shape) if shape is not None else None


def _marks(frame: Frame, places: Sequence[Place], classes: Sequence[tuple[int, int | None]]
           ) -> tuple[str, str]:
    """The marks (largest first, so that small ones stay on top and clickable) and the
    labels that fit without overlapping each other."""
    located = []
    for place in places:
        where = mark_point(place)
        if where is None:
            continue
        x, y = frame.project(*where)
        if 0 <= x <= frame.width and 0 <= y <= frame.height:
            level = class_of(place.count, classes) if place.count else 0
            located.append((place, round(x), round(y), level))
    located.sort(key=lambda item: (-item[3], -item[0].count, item[0].region_id))
    # A mark's class is its count class alone (ba-c1 to ba-c4; ba-f for the focus): with
    # hundreds of regions, every byte of a mark counts (styled as .ba-map-marks circle).
    marks = [_link(place, f'<circle class="ba-c{level + 1}{" ba-f" if place.focus else ""}" '
                   f'cx="{x}" cy="{y}" r="{RADII[level]}"/>') for place, x, y, level in located]
    return "".join(marks), _labels(frame, located)


def _labels(frame: Frame, located: list[tuple[Place, int, int, int]]) -> str:
    """Each mark's name and count beside it (right, left, above or below: the first place
    that stays in the frame and clear of other marks and labels), or none."""
    taken: list[tuple[float, float, float, float]] = [
        (x - RADII[level], y - RADII[level], x + RADII[level], y + RADII[level])
        for _, x, y, level in located]
    texts = []
    order = sorted(located, key=lambda item: (not item[0].focus, -item[0].count,
                                             item[0].region_id))
    for place, x, y, level in order:
        text = f"{place.name} {place.count:,}"
        width, half, gap = len(text) * CHAR_WIDTH, LABEL_HEIGHT / 2, RADII[level] + 3
        own = (x - RADII[level], y - RADII[level], x + RADII[level], y + RADII[level])
        spots = (("start", x + gap, y, (x + gap, y - half, x + gap + width, y + half)),
                 ("end", x - gap, y, (x - gap - width, y - half, x - gap, y + half)),
                 ("middle", x, y - gap - half,
                  (x - width / 2, y - gap - 2 * half, x + width / 2, y - gap)),
                 ("middle", x, y + gap + half,
                  (x - width / 2, y + gap, x + width / 2, y + gap + 2 * half)))
        for anchor, left, middle, box in spots:
            if box[0] >= 0 and box[2] <= frame.width and box[1] >= 0 \
                    and box[3] <= frame.height and not any(_overlap(box, t) for t in taken
                                                           if t != own):
                taken.append(box)
                end = f' text-anchor="{anchor}"' if anchor != "start" else ""
                texts.append(f'<text x="{round(left)}" y="{round(middle) + 4}"{end}>'
                             f"{escape(text)}</text>")
                break
    return "".join(texts)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
             ) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
