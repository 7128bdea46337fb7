"""What a page says about itself: when it was published, by whom, on which site, where.

The outlet that wrote a report and the site that shows it differ for syndicated
copies. The site is read from the page's furniture (mastheads, "More from X",
copyright lines) or its markup; the outlet from a byline that names an
organisation ("By RFE/RL"), a dateline credit ("(Reuters) -"), an attribution
("This article originally appeared on Eurasianet") or the markup's author.
A date is taken only where the page writes one completely near the title, by what its
label says (published, updated, correction). Each fact is gathered from every signal
and taken where they agree or one is decisive; where they disagree it is left to the
editor, with the candidates quoted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from generator.editorial.ingest_text import CREDIT, PageText, classify
from generator.editorial.pagesignals import (
    bylines,
    headlines,
    outlets,
    pagedates,
    pageurls,
    sitename,
)
from generator.editorial.pagesignals.headlines import is_link_label
from generator.editorial.pagesignals.labels import WIKI_EDITED

_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’. ]*[A-ZÀ-Ý](?:/[A-ZÀ-Ý][A-ZÀ-Ý'’. ]*[A-ZÀ-Ý])*)"
    r"(?P<rest>,[^.()—–]{1,60}?)?\s*(?:\((?P<credit>[^)]{2,40})\))?\s*(?P<sep>--|—|–|-|\.)\s+")
_CREDIT_LINE = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*(?:[ ,/]{1,2}[A-ZÀ-Ý][\w'’.-]*){0,3}\s*"
                          r"\((?P<credit>[^)]{2,40})\)\s*(?:--|—|–|-)\s+")
_ATTRIBUTION = re.compile(
    r"(?:(?:originally|first)\s+(?:published|appeared|ran)\s+(?:on|in|by|at)|republished\s+"
    r"(?:with\s+permission\s+)?(?:from|of|by)|permission\s+of|courtesy\s+of|"
    r"^(?:source|المصدر|источник)\s*:)\s+"
    r"(?P<name>[^.;|]+?)(?:[.;|]\s|[.;|]?$)", re.IGNORECASE)


_SHORT_LINE = 300  # mastheads, footers and credits are short; long lines are text


@dataclass(frozen=True)
class Markup:
    """What an HTML page's markup states (all empty for a text page)."""

    title: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Facts:
    """The draft's source and date facts; None where the page does not say."""

    published: date | None
    partial_date: str | None
    name: str | None
    via: str | None
    url: str | None
    author: str | None
    date_candidates: tuple[date, ...] = ()  # stamps that disagree, for the FILL IN note
    outlet_candidates: tuple[str, ...] = ()  # credits that disagree, likewise
    outlet_unmapped: str | None = None  # an outlet named only in its own script
    site_candidates: tuple[str, ...] = ()  # names the site gives itself that nothing confirms
    carrier: str | None = None  # an aggregator whose page names no original outlet


def dateline(paragraph: str) -> tuple[int, str | None]:
    """Length of a dateline opening the paragraph ("BAKU, Sept 19 (Reuters) - "), and its credit."""
    match = _DATELINE.match(paragraph[:160])
    if not match or not re.search(r"[A-ZÀ-Ý]{3}", match.group("place")):
        return _credit_line(paragraph)
    if match.group("sep") == "." and not match.group("rest"):
        return 0, None  # "U.S. Secretary ..." opens a sentence, not a dateline
    credit = match.group("credit")
    if credit is None and match.group("rest"):
        last = match.group("rest").rsplit(",", 1)[-1].strip()
        credit = last if outlets.by_name(last) else None
    return match.end(), credit


def _credit_line(paragraph: str) -> tuple[int, str | None]:
    """A place in ordinary case before a known agency's credit: "Yerevan (AFP) – "."""
    match = _CREDIT_LINE.match(paragraph[:120])
    if match and outlets.by_name(match.group("credit")):
        return match.end(), match.group("credit")
    return 0, None


