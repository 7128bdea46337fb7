"""`briefings check FILES...`: the problems of a pull request's files and what they break."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.problems import Problem
from generator.editorial.changed_files import limit_to_files

OLD = "briefings/2023/2023-09-19-offensive.md"
NEW_BRIEFING = """\
---
title: New briefing
date: 2023-09-21
region: Karabakh
actors: [Pashinyn]
source:
  name: Reuters
  url: https://www.reuters.com/world/example-new
---
Text.
"""
COLLIDING = """\
---
title: Takes an old slug
date: 2022-01-01
slug: offensive
region: Armenia
actors: [CSTO]
source:
  name: Reuters
  url: https://www.reuters.com/world/example-old
---
Text.
"""


@pytest.fixture
def pull_request(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture archive with one unrelated old error and two new files of a change."""
    monkeypatch.chdir(content_dir.parent)
    old = content_dir / "briefings" / "2024" / "2024-02-01-armenia-freezes.md"
    old.write_text(old.read_text(encoding="utf-8").replace("date:", "date: 2024-13-01\nx:", 1),
                   encoding="utf-8")
    (content_dir / "briefings" / "2023" / "2023-09-21-new.md").write_text(NEW_BRIEFING, "utf-8")
    (content_dir / "briefings" / "2022").mkdir()
    (content_dir / "briefings" / "2022" / "2022-01-01-taken.md").write_text(COLLIDING, "utf-8")
    return Path("content")


def check(*arguments: str) -> int:
    return main(["check", "--content", "content", *arguments])


def test_only_the_changed_files_and_what_they_break_are_reported(
        pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check() == 1
    everything = capsys.readouterr().out
    assert "2024-02-01-armenia-freezes.md" in everything
    assert check("content/briefings/2023/2023-09-21-new.md",
                 "./content/briefings/2022/../2022/2022-01-01-taken.md") == 1
    reported = capsys.readouterr().out
    assert "content/briefings/2023/2023-09-21-new.md:5: error: unknown actor 'Pashinyn'" in (
        reported)
    # The old briefing whose slug the new one took is named, though it did not change.
    assert f"content/{OLD}:1: error: slug 'offensive' is already used by " \
           "content/briefings/2022/2022-01-01-taken.md" in reported
    assert "2024-02-01-armenia-freezes.md" not in reported
    assert reported.rstrip().splitlines()[-1].startswith("2 errors, 0 warnings: ")


def test_absolute_paths_name_the_same_files(pull_request: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    absolute = os.path.abspath("content/briefings/2023/2023-09-21-new.md")
    assert check(absolute) == 1
    assert "unknown actor 'Pashinyn'" in capsys.readouterr().out


def test_a_clean_changed_file_passes_despite_old_errors_elsewhere(
        pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(f"content/{OLD.replace('2023-09-19-offensive', '2023-09-20-ceasefire')}") == 0
    assert capsys.readouterr().out.startswith("no problems found: ")


def test_a_registry_change_reports_everything_it_breaks(
        pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actors = Path("content/actors.yml")
    actors.write_text(actors.read_text(encoding="utf-8").replace("[Sergey Lavrov, ", "["),
                      "utf-8")
    assert check("content/actors.yml") == 1
    reported = capsys.readouterr().out
    assert "2023-01-18-blinken-pashinyan-call.md:5: error: unknown actor 'Sergey Lavrov'" in (
        reported)
    assert "2024-02-01-armenia-freezes.md" in reported  # everything, old errors too


def test_github_and_json_formats_carry_file_and_line(
        pull_request: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = "content/briefings/2023/2023-09-21-new.md"
    assert check("--format", "github", new) == 1
    lines = capsys.readouterr().out.splitlines()
    assert f"::error file={new},line=5::unknown actor 'Pashinyn'" \
           " (did you mean 'Nikol Pashinyan'?)" in lines
    assert all(line.startswith("::error file=content/briefings/") and ",line=" in line
               for line in lines)
    assert check("--format", "json", new, "content/briefings/2022/2022-01-01-taken.md") == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert {(p["path"], p["line"]) for p in problems} == {
        (new, 5), (f"content/{OLD}", 1)}


@pytest.mark.parametrize("changed", [["content/actors.yml"], ["content/regions.yml"],
                                     ["generator/content/schema.py"], ["mkdocs.yml"], []])
def test_changes_outside_briefings_keep_every_problem(changed: list[str]) -> None:
    problems = [Problem("content/briefings/a.md", 1, "a"), Problem("content/actors.yml", 3, "b")]
    assert limit_to_files(problems, changed, Path("content")) == problems


def test_a_problem_is_kept_for_its_own_file_only() -> None:
    problems = [Problem("content/briefings/a.md", 1, "a"),
                Problem("content/briefings/b.md", 2, "b"),
                Problem("content/briefings/c.md", 2, "slug used by content/briefings/a.md")]
    kept = limit_to_files(problems, ["content/briefings/a.md"], Path("content"))
    assert [p.path for p in kept] == ["content/briefings/a.md", "content/briefings/c.md"]
