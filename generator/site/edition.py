"""Which reader a build is for: the one value that says how a site is made and packaged.

``HOSTED`` is the site on a web server (folder URLs, a search box, the ``_headers`` file for
hosts that read one). ``OFFLINE`` is the zip read from ``file://`` (``.html`` links,
Material's offline plugin, search loaded as scripts). ``KIWIX`` is the ZIM read in a Kiwix
app or through ``kiwix-serve`` (``.html`` links, no search box: the reader searches the
ZIM's own index). What each packaged edition leaves out of its rendered site is one table,
``generator/editions/packaged.py``; the build folder's files are named in
``generator/buildfolder.py``.
"""

from __future__ import annotations

import enum

from generator.site.urls import UrlStyle

__all__ = ["DEFAULT_STEM", "Edition"]

# The packaged editions' files, from the site's folder name ('Briefing Archive' ->
# 'briefing-archive', editions/bundle.py folder_name): the commands' defaults, the
# Makefile's and the Downloads page's names are these.
_FILE_NAMES = {"offline": "{stem}-offline.zip", "kiwix": "{stem}.zim"}
DEFAULT_STEM = "briefing-archive"


class Edition(enum.Enum):
    HOSTED = "hosted"
    OFFLINE = "offline"
    KIWIX = "kiwix"

    @property
    def style(self) -> UrlStyle:
        """Folder URLs on a web server; ``.html`` files in the zip and the ZIM."""
        return "directory" if self is Edition.HOSTED else "file"

    @property
    def packaged(self) -> bool:
        """Whether the rendered site goes into a file (the zip, the ZIM) rather than a host."""
        return self is not Edition.HOSTED

    def file_name(self, stem: str = DEFAULT_STEM) -> str:
        """The file a packaged edition is published as: ``briefing-archive-offline.zip``,
        ``briefing-archive.zim``."""
        return _FILE_NAMES[self.value].format(stem=stem)
