"""What may be an article's title, and which title a page states when it states several.

A title is a headline: a few words of running text. Lines shaped like a headline that are
something else never become one: a document symbol with a label ("Press release
SC/15424", "S/2024/312", "A/HRC/55/L.1"), a place-and-credit line ("Yerevan (AFP) –",
"يريفان - العربية.نت": where the reporter was and whose report it is), and a link to
another article's headline ("READ MORE: ...", "Читайте также: ...": it interrupts the
article, it never ends it). An HTML page
states its title in several places (the visible ``<h1>``, og:title, the JSON-LD
headline, ``<title>`` with the site's name after it); ``agreed`` takes one only where
they agree, and otherwise returns the candidates for the editor to choose from.
"""

from __future__ import annotations

import re
import unicodedata

from generator.editorial.pagesignals import outlets

# A UN- or OSCE-style document symbol: capital-led parts joined by "/", one with a digit
# ("S/PV.9439", "SC/15424", "A/HRC/55/L.1", "PC.DEL/12/23"), or a numbered reference
# ("No:512/23", "No. 45").
_SYMBOL = re.compile(r"(?<![\w/])(?:[A-Z][A-Za-z.]{0,9}(?:/[A-Za-z0-9.()-]+)+|"
                     r"No\s?[.:]\s?\d+(?:/\d+)?)(?![\w/])")
# Words that name a document's kind beside its symbol; they add no headline.
_LABEL_WORDS = re.compile(r"^(?:press|release|document|doc|distr|general|original|english|"
                          r"ref|reference|symbol|statement|no|number|item|agenda|[-–—:.,()])+$",
                          re.IGNORECASE)
# "Yerevan (AFP) –", "BAKU (Reuters) -", "يريفان - العربية.نت", "Abu Dhabi - Sky News Arabia".
_CREDIT_LINE = re.compile(
    r"^(?P<place>[^\W\d][\w'’. -]{2,30}?)\s*(?:\((?P<agency>[^()]{2,40})\)\s*(?P<dash>[-–—]*)|"
    r"[-–—]\s*(?P<credit>[^\W\d][^()]{1,40}?))\s*$")
_DOMAIN_SHAPED = re.compile(r"\w\.(?:[a-z]{2,4}|نت|ру|рф)$", re.IGNORECASE)
# An inline link to another article, in any case ("READ MORE:", "À lire aussiArménie",
# "Читайте также:", "اقرأ أيضا"): it interrupts the article, it never ends it.
_LINK_LABEL = (r"(?:(?:[àa]\ )?(?:lire|voir)\ (?:aussi|également|plus)|read\ (?:also|more|next)|"
               r"also\ read|see\ also|more(?=\s*:)|recommended|related(?:\ (?:stories|articles?|"
               r"coverage|news|reading))?|читайте\ (?:также|ещё|еще)|читать\ также|"
               r"смотрите\ также|по\ теме|подробнее|[اإ]قرأ\ (?:أيضا|ايضا|أيضاً|ايضاً|المزيد))")
_INLINE_LINK_LINE = re.compile(rf"(?ix)^[\[(]?{_LINK_LABEL}(?:\s*[:|»›>•–—-]+\s*\S.*|"
                               r"(?-i:[A-ZÀ-ÝА-ЯЁ]).*)$")
# A bare "Related" or "Recommended" heads a list of links, and a bare "More" is a menu item.
_BARE_LINK_LABEL = re.compile(rf"(?ix)^(?!related|more|recommended){_LINK_LABEL}\W*$")


_TRAIL = re.compile(r"^\S[^>›»]{0,40}\s[>›»]\s")  # "Home > ...", "Accueil › ..."


def is_link_label(line: str, bare: bool = False) -> bool:
    """A link to another article's headline ("Read also: ...", "À lire aussiArménie ...")
    or its label alone on its line (only the label where ``bare``)."""
    return bool(_BARE_LINK_LABEL.match(line) or (not bare and _INLINE_LINK_LINE.match(line)))


def symbols(line: str) -> list[str]:
    """The document symbols a line holds."""
    return [match.group(0) for match in _SYMBOL.finditer(line)]


def without_symbols(line: str) -> str:
    """The line with its document symbols taken out ("United Nations S/2024/312")."""
    return " ".join(_SYMBOL.sub(" ", line).split())


def is_document_label(line: str) -> bool:
    """A document symbol with at most a label beside it: a reference, not a headline."""
    found = symbols(line)
    if not found:
        return False
    rest = _SYMBOL.sub(" ", line).split()
    return all(_LABEL_WORDS.match(word) for word in rest) or len(rest) <= 1


