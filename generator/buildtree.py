"""The build tree: every page as a Markdown file and every data file, ready to render.

``plan`` gathers every output from a validated archive (nothing is written
until all of them are known and their paths claimed); ``write`` puts them on
disk, touching only files whose bytes change, so an engine that renders only
modified files redoes only what changed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from . import exports, feeds, urls
from .finder import finder_outputs
from .index import Index, build_index
from .model import Archive
from .output import DataFile, Page, Site
from .overview import actors_page, home_page, regions_page, timeline_pages
from .pages import actor_pages, briefing_page, region_pages
from .searchindex import search_index


@dataclass(frozen=True)
class Plan:
    """Everything the site will hold, keyed by path in the docs folder."""

    files: dict[str, bytes]
    pages: tuple[Page, ...]  # every page, without its HTML (that is in ``files``)


def gather_pages(index: Index, site: Site) -> Iterator[Page]:
    """Every page of the site, in a stable order, one at a time."""
    archive = index.archive
    yield from (home_page(index, site), actors_page(index, site), regions_page(index, site))
    yield from timeline_pages(index, site)
    yield from (briefing_page(b, index, site) for b in archive.briefings)
    for actor in archive.actors.values():
        yield from actor_pages(actor, index, site)
    for region in archive.regions.values():
        yield from region_pages(region, index, site)


def plan(archive: Archive, site: Site, extra_pages: Iterable[Page] = ()) -> Plan:
    """Every page and data file of the site; raises PathCollision on clashing outputs."""
    index = build_index(archive)
    finder, finder_data = finder_outputs(index, site)
    claims = urls.OutputRegistry()
    files: dict[str, bytes] = {}
    pages = []
    # Each page's HTML is kept once, encoded in ``files``: at 16,000 briefings holding the
    # pages as well doubled the build's peak memory.
    for page in itertools.chain(gather_pages(index, site), [finder], extra_pages):
        path = claims.claim(urls.source_path(page.route), f"page '{page.route}'")
        files[path] = render_markdown(page).encode("utf-8")
        pages.append(replace(page, html=""))
    data: list[DataFile] = [
        *feeds.all_feeds(index, site), exports.briefings_json(archive, site),
        exports.briefings_csv(archive, site), exports.sitemap(pages, site),
        finder_data, search_index(index, site)]
    for item in data:
        files[claims.claim(item.path, f"file '{item.path}'")] = item.content
    return Plan(files, tuple(pages))


def render_markdown(page: Page) -> str:
    """A page as Markdown: front matter for the engine, then the ready HTML."""
    meta: dict[str, object] = {"title": page.title}
    if page.description:
        meta["description"] = page.description
    if page.feed:
        meta["feed"] = page.feed
    meta["hide"] = ["navigation", "toc"]
    # libyaml's emitter: the pure-Python one took half the time of planning the site.
    front = yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                      width=1000)
    return f"---\n{front}---\n\n{page.html}\n"


def write(plan: Plan, docs: Path) -> int:
    """Make ``docs`` hold exactly the plan's files; returns how many files changed."""
    changed = 0
    for path, content in plan.files.items():
        target = docs / path
        if target.is_file() and target.stat().st_size == len(content) and \
                target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)
        changed += 1
    wanted = {docs / p for p in plan.files}
    for folder, _dirs, names in os.walk(docs, topdown=False):
        for name in names:
            if Path(folder) / name not in wanted:
                (Path(folder) / name).unlink()
                changed += 1
        if folder != str(docs) and not os.listdir(folder):
            os.rmdir(folder)
    return changed
