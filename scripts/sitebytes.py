"""Where a built site's bytes are (issue 25): by kind of file, and inside a briefing page.

    .venv/bin/python scripts/sitebytes.py SITE [SITE ...] [--sample 400] [--scale 100000]

For each built (hosted) site it prints:

- **by kind**: files, bytes, share of the site and bytes per briefing of the briefing
  pages, term pages (actor, region and timeline pages, their year and month pages apart),
  citation files, feeds, search, finder, exports, sitemap, assets and the rest; with
  ``--scale N`` a column extrapolating each kind to N briefings (linearly per briefing,
  which overstates what grows with the number of actors and regions instead);
- **inside a briefing page** (the mean over ``--sample`` of them, raw and gzip): the head
  (its policy, the page's own share-card and citation tags, the stylesheet and script links,
  the rest), the body's opening, the header, the tabs, the navigation (both sidebars), the
  page's own article and its parts, the wrapping around it, the footer, the scripts at the
  end; and how much of the chrome is whitespace;
- **the floor**: the site with every page's chrome (everything but the page's own article
  and its own head tags) taken away, the least the published files could weigh with the
  same URLs and the same content, per briefing and at ``--scale``.

Sizes are the files' byte counts (what a host's artefact holds), as the build's host report
(``generator/engine/hosts.py``) counts them.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
from collections import Counter
from pathlib import Path

_MONTH = re.compile(r"/\d{4}/\d{2}/index\.html$")
_YEAR = re.compile(r"/\d{4}/index\.html$")
_TERMS = ("actors", "regions", "timeline")
_EXPORTS = ("briefings.json", "briefings.csv", "datapackage.json", "briefings.schema.json")
_HEAD_TAG = re.compile(r"<script\b[^>]*>.*?</script>|<[^>]+>|[^<]+", re.DOTALL)
_WHITESPACE = re.compile(r">(\s+)<")


def kind_of(path: str) -> str:
    """The kind of a site file, by its path relative to the site."""
    top, _, rest = path.partition("/")
    if not rest:
        if path in _EXPORTS:
            return "exports"
        if path.startswith("sitemap"):
            return "sitemap"
        if path.endswith(".xml"):
            return "feeds"
        return "other pages" if path.endswith(".html") else "other"
    if top == "briefings" and rest.count("/") == 1 and rest.endswith("/index.html"):
        return "briefing pages"
    if top in _TERMS:
        if path.endswith(".xml"):
            return "feeds"
        if _MONTH.search(path):
            return "term pages: months"
        if _YEAR.search(path):
            return "term pages: years"
        return "term pages"
    if top in ("cite", "search", "finder", "assets"):
        return {"cite": "citation files", "search": "search", "finder": "finder",
                "assets": "assets"}[top]
    if path.endswith(".xml"):
        return "feeds"
    return "other pages" if path.endswith(".html") else "other"


def by_kind(site: Path) -> tuple[Counter[str], Counter[str]]:
    sizes: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for folder, _dirs, names in os.walk(site):
        for name in names:
            full = os.path.join(folder, name)
            kind = kind_of(os.path.relpath(full, site).replace(os.sep, "/"))
            sizes[kind] += os.stat(full).st_size
            files[kind] += 1
    return sizes, files


def _between(html: str, start: str, end: str, after: int = 0) -> tuple[int, int]:
    """The span from ``start`` (included) to the end of ``end``; (-1, -1) if absent."""
    begin = html.find(start, after)
    if begin < 0:
        return -1, -1
    stop = html.find(end, begin)
    return (begin, stop + len(end)) if stop >= 0 else (-1, -1)


def anatomy(html: str) -> dict[str, str]:
    """A Material page cut into its parts, in order; each part's text."""
    parts: dict[str, str] = {}
    head = _between(html, "<head>", "</head>")
    parts["head"] = html[head[0]:head[1]]
    header = _between(html, "<header", "</header>")
    parts["body opening"] = html[head[1]:header[0]]
    parts["header"] = html[header[0]:header[1]]
    tabs = _between(html, '<nav class="md-tabs"', "</nav>", header[1])
    content_at = html.find('<div class="md-content"', header[1])
    sidebar_at = html.find('<div class="md-sidebar', header[1])
    parts["tabs"] = html[tabs[0]:tabs[1]] if tabs[0] >= 0 else ""
    parts["navigation"] = html[sidebar_at:content_at] if sidebar_at >= 0 else ""
    inner = html.find(">", html.find('<article class="md-content__inner', content_at)) + 1
    script_at = html.find("csp/content.js", inner)
    closing = html.rfind("</article>", inner, script_at if script_at >= 0 else len(html))
    own = html[inner:closing]
    parts["article"] = own.strip()
    footer = _between(html, "<footer", "</footer>", closing)
    accounted = sum(len(parts[name]) for name in ("tabs", "navigation"))
    wrap = html[header[1]:footer[0]]
    parts["wrapping"] = "x" * (len(wrap) - accounted - len(parts["article"]))
    parts["footer"] = html[footer[0]:footer[1]]
    parts["scripts at the end"] = html[footer[1]:]
    parts["doctype"] = html[:head[0]]
    return parts


def head_parts(head: str) -> Counter[str]:
    """The head's bytes by what each tag is for."""
    counts: Counter[str] = Counter()
    for match in _HEAD_TAG.finditer(head):
        tag = match.group(0)
        if not tag.strip():
            what = "whitespace"
        elif "Content-Security-Policy" in tag:
            what = "policy"
        elif ('property="og:' in tag or 'property="article:' in tag or 'name="citation_' in tag
              or 'name="DC.' in tag or 'name="twitter:' in tag or "ld+json" in tag):
            what = "own tags (share cards, citation)"
        elif "stylesheet" in tag or "<script" in tag:
            what = "stylesheets and scripts"
        else:
            what = "the rest (title, description, canonical, feeds)"
        counts[what] += len(tag.encode())
    return counts


