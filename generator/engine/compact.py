"""MkDocs hook (the engine adds it to mkdocs.yml's hooks): the theme without its indentation.

Material's templates are indented for their authors: a briefing page carried about 3.7 kB of
blank lines and leading spaces (14% of it) that no reader sees, on every page of the site.
Every run of whitespace in a template's text that holds a line break becomes that one line
break. Where a page's text flows (CSS ``white-space: normal`` or ``nowrap``, everywhere in
the theme's markup), any run of whitespace shows as one space or none, so a page looks and
reads as before; the document keeps every text node, only shorter. The templates hold no
``<pre>``, ``<textarea>`` or ``white-space: pre`` text, and this touches only the templates:
the page's own HTML (a code block, the BibTeX of the citation block) goes in as it is.

It works on each template's source as the loader gives it, before Jinja compiles it, so
it costs nothing per page, and Jinja's bytecode cache (keyed on the source it compiled)
never serves a template compiled without it. Tested: tests/engine/test_compact.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, Environment

# Whitespace that holds a line break. Not ``\s``: a no-break space is text a reader sees.
_RUN = re.compile(r"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")


def compact(source: str) -> str:
    """A template's source with each run of whitespace holding a line break cut to one."""
    return _RUN.sub("\n", source)


class CompactLoader(BaseLoader):
    """A loader that gives another loader's templates without their indentation."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        return compact(source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def on_env(env: Any, **_: Any) -> Any:
    if not isinstance(env.loader, CompactLoader):
        env.loader = CompactLoader(env.loader)
    return env
