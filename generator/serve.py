"""Live preview: the build, kept warm, rerun after each save; the browser shows the result.

The preview is a real build (pipeline.build, into ``.build/serve/``): after an edit it
plans, writes and renders only what the edit changes, in this already-running process.
The terminal says where the preview is served and, for each rebuild, what changed and
how long it took; problems are printed there and shown over the page in the browser
(engine.preview) until they are fixed, while the preview keeps its last good version.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import report
from generator.buildfolder import BuildFolder
from generator.content.problems import ContentError, Problem
from generator.engine import engines, render, sitedir
from generator.pipeline import BuildOptions, Warm, build

if TYPE_CHECKING:
    from generator.engine import preview

BUILD = BuildFolder().preview


def serve(content: Path, config_file: Path, dev_addr: str, drafts: bool,
          engine: str = engines.DEFAULT) -> int:
    """Build the preview, serve it on ``dev_addr`` and rebuild after every change.

    sitedir.SiteDirError if the content lies inside the build folder the preview rewrites;
    render.EngineError if this process already runs the other engine.
    """
    sitedir.check_content(sitedir.Places(content, BUILD.parent, config_file))  # all of .build
    host, port = address(dev_addr)  # AddressError before anything is built or printed
    if not engines.activate(engine):  # a server runs in the engine's own process
        raise render.EngineError(f"this process already runs {engines.active()}: cannot "
                                 f"serve with {engine}")
    from generator.engine import preview  # imports the engine: only once it is chosen

    # The preview's site is a folder of its own inside the build folder (private_site).
    options = BuildOptions(content=content, site_dir=BUILD / "site", build_dir=BUILD,
                           config_file=config_file, drafts=drafts, warm=Warm(), engine=engine,
                           private_site=True)
    site = render.site_settings(render.EngineConfig(config_file, engine=engine))

    def after_change() -> None:
        rebuild(options, server, server.take_changed())
    server = preview.PreviewServer(after_change, host, port, options.site_dir,
                                   preview.mount_path(site.url))
    if not rebuild(options, server, ["first build"]) and not options.site_dir.is_dir():
        return 1  # nothing good to show yet: the problems are printed above
    server.watch_content(content)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager: as by Ctrl+C
    check_free(host, port)  # taken meanwhile: said in one line, before "serving"
    url = server.url.replace(f"//{host}:", f"//[{host}]:") if ":" in host else server.url

    def ready() -> None:  # listening and watching: a page loads, a save is seen
        print(f"briefings serve: serving the preview on {url} (Ctrl+C stops it)",
              file=sys.stderr, flush=True)
        if host in ANY_HOST:
            print(f"briefings serve: warning: {host} serves the preview to every machine "
                  "that can reach this one" + (", drafts included" if drafts else "") +
                  "; use 127.0.0.1 to keep it to this machine", file=sys.stderr, flush=True)
    try:
        server.serve_then(ready)
    except KeyboardInterrupt:
        print("briefings serve: stopped", file=sys.stderr)
    except OSError as error:  # the port was taken between the check and the server's bind
        raise AddressError(f"cannot serve on {dev_addr}: {error.strerror}") from None
    finally:
        server.shutdown()
        if options.warm is not None:
            options.warm.save()  # for the next preview or build: only what changed is read
    return 0


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
ANY_HOST = frozenset({"0.0.0.0", "::", ""})  # named to warn about them
_ADDRESS_HINT = "write HOST:PORT, e.g. 127.0.0.1:8000, localhost:8001 or [::1]:8000"


class AddressError(Exception):
    """A ``--dev-addr`` that cannot be served on (a usage error, said in one line)."""


def address(dev_addr: str) -> tuple[str, int]:
    """``--dev-addr`` as (host, port): HOST:PORT, [IPv6]:PORT, HOST alone, :PORT or PORT."""
    text = dev_addr.strip()
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise AddressError(f"--dev-addr '{dev_addr}' is not an address; {_ADDRESS_HINT}")
        port_text = rest[1:] if rest else ""
    elif text.count(":") > 1:
        raise AddressError(f"--dev-addr '{dev_addr}': write an IPv6 address in brackets, "
                           f"e.g. [::1]:{DEFAULT_PORT}")
    elif text.isdigit():
        host, port_text = DEFAULT_HOST, text
    else:
        host, _, port_text = text.partition(":")
        host = host or DEFAULT_HOST
    if port_text and not (port_text.isascii() and port_text.isdigit()):
        raise AddressError(f"--dev-addr '{dev_addr}': the port '{port_text}' is not a number; "
                           f"{_ADDRESS_HINT}")
    port = int(port_text) if port_text else DEFAULT_PORT
    if not 1 <= port <= 65535:
        raise AddressError(f"--dev-addr '{dev_addr}': the port {port} is out of range; "
                           "use 1 to 65535, e.g. 8000")
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise AddressError(f"--dev-addr '{dev_addr}': no such host '{host}' on this "
                           f"machine; {_ADDRESS_HINT}") from None
    check_free(host, port)
    return host, port


def check_free(host: str, port: int) -> None:
    """AddressError if the server could not listen on (host, port): taken, or not ours."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind((host, port))
    except OSError as error:
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        busy = error.errno == errno.EADDRINUSE
        raise AddressError(f"cannot serve on {shown}: " + (
            "the port is in use (another preview?); stop it, or give another port with "
            f"--dev-addr {host if ':' not in host else f'[{host}]'}:{port + 1}" if busy else
            f"{error.strerror}; {_ADDRESS_HINT}")) from None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def rebuild(options: BuildOptions, server: preview.PreviewServer, changed: Sequence[str]
            ) -> bool:
    """One rebuild, reported in one line; its problems go to the terminal and the page."""
    start = time.perf_counter()
    try:
        build(options)
        problems: list[Problem] = []
    except ContentError as error:
        problems = error.problems
    except (render.EngineError, OSError) as error:
        problems = [Problem(str(options.content), None, f"the preview could not be built: "
                            f"{error}", "the last good version is shown meanwhile")]
    server.show_problems(problems)
    errors = sum(p.is_error for p in problems)
    took = f"{time.perf_counter() - start:.2f} s"
    first = list(changed) == ["first build"]
    outcome = (f"{errors} problem{'s' * (errors != 1)} ({took}), shown in the browser until "
               "fixed" if errors else f"{'built' if first else 'rebuilt'} in {took}")
    print(f"briefings serve: {_what(changed)}: {outcome}", file=sys.stderr, flush=True)
    if errors:
        print(report.render(problems, "text"), file=sys.stderr, flush=True)
    return not errors


def _what(changed: Sequence[str]) -> str:
    """The changed files as the editor knows them: relative to the working folder."""
    if list(changed) == ["first build"]:
        return "first build"
    # An editor's temporary files come and go within one save; the files that matter stay
    # (or, deleted, were briefings or registries).
    kept = [p for p in changed if os.path.exists(p) or p.endswith((".md", ".yml"))]
    shown = [os.path.relpath(path) if os.path.isabs(path) else path for path in kept]
    if not shown:
        return "content changed"
    more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    return ", ".join(shown[:3]) + more + " changed"
