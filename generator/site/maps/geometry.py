"""Plane geometry for the maps: two equal-area projections, simplification, the antimeridian
cut, clipping to the frame, and SVG path data.

Projections are equal-area, so that no country looks larger than it is: the world map uses
the Equal Earth projection (Šavrič, Patterson and Jenny, 2018), a locator map Lambert's
azimuthal equal-area projection centred on its region (little distortion near the centre).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

from generator.site.maps.topojson import Line, Point

Projection = Callable[[float, float], Point]

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth on a unit sphere, y up: x within ±2.7066, y within ±1.3173."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def lambert_azimuthal(centre: Point) -> Projection:
    """Lambert's azimuthal equal-area projection centred on ``centre`` (lon, lat), y up."""
    lam0, phi0 = math.radians(centre[0]), math.radians(centre[1])
    sin0, cos0 = math.sin(phi0), math.cos(phi0)

    def project(lon: float, lat: float) -> Point:
        lam, phi = math.radians(lon) - lam0, math.radians(lat)
        cos_c = sin0 * math.sin(phi) + cos0 * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(1 + cos_c, 1e-9))
        return (k * math.cos(phi) * math.sin(lam),
                k * (cos0 * math.sin(phi) - sin0 * math.cos(phi) * math.cos(lam)))
    return project


