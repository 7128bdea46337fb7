"""The engine's live-preview server: MkDocs' live-reload server (ProperDocs' is the same)
over a built preview site. Import it only after ``engines.activate``: it imports the engine.

The server serves the preview site, watches the content folder (inotify where there is
one) and calls the given rebuild after each change; then every open page reloads. Two
changes to MkDocs' server: the site's Content-Security-Policy allows no inline script, so
pages get a script file (``preview_client.js``) in place of MkDocs' inline one; and the
rebuild's problems, served as ``/__preview__/problems.json``, are shown over the page.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer

from generator.content.problems import Problem

CLIENT = Path(__file__).with_name("preview_client.js")
_CLIENT_PATH = "/__preview__/client.js"
_PROBLEMS_PATH = "/__preview__/problems.json"
_READ_ONLY = frozenset(("opened", "closed_no_write"))


class PreviewServer(LiveReloadServer):
    """MkDocs' server, with a script file for reloading and the problems to show."""

    def __init__(self, rebuild: Callable[[], None], host: str, port: int, root: Path,
                 mount_path: str) -> None:
        super().__init__(rebuild, host, port, str(root), mount_path)
        # inotify where there is one: a save is seen at once, not at the next poll
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = 0.05  # MkDocs waits this long for a burst of saves to end
        self.problems: bytes = b"[]"
        self.changed: set[str] = set()
        self._changes = threading.Lock()

    def serve_then(self, ready: Callable[[], None]) -> None:
        """MkDocs' ``serve``, calling ``ready`` once the socket listens and the watcher
        watches, just before requests are answered: whoever waits for "serving" can then
        both load a page and save a file that is seen."""
        start = self.serve_thread.start

        def ready_then_start() -> None:
            ready()
            start()
        self.serve_thread.start = ready_then_start  # type: ignore[method-assign]
        self.serve()  # type: ignore[no-untyped-call]

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """What the page shows over itself from the next reload on (nothing if empty)."""
        self.problems = json.dumps([p.as_dict() for p in problems], ensure_ascii=False).encode()

    def watch_content(self, content: Path) -> None:
        """Rebuild after any change under ``content``, remembering which files changed.

        Not MkDocs' ``watch``: its handler takes every event for a change, and inotify also
        reports files merely opened and read (the rebuild reads content: it would loop).
        """
        self._watched_paths[str(content.resolve())] = 1  # MkDocs' server reads this
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._remember  # type: ignore[method-assign]
        self.observer.schedule(handler, str(content), recursive=True)

    def take_changed(self) -> list[str]:
        """The files changed since the last call, sorted."""
        with self._changes:
            changed, self.changed = sorted(self.changed), set()
        return changed

    def _remember(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _READ_ONLY:
            return
        with self._changes:
            self.changed.update(os.fsdecode(p) for p in (event.src_path, event.dest_path) if p)
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end == -1 else body_end
        tag = (f'<script src="{_CLIENT_PATH}?epoch={epoch}&amp;id={time.monotonic_ns()}" '
               'defer></script>').encode()
        return content[:body_end] + tag + content[body_end:]

    def _serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]
                       ) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"]
        if path == _CLIENT_PATH:
            return _respond(start_response, CLIENT.read_bytes(), "text/javascript")
        if path == _PROBLEMS_PATH:
            return _respond(start_response, self.problems, "application/json")
        result: Iterable[bytes] | None = super()._serve_request(environ, start_response)
        return result


def _respond(start_response: Callable[..., Any], body: bytes, kind: str) -> list[bytes]:
    start_response("200 OK", [("Content-Type", f"{kind}; charset=utf-8"),
                              ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
    return [body]


def mount_path(site_url: str | None) -> str:
    """Where MkDocs' own server would mount the site: the path of ``site_url``."""
    from urllib.parse import urlsplit

    return (urlsplit(site_url).path or "/") if site_url else "/"