def gather(page: PageText, markup: Markup, today: date,
           organisation: Callable[[str], str | None] = lambda name: None) -> Facts:
    """Everything the page says about its source and date; ``organisation`` gives the
    registries' name of an organisation named whole ("United Nations"), or None."""
    site, stated_sites = _site(page, markup, organisation)
    outlet, disputed = _outlet(page, markup, site or markup.site)
    name, via = (None if disputed else outlet or site), None
    if outlet and site and outlets.canonical(outlet) != outlets.canonical(site):
        if outlets.same_organisation(outlet, site):  # "MEE staff" on Middle East Eye
            name = None if disputed else site  # the site's own story, as it names itself
        else:
            via = site
    unmapped = next((n for n in (name, via) if n and _unmapped(n)), None)
    name, via = (None if name and _unmapped(name) else name), (None if via and _unmapped(via)
                                                               else via)
    stated, candidates, kind = _page_date(page)
    updated_only = kind == "updated"
    if stated is None and not candidates and page.title and pagedates.dated_headline(page.title):
        stated = pagedates.complete_dates(page.title)[-1][1]  # "Press Briefing – May 2, 2024"
    original = _attribution_date(page) if outlet and not disputed else None
    original = original or (stated if kind == "original" else None)  # "Originally published"
    if stated and markup.published in {d for line in page.header for m, d in _stamps(line)
                                       if m == "updated"}:  # the markup's is the update's date
        markup = replace(markup, published=None)
    if not original and markup.published and stated and markup.published != stated \
            and not updated_only:
        candidates, stated = (markup.published, stated), None  # the markup and the page differ
        markup = replace(markup, published=None)
    url = markup.url or _page_url(page)
    wiki = not original and any(WIKI_EDITED.match(line) for line in (
        *page.tail, *page.furniture))
    if wiki:  # edited by anyone, never published on a day: its dates are the editor's call
        candidates = tuple(sorted({d for d in (markup.published, stated) if d} | set(candidates)))
        markup, stated = replace(markup, published=None), None
    published = original or markup.published or stated or (
        None if wiki else pageurls.date_in_path(url))
    if published is not None and published > today:
        published = None
    partial = None if published or wiki else _partial(page)
    author = bylines.author((*page.header, *page.tail), markup.author)
    return Facts(published, partial, _show(name), _show(via), pageurls.page_address(url),
                 author, candidates, tuple(_show(n) or n for n in disputed),
                 unmapped, () if name else stated_sites)


def _unmapped(name: str) -> bool:
    """An outlet written only in its own script and not in the table: briefings name
    outlets in Latin letters, and a transliteration would be a guess, so it is left out."""
    return outlets.by_name(name) is None and outlets.has_native_word(name)


def _show(name: str | None) -> str | None:
    return outlets.canonical(name) if name else None


