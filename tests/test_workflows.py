"""The repository's GitHub set-up: workflows valid and safe, templates valid, owners set.

The workflows are checked with the real tools (check-jsonschema's GitHub schemas and
zizmor, offline), then for the properties this project promises: every action
pinned to a full commit SHA with its version in a comment, no persisted
credentials, read-only pull-request runs, Pages rights only where deployment needs them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.loading import load_archive

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)


def workflow(name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(document: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in document["jobs"].values() for step in job["steps"]]


def test_there_are_the_three_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["pages.yml", "pull-request.yml", "sources.yml"]


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("custom.github-workflows-require-timeout", WORKFLOWS),
    ("vendor.github-issue-forms", sorted((GITHUB / "ISSUE_TEMPLATE").glob("propose-*.yml"))),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
])
def test_files_pass_the_github_schemas(schema: str, files: list[Path]) -> None:
    assert files
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--format", "json", "--min-severity",
                 "medium", ".github/workflows", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    for path in WORKFLOWS:
        uses = [line.split("uses:", 1)[1].strip() for line in
                path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert uses
        for reference in uses:
            assert PINNED.match(reference), f"{path.name}: {reference}"


def test_checkouts_keep_no_credentials_and_no_secret_is_used() -> None:
    for path in WORKFLOWS:
        assert "${{secrets." not in path.read_text(encoding="utf-8").replace(" ", "")
        for step in steps(workflow(path.name)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pull_requests_run_read_only_and_check_build_and_preview() -> None:
    document = workflow("pull-request.yml")
    assert document[True] == {"pull_request": None}  # YAML 1.1 reads the key 'on' as True
    assert document["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in document["jobs"].values())
    commands = " ".join(step.get("run", "") for step in steps(document))
    for needed in ("briefings check --format github", "make lint", "make test-fast",
                   "make site", "briefings bundle"):
        assert needed in commands
    uploads = [s for s in steps(document) if s.get("uses", "").startswith(
        "actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["name"] == "site-preview"


def test_pull_requests_render_with_both_engines_and_compare() -> None:
    """The site and the offline bundle, built with MkDocs and with ProperDocs, must match."""
    runs = [step.get("run", "") for step in steps(workflow("pull-request.yml"))]
    site = next(run for run in runs if "build --engine properdocs" in run)
    assert 'diff -r site "$RUNNER_TEMP/site-properdocs"' in site
    assert "make site" in runs  # builds into site/
    bundle = next(run for run in runs if "bundle --engine properdocs" in run)
    assert 'cmp "$RUNNER_TEMP/preview.zip" "$RUNNER_TEMP/properdocs.zip"' in bundle


def test_workflows_install_lint_and_test_through_make() -> None:
    """The workflows call the Makefile's targets, never the commands under them (issue 22)."""
    for path in WORKFLOWS:
        runs = " ".join(step.get("run", "") for step in steps(workflow(path.name)))
        assert "make install" in runs, path.name
        for spelled_out in ("python -m venv", "pip install", "ruff", "mypy", "pytest",
                            "eslint", "npm "):
            assert spelled_out not in runs, f"{path.name}: {spelled_out}"
    pages = [step.get("run", "") for step in steps(workflow("pages.yml"))]
    assert 'make check CHECK_FLAGS="--format github"' in pages
    assert "make site BUILD_FLAGS=--downloads" in pages


