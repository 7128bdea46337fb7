"""What makes the archive a publication: editorial pages, corrections, "suggest a correction".

Editorial pages (``content/pages/<slug>.md``) become ``/<slug>/`` and navigation entries
after the built-in sections; ``/corrections/`` lists every correction, newest first. Every
briefing, actor, region and editorial page links to the editor of its own source file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from generator.content.model import Archive, Briefing, EditorialPage
from generator.site import urls
from generator.site.html import language
from generator.site.html.markup import Linker, esc, time_tag
from generator.site.index import Index
from generator.site.outputs import Page, Site


def nav_entries(archive: Archive) -> list[tuple[str, str]]:
    """The editorial pages' navigation entries, in order: (title as HTML, source file).

    The title is escaped here: the theme prints navigation titles as they are.
    """
    return [(esc(page.title), urls.source_path(urls.page(page.slug))) for page in archive.pages]


def editorial_page(page: EditorialPage, site: Site) -> Page:
    """An editorial page: its title, its body and where to suggest a correction."""
    route = urls.page(page.slug)
    content = (f'<h1 id="top">{esc(page.title)}</h1>\n'
               f'<div class="ba-body">\n{page.body_html}\n</div>\n'
               + suggest_correction(site, route, page.title, site.edit_url(page.origin.file)))
    return Page(route, page.title, f'<article class="ba-page">\n{content}\n</article>',
                "page", description=page.summary)


def suggest_correction(site: Site, route: str, title: str, source: str | None,
                       label: str = "edit its source file", lang: str = "en") -> str:
    """The links to propose a fix: the source file's editor and the error-report form, in
    the page's language where the catalogue has its words."""
    t = functools.partial(language.text, lang)
    links = []
    if source:
        links.append(f'<a href="{esc(source)}" rel="noopener noreferrer" class="ba-edit-link">'
                     f"{esc(t('Suggest a correction'))}</a> ({esc(t(label))})")
    report = site.report_url(site.absolute(route), title)
    if report:
        links.append(f'<a href="{esc(report)}" rel="noopener noreferrer">'
                     f"{esc(t('report an error'))}</a>")
    if not links:
        return ""
    joined = f" {esc(t('or'))} ".join(links)
    return f'<p class="ba-edit">{esc(t("Spotted a mistake?"))} {joined}.</p>'


def revisions(briefing: Briefing) -> str:
    """A briefing's corrections, shown above its text, in its language."""
    t = functools.partial(language.text, briefing.lang)
    parts = []
    for number, correction in enumerate(briefing.corrections, start=1):
        parts.append(f'<li id="correction-{number}"><strong>{t("Corrected")} '
                     f"{time_tag(correction.date, briefing.lang)}:</strong> "
                     f"{esc(correction.text)}</li>")
    if not parts:
        return ""
    heading = t("Correction" if len(parts) == 1 else "Corrections")
    return (f'<aside class="ba-corrections" aria-label="{heading}">'
            f'<p class="ba-corrections-title">{heading}</p>'
            f'<ul>{"".join(parts)}</ul></aside>')


def corrections_page(index: Index, site: Site) -> Page:
    """``/corrections/``: every correction, newest first, with its briefing."""
    link = Linker(urls.CORRECTIONS, site.style)
    found = index.corrections()
    items = "\n".join(
        f'<li class="ba-item">{time_tag(c.date)} '
        f'<a class="ba-title" href="{esc(link.to(urls.briefing(b.slug)))}#correction-{n}">'
        f"{esc(b.title)}</a> <span class=\"ba-of\">(briefing of {time_tag(b.date)})</span>"
        f'<p class="ba-summary">{esc(c.text)}</p></li>' for c, n, b in found)
    listing = (f'<ul class="ba-list">\n{items}\n</ul>' if found
               else '<p class="ba-empty">No corrections have been published.</p>')
    feed = esc(link.to(urls.CORRECTIONS + "feed.xml"))
    count = f"{len(found):,} correction{'' if len(found) == 1 else 's'}"
    content = ('<h1 id="top">Corrections</h1>\n'
               f"<p>Every correction published in the archive, newest first ({count}). "
               "Each is also shown on its briefing.</p>\n"
               f'<p class="ba-actions"><a href="{feed}" type="application/atom+xml">'
               "Atom feed of corrections</a></p>\n" + listing)
    newest = found[0][0].date if found else None
    return Page(urls.CORRECTIONS, "Corrections", f'<div class="ba-corrections-page">\n{content}\n'
                "</div>", "corrections", description=f"{count} published in the archive.",
                feed=urls.CORRECTIONS + "feed.xml", lastmod=newest)


def editorial_pages(index: Index, site: Site) -> Iterator[tuple[str, Page]]:
    """The editorial pages and the corrections page, with the entity owning each."""
    for page in index.archive.pages:
        yield f"page:{page.slug}", editorial_page(page, site)
    yield "corrections", corrections_page(index, site)


def briefing_links(briefing: Briefing, site: Site) -> str:
    """Where to suggest a correction of a briefing: its own file."""
    return suggest_correction(site, urls.briefing(briefing.slug), briefing.title,
                              site.edit_url(briefing.origin.file), lang=briefing.lang)


def updated_fact(briefing: Briefing) -> str:
    """The "Updated" line of a briefing's facts, when the editor gave one."""
    if briefing.updated is None:
        return ""
    return (f'<dt>{language.text(briefing.lang, "Updated")}</dt>'
            f'<dd class="ba-updated">{time_tag(briefing.updated, briefing.lang)}</dd>')


