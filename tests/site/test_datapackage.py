"""The exports as others load them: datapackage.json (Frictionless) and the JSON Schema.

The real ``briefings.csv`` and ``briefings.json`` of the starter archive and of a 1,000-
briefing synthetic archive are validated with the Frictionless framework and with
jsonschema; a broken export must fail both (the schemas bite).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import synth  # scripts/: pytest's pythonpath
from conftest import FIXTURE, ROOT
from frictionless import Package

from generator.content.loading import load_archive
from generator.engine.render import EngineConfig, site_settings
from generator.site.data import datapackage, exports
from generator.site.outputs import Site

SITE = site_settings(EngineConfig(ROOT / "mkdocs.yml"))


def write_exports(content: Path, folder: Path, site: Site = SITE) -> Path:
    """The archive's exports (as the build makes them) with the package and schema."""
    loaded = load_archive(content)
    assert loaded.ok
    states = loaded.archive.source_states  # what the sources' check saw, as the build uses it
    rows = [exports.briefing_rows(b, site, states) for b in loaded.archive.briefings]
    folder.mkdir(parents=True, exist_ok=True)
    for item in [*exports.briefing_files(rows), *datapackage.files(site)]:
        (folder / item.path).write_bytes(item.content)
    return folder


def frictionless_errors(folder: Path) -> list[str]:
    report = Package(str(folder / datapackage.PACKAGE)).validate()
    return [f"{task.name}: {error.type}: {error.message}"
            for task in report.tasks for error in task.errors] + [
        f"{error.type}: {error.message}" for error in report.errors]


def schema_errors(folder: Path) -> list[str]:
    schema = json.loads((folder / datapackage.JSON_SCHEMA).read_text("utf-8"))
    data = json.loads((folder / "briefings.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_exports(ROOT / "content", tmp_path_factory.mktemp("starter-exports"))


@pytest.fixture(scope="module")
def fixture_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive: its sources-state.yml gives sources a status and a dead one."""
    return write_exports(FIXTURE, tmp_path_factory.mktemp("fixture-exports"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("synth-exports")
    synth.generate(1000, seed=5).write(work / "content")
    return write_exports(work / "content", work / "exports")


def test_the_package_describes_every_column_and_key() -> None:
    package = datapackage.package(SITE)
    csv_resource, json_resource = package["resources"]
    assert [f["name"] for f in csv_resource["schema"]["fields"]] == list(exports.CSV_COLUMNS)
    lists = {f["name"]: f for f in csv_resource["schema"]["fields"] if f["type"] == "list"}
    assert set(lists) == {"regions", "actors", "tags", "source_names", "source_urls",
                          "source_statuses", "source_archives"}
    assert {f["delimiter"] for f in lists.values()} == {";"}
    assert package["licenses"] == [datapackage.LICENSE_PLACEHOLDER]
    assert json_resource["jsonSchema"] == datapackage.JSON_SCHEMA
    record_keys = set(datapackage.json_schema(SITE)["items"]["properties"])
    assert [f["name"] for f in json_resource["schema"]["fields"]] == [
        *exports.CSV_COLUMNS[:4], "regions", "actors", "tags", "sources", "summary", "updated",
        "corrections"]
    assert record_keys == {f["name"] for f in json_resource["schema"]["fields"]}


@pytest.mark.parametrize("archive", ["starter", "fixture_archive", "synthetic"])
def test_the_real_exports_validate_with_no_errors(archive: str,
                                                  request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(archive)
    rows = list(csv.DictReader(io.StringIO((folder / "briefings.csv").read_text("utf-8"))))
    assert len(rows) == len(json.loads((folder / "briefings.json").read_text("utf-8")))
    assert len(rows) >= {"synthetic": 1000, "starter": 40, "fixture_archive": 5}[archive]
    assert frictionless_errors(folder) == []
    assert schema_errors(folder) == []


def test_a_broken_export_fails_validation(starter: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in starter.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    # CSV: an impossible date, a missing slug, a duplicate slug
    table = list(csv.reader(io.StringIO((starter / "briefings.csv").read_text("utf-8"))))
    header = table[0]
    table[1][header.index("date")] = "2023-02-30"
    table[2][header.index("slug")] = ""
    table[3][header.index("slug")] = table[4][header.index("slug")]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    (broken / "briefings.csv").write_text(out.getvalue(), "utf-8")
    # JSON: a record without a title, another with a date that is no date, a stray key
    records = json.loads((starter / "briefings.json").read_text("utf-8"))
    del records[0]["title"]
    records[1]["date"] = "18 January 2023"
    records[2]["sources"][0]["publisher"] = "not a key of a source"
    (broken / "briefings.json").write_text(json.dumps(records), "utf-8")
    found = frictionless_errors(broken)
    assert any("briefings-csv: type-error" in e and "2023-02-30" in e for e in found), found
    assert any("briefings-csv: constraint-error" in e for e in found), found
    assert any("briefings-csv: primary-key" in e for e in found), found
    assert any("briefings-json" in e for e in found), found
    errors = schema_errors(broken)
    assert any("'title' is a required property" in e for e in errors), errors
    assert any("18 January 2023" in e for e in errors), errors
    assert any("publisher" in e for e in errors), errors
