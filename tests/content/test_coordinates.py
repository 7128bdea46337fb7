"""regions.yml's ``point`` and ``bbox``: read as numbers of degrees, refused with the line and
a hint when out of range or in the wrong order (real files, the real loader)."""

from __future__ import annotations

import pytest
from conftest import WriteArchive

from generator.content.loading import load_archive

REGION = """\
- id: somewhere
  name: Somewhere
  kind: locality
  {line}
"""


def _problems(write_archive: WriteArchive, line: str) -> list[str]:
    content = write_archive({}, regions=REGION.format(line=line))
    return [p.format_text().split("regions.yml", 1)[1] for p in load_archive(content).problems
            if p.path.endswith("regions.yml")]


def test_a_point_and_a_box_are_read_as_degrees(write_archive: WriteArchive) -> None:
    content = write_archive({}, regions=REGION.format(line="point: [44.51, 40.18]")
                            + "  bbox: [43, 38.5, 47, 41.5]\n")
    region = load_archive(content).archive.regions["somewhere"]
    assert region.point == (44.51, 40.18)
    assert region.bbox == (43.0, 38.5, 47.0, 41.5)


@pytest.mark.parametrize(("line", "expected"), [
    ("point: [40.18, 144.51]",
     ":4: error: 'point' has a latitude of 144.51, beyond ±90 (it looks like [latitude, "
     "longitude]: write [144.51, 40.18])"),
    ("point: [190, 40]",
     ":4: error: the longitude of 'point' is 190, out of range for a longitude (-180 to 180) "
     "(east of Greenwich is positive, west negative)"),
    ("point: [120, -95]",
     ":4: error: the latitude of 'point' is -95, out of range for a latitude (-90 to 90) "
     "(longitude comes first, then latitude)"),
    ('point: [44.5, "40"]',
     ":4: error: the latitude of 'point' must be a number of degrees, not '40' (write decimal "
     "degrees such as 44.51, without quotes or °)"),
    ("point: 44.5",
     ":4: error: 'point' must be [longitude, latitude], not 44.5 (for example [44.51, 40.18] "
     "(Yerevan))"),
    ("bbox: [43, 41.5, 47, 38.5]",
     ":4: error: 'bbox' has its south side (41.5) not below its north (38.5) (the order is "
     "[west, south, east, north])"),
    ("bbox: [47, 38.5, 43, 41.5]",
     ":4: error: 'bbox' has its west side (47) not west of its east (43) (the order is [west, "
     "south, east, north]; a box across the 180th meridian is not supported)"),
    ("bbox: [43, 38.5, 47]",
     ":4: error: 'bbox' must be [west, south, east, north], not a list (for example [43.4, "
     "38.8, 46.7, 41.3])"),
])
def test_bad_coordinates_are_refused_with_line_and_hint(write_archive: WriteArchive,
                                                        line: str, expected: str) -> None:
    assert _problems(write_archive, line) == [expected]
