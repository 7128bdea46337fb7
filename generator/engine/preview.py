"""The engine's live-preview server: MkDocs' own (or ProperDocs', the same server), rendering
only the files a regeneration rewrote (its dirty mode) and reloading the browser."""

from __future__ import annotations

import os
from pathlib import Path

from generator.engine import engines
from generator.engine.render import (
    EngineConfig,
    EngineError,
    hooks,
    navigation,
    without_dirty_warning,
)


def serve_tree(config: EngineConfig, docs: Path, dev_addr: str) -> None:
    """Serve ``docs`` with the project's theme and hooks until interrupted."""
    if not engines.activate(config.engine):  # a server runs in its own process
        raise EngineError(f"this process already runs {engines.active()}: cannot serve with "
                          f"{config.engine}")
    from mkdocs.commands.serve import serve as mkdocs_serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["BRIEFINGS_OFFLINE"] = "false"
    # Dirty: after the first build MkDocs renders only the pages whose files the
    # regeneration rewrote (buildtree.write leaves unchanged files untouched).
    with without_dirty_warning(config.engine):
        mkdocs_serve(str(config.config_file), livereload=True, build_type="dirty",
                     docs_dir=str(docs.resolve()), dev_addr=dev_addr, hooks=hooks(config),
                     nav=navigation(config), edit_uri="")
