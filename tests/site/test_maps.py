"""The maps and charts, read back from the SVG they write: shapes where the places are, no
streak across the map, every region with briefings drawn and linked, counts and bars equal
to the archive, the same bytes every time, sizes within budget."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import os
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from generator.content.loading import load_archive
from generator.site import urls
from generator.site.index import Index, build_index
from generator.site.maps import atlas, charts, draw, geometry, regionmaps
from generator.site.maps.topojson import Line

ROOT = Path(__file__).resolve().parents[2]
# A known point of every country of the starter archive: its capital (lon, lat).
CAPITALS = {
    "AM": ("Yerevan", 44.51, 40.18), "AZ": ("Baku", 49.87, 40.41),
    "GE": ("Tbilisi", 44.79, 41.72), "RU": ("Moscow", 37.62, 55.75),
    "BY": ("Minsk", 27.56, 53.90), "TR": ("Ankara", 32.85, 39.93),
    "IR": ("Tehran", 51.39, 35.69), "KZ": ("Astana", 71.45, 51.17),
    "KG": ("Bishkek", 74.59, 42.87), "TJ": ("Dushanbe", 68.78, 38.56),
    "US": ("Washington", -77.04, 38.90), "FR": ("Paris", 2.35, 48.86),
    "BE": ("Brussels", 4.35, 50.85), "CZ": ("Prague", 14.42, 50.08),
    "DE": ("Berlin", 13.40, 52.52), "ES": ("Madrid", -3.70, 40.42),
    "NL": ("Amsterdam", 4.90, 52.37),
}
LINK = re.compile(r'<a href="([^"]*)"><title>([^<]*)</title>(<path class="[^"]*" d="([^"]*)"/>'
                  r'|<circle[^>]*/>|<rect[^>]*/>)</a>')


@pytest.fixture(scope="module")
def starter() -> Index:
    loaded = load_archive(ROOT / "content")
    assert loaded.ok
    return build_index(loaded.archive)


@pytest.fixture(scope="module")
def regions_figure(starter: Index) -> str:
    """What /regions/ shows above its region tree: the world map, the closer map, legend."""
    return regionmaps.regions_figure(starter, "regions/", "directory", detail=True)


@pytest.fixture(scope="module")
def world_svg(regions_figure: str) -> str:
    return regions_figure[regions_figure.index("<svg"):regions_figure.index("</svg>") + 6]


def rings_of(data: str) -> list[Line]:
    """Path data as written by geometry.path_data (M, m, l, z with whole numbers) -> rings."""
    rings: list[list[tuple[float, float]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    for command, numbers in re.findall(r"([MmLlz])([^MmLlz]*)", data):
        values = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", numbers)]
        pairs = list(zip(values[::2], values[1::2], strict=True))
        if command in "Mm":
            x, y = (pairs[0] if command == "M" else (x + pairs[0][0], y + pairs[0][1]))
            start = (x, y)
            rings.append([(x, y)])
        elif command == "l":
            for dx, dy in pairs:
                x, y = x + dx, y + dy
                rings[-1].append((x, y))
        elif command == "z":
            x, y = start
    return [tuple(r) for r in rings]


def shapes_by_href(svg: str) -> dict[str, list[Line]]:
    return {href: rings_of(d) for href, _title, _shape, d in LINK.findall(svg) if d}


def test_the_checked_in_data_is_what_its_source_file_says() -> None:
    recorded = re.search(r"SHA-256 of countries-50m.json:\*\*\s+`([0-9a-f]{64})`",
                         (atlas.DATA.parent / "SOURCE.md").read_text("utf-8"))
    assert recorded and hashlib.sha256(atlas.DATA.read_bytes()).hexdigest() == recorded[1]


@pytest.mark.parametrize("code", sorted(CAPITALS))
def test_a_known_point_lies_in_its_drawn_country_on_the_world_map(world_svg: str,
                                                                   code: str) -> None:
    name, lon, lat = CAPITALS[code]
    region = next(r for r in load_archive(ROOT / "content").archive.regions.values()
                  if r.iso == code)
    frame = draw.world_frame(regionmaps.WORLD_WIDTH, regionmaps.WORLD_DETAIL)
    href = urls.relative("regions/", urls.region(region.id), "directory")
    drawn = shapes_by_href(world_svg)
    # A country without briefings is land, not a link: its path as the map would draw it.
    rings = drawn.get(href) or rings_of(draw.area_path(
        frame, frame.arc_of, atlas.countries()[code].polygons))
    assert geometry.contains(rings, frame.project(lon, lat)), f"{name} is not in {code}"
    # ... and in no other country drawn on the map.
    assert [h for h, other in drawn.items() if h != href
            and geometry.contains(other, frame.project(lon, lat))] == []


@pytest.mark.parametrize(("region_id", "place"), [("armenia", (44.51, 40.18)),
                                                  ("azerbaijan", (49.87, 40.41)),
                                                  ("azerbaijan", (46.75, 39.82))])
def test_a_known_point_lies_in_its_country_on_the_locator_map(starter: Index, region_id: str,
                                                              place: tuple[float, float]) -> None:
    """Yerevan in Armenia, Baku and Stepanakert in Azerbaijan (every border here follows the
    data's view: Nagorno-Karabakh is Azerbaijan's)."""
    region = starter.archive.regions[region_id]
    svg = regionmaps.locator_figure(starter, region_id, urls.region(region_id), "directory")
    below = [r for r in regionmaps._descendants(starter, region_id) if starter.by_region.get(r)]
    area = regionmaps.locator_area(starter, region, below)
    assert area is not None
    frame = draw.locator_frame(area, *regionmaps.LOCATOR_SIZE)
    assert geometry.contains(shapes_by_href(svg)["./"], frame.project(*place))


def test_the_data_draws_crimea_in_ukraine() -> None:
    """The package's point of view, which the methodology page states: the UN's."""
    ukraine = atlas.countries()["UA"]
    rings = [r for p in ukraine.polygons for r in atlas.rings(p, atlas.world().arcs.__getitem__,
                                                              cut=True)]
    assert geometry.contains(rings, (34.10, 44.95))  # Simferopol


def test_no_drawn_segment_spans_half_the_map(world_svg: str) -> None:
    """Rings crossing the antimeridian (Russia, Fiji, the United States' Aleutians) are cut."""
    width = regionmaps.WORLD_WIDTH
    for data in re.findall(r' d="([^"]*)"', world_svg):
        for ring in rings_of(data):
            longest = max((abs(b[0] - a[0]) for a, b in pairwise(ring)), default=0)
            assert longest <= width / 2


def test_every_region_with_briefings_is_drawn_and_linked_with_its_count(starter: Index,
                                                                       world_svg: str) -> None:
    titles = {href: title for href, title, _shape, _d in LINK.findall(world_svg)}
    for region in starter.archive.regions.values():
        count = len(starter.by_region[region.id])
        href = urls.relative("regions/", urls.region(region.id), "directory")
        if count:
            assert titles.get(href) == f"{region.name}: {count:,} briefing" + \
                "s" * (count != 1), region.id
        else:
            assert href not in titles


def test_the_antimeridian_cut_closes_each_side() -> None:
    ring = ((170.0, 60.0), (-170.0, 60.0), (-170.0, 70.0), (170.0, 70.0), (170.0, 60.0))
    pieces = geometry.cut_ring(ring)
    assert len(pieces) == 2
    assert all(max(p[0] for p in piece) - min(p[0] for p in piece) <= 10 for piece in pieces)


def test_the_same_archive_gives_the_same_svg_in_another_process(regions_figure: str) -> None:
    code = ("import sys; from pathlib import Path;"
            "from generator.content.loading import load_archive;"
            "from generator.site.index import build_index;"
            "from generator.site.maps import regionmaps;"
            "sys.stdout.write(regionmaps.regions_figure(build_index(load_archive(Path("
            f"{str(ROOT / 'content')!r})).archive), 'regions/', 'directory', detail=True))")
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert again == regions_figure


def test_the_regions_figure_stays_within_its_budget(regions_figure: str) -> None:
    """Both maps, legend and table: at most 20 kB gzip added to /regions/."""
    assert len(gzip.compress(regions_figure.encode(), 9)) <= 20_000


def _days(count: int, seed: int) -> list[date]:
    rng = random.Random(seed)
    return sorted((date(2008, 1, 1) + timedelta(days=rng.randrange(6574)) for _ in range(count)),
                  reverse=True)


def test_a_chart_does_not_grow_with_the_archive() -> None:
    def size(count: int) -> int:
        html = charts.activity(_days(count, count), lambda y, m: f"{y}/#m{y}-{m:02d}")
        svg = html[html.index("<svg"):html.index("</svg>") + 6]
        return len(gzip.compress(svg.encode(), 9))
    small, large = size(1_000), size(16_000)
    assert large <= 3_000 and abs(large - small) <= small * 0.1


def test_chart_bars_equal_the_archive(starter: Index) -> None:
    briefings = starter.by_actor["nikol-pashinyan"]
    html = charts.activity([b.date for b in briefings], lambda y, m: f"#m{y}-{m:02d}")
    bars = re.findall(r'<a href="#m(\d{4})-(\d\d)"><title>([^:]+): (\d+) briefings?</title>'
                      r'<rect', html)
    unit, _items = charts.bins([b.date for b in briefings])
    assert unit == "month"
    by_month: dict[str, int] = {}
    for b in briefings:
        name = f"{charts.MONTHS[b.date.month - 1]} {b.date.year}"
        by_month[name] = by_month.get(name, 0) + 1
    assert {name: int(n) for _y, _m, name, n in bars} == by_month
    assert sum(int(n) for *_rest, n in bars) == len(briefings)


def test_long_spans_are_drawn_by_quarter_then_year() -> None:
    assert charts.unit_for(date(2020, 1, 1), date(2025, 12, 1)) == "month"
    assert charts.unit_for(date(2008, 1, 1), date(2025, 12, 1)) == "quarter"
    assert charts.unit_for(date(1990, 1, 1), date(2025, 12, 1)) == "year"
    _unit, items = charts.bins(_days(16_000, 1))
    assert len(items) <= charts.MAX_BARS and sum(b.count for b in items) == 16_000


def test_a_region_no_map_can_place_gets_a_warning(starter: Index) -> None:
    from dataclasses import replace
    archive = starter.archive
    karabakh = replace(archive.regions["nagorno-karabakh"], point=None)
    edited = replace(archive, regions={**archive.regions, "nagorno-karabakh": karabakh})
    warnings = regionmaps.unplaced(edited)
    assert [(w.path, w.line, w.severity) for w in warnings] == [
        (karabakh.origin.path, karabakh.origin.line, "warning")]
    assert regionmaps.unplaced(archive) == []


def test_the_region_tree_gives_each_region_its_latest_date(starter: Index) -> None:
    """The regions map's text equivalent: the tree below it, with counts and latest dates."""
    for region_id, briefings in starter.by_region.items():
        label = regionmaps.latest_label(starter, region_id)
        if briefings:
            assert f'datetime="{briefings[0].date.isoformat()}"' in label
        else:
            assert label == ""


def test_maps_kept_for_the_other_edition_are_the_maps_drawn_anew(index: Index) -> None:
    """``build --downloads`` draws each map once for the offline edition and the hosted site
    (draw.kept): the second site's maps, its own links put in, are byte for byte the maps
    drawn anew, and the first site's are not changed by being kept."""
    regions = sorted(r for r in index.archive.regions if index.by_region.get(r))
    # Another archive (half the briefings: other counts) must not take the first one's maps.
    half = build_index(dataclasses.replace(index.archive,
                                           briefings=index.archive.briefings[::2]))

    def maps(style: urls.UrlStyle, index: Index = index) -> list[str]:
        return [regionmaps.regions_figure(index, "regions/", style, detail=True),
                regionmaps.regions_figure(index, "", style),
                *(regionmaps.locator_figure(index, r, urls.region(r), style) for r in regions)]

    anew = {style: maps(style) for style in ("file", "directory")}
    halved = maps("directory", half)
    with draw.kept():
        offline, hosted = maps("file"), maps("directory")
        kept = dict(draw._KEPT or {})
        assert maps("directory", half) == halved
    assert draw._KEPT is None  # let go at the end
    assert len(kept) >= len(regions) // 2  # the locator maps were kept, and then reused:
    assert offline == anew["file"]
    assert hosted == anew["directory"]
    assert halved != anew["directory"]
    # ... and a map taken from the other edition would show: their links differ
    assert all(a != b for a, b in zip(anew["file"], anew["directory"], strict=True) if a)
