"""Every command from any folder, on any port: the project is found as git finds its work
tree (the nearest folder with mkdocs.yml at or above the working folder, or the one holding
--content), or the command refuses in one line; no traceback from any folder, any address.

Real subprocesses of the installed `briefings`, in a copy of the project (mkdocs.yml, theme,
the fixture archive as content/); each run is compared with what a person must read.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
SCRIPT = Path(sys.executable).parent / "briefings"
PAGE = ROOT / "tests" / "fixtures" / "ingest" / "abcnews-ap-exodus.txt"
COMMANDS = ("check", "build", "serve", "bundle", "zim", "new", "ingest", "summary", "sources")
NEW = ["--title", "Talks resume", "--date", "2023-05-14", "--region", "Armenia",
       "--actor", "Nikol Pashinyan", "--source-name", "Reuters",
       "--source-url", "https://www.reuters.com/world/talks"]


def run(*args: str, cwd: Path, stdin: str = "", timeout: float = 300
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, timeout=timeout, check=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project as a new archive has it: mkdocs.yml, the theme and content/, and nothing
    above it with mkdocs.yml (so 'outside' is truly outside)."""
    root = tmp_path_factory.mktemp("everywhere") / "archive"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(ROOT / "theme")
    shutil.copytree(FIXTURE, root / "content")
    return root


def test_help_of_every_command_ends_cleanly(tmp_path: Path) -> None:
    for args in (["--help"], *([command, "--help"] for command in COMMANDS)):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout.startswith("usage: briefings")


def _outputs(name: str, up: str) -> list[str]:
    """Where build, bundle and zim write: a path typed relative to the folder typed in."""
    return {"build": ["--site-dir", f"{up}out-site"], "bundle": ["--output", f"{up}out.zip"],
            "zim": ["--output", f"{up}out.zim"]}.get(name, [])


@pytest.mark.parametrize("where", ["project", "sub-folder", "outside"])
@pytest.mark.parametrize("command", ["check", "build", "bundle", "zim", "new", "ingest",
                                     "summary", "sources"])
def test_every_command_from_every_folder(project: Path, tmp_path: Path, command: str,
                                         where: str) -> None:
    """From the project or content/briefings/2023 the command works on the project; from
    outside, without --content, it says in one line where to run from, and with --content
    it finds the project from the content folder."""
    folder = {"project": project, "sub-folder": project / "content" / "briefings" / "2023",
              "outside": tmp_path}[where]
    up = "../../../" if where == "sub-folder" else ""
    args = {"new": [*NEW, "--slug", f"talks-{where}"], "ingest": [str(PAGE)],
            "sources": ["--report"]}.get(command, [])  # --report: no network
    args += _outputs(command, up)
    result = run(command, *args, cwd=folder, stdin="A\tcontent/briefings/x.md\n")
    printed = result.stdout + result.stderr
    assert "Traceback" not in printed, printed
    if where == "outside":
        assert result.returncode == 2, printed
        assert result.stderr.count("\n") == 1, printed
        assert "no project here" in result.stderr and "mkdocs.yml" in result.stderr
        if command in ("bundle", "zim"):
            return  # with --content, as build: the same finding of the project, slower
        with_content = run(command, *args, "--content", str(project / "content"),
                           cwd=folder, stdin="A\tcontent/briefings/x.md\n")
        assert "Traceback" not in with_content.stdout + with_content.stderr
        assert with_content.returncode in (0, 1), with_content.stderr  # 1: check's warnings
        _remove_written(project, command, with_content.stdout)
        return
    assert result.returncode in (0, 1), printed
    assert "does not exist" not in printed
    _remove_written(project, command, result.stdout)
    if command in ("build", "bundle", "zim"):  # a path typed in a sub-folder means there
        made = project / _outputs(command, "")[1]
        assert made.exists(), printed
        shutil.rmtree(made) if made.is_dir() else made.unlink()


def _remove_written(project: Path, command: str, stdout: str) -> None:
    """The briefing new or ingest wrote (its path as printed, from the project), removed:
    the drafts would break the next command's check."""
    if command in ("new", "ingest"):
        written = project / stdout.strip()
        assert written.is_file() and written.is_relative_to(project / "content"), stdout
        written.unlink()


