"""Live preview: the build, kept warm, rerun after each save; the browser shows the result.

The preview is a real build (pipeline.build, into ``.build/serve/``): after an edit it
plans, writes and renders only what the edit changes, in this already-running process.
The terminal says where the preview is served and, for each rebuild, what changed and
how long it took; problems are printed there and shown over the page in the browser
(engine.preview) until they are fixed, while the preview keeps its last good version.
"""

from __future__ import annotations

import os
import signal
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
    if not engines.activate(engine):  # a server runs in the engine's own process
        raise render.EngineError(f"this process already runs {engines.active()}: cannot "
                                 f"serve with {engine}")
    from generator.engine import preview  # imports the engine: only once it is chosen

    # The preview's site is a folder of its own inside the build folder (private_site).
    options = BuildOptions(content=content, site_dir=BUILD / "site", build_dir=BUILD,
                           config_file=config_file, drafts=drafts, warm=Warm(), engine=engine,
                           private_site=True)
    host, _, port = dev_addr.rpartition(":")
    site = render.site_settings(render.EngineConfig(config_file, engine=engine))

    def after_change() -> None:
        rebuild(options, server, server.take_changed())
    server = preview.PreviewServer(after_change, host or "127.0.0.1", int(port),
                                   options.site_dir, preview.mount_path(site.url))
    if not rebuild(options, server, ["first build"]) and not options.site_dir.is_dir():
        return 1  # nothing good to show yet: the problems are printed above
    server.watch_content(content)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a service manager: as by Ctrl+C
    print(f"briefings serve: serving the preview on {server.url} (Ctrl+C stops it)",
          file=sys.stderr, flush=True)
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        print("briefings serve: stopped", file=sys.stderr)
    finally:
        server.shutdown()
        if options.warm is not None:
            options.warm.save()  # for the next preview or build: only what changed is read
    return 0


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