def test_the_weekly_source_check_may_only_push_a_branch_and_open_a_pull_request() -> None:
    document = workflow("sources.yml")
    assert document["permissions"] == {}
    assert list(document[True]) == ["schedule", "workflow_dispatch"]
    assert document[True]["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"]  # weekly
    [job] = document["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    commands = " ".join(step.get("run", "") for step in steps(document))
    assert 'make --silent sources SOURCES_FLAGS="--budget 40m --write"' in commands
    assert "SOURCES_FLAGS=--report" in commands and "gh pr create" in commands
    assert "--save" not in commands  # no secrets, so no Save Page Now


def test_only_the_deploy_job_may_write_to_pages() -> None:
    document = workflow("pages.yml")
    assert document["permissions"] == {}
    assert document[True]["push"] == {"branches": ["main"]}
    jobs = document["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_code_theme_config_and_workflows_need_a_maintainer() -> None:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))

    def owners_of(path: str) -> list[str]:
        found: list[str] = []
        for pattern, owners in rules:  # the last matching pattern wins
            bare = pattern.strip("/")
            if pattern == "*" or path == bare or path.startswith(bare + "/"):
                found = owners
        return found

    for path in ("generator/cli.py", "theme/main.html", "mkdocs.yml", ".github/workflows/pages.yml",
                 "pyproject.toml", "content/actors.yml", "content/regions.yml"):
        assert owners_of(path), path
    assert owners_of("content/briefings/2023/2023-01-18-x.md") == []


def test_the_pre_commit_hook_runs_the_check_on_changed_content() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    assert hook["entry"].endswith("briefings check") and hook["pass_filenames"] is True
    assert re.match(hook["files"], "content/briefings/2023/x.md")
    entry = [str(ROOT / part) if part.startswith(".venv") else part
             for part in hook["entry"].split()]
    briefing = next((ROOT / "content" / "briefings").rglob("*.md")).relative_to(ROOT)
    result = run(*entry, briefing.as_posix())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pull_request_template_has_the_editors_checklist() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)", template, re.MULTILINE)
    assert len(boxes) >= 6
    for topic in ("own words", "date", "source", "draft: true", "preview"):
        assert any(topic in box for box in boxes), topic


# --- CONTRIBUTING.md: the editors' guide explains every message they can meet -----------

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
_CODE_SPAN = re.compile(r"``(.+?)\s?``|`([^`]+)`")
_REPORTED = re.compile(r"^\S.*?:(?:\d+:)? (?:error|warning): (?P<message>.+)$")


def documented_patterns() -> list[re.Pattern[str]]:
    """Each message of the guide's error section as a regex (``<...>`` matches anything)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("## What each error means", 1)[1].split("\n## ", 1)[0]
    patterns = []
    for line in section.split("\n- ")[1:]:
        head = line.split("`:", 1)[0] + "`"  # the message spans come before the colon
        for span in _CODE_SPAN.finditer(" ".join(head.split())):
            shown = span.group(1) or span.group(2)
            parts = [re.escape(part) for part in shown.split("<...>")]
            patterns.append(re.compile(".+?".join(parts) + r"(?: \(|$)"))
    return patterns


def reported_messages() -> set[str]:
    """Every message in the golden error files (tests/golden) and from new and ingest."""
    messages = set()
    for path in (ROOT / "tests" / "golden").rglob("*expected.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = _REPORTED.match(line)
            if match:
                messages.add(match.group("message"))
    messages |= {"the summary is still the placeholder written by `briefings new` (write ...)",
                 "the article text copied by `briefings ingest` is still in the file (write...)",
                 "'published' is still to be filled in (write the value ...)"}
    return messages


def test_the_guide_explains_every_error_message() -> None:
    patterns = documented_patterns()
    assert len(patterns) >= 40
    messages = reported_messages()
    assert len(messages) >= 40
    undocumented = sorted(m for m in messages if not any(p.match(m) for p in patterns))
    assert not undocumented, undocumented


def test_the_guide_shows_an_example_that_checks_clean(content_dir: Path) -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    example = text.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    target = content_dir / "briefings" / "2023" / "2023-04-23-hakari-bridge-checkpoint.md"
    target.write_text(example, encoding="utf-8")
    shutil.copy(ROOT / "content" / "actors.yml", content_dir / "actors.yml")
    shutil.copy(ROOT / "content" / "regions.yml", content_dir / "regions.yml")
    loaded = load_archive(content_dir)
    assert [p for p in loaded.problems if "hakari" in p.path] == []
    assert any(b.slug == "hakari-bridge-checkpoint" for b in loaded.archive.briefings)


# --- an editor's pull request runs only the content checks and the build -------------------

def step_named(document: dict[Any, Any], start: str) -> dict[str, Any]:
    return next(s for s in steps(document) if s.get("name", "").startswith(start))


def run_changes_step(tmp_path: Path, changed: str) -> str:
    """The workflow's own 'What the pull request changes' script, on a real two-commit repo."""
    repo = tmp_path / "repo"
    (repo / "content" / "briefings").mkdir(parents=True)
    (repo / "generator").mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    (repo / "content" / "briefings" / "a.md").write_text("a\n", encoding="utf-8")
    (repo / "generator" / "x.py").write_text("x = 1\n", encoding="utf-8")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    (repo / changed).write_text("changed\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "change"], check=True)
    output = tmp_path / "output"
    script = step_named(workflow("pull-request.yml"), "What the pull request changes")["run"]
    subprocess.run(["bash", "-e", "-c", script], cwd=repo, check=True, env={
        "PATH": "/usr/bin:/bin", "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(output)})
    return output.read_text(encoding="utf-8")


def test_a_content_only_pull_request_skips_lint_types_and_tests(tmp_path: Path) -> None:
    document = workflow("pull-request.yml")
    for start in ("Lint and type-check", "Run the tests"):
        assert step_named(document, start)["if"] == "steps.changes.outputs.code == 'true'"
    for start in ("Check the changed briefings", "Build the site", "Build the preview"):
        assert "if" not in step_named(document, start)
    assert run_changes_step(tmp_path / "content", "content/briefings/a.md") == "code=false\n"
    assert run_changes_step(tmp_path / "code", "generator/x.py") == "code=true\n"


def test_the_job_summary_lists_the_briefings_and_where_the_preview_is() -> None:
    step = step_named(workflow("pull-request.yml"), "Summarise the briefings")
    assert step["if"] == "${{ !cancelled() }}"
    assert "briefings summary --run-url" in step["run"] and "GITHUB_STEP_SUMMARY" in step["run"]
    assert "git diff --name-status -z HEAD^1 HEAD" in step["run"]


def test_the_check_step_passes_only_briefings_and_registries() -> None:
    script = step_named(workflow("pull-request.yml"), "Check the changed briefings")["run"]
    pipeline = script.split("|", 1)[1].rsplit("| xargs", 1)[0]
    names = "content/briefings/2023/a.md\0generator/cli.py\0content/actors.yml\0README.md\0"
    result = subprocess.run(["bash", "-c", pipeline], input=names, capture_output=True,
                            text=True, check=True)
    assert result.stdout.split("\0")[:-1] == ["content/briefings/2023/a.md",
                                              "content/actors.yml"]
