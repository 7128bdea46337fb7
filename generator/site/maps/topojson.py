"""TopoJSON, decoded: arcs in degrees, countries as lists of polygons of arc references.

A small reader of the TopoJSON specification's parts our data uses (a quantized topology,
``Polygon`` and ``MultiPolygon`` geometries, a ``GeometryCollection`` per object). The shapes
stay as arc references, so that each border is one arc: a map simplifies an arc once and both
countries on either side of it draw the same line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]  # (longitude, latitude) in degrees, or (x, y) once projected
Line = tuple[Point, ...]
# A ring is a sequence of arc indices; a negative index ~i means arc i reversed.
Ring = tuple[int, ...]
Polygon = tuple[Ring, ...]  # the outer ring, then its holes


@dataclass(frozen=True)
class Shape:
    """One geometry of an object: a country (or the land) as arc references."""

    id: str
    name: str
    a2: str  # ISO 3166-1 alpha-2, or "" when the data has none
    a3: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class Topology:
    """The decoded file: every arc in degrees, and each object's shapes."""

    arcs: tuple[Line, ...]
    objects: dict[str, tuple[Shape, ...]]

    def ring_points(self, ring: Ring, arc_of: Callable[[int], Line] | None = None) -> Line:
        """The points of a ring, from its arcs (``arc_of``, when given, gives each arc in
        place of the file's: simplified, say)."""
        source = self.arcs.__getitem__ if arc_of is None else arc_of
        points: list[Point] = []
        for index in ring:
            arc = source(index) if index >= 0 else source(~index)[::-1]
            # Consecutive arcs share their end and start point: keep it once.
            points.extend(arc[1:] if points else arc)
        return tuple(points)

    def shared_arcs(self, name: str) -> tuple[int, ...]:
        """Arcs that two shapes of an object share: the borders between countries."""
        uses: Counter[int] = Counter()
        for shape in self.objects[name]:
            for polygon in shape.polygons:
                for ring in polygon:
                    uses.update(i if i >= 0 else ~i for i in ring)
        return tuple(sorted(i for i, n in uses.items() if n > 1))


def decode(text: str) -> Topology:
    """Read a TopoJSON topology (quantized or not)."""
    document = json.loads(text)
    transform = document.get("transform")
    arcs = tuple(_arc(arc, transform) for arc in document["arcs"])
    objects = {name: tuple(_shapes(value)) for name, value in sorted(document["objects"].items())}
    return Topology(arcs, objects)


def _arc(positions: list[list[float]], transform: dict[str, Any] | None) -> Line:
    if transform is None:
        return tuple((float(p[0]), float(p[1])) for p in positions)
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    x = y = 0.0
    points = []
    for position in positions:  # delta-encoded: each position adds to the last
        x += position[0]
        y += position[1]
        points.append((x * kx + dx, y * ky + dy))
    return tuple(points)


def _shapes(collection: dict[str, Any]) -> list[Shape]:
    shapes = []
    for geometry in collection.get("geometries", [collection]):
        kind = geometry.get("type")
        polygons: tuple[Polygon, ...]
        if kind == "Polygon":
            polygons = (_polygon(geometry["arcs"]),)
        elif kind == "MultiPolygon":
            polygons = tuple(_polygon(p) for p in geometry["arcs"])
        else:  # null geometries and kinds the maps never draw
            continue
        properties = geometry.get("properties") or {}
        shapes.append(Shape(str(geometry.get("id", "")), str(properties.get("name", "")),
                            str(properties.get("a2", "")), str(properties.get("a3", "")),
                            polygons))
    return shapes


def _polygon(rings: list[list[int]]) -> Polygon:
    return tuple(tuple(int(i) for i in ring) for ring in rings)
