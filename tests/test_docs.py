"""Every front-matter key, registry key, command and option is documented in README.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from generator.cli import argument_parser
from generator.content.schema import ACTOR_FIELDS, BRIEFING_FIELDS, REGION_FIELDS, SOURCE_FIELDS

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = argument_parser()
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
    missing += [option for option in _options(argument_parser()) if option not in readme]
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


# --- everything the guides cite is in the repository ------------------------------------

ROOT = README.parent
GUIDES = [README, ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]
_LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


def _relative_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [m.group("target") for m in _LINK.finditer(text)
            if not re.match(r"^(?:[a-z]+:|#)", m.group("target"))]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_a_file_in_the_repository(guide: Path) -> None:
    for target in _relative_links(guide):
        resolved = (guide.parent / target.split("#", 1)[0]).resolve()
        assert resolved.is_relative_to(ROOT), f"{target} lies outside the repository"
        assert resolved.exists(), f"{guide.name}: {target} does not exist"


def test_no_guide_refers_to_files_outside_the_repository() -> None:
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        assert "/work/" not in text and "shared/" not in text, guide.name
    assert "docs/content-format.md" in README.read_text(encoding="utf-8")
    assert "docs/content-format.md" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_guide_names_the_published_address_as_mkdocs_yml_sets_it() -> None:
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"),
                         re.MULTILINE)
    assert site_url is not None
    assert site_url.group(1) in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