def _site(page: PageText, markup: Markup, organisation: Callable[[str], str | None]
          ) -> tuple[str | None, tuple[str, ...]]:
    """The site the page was saved from (``sitename.decide``: a known outlet named whole,
    or a name two signals agree on), and the names stated where none is decided."""
    short = [line for line in page.furniture if len(line) <= _SHORT_LINE]
    holders = [h for h in (_copyright_holder(line) for line in short) if h]
    holders = [h for h in map(sitename.described_organisation, holders) if h]
    named = [line for line in page.furniture if classify(line) != "end"]
    top = sitename.masthead(named) or (page.first_line if page.first_line in page.header else None)
    top = sitename.described_organisation(top) if top else None  # "Official website of X"
    joined = bool(named) and top != named[0]  # "Ministry of Foreign Affairs" / "of ..."
    url = markup.url or _page_url(page)
    own = _NAME_AND_HOME.match(top or "")  # a print module: "Published on X (https://x.am)"
    top, url = (own.group("name"), url or own.group("home")) if own else (top, url)
    signals = sitename.SiteSignals(markup.site, top, holders[-1] if holders else None,
                                   outlets.host_of(url or ""), tuple(named[:3]))
    found = sitename.known(signals)
    if found:
        return found, ()
    bare_holder = _CORPORATE_TAIL.sub("", holders[-1]) if holders else ""
    if top and bare_holder.casefold() == top.casefold():  # "EcoWatch" over "© EcoWatch Media
        return bare_holder, ()  # Group": the company is not the outlet; its own capitals
    if top and len(top.split()) <= 12 and holders and top.casefold() in holders[-1].casefold() \
            and not sitename.is_legal_name(holders[-1]) and len(holders[-1]) <= 120:
        # the masthead, confirmed by the footer's copyright holder; where the masthead is
        # part of the holder's name ("Republic of Azerbaijan" in "Ministry of Foreign
        # Affairs of the Republic of Azerbaijan"), the whole organisation is the holder
        return holders[-1], ()
    quotable = bool(top) and classify(top or "") == "short" and not re.search(r"\d", top or "")
    decided = sitename.decide(signals, quote_masthead=quotable)
    if decided.name:
        return decided.name, ()
    if top and ((joined and outlets.looks_like_outlet(top)) or _ORGANISATION.search(top)):
        return top, ()  # a masthead over two lines, joined: "Ministry of ..." / "of ..."
    known = organisation(headlines.without_symbols(top)) if top else None
    if known:  # a document's header: "United Nations    S/2024/312"
        return known, ()
    counts: Counter[str] = Counter()
    for line in short:
        if not _ATTRIBUTION.search(line):
            counts.update({outlet.name for outlet, _, _ in outlets.mentions(line)})
    if counts and counts.most_common(1)[0][1] >= 2 and not sitename.named_as_more(
            counts.most_common(1)[0][0], signals):  # named twice: two lines agree
        return counts.most_common(1)[0][0], ()
    return None, decided.candidates


_NAME_AND_HOME = re.compile(r"^(?:(?:published|printed)\s+(?:on|from)\s+)?(?P<name>[^()]{2,60}?)"
                            r"\s*\((?P<home>https?://[^\s()]+)\)$", re.IGNORECASE)
_ORGANISATION = re.compile(r"^(?:the\s+)?(?:ministry|embassy|office|mission|permanent mission|"
                           r"presidency|administration|government)\s+of\b.*\s(?:of|for)\s",
                           re.IGNORECASE)


def _copyright_holder(line: str) -> str | None:
    return None if _ATTRIBUTION.search(line) else sitename.copyright_holder(line)


def _outlet(page: PageText, markup: Markup, site: str | None = None
            ) -> tuple[str | None, tuple[str, ...]]:
    """Who wrote the report, where the page says so; and the candidates where it says it
    in ways that disagree (a byline and a dateline credit naming different agencies).

    An attribution ("This article originally appeared on X") is decisive. Otherwise the
    credit lines, organisation bylines and the dateline's credit must agree; the markup's
    author counts only where the page says nothing else.
    """
    for line in _around(page):
        found = _ATTRIBUTION.search(line)
        name = _attributed(found.group("name")) if found else None
        if name and sitename.names_an_organisation(name):
            return _outlet_in(name), ()
        if name:  # an attribution whose words name no organisation: nothing is sure
            return None, (name,)
    said = [quoted.group("who") for quoted in map(CREDIT.match, page.header) if quoted]
    said += [headlines.credit_line(line) for line in page.header]  # "Yerevan (AFP) –"
    said += [b for b in map(bylines.byline, (*page.header, *page.tail))
             if b and outlets.looks_like_outlet(b)]
    said.append(next((c for c in (dateline(p)[1] for p in page.body[:2]) if c), None))
    if not any(said) and markup.author and outlets.looks_like_outlet(markup.author):
        if not _confirmed_credit(markup.author, page, site):  # one field, often garbled
            return None, (markup.author,)  # a credit nothing confirms: not the site's either
        said.append(markup.author)
    named: dict[str, str] = {}
    for text in filter(None, said):
        name = _outlet_in(text)
        if not _STAFF_ONLY.match(name):  # "By Staff", "By our correspondent": nobody named
            named.setdefault(outlets.canonical(name).casefold(), name)
    if len(named) > 1 or any(_AGENCIES.search(name) for name in named.values()):
        return None, tuple(named.values())  # "Agencies and TOI": several, none of them sure
    outlet = next(iter(named.values()), None)
    if outlet and not _confirmed_credit(outlet, page, site):
        return None, (outlet,)  # a name the table lacks, in one credit that nothing confirms
    return outlet, ()


