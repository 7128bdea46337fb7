"""Share cards and structured data: OpenGraph, Twitter card and schema.org JSON-LD.

Every page gets OpenGraph tags (from its title, description and route; the theme writes
the canonical link) and the Twitter card's kind (X falls back to OpenGraph for the rest);
a briefing page also gets its published and modified times and one ``NewsArticle``, an
actor's page a ``Person`` or ``Organization``, a region's page a ``Place`` (why
NewsArticle: see the README's design notes). Values are escaped for their place:
attributes with HTML escaping, JSON-LD with ``<``, ``>`` and ``&`` written as
``\\u003c`` and so on, so that no value can end the script element or open a comment.
"""

from __future__ import annotations

import json
from typing import Any

from generator.content.model import Actor, Briefing, Region, Source, last_changed
from generator.site import urls
from generator.site.html.markup import esc
from generator.site.index import Index
from generator.site.outputs import Page, Site

SHARE_IMAGE = "assets/images/share.png"  # theme/assets/images/share.png, 1200 x 630
SHARE_IMAGE_SIZE = (1200, 630)
# Characters a script element's text must not hold as they are, with their JSON escapes
# (replaced one by one: str.translate with a table looks up every character in Python).
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


def head_html(page: Page, site: Site) -> str:
    """The page's share-card tags and structured data, ready for the theme's head."""
    title = page.title or site.name
    description = page.description or site.description
    image = site.absolute(SHARE_IMAGE)
    tags = [("property", "og:type", "article" if page.kind == "briefing" else "website"),
            ("property", "og:site_name", site.name),
            ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:url", site.absolute(page.route)),
            ("property", "og:image", image),
            ("property", "og:image:width", str(SHARE_IMAGE_SIZE[0])),
            ("property", "og:image:height", str(SHARE_IMAGE_SIZE[1])),
            ("property", "og:image:alt", site.name)]
    if page.published is not None:
        tags.append(("property", "article:published_time", page.published.isoformat()))
        if page.lastmod is not None:
            tags.append(("property", "article:modified_time", page.lastmod.isoformat()))
    # X (Twitter) reads the title, description and image from OpenGraph where its own tags
    # are absent (its card markup documentation says so): only the card's kind is its own.
    tags.append(("name", "twitter:card", "summary_large_image"))
    lines = [f'<meta {kind}="{name}" content="{esc(value)}">' for kind, name, value in tags]
    if page.citation_head:
        lines.append(page.citation_head)
    if page.structured:
        lines.append(f'<script type="application/ld+json">{page.structured}</script>')
    return "\n".join(lines)


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD object as text that is safe inside a script element of an HTML page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES:  # no escape holds another's character
        if char in text:
            text = text.replace(char, escape)
    return text


def briefing_data(briefing: Briefing, index: Index, site: Site) -> dict[str, Any]:
    """A briefing as one schema.org NewsArticle."""
    archive = index.archive
    permalink = site.absolute(urls.briefing(briefing.slug))
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "@id": permalink, "url": permalink, "mainEntityOfPage": permalink,
        "headline": briefing.title, "description": briefing.summary,
        "datePublished": briefing.date.isoformat(),
        "dateModified": last_changed(briefing).isoformat(),
        # The day the events happened: the briefing is dated by them.
        "temporalCoverage": briefing.date.isoformat(),
        "about": [_actor_ref(archive.actors[a], site) for a in briefing.actors],
        "contentLocation": [_place_ref(archive.regions[r], site) for r in briefing.regions],
        "citation": [_citation(source) for source in briefing.sources],
        "publisher": _publisher(site), "image": site.absolute(SHARE_IMAGE),
        "inLanguage": "en", "isAccessibleForFree": True,
    }
    if briefing.tags:
        data["keywords"] = list(briefing.tags)
    if briefing.corrections:
        data["correction"] = [{"@type": "CorrectionComment", "text": c.text,
                               "datePublished": c.date.isoformat()}
                              for c in briefing.corrections]
    return data


def actor_data(actor: Actor, site: Site) -> dict[str, Any]:
    """An actor as a schema.org Person or Organization."""
    data = {"@context": "https://schema.org", **_actor_ref(actor, site)}
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    if actor.role:
        data["jobTitle" if actor.kind == "person" else "description"] = actor.role
    return data


def region_data(region: Region, index: Index, site: Site) -> dict[str, Any]:
    """A region as a schema.org Place, inside its parent."""
    data = {"@context": "https://schema.org", **_place_ref(region, site)}
    if region.aliases:
        data["alternateName"] = list(region.aliases)
    if region.iso:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "ISO 3166",
                              "value": region.iso}
    if region.parent:
        data["containedInPlace"] = _place_ref(index.archive.regions[region.parent], site)
    return data


def _actor_ref(actor: Actor, site: Site) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person" if actor.kind == "person" else "Organization",
                            "name": actor.name, "url": site.absolute(urls.actor(actor.id))}
    if actor.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
    return data


def _place_ref(region: Region, site: Site) -> dict[str, Any]:
    return {"@type": "Place", "name": region.name, "url": site.absolute(urls.region(region.id))}


def _citation(source: Source) -> dict[str, Any]:
    """A source: the report (its URL) and the outlet that published it."""
    data: dict[str, Any] = {"@type": "CreativeWork", "name": source.name, "url": source.url,
                            "publisher": {"@type": "Organization", "name": source.name}}
    if source.published:
        data["datePublished"] = source.published.isoformat()
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    if source.via:  # the outlet that republished it, where the editor read it
        data["provider"] = {"@type": "Organization", "name": source.via}
    if source.archive:
        data["archivedAt"] = source.archive
    return data


def _publisher(site: Site) -> dict[str, Any]:
    return {"@type": "Organization", "name": site.name, "url": site.url,
            "logo": {"@type": "ImageObject", "url": site.absolute(SHARE_IMAGE)}}