def simplify(line: Line, tolerance: float) -> Line:
    """Douglas-Peucker: the fewest points of ``line`` within ``tolerance`` of it; the ends stay.
    (Distances are compared squared and scaled by the chord's length: the inner loop runs
    over every point at every split, so it does no division and no square root.)"""
    count = len(line)
    if count < 3:
        return line
    keep = bytearray(count)
    keep[0] = keep[-1] = 1
    limit = tolerance * tolerance
    stack = [(0, count - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = line[first]
        dx, dy = line[last][0] - ax, line[last][1] - ay
        chord = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = line[i][0] - ax, line[i][1] - ay
            # The squared distance to the chord's line times its squared length (or, for a
            # closed arc whose ends meet, the squared distance to the end).
            distance = (px * dy - py * dx) ** 2 if chord else px * px + py * py
            if distance > worst:
                worst, index = distance, i
        if index >= 0 and worst > limit * (chord or 1.0):
            keep[index] = 1
            stack += [(first, index), (index, last)]
    return tuple(p for p, kept in zip(line, keep, strict=True) if kept)


def cut_line(line: Line) -> list[Line]:
    """A line in degrees, split where it crosses the antimeridian (a step of over 180° of
    longitude), each piece ending on its own side at ±180°."""
    pieces: list[list[Point]] = [[line[0]]] if line else []
    for a, b in pairwise(line):
        if abs(b[0] - a[0]) > 180:
            side = 180.0 if a[0] > 0 else -180.0
            lat = _crossing_latitude(a, b)
            pieces[-1].append((side, lat))
            pieces.append([(-side, lat)])
        pieces[-1].append(b)
    return [tuple(p) for p in pieces]


def _crossing_latitude(a: Point, b: Point) -> float:
    """Where the step from a to b (the short way round) meets the antimeridian."""
    a_lon = a[0] if a[0] > 0 else a[0] + 360
    b_lon = b[0] if b[0] > 0 else b[0] + 360
    if a_lon == b_lon:
        return a[1]
    return a[1] + (b[1] - a[1]) * (180 - a_lon) / (b_lon - a_lon)


def cut_ring(ring: Line) -> list[Line]:
    """A closed ring in degrees as rings that do not cross the antimeridian: pieces on one
    side are joined along it (two crossings make two rings; a pole's ring, crossing once,
    is closed along the antimeridian towards the pole)."""
    pieces = cut_line(ring)
    if len(pieces) == 1:
        return pieces
    # The ring's first and last pieces are one piece on one side: join them.
    pieces = [pieces[-1] + pieces[0][1:], *pieces[1:-1]]
    rings = []
    for piece in pieces:
        if abs(piece[0][0]) == 180 and piece[0][0] != piece[-1][0]:
            continue  # cannot happen for a closed ring; kept out rather than drawn wrong
        if len(pieces) == 1:  # one crossing: the ring encloses a pole
            pole = 90.0 if sum(p[1] for p in piece) > 0 else -90.0
            piece = (*piece, (piece[-1][0], pole), (piece[0][0], pole))
        rings.append(piece)
    return rings


def clip_polygon(ring: Sequence[Point], box: tuple[float, float, float, float]) -> Line:
    """Sutherland-Hodgman: a ring clipped to the box (x0, y0, x1, y1); empty when outside."""
    x0, y0, x1, y1 = box
    # (the coordinate an edge tests, its bound, whether inside is at or above it, where a
    # side crossing the edge meets it)
    edges: tuple[tuple[int, float, bool, Callable[[Point, Point], Point]], ...] = (
        (0, x0, True, lambda a, b: _at_x(a, b, x0)),
        (0, x1, False, lambda a, b: _at_x(a, b, x1)),
        (1, y0, True, lambda a, b: _at_y(a, b, y0)),
        (1, y1, False, lambda a, b: _at_y(a, b, y1)),
    )
    points = list(ring)
    for axis, bound, above, meet in edges:
        if not points:
            break
        values = [p[axis] for p in points]
        inside = [v >= bound for v in values] if above else [v <= bound for v in values]
        # An edge every point is inside of leaves the ring as it is; one every point is
        # outside of leaves nothing (what the walk below gives).
        if all(inside):
            continue
        if not any(inside):
            return ()
        output: list[Point] = []
        previous, was_inside = points[-1], inside[-1]
        for current, is_inside in zip(points, inside, strict=True):
            if is_inside:
                if not was_inside:
                    output.append(meet(previous, current))
                output.append(current)
            elif was_inside:
                output.append(meet(previous, current))
            previous, was_inside = current, is_inside
        points = output
    return tuple(points)


def clip_line(line: Line, box: tuple[float, float, float, float]) -> list[Line]:
    """A polyline cut to the box: the runs of it inside (segments leaving it end on the edge)."""
    runs: list[list[Point]] = []
    for a, b in pairwise(line):
        segment = _clip_segment(a, b, box)
        if segment is None:
            continue
        if runs and runs[-1][-1] == segment[0]:
            runs[-1].append(segment[1])
        else:
            runs.append(list(segment))
    return [tuple(r) for r in runs]


def _clip_segment(a: Point, b: Point, box: tuple[float, float, float, float]
                  ) -> tuple[Point, Point] | None:
    """Liang-Barsky: the part of segment ab inside the box, or None."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (a[0] + low * dx, a[1] + low * dy), (a[0] + high * dx, a[1] + high * dy)


def _at_x(a: Point, b: Point, x: float) -> Point:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: Point, b: Point, y: float) -> Point:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def path_data(lines: Sequence[Line], closed: bool) -> str:
    """SVG path data in whole units, relative moves after the first point (small and
    compressible); points that round to the one before are dropped."""
    parts: list[str] = []
    last = (0, 0)
    for line in lines:
        points = _rounded(line)
        if len(points) < (3 if closed else 2):
            continue
        start = points[0]
        parts.append(f"M{start[0]} {start[1]}" if not parts
                     else f"m{start[0] - last[0]} {start[1] - last[1]}")
        steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in pairwise(points)]
        parts.append("l" + " ".join(steps))
        if closed:
            parts.append("z")
            last = start
        else:
            last = points[-1]
    return "".join(parts).replace(" -", "-")


def _rounded(line: Line) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for x, y in line:
        point = (round(x), round(y))
        if not points or point != points[-1]:
            points.append(point)
    return points


def contains(rings: Sequence[Sequence[Point]], point: Point) -> bool:
    """Even-odd rule: whether ``point`` lies inside the rings (holes count as outside)."""
    inside = False
    x, y = point
    for ring in rings:
        for i, (xa, ya) in enumerate(ring):
            xb, yb = ring[i - 1]
            if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
                inside = not inside
    return inside
