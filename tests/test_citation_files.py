"""The repository itself citable: CITATION.cff and .zenodo.json, each checked by a validator.

CITATION.cff against the Citation File Format 1.2.0 schema (vendored from cffconvert, see
tests/fixtures/schemas/SOURCE.md); .zenodo.json against a documented subset of Zenodo's
deposit metadata. Both must agree on title, version, date and keywords, and a broken file
must fail.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT

SCHEMAS = ROOT / "tests" / "fixtures" / "schemas"


def _validator(name: str) -> Any:
    schema = json.loads((SCHEMAS / name).read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _cff() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    # YAML reads the date as a date; the CFF schema wants the text it was written as.
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _zenodo() -> dict[str, Any]:
    return dict(json.loads((ROOT / ".zenodo.json").read_text("utf-8")))


def test_citation_cff_validates() -> None:
    assert list(_validator("cff-1.2.0.schema.json").iter_errors(_cff())) == []


def test_zenodo_json_validates() -> None:
    assert list(_validator("zenodo-deposit-subset.schema.json").iter_errors(_zenodo())) == []


def test_the_two_agree_with_each_other_and_the_project() -> None:
    cff, zenodo = _cff(), _zenodo()
    version = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").split("\ntheme:")[0])
    assert cff["title"] == zenodo["title"] == version["site_name"]
    assert cff["url"] == version["site_url"]
    assert cff["version"] == zenodo["version"]
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'version = "{cff["version"]}"' in pyproject
    assert cff["date-released"] == zenodo["publication_date"]
    assert cff["keywords"] == zenodo["keywords"]
    assert cff["type"] == zenodo["upload_type"] == "dataset"


@pytest.mark.parametrize("file,breakage", [
    ("cff", {"cff-version": "1.2"}),
    ("cff", {"authors": []}),
    ("cff", {"date-released": "3 December 2026"}),
    ("zenodo", {"upload_type": "data set"}),
    ("zenodo", {"creators": [{"nmae": "Typo"}]}),
    ("zenodo", {"licence": "MIT"}),
])
def test_a_broken_file_fails(file: str, breakage: dict[str, Any]) -> None:
    data, schema = ((_cff(), "cff-1.2.0.schema.json") if file == "cff"
                    else (_zenodo(), "zenodo-deposit-subset.schema.json"))
    assert list(_validator(schema).iter_errors({**data, **breakage}))