@pytest.mark.parametrize("where", ["project", "sub-folder"])
def test_serve_from_the_project_and_a_sub_folder(project: Path, where: str) -> None:
    folder = project if where == "project" else project / "content" / "briefings"
    port = free_port()
    with _serving(folder, f"127.0.0.1:{port}") as (process, log):
        _wait(lambda: "serving the preview" in log.read_text(), process, log)
        assert "Traceback" not in log.read_text()
    assert (project / ".build" / "serve" / "site" / "index.html").is_file()


@pytest.mark.parametrize(("address", "message"), [
    ("127.0.0.1:abc", "the port 'abc' is not a number"),
    ("127.0.0.1:70000", "the port 70000 is out of range"),
    ("127.0.0.1:0", "the port 0 is out of range"),
    ("::1:8000", "write an IPv6 address in brackets, e.g. [::1]:8000"),
    ("[::1:8000", "is not an address"),
    ("no-such-host.invalid:8000", "no such host 'no-such-host.invalid'"),
])
def test_serve_refuses_an_address_it_cannot_use_before_building(
        project: Path, address: str, message: str) -> None:
    result = run("serve", "--dev-addr", address, cwd=project, timeout=60)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert "serving" not in result.stderr and "Traceback" not in result.stderr


def test_serve_on_a_busy_port_says_so_and_never_says_serving(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--dev-addr", f"127.0.0.1:{port}", cwd=project, timeout=60)
    assert result.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}: the port is in use" in result.stderr
    assert f"--dev-addr 127.0.0.1:{port + 1}" in result.stderr
    assert "serving" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("form", ["localhost:{port}", "[::1]:{port}", "0.0.0.0:{port}"])
def test_serve_on_every_form_of_address(project: Path, form: str) -> None:
    if form.startswith("[::1]") and not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    address = form.format(port=free_port())
    with _serving(project, address) as (process, log):
        _wait(lambda: "serving the preview" in log.read_text(), process, log)
        text = log.read_text()
    assert f"serving the preview on http://{address}/" in text, text
    if form.startswith("0.0.0.0"):
        assert "warning: 0.0.0.0 serves the preview to every machine" in text
    else:
        assert "warning" not in text


def _wait(ready: object, process: subprocess.Popen[bytes], log: Path, timeout: float = 120
          ) -> None:
    end = time.monotonic() + timeout
    while not ready():  # type: ignore[operator]
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < end, log.read_text()
        time.sleep(0.2)


class _serving:
    """`briefings serve` running in ``folder``, stopped on leaving."""

    def __init__(self, folder: Path, address: str) -> None:
        self.folder, self.address = folder, address

    def __enter__(self) -> tuple[subprocess.Popen[bytes], Path]:
        self.log = Path(tempfile.gettempdir()) / f"serve-{time.monotonic_ns()}.log"
        self.handle = self.log.open("w")
        self.process = subprocess.Popen([str(SCRIPT), "serve", "--dev-addr", self.address],
                                        cwd=self.folder, stdout=self.handle,
                                        stderr=subprocess.STDOUT)
        return self.process, self.log

    def __exit__(self, *exc: object) -> None:
        # SIGTERM, which serve takes as Ctrl+C: a SIGINT is ignored by a process started in
        # the background of a non-interactive shell (as a CI runner may run the suite).
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.handle.close()
            self.log.unlink()


def test_a_build_with_the_starter_placeholders_warns(project: Path, tmp_path: Path) -> None:
    """A new archive that has not set site_url and repo_url is told so, once per build; one
    that has is not."""
    result = run("build", "--site-dir", str(tmp_path / "a"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert ("mkdocs.yml: warning: site_url is still the starter project's placeholder, "
            "https://briefings.example.org/") in result.stderr
    assert "warning: repo_url is still the starter project's placeholder" in result.stderr
    settings = (project / "mkdocs.yml").read_text("utf-8")
    try:
        (project / "mkdocs.yml").write_text(settings.replace(
            "https://briefings.example.org/", "https://news.example-archive.net/").replace(
            "briefing-archive/briefing-archive", "someone/their-archive"), "utf-8")
        result = run("build", "--site-dir", str(tmp_path / "b"), cwd=project)
        assert result.returncode == 0 and "placeholder" not in result.stderr, result.stderr
    finally:
        (project / "mkdocs.yml").write_text(settings, "utf-8")
