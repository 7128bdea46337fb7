"""Editorial pages: ``content/pages/<slug>.md``, pages about the archive itself.

Each is front matter (``title``, optional ``summary`` and ``nav``) and a Markdown body under
the rules of briefing bodies, published at ``/<slug>/``. A slug may not take a route the
site itself uses (``RESERVED_SLUGS``); such a file is refused with its path and line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from generator.content import bodies
from generator.content.frontmatter import SplitFile
from generator.content.model import EditorialPage, Origin
from generator.content.problems import Problem
from generator.content.schema import PAGE_FIELDS
from generator.content.syntax.fields import FieldError, parse_mapping
from generator.content.syntax.published import published_wrongly
from generator.content.syntax.slugs import slug_problem

PAGE_MAX_BYTES = 1024 * 1024
# Every first path segment the site (and its editions) publishes itself, now or by contract
# (docs/content-format.md); tests/site check that the built site uses no other.
RESERVED_SLUGS = frozenset({
    "index", "briefings", "actors", "regions", "timeline", "finder", "corrections",
    "downloads", "search", "assets", "feed", "feed-xml", "sitemap", "briefings-json",
    "briefings-csv", "404", "pages", "content", "static", "api", "cite", "datapackage",
})

Reader = Callable[[str, Path, int, list[Problem]], tuple[str, SplitFile] | None]
Shower = Callable[[Path, Path], str]


def load_pages(content: Path, read: Reader, show: Shower
               ) -> tuple[tuple[EditorialPage, ...], list[Problem]]:
    """Every editorial page (in navigation order) and the problems found.

    ``read`` and ``show`` are loading's reader of a content file (size limit, no links, the
    front matter split) and its way of naming a file in messages. No ``pages/`` folder
    means no pages.
    """
    root = content / "pages"
    problems: list[Problem] = []
    if not root.exists() and not root.is_symlink():
        return (), problems
    if root.is_symlink() or not root.is_dir():
        problems.append(Problem(show(content, root), None,
                                "'pages' must be a plain folder of Markdown files"))
        return (), problems
    found = []
    for name in sorted(os.listdir(root)):
        path = root / name
        if not name.endswith(".md") or path.is_dir():
            problems.append(Problem(show(content, path), None,
                                    "not an editorial page (only files ending in '.md' directly "
                                    "in pages/ are); ignored", severity="warning"))
            continue
        page = _load_page(content, path, read, show, problems)
        if page is not None:
            found.append(page)
    found.sort(key=lambda p: (p.nav is None, p.nav or 0, p.title.casefold(), p.slug))
    if len(found) > MAX_PAGES:
        problems += [Problem(page.origin.path, None, f"more than {MAX_PAGES} editorial pages: "
                             "each is in the navigation of every page of the site, so the "
                             "site would grow with their number times its pages",
                             "merge pages into fewer, or give this one's text to another")
                     for page in found[MAX_PAGES:MAX_PAGES + 20]]
    return tuple(found), problems


def _load_page(content: Path, path: Path, read: Reader, show: Shower,
               problems: list[Problem]) -> EditorialPage | None:
    shown = show(content, path)
    found = read(shown, path, PAGE_MAX_BYTES, problems)
    if found is None:
        return None
    parts = found[1]
    assert isinstance(parts.meta.value, dict)
    briefing_keys = [key for key in BRIEFING_ONLY if key in parts.meta.value]
    if len(briefing_keys) >= 2:  # one error, not one "unknown key" per briefing key
        problems.append(Problem(shown, 1, "this looks like a briefing (it has "
                                + ", ".join(f"'{key}'" for key in briefing_keys)
                                + "), not an editorial page, so it would not be published",
                                "move it to content/briefings/ (e.g. content/briefings/"
                                "2023/2023-05-14-talks.md)"))
        return None
    values, errors = parse_mapping(parts.meta.value, PAGE_FIELDS, 1)
    slug = path.name[:-3]
    errors += _slug_errors(slug)
    rendered = bodies.render(parts.body, parts.body_line)
    errors += rendered.problems
    if not parts.body.strip():
        errors.append(FieldError("the page has no text after the front matter",
                                 parts.body_line - 1, "write the page below the '---' line"))
    problems += [Problem.at(shown, e) for e in errors]
    problems += [Problem(shown, w.line, w.message, w.hint, severity="warning")
                 for w in published_wrongly(parts.body, parts.body_line)]
    if errors:
        return None
    return EditorialPage(
        slug=slug, title=values["title"],
        summary=values.get("summary") or bodies.first_paragraph(rendered.html),
        body_html=rendered.html,
        origin=Origin(shown, 1, path.relative_to(content).as_posix()), nav=values.get("nav"))


# Every page of the site lists every editorial page in its navigation (tabs and drawer, some
# 300 bytes each): 1,000 one-line pages made a 474 MB site. 20 of them add at most some 6 kB
# to each page.
MAX_PAGES = 20

BRIEFING_ONLY = ("date", "region", "actors", "source")  # keys of a briefing, never of a page


def _slug_errors(slug: str) -> list[FieldError]:
    """The file name is the page's URL: a plain slug that no route of the site uses."""
    problem = slug_problem(slug)
    if problem:
        return [FieldError(f"the file name gives the page slug '{slug[:100]}', which "
                           f"{problem.reason}", 1, "rename the file, e.g. pages/about.md")]
    if slug in RESERVED_SLUGS:
        return [FieldError(f"the page slug '{slug}' collides with the site's own /{slug}/",
                           1, "rename the file, e.g. pages/about-" + slug + ".md")]
    return []