def _confirmed_credit(credit: str, page: PageText, site: str | None) -> bool:
    """A credit as an organisation, where the page agrees: a known outlet named whole, the
    site's own name by its initials ("MEE staff" on Middle East Eye), or the name credited
    again in the visible page: on another line around the article, in brackets in the lead
    ("Ereván, 23 feb (EFE).-") or by the copyright line ("(c) Agencia EFE")."""
    name = _outlet_in(credit)
    if outlets.by_name(name) or (site and outlets.same_organisation(name, site)) or sum(
            name.casefold() in line.casefold() for line in _around(page)) >= 2:
        return True  # a known outlet, the site's own initials, or credited on two lines
    shown = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    holders = filter(None, map(sitename.copyright_holder, page.furniture))
    return any(shown.search(held) for held in holders) or any(
        re.search(rf"\(\s*{re.escape(name)}\s*\)", lead) for lead in page.body[:2])


def _attribution_date(page: PageText) -> date | None:
    """The first publication's date where an attribution states it ("This article first
    appeared on CivilNet on March 12, 2024."): decisive, the republisher's date is not it."""
    for line in _around(page):
        found = _ATTRIBUTION.search(line)
        if found and _attributed(found.group("name")):
            days = pagedates.complete_dates(line[found.start():])
            return days[0][1] if days else None
    return None


def _around(page: PageText) -> tuple[str, ...]:
    """The lines around the article where it says whose it is, a field's label and its
    value read as one line ("Source" over "OCHA" is "Source: OCHA")."""
    return (*page.tail, *bylines.with_labels_joined(page.header),
            *bylines.with_labels_joined(page.furniture),
            *page.body[-2:])  # a label over its value not under the text: a chart's
    # "Source" / "World Bank" there names the data's source, not the report's


def _attributed(name: str) -> str | None:
    """The organisation in an attribution's words: "on September 26, 2024 by the Armenian
    Weekly" -> "the Armenian Weekly"; "The Conversation under a Creative Commons license"
    -> "The Conversation"; a language ("in Russian") or a date is no outlet."""
    name = re.split(r"\s+by\s+", name)[-1]
    name = re.split(r"\s+(?:under|with|as part of|in accordance|and (?:is|was|has|are))\b",
                    name)[0].strip(" ,")
    name = re.sub(r"\s+(?:on|in|le|el|am)\s+[^,]*\d.*$", "", name)  # "CivilNet on March 12, 2024"
    name = re.sub(r"\s+(?:on|le|el|am)\s+(\w+)$", lambda m: "" if pagedates.is_month(m.group(1))
                  else m.group(0), name)  # "Inside Climate News on Nov. 12": cut at "Nov."
    if not name or pagedates.complete_dates(name) or pagedates.partial_date(name) \
            or name.casefold() in _LANGUAGE_WORDS or not any(c.isalpha() for c in name):
        return None
    return name


_LANGUAGE_WORDS = frozenset((
    "english", "russian", "french", "armenian", "azerbaijani", "arabic", "turkish", "georgian",
    "ukrainian", "persian", "german", "spanish", "italian", "chinese", "hebrew", "farsi"))
_CORPORATE_TAIL = re.compile(
    r"(?:\s+or its affiliated companies|\s*,?\s+(?:news\s*&\s*media|media\s+(?:group|network)|"
    r"limited|ltd|inc|llc|plc|corp(?:oration)?|company|holdings?|group|network|bv|gmbh|"
    r"s\.a)\.?)+$", re.IGNORECASE)
_BESIDE = re.compile(r"^(?:\s*(?:,|/|\+|&|with|and|staff|desk|newsroom|reporters?|news|"
                     r"wires?|(?:news )?agencies|journalists?|وكالات|агентства))*\s*$",
                     re.IGNORECASE)