def credit_line(line: str) -> str | None:
    """The organisation a place-and-credit line credits ("Yerevan (AFP) –" -> "AFP"), or
    None for a line of another shape. The credit must name an organisation: a known outlet,
    a site's address, or (in brackets, as agencies write it) any short name."""
    match = _CREDIT_LINE.match(line.strip())
    if not match or len(line.split()) > 8 or len(match.group("place").split()) > 3:
        return None  # more words before the credit than a place has: a photo's caption
    agency = match.group("agency")
    if agency:  # "Yerevan (AFP) –"; without the dash only a known agency ("X (Twitter)")
        known = match.group("dash") or outlets.by_name(agency)
        return agency.strip() if known and len(agency.split()) <= 4 else None
    credit = match.group("credit").strip(" .")
    if outlets.by_name(credit) or _DOMAIN_SHAPED.search(credit):
        return credit
    return None


def is_navigation(lines: list[str], index: int) -> bool:
    """A menu or breadcrumb item: a short line repeated on the page, or one of three or
    more short lines in a row."""
    line = lines[index]
    if _running_header(lines, index):
        return True
    if len(line.split()) > 5:
        return False
    if sum(other == line for other in lines) > 1:
        return True
    low, high = index, index
    while low > 0 and len(lines[low - 1].split()) <= 4:
        low -= 1
    while high + 1 < len(lines) and len(lines[high + 1].split()) <= 4:
        high += 1
    return high - low >= 2 and len(line.split()) <= 4


def _running_header(lines: list[str], index: int) -> bool:
    """A document's running header: the line recurs further down, page numbers and dates
    aside ("PONARS Eurasia Policy Memo No. 889 March 2024" / "2 PONARS Eurasia Policy Memo
    No. 889")."""
    own = _without_numbers(lines[index])
    if len(own.split()) < 4:
        return False
    opening = " ".join(own.split()[:4])  # a cheap test first: the line holds the same opening
    return any(len(other.split()) >= 4 and (own + " ").startswith(other + " ")
               for other in map(_without_numbers,
                                (line for line in lines[index + 1:] if opening in line)))


def _without_numbers(line: str) -> str:
    return " ".join(word for word in line.split() if not any(c.isdigit() for c in word))


def credit_shaped(line: str) -> bool:
    """A place-and-credit line, credited organisation known or not: "Tbilisi -
    Interpressnews", "القاهرة - صحيفة الشرق" (at most four words, each capitalised where
    the script has capitals). Never a title; but only ``credit_line`` names an outlet."""
    match = _CREDIT_LINE.match(line.strip())
    words = [w for w in line.split() if w not in "-–—"]
    return bool(match) and (credit_line(line) is not None or (
        len(words) <= 4 and all(not w[:1].islower() for w in words)))


def not_a_headline(line: str) -> bool:
    """True for a headline-shaped line that is a reference, a credit, a line holding a web
    address or a breadcrumb trail ("Home > World > ..."), not a title."""
    return is_document_label(line) or credit_shaped(line) or "://" in line or bool(
        _TRAIL.search(line))


def contradicted_by_address(title: str, url: str | None) -> bool:
    """The address's last part spells a headline of four words or more ("/why-tens-of-
    thousands-of-armenians-are-fleeing") and the title shares none of its words: one of the
    two is not this article's, and the title is left to the editor."""
    last = re.split(r"[/?#]", (url or "").rstrip("/"))[-1]
    slug = _words(re.sub(r"\.(?:html?|php|aspx?)$", "", last).replace("_", "-").replace("-", " "))
    if len(slug) < 4 or not re.fullmatch(r"[\w-]+(?:\.\w+)?", last) or any(
            c.isdigit() for c in "".join(slug)) or outlets.is_native_script(title):
        return False  # a Russian or Arabic headline's address is often transliterated
    return not slug & _words(title)


def share_a_word(one: str, other: str) -> bool:
    """Whether two titles have a word of three letters or more in common."""
    return bool(_words(one) & _words(other))


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return {word for word in re.split(r"[^\w]+", plain) if len(word) > 2}


def _key(title: str) -> str:
    return " ".join(title.replace("…", " ").replace("...", " ").split()).casefold().strip(" .")


def without_topline(headline: str, stated: list[str]) -> str:
    """The visible headline without a topline printed in the same element ("Südkaukasus
    Armenien und ..."), where a markup title is the rest of it exactly: the two signals
    agree on the headline, and the words before it are a section's or a topic's."""
    for title in stated:
        if title and headline.endswith(" " + title) and \
                1 <= len(headline[:-len(title)].split()) <= 3:
            return title
    return headline


def agreed(candidates: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """The title the markup's candidates agree on, the first given where one holds the
    others (a title cut short for search engines agrees with the whole one); else None
    and the distinct candidates, for the editor to choose from."""
    distinct: dict[str, str] = {}
    for candidate in candidates:
        if candidate and candidate.strip():
            distinct.setdefault(_key(candidate), " ".join(candidate.split()))
    if not distinct:
        return None, ()
    keys = list(distinct)
    if all(a in b or b in a for a in keys for b in keys):
        return distinct[keys[0]], ()
    return None, tuple(distinct.values())
