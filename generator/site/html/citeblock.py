"""Citing a briefing: the head's citation tags and the "Cite this briefing" section.

**The head** carries Highwire Press tags (``citation_*``, which Google Scholar and Zotero
read) and Dublin Core (``DC.*``). Zotero's "Embedded Metadata" translator takes the item
type from Dublin Core's ``DC.type`` when it names one of Zotero's item types; without it,
``citation_title`` alone makes it guess a journal article (and ``og:type=article`` too).
So ``DC.type`` says ``webpage`` (DCMI's own ``Text`` would also read as a journal article).
Author, publisher and dates follow data/citation.py: the archive is author and publisher,
the date is the briefing's ``date``, ``DCTERMS.modified`` its last change.

**The section** shows the entry rendered by citeproc-py in each vendored CSL style
(data/cslrender.py), the permalink, the three reference files to download (CSL-JSON, RIS,
BibTeX; data/citation.py writes them) and the BibTeX entry to copy.
"""

from __future__ import annotations

from datetime import date

from generator.content.model import Archive, Briefing, last_changed
from generator.site import urls
from generator.site.data import citation, cslrender
from generator.site.html import language
from generator.site.html.markup import Linker, esc, external, section
from generator.site.outputs import DataFile, Site

DC_TYPE = "webpage"  # Zotero's item type name: Zotero files the page as a web page


def head_tags(briefing: Briefing, archive: Archive, site: Site) -> str:
    """Highwire and Dublin Core tags for a briefing page's head, escaped."""
    permalink = site.absolute(urls.briefing(briefing.slug))
    day = briefing.date
    tags = [("citation_title", briefing.title),
            ("citation_author", site.name),
            ("citation_publication_date", f"{day.year:04d}/{day.month:02d}/{day.day:02d}"),
            ("citation_publisher", site.name),
            ("citation_public_url", permalink),
            ("citation_language", briefing.lang),
            *(("citation_keywords", word) for word in citation.keywords(briefing, archive)),
            ("DC.type", DC_TYPE),
            ("DC.title", briefing.title),
            ("DC.creator", site.name),
            ("DC.publisher", site.name),
            ("DC.date", day.isoformat()),
            ("DC.identifier", permalink),
            ("DC.language", briefing.lang)]
    changed = last_changed(briefing)
    if changed != day:
        tags.append(("DCTERMS.modified", changed.isoformat()))
    # No <link rel="schema.DC">: Zotero knows the DC and DCTERMS prefixes without one, and
    # a link to purl.org is a remote reference the offline editions do without.
    return "\n".join(f'<meta name="{name}" content="{esc(value)}">' for name, value in tags)


def cite_section(briefing: Briefing, archive: Archive, site: Site, link: Linker) -> str:
    """"Cite this briefing": the citation in each style, permalink, files to download.
    The styles are English: on a page in another language the block is marked English
    (a screen reader switches voice), and the title inside it with its own language."""
    words = citation.keywords(briefing, archive)
    item = citation.briefing_item(briefing, site, words)
    block = cite_block(item, link, citation.FOLDER + briefing.slug, citation.bibtex(item, words))
    heading = language.text(briefing.lang, "Cite this briefing")
    english = language.marked(citation.LANGUAGE, briefing.lang)
    if english:
        title = esc(briefing.title)
        block = block.replace(title, f"<span{language.marked(briefing.lang, '')}>{title}</span>")
        block = f'<div class="ba-cite-block"{english}>\n{block}\n</div>'
    return section(heading, block, "cite")


def cite_block(item: dict[str, object], link: Linker, stem: str, bibtex: str) -> str:
    """The rendered citations, permalink, downloads and BibTeX of one CSL-JSON item; the
    downloads are ``<stem>.json``, ``.ris`` and ``.bib`` (site paths)."""
    styles = "".join(f"<dt>{esc(style.label)}</dt>"
                     f'<dd class="ba-citation">{cslrender.render(item, style)}</dd>'
                     for style in cslrender.STYLES)
    url = str(item["URL"])
    files = " · ".join(
        f'<a href="{esc(link.to(f"{stem}.{suffix}"))}" type="{mime}" download>{label}</a>'
        for suffix, (label, mime) in citation.FORMATS.items())
    return (f'<dl class="ba-cite">{styles}</dl>\n'
            f'<p class="ba-permalink">Permalink: {external(url, url)}</p>\n'
            f'<p class="ba-cite-files">Download the reference: {files}</p>\n'
            f'<details class="ba-bibtex"><summary>BibTeX</summary>'
            f"<pre><code>{esc(bibtex)}</code></pre></details>")


EDITION_STEM = "downloads/briefing-archive"  # the edition's reference files, beside it


def edition_section(site: Site, day: date, briefings: int) -> tuple[str, list[DataFile]]:
    """"Citing this edition" for the Downloads page, and the edition's reference files
    (``downloads/briefing-archive.json``, ``.ris``, ``.bib``)."""
    item = citation.archive_item(site, day, briefings)
    link = Linker("downloads/", site.style)
    block = cite_block(item, link, EDITION_STEM, citation.bibtex(item))
    html = ('<h2 id="cite">Citing this edition</h2>\n'
            f"<p>Cite the archive by its edition: the day it was built, {esc(day.isoformat())}, "
            "names what it held. To cite one briefing, use its own page.</p>\n" + block)
    return html, citation.reference_files(item, EDITION_STEM)