_AGENCIES = re.compile(r"\b(?:agencies|wires|وكالات|агентства|agences)\b", re.IGNORECASE)
_STAFF_ONLY = re.compile(r"^(?:(?:our|the|a|staff|news|editorial|web|wire|foreign|special)\s+)*"
                         r"(?:staff|reporters?|writers?|correspondents?|desk|newsroom|team|"
                         r"editors?|bureau)?$", re.IGNORECASE)


def _outlet_in(text: str) -> str:
    """The known outlet a byline or credit names, whole, or the text without staff words.

    A known name counts only as the whole organisation ("Guardian News & Media Limited"
    is the Guardian's company) or where the rest are other outlets and staff words
    ("Euronews with AFP": the newsroom named first); never inside a longer name
    ("Interfax-Ukraine", "Mail & Guardian" are other organisations).
    """
    known = outlets.by_name(text) or outlets.by_name(_CORPORATE_TAIL.sub("", text.strip()))
    if known:
        return known.name
    named = sorted(outlets.mentions(text), key=lambda mention: mention[1])
    rest = text
    for _, start, end in reversed(named):
        rest = rest[:start] + " , " + rest[end:]
    if named and _BESIDE.match(re.sub(r"^\s*the\s+", "", rest, flags=re.IGNORECASE)):
        return named[0][0].name
    if named and named[-1][2] == len(text.rstrip(" .")) and \
            re.search(r",\s*(?:the\s+)?$", text[:named[-1][1]], re.IGNORECASE):
        return named[-1][0].name  # "By Anna Chernova and Rob Picheta, CNN"
    return re.sub(r"\s+(?:staff|desk|newsroom|and (?:news )?agencies)\b.*$", "", text.strip(),
                  flags=re.IGNORECASE)


def _page_date(page: PageText) -> tuple[date | None, tuple[date, ...], pagedates.Meaning | None]:
    """The publication date from the stamps written near the title, by what they say.

    A stamp of the original's publication ("Originally published", on a page that carries
    another's report) is decisive; then a "Published" stamp; then an unlabelled one; an
    "Updated" stamp only where the page has no other (as AP and CNN pages show it); a
    correction's never. Stamps of the kind that decides but disagree leave the date empty,
    with the candidates returned; and the kind of the stamp that decided.
    """
    found: dict[str, list[date]] = {}
    sent = pagedates.mail_sent((*page.furniture[:12], *page.header))  # a mail's "Date:" header
    found.update({"published": sent} if sent else {})
    for line in pagedates.labels_joined(page.header) if not found else ():
        for meaning, day in _stamps(line):
            found.setdefault(meaning, []).append(day)
    leads = [day for day in map(pagedates.dateline_date, page.body[:2]) if day]
    found.update({"plain": leads[:1]} if leads and not found else {})  # "SKOPJE, 19 May 2023 –"
    for line in _before_furniture(page.tail[:3]) if not found else ():  # below, if not above
        for meaning, day in _stamps(line):
            found.setdefault(meaning, []).append(day)
    kinds: tuple[pagedates.Meaning, ...] = ("original", "published", "plain")
    for meaning in kinds:
        days = sorted(set(found.get(meaning, ())))
        if len(days) > 1:
            return None, tuple(days), None
        if days:
            return days[0], (), meaning
    updates = sorted(set(found.get("updated", ())))
    if len(updates) == 1:
        return updates[0], (), "updated"  # with nothing else, as AP and CNN pages show it
    return None, tuple(updates), None


def _stamps(line: str) -> list[tuple[pagedates.Meaning, date]]:
    return pagedates.stamps(line) if len(line) <= 160 and classify(line) != "skip" else []


def _before_furniture(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The lines under an article up to its furniture: a date in a related link or a
    copyright line below that is another article's or the site's, never this one's."""
    for index, line in enumerate(lines):
        if classify(line) == "end" or is_link_label(line):
            return lines[:index]
    return lines


def _partial(page: PageText) -> str | None:
    for line in (*page.header, *_before_furniture(page.tail[:3]), *page.body[:2]):
        partial = pagedates.partial_date(line)
        if partial:
            return partial
    return None


def _page_url(page: PageText) -> str | None:
    return pageurls.stated_address((page.header, page.furniture, page.tail))
