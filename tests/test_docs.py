"""Every front-matter key, registry key, command and option is documented in README.md."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from generator.cli import _parser
from generator.content.schema import ACTOR_FIELDS, BRIEFING_FIELDS, REGION_FIELDS, SOURCE_FIELDS

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(commands.choices)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every documented-worthy option string: not --help, not hidden ones."""
    return [option for action in parser._actions
            if action.help != argparse.SUPPRESS and not isinstance(action, argparse._HelpAction)
            for option in action.option_strings if option.startswith("--")]


@pytest.mark.parametrize("key", sorted({f.key for f in BRIEFING_FIELDS + SOURCE_FIELDS}))
def test_front_matter_key_is_documented(readme: str, key: str) -> None:
    assert f"`{key}`" in readme


@pytest.mark.parametrize("key", sorted({f.key for f in ACTOR_FIELDS + REGION_FIELDS}))
def test_registry_key_is_documented(readme: str, key: str) -> None:
    assert f"`{key}`" in readme


def test_every_command_and_option_is_documented(readme: str) -> None:
    missing = []
    commands = _subcommands()
    assert set(commands) >= {"check", "build", "serve", "bundle", "new", "ingest"}
    for name, sub in commands.items():
        if f"briefings {name}" not in readme:
            missing.append(f"briefings {name}")
        missing += [f"briefings {name} {option}" for option in _options(sub)
                    if option not in _usage_line(readme, name)]
    missing += [option for option in _options(_parser()) if option not in readme]
    assert not missing, "not documented in README.md: " + ", ".join(missing)


def _usage_line(readme: str, command: str) -> str:
    """The README lines that document one command (its row of the commands table)."""
    return "\n".join(line for line in readme.splitlines() if f"briefings {command}" in line)


def test_every_check_format_is_documented(readme: str) -> None:
    formats = _subcommands()["check"]._option_string_actions["--format"].choices
    assert formats is not None
    for fmt in formats:
        assert fmt in _usage_line(readme, "check")


def test_golden_regeneration_command_is_documented(readme: str) -> None:
    assert "UPDATE_GOLDEN=1 .venv/bin/pytest tests/content/test_golden.py" in readme
