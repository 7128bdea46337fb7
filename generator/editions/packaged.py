"""What the zip and the ZIM share: their names, their opening, and one table of what each
leaves out of the site rendered for it.

Both editions open alike: the output is checked before anything is built (``check``), the
site is rendered for the edition into a temporary folder inside the build folder, and the
files to package are its files less :data:`LEFT_OUT` of the edition, sorted. Only what
follows differs: a zip with a README (editions/bundle.py), a ZIM with metadata and indexes
(editions/zim.py).
"""

from __future__ import annotations

import fnmatch
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from generator.engine import sitedir
from generator.pipeline import BuildOptions, Warm, build, places
from generator.site.edition import Edition

__all__ = ["LEFT_OUT", "Rendered", "packaged_files", "rendered_for"]

# Left out of both: source maps only serve a browser's developer tools; 404.html is for a
# web server (its links are absolute, so from disk they lead nowhere); Material's lunr
# search worker and its language files are never loaded (the site's own worker answers);
# _headers tells a web host how long to cache what; the marker says a folder is a built
# site, for the build's own checks.
_EITHER = ("*.map", "404.html", "assets/javascripts/lunr/*", "assets/javascripts/workers/*",
           "_headers", sitedir.MARKER)
LEFT_OUT: Mapping[Edition, tuple[str, ...]] = {
    # Search reads its shards (search/manifest.js and the files it names) as scripts, from
    # file:// as hosted; a search/search_index.json (and the offline plugin's .js copy of
    # it) would only be there if Material's search plugin were enabled, and is never read.
    Edition.OFFLINE: (*_EITHER, "search/search_index.json", "search/search_index.js"),
    # The pages have no search box in this edition (the reader searches its own index), so
    # the search index and our search worker are never loaded. (sitemap.xml stays: Material's
    # pages read it, and it lists the hosted addresses.)
    Edition.KIWIX: (*_EITHER, "search/*", "assets/javascripts/search-worker.js"),
}
class Rendered(NamedTuple):
    site_dir: Path
    engine: str  # the engine that rendered it (engine/engines.py)


@contextmanager
def rendered_for(edition: Edition, content: Path, output: Path, config_file: Path, *,
                 check_output: Callable[[Path, sitedir.Places], None],
                 build_dir: Path, engine: str | None, warm: Warm | None = None
                 ) -> Iterator[Rendered]:
    """The site rendered for ``edition`` in a temporary folder, removed afterwards.

    ``check_output`` refuses ``output`` (sitedir.SiteDirError) before anything is built.
    ``warm``: the loaded files kept in memory for the caller's next build (pipeline.Warm).
    """
    options = BuildOptions(content=content, site_dir=build_dir, build_dir=build_dir,
                           config_file=config_file, edition=edition, private_site=True,
                           warm=warm)
    if engine:
        options = replace(options, engine=engine)
    check_output(output, places(options))
    build_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"{edition.value}-", dir=build_dir) as work:
        site_dir = Path(work) / "site"
        build(replace(options, site_dir=site_dir))
        yield Rendered(site_dir, options.engine)


def packaged_files(site_dir: Path, edition: Edition) -> Iterator[tuple[str, Path]]:
    """Every file of the rendered site that ``edition`` carries, as (path in the site,
    file), sorted by path."""
    left_out = LEFT_OUT[edition]
    names = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    for name in names:
        if not any(fnmatch.fnmatchcase(name, pattern) for pattern in left_out):
            yield name, site_dir / name
