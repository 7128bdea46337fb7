"""Live preview: regenerate the build tree when content changes; MkDocs' server reloads."""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import replace
from pathlib import Path

from generator import report
from generator.content.loading import walk
from generator.content.model import Archive
from generator.content.problems import ContentError
from generator.engine import engines, preview, render, sitedir
from generator.pipeline import check, without_drafts
from generator.site.plan import buildtree, increment
from generator.site.urls import PathCollision

POLL_SECONDS = 0.5
TREE = Path(".build/serve/docs")


def _snapshot(content: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for folder, names in walk(content):  # iterative: any depth of folders
        for name in names:
            try:  # editors' lock links dangle, and their temporary files come and go
                stat = (Path(folder) / name).lstat()
            except FileNotFoundError:
                continue
            found.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def regenerate(content: Path, site: render.Site, drafts: bool) -> Archive | None:
    """Rewrite the preview's build tree from content; on problems report them, keep the tree.

    Returns the archive written, or None.
    """
    loaded = check(content, cache_file=TREE.parent / "briefings.cache")
    if not loaded.ok:
        print(report.render(loaded.problems, "text"), file=sys.stderr)
        return None
    archive = loaded.archive if drafts else without_drafts(loaded.archive)
    # Only what changed since the last regeneration, as builds do (pipeline.build); in one
    # process: the preview server runs threads, and the plan forks only without them.
    state_file = TREE.parent / "plan.state"
    key = increment.state_key(archive, site, f"serve drafts={drafts}")
    previous = increment.load_state(state_file)
    increment.save_state(state_file, None)
    pieces = TREE.parent / "pieces.pickle"
    plan = buildtree.plan_changes(archive, site, key, previous, pieces=pieces) \
        if previous else None
    plan = plan or buildtree.plan(archive, site, key)
    changed = buildtree.write(plan, TREE)
    increment.save_state(state_file, plan.state)
    print(f"briefings: content changed; {len(changed)} file(s) of the preview rewritten",
          file=sys.stderr)
    return archive


def _watch(content: Path, site: render.Site, drafts: bool, stop: threading.Event) -> None:
    seen = _snapshot(content)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(content)
        if now != seen:
            seen = now
            try:  # the preview keeps watching whatever one regeneration runs into
                regenerate(content, site, drafts)
            except (ContentError, PathCollision, OSError) as error:
                print(f"briefings: error: {error}; the preview keeps its last good state",
                      file=sys.stderr)


def serve(content: Path, config_file: Path, dev_addr: str, drafts: bool,
          engine: str = engines.DEFAULT) -> int:
    """Preview ``content`` until interrupted; sitedir.SiteDirError if the content lies
    inside the build folder the preview rewrites."""
    sitedir.check_content(sitedir.Places(content, TREE.parents[1], config_file))
    config = render.EngineConfig(config_file, engine=engine)
    site = render.site_settings(config)
    archive = regenerate(content, site, drafts)
    if archive is None:
        return 1
    # The navigation as the preview starts (editorial pages added later show on a restart).
    config = replace(config, extra_nav=tuple(buildtree.nav_entries(archive)))
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(content, site, drafts, stop), daemon=True)
    watcher.start()
    try:
        preview.serve_tree(config, TREE, dev_addr)
    finally:
        stop.set()
    return 0