def article_parts(article: str) -> Counter[str]:
    """A briefing's article by section: facts and body, sources, related, citation, paging."""
    counts: Counter[str] = Counter()
    sections = re.split(r'(?=<h2 id=")|(?=<nav class="ba-prevnext")', article)
    for section in sections:
        found = re.match(r'<h2 id="([^"]+)"', section)
        name = found.group(1) if found else ("older/newer" if "ba-prevnext" in section[:40]
                                             else "title, facts and body")
        counts[name] += len(section.encode())
    return counts


def chrome_whitespace(parts: dict[str, str]) -> int:
    """Whitespace between tags outside the page's own article."""
    return sum(len(m.group(1)) for name, text in parts.items() if name != "article"
               for m in _WHITESPACE.finditer(text))


def own_head(head: str) -> int:
    return head_parts(head)["own tags (share cards, citation)"]


def page_anatomy(pages: list[Path]) -> tuple[Counter[str], Counter[str], Counter[str],
                                               Counter[str], Counter[str]]:
    raw: Counter[str] = Counter()
    zipped: Counter[str] = Counter()
    head: Counter[str] = Counter()
    article: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parts = anatomy(html)
        for name, text in parts.items():
            raw[name] += len(text.encode())
        raw["whole page"] += len(html.encode())
        zipped["whole page"] += len(gzip.compress(html.encode(), 6))
        zipped["article"] += len(gzip.compress(parts["article"].encode(), 6))
        head.update(head_parts(parts["head"]))
        article.update(article_parts(parts["article"]))
        extra["whitespace in the chrome"] += chrome_whitespace(parts)
    return raw, zipped, head, article, extra


def floor(site: Path) -> tuple[int, int]:
    """Bytes of the site with every HTML page's chrome taken away, and of all HTML pages'
    chrome (each page less its own article and own head tags)."""
    chrome = 0
    for folder, _dirs, names in os.walk(site):
        for name in names:
            if not name.endswith(".html"):
                continue
            html = Path(folder, name).read_text(encoding="utf-8")
            if '<article class="md-content__inner' not in html:
                continue
            parts = anatomy(html)
            chrome += len(html.encode()) - len(parts["article"].encode()) - own_head(parts["head"])
    total = sum(os.stat(os.path.join(f, n)).st_size for f, _d, ns in os.walk(site) for n in ns)
    return total - chrome, chrome


def report(site: Path, sample: int, scale: int | None) -> None:
    sizes, files = by_kind(site)
    pages = sorted(site.glob("briefings/*/index.html"))
    count = len(pages)
    total = sum(sizes.values())
    print(f"\n## {site}: {count:,} briefings, {total / 1e6:,.1f} MB in {sum(files.values()):,} "
          f"files ({total / max(count, 1):,.0f} bytes a briefing)\n")
    scaled = f" | at {scale:,} (MB)" if scale else ""
    print(f"| kind | files | MB | share | bytes a briefing{scaled} |")
    print("|---|---:|---:|---:|---:" + ("|---:|" if scale else "|"))
    for kind, size in sizes.most_common():
        extra = f" | {size / count * scale / 1e6:,.0f}" if scale else ""
        print(f"| {kind} | {files[kind]:,} | {size / 1e6:,.2f} | {size / total:.1%} | "
              f"{size / count:,.0f}{extra} |")
    chosen = random.Random(25).sample(pages, min(sample, count))
    raw, zipped, head, article, extra = page_anatomy(chosen)
    n = len(chosen)
    print(f"\nInside a briefing page (mean of {n}; bytes):\n")
    print("| part | bytes | share |")
    print("|---|---:|---:|")
    for name in ("doctype", "head", "body opening", "header", "tabs", "navigation", "wrapping",
                 "article", "footer", "scripts at the end"):
        print(f"| {name} | {raw[name] / n:,.0f} | {raw[name] / raw['whole page']:.1%} |")
    print(f"| **whole page** | {raw['whole page'] / n:,.0f} (gzip {zipped['whole page'] / n:,.0f})"
          f" | |")
    print(f"| of which whitespace between tags outside the article | "
          f"{extra['whitespace in the chrome'] / n:,.0f} | "
          f"{extra['whitespace in the chrome'] / raw['whole page']:.1%} |")
    print(f"\nThe head ({raw['head'] / n:,.0f}): " + ", ".join(
        f"{name} {size / n:,.0f}" for name, size in head.most_common()))
    print(f"\nThe article ({raw['article'] / n:,.0f}, gzip {zipped['article'] / n:,.0f}): "
          + ", ".join(f"{name} {size / n:,.0f}" for name, size in article.most_common()))
    least, chrome = floor(site)
    line = (f"\nThe floor: without any page's chrome ({chrome / 1e6:,.1f} MB of it) the site "
            f"would be {least / 1e6:,.1f} MB, {least / count:,.0f} bytes a briefing")
    if scale:
        line += f"; at {scale:,} briefings about {least / count * scale / 1e9:,.2f} GB"
    print(line + ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--sample", type=int, default=400,
                        help="briefing pages read for the anatomy (default 400)")
    parser.add_argument("--scale", type=int, help="extrapolate to this many briefings")
    args = parser.parse_args()
    for site in args.sites:
        report(site, args.sample, args.scale)


if __name__ == "__main__":
    main()
