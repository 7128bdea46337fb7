"""Golden error files: one case per problem kind, found by glob.

Regenerate every expected file with ONE command (then read the diff before committing):

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/content/test_golden.py

Three kinds of case, each checked by the real ``briefings check`` (text format),
run from the folder that holds ``content/`` so that paths read ``content/...``:

- ``golden/briefings/<case>.md``: one briefing checked against the fixture registries;
  the expected output is ``<case>.expected.txt`` beside it.
- ``golden/registries/<case>/`` and ``golden/archives/<case>/``: a folder laid over a
  content folder holding the fixture registries and an empty ``briefings/``; files the
  case has (``actors.yml``, ``regions.yml``, ``briefings/...``) replace or add to it.
  The expected output is ``<case>/expected.txt``.

Every expected file is the exact text printed, summary line included; the exit code must
be 1 when it reports an error and 0 otherwise.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "archive"

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _cases() -> list[tuple[str, Path, Path]]:
    """(case id, input file or folder, expected file) for every case on disk."""
    found = [(f"briefings/{md.stem}", md, md.with_suffix(".expected.txt"))
             for md in sorted((GOLDEN / "briefings").glob("*.md"))]
    for group in ("registries", "archives"):
        found += [(f"{group}/{folder.name}", folder, folder / "expected.txt")
                  for folder in sorted((GOLDEN / group).iterdir()) if folder.is_dir()]
    return found


CASES = _cases()


def _content(case: Path, root: Path) -> Path:
    """A content folder for one case: fixture registries, then the case on top."""
    content = root / "content"
    (content / "briefings").mkdir(parents=True)
    for registry in ("actors.yml", "regions.yml"):
        shutil.copy(FIXTURE / registry, content / registry)
    if case.is_file():
        shutil.copy(case, content / "briefings" / case.name)
    else:
        shutil.copytree(case, content, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("expected.txt"))
    return content


def _check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(["check", "--content", "content"])
    output = capsys.readouterr().out
    return code, output.replace(str(content.parent), "<tmp>")


def test_there_is_a_case_for_every_kind_of_problem() -> None:
    """The brief's list of problem kinds, each with its golden case."""
    names = {case_id for case_id, _, _ in CASES}
    for required in ("briefings/missing-title", "briefings/unknown-key",
                     "briefings/impossible-date", "briefings/yaml-tag", "briefings/non-utf8",
                     "briefings/bom-crlf-clean", "archives/duplicate-slug",
                     "archives/ambiguous-name", "registries/parent-cycle",
                     "registries/unknown-country", "registries/regions-not-a-list"):
        assert required in names
    assert len(CASES) >= 60


@pytest.mark.parametrize(("case", "expected"), [(path, expected) for _, path, expected in CASES],
                         ids=[case_id for case_id, _, _ in CASES])
def test_check_output_matches_golden(case: Path, expected: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    content = _content(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    code, output = _check(content, capsys)
    if UPDATE:
        expected.write_text(output, encoding="utf-8")
    assert expected.exists(), f"no expected file; run UPDATE_GOLDEN=1 for {case.name}"
    assert output == expected.read_text(encoding="utf-8")
    assert code == (1 if ": error: " in output else 0)
    assert "Traceback" not in output
