"""Which site a page was saved from: every signal the page gives, and one rule of agreement.

The signals: the markup's site name (``og:site_name``), the masthead (the page's first
line), the footer's copyright holder and the page's address (its host). Each is read
alone, then:

- *decisive*: a signal that names a known outlet whole (the outlet table, ``outlets``),
  the first of them in the order above;
- *agreed*: for a name the table lacks, two different signals that name it alike (folded
  to letters and digits: "EL PAÍS" and ``elpais.com``; "Chatham House – International
  Affairs Think Tank" and ``chathamhouse.org`` agree on "Chatham House");
- otherwise no name, and the candidates for the editor.

A copyright holder is a company, not a masthead: its legal form ("Verlagsgesellschaft
m.b.H.", "Ediciones ... S.L.", "Inc.", "Productions LLC") is taken off before it is
compared, and "All rights reserved" names nobody. A site's language edition ("IRNA
English") names the outlet without the language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.editorial.pagesignals import outlets

_LEGAL_FORM = re.compile(
    r"(?:^|\s|,)(?:verlags?gesellschaft|verlag|gesellschaft|gmbh|m\.?\s?b\.?\s?h\.?|ag|kg|"
    r"s\.?\s?[al]\.?(?:u\.?)?|s\.?a\.?s\.?|s\.?r\.?l\.?|sarl|spa|bv|nv|ediciones|editions|"
    r"éditions|edizioni|productions?|inc|incorporated|ltd|limited|llc|llp|plc|corp|"
    r"corporation|company|co|holdings?|association|foundation|trust|publishing|"
    r"publications?|e\.\s?v|ggmbh|stiftung|s\.p\.a|pty|oü|ооо|оао|зао|ао|пао)\.?(?=$|\s|,)",
    re.IGNORECASE)
_NOBODY = re.compile(r"^(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|"
                     r"tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|"
                     r"все\s+права\s+защищены|copyright|rights\s+reserved)\W*$", re.IGNORECASE)
_EDITION = re.compile(r"\s+(?:english|arabic|français|francais|en\s+français|in\s+english|"
                      r"русский|عربي|español|deutsch|türkçe)$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:^|\s)(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?[.,]?\s*)?"
    r"(?:by\s+)?(?P<holder>[^\W\d][^|©·•]{1,60}?)\s*(?:\d{4})?\s*(?:[.,|·•](?!\w)|all rights|$)",
    re.IGNORECASE)
_HOLDER_BEFORE = re.compile(r"^(?P<holder>[^\W\d][^|©]{1,60}?)\s*(?:©|\(c\))")
_TAGLINE = re.compile(r"\s+[|–—:·•-]\s+|:\s+")
_TWO_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


@dataclass(frozen=True)
class SiteSignals:
    """What a page says of the site it was saved from, each read on its own."""

    markup: str | None = None  # og:site_name as the markup writes it
    masthead: str | None = None  # the page's name at its top
    holder: str | None = None  # the footer's copyright holder
    host: str | None = None  # the page's address's host


@dataclass(frozen=True)
class SiteName:
    """The site's name where the signals decide it, else the candidates they gave."""

    name: str | None
    candidates: tuple[str, ...] = ()


def fold(name: str) -> str:
    """Letters and digits only, without marks or case or a leading "the"."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if c.isalnum())
    return plain[3:] if plain.startswith("the") and len(plain) > 6 else plain


def without_legal_form(holder: str) -> str | None:
    """A copyright holder's name without its company form ("STANDARD Verlagsgesellschaft
    m.b.H." -> "STANDARD"); None where nothing of a name is left ("All rights reserved")."""
    core = " ".join(_LEGAL_FORM.sub(" ", holder).split()).strip(" ,.;-–")
    return None if not core or _NOBODY.match(core) or not any(c.isalpha() for c in core) \
        else core


def copyright_holder(line: str) -> str | None:
    """Who a copyright line names ("© 2024 The Armenian Weekly", "EVN Report © 2024. All
    rights reserved." -> "EVN Report"); None where it names nobody."""
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    holder = match.group("holder").strip(" .,")
    if without_legal_form(holder) is None:  # "© 2024. All rights reserved."
        before = _HOLDER_BEFORE.match(line)
        holder = before.group("holder").strip(" .,") if before else ""
    return holder if len(holder) >= 2 and without_legal_form(holder) else None


def is_legal_name(name: str) -> bool:
    """A company's legal name ("Baikar Association, Inc.", "Ediciones EL PAÍS S.L.")."""
    return bool(_LEGAL_FORM.search(name)) or bool(_NOBODY.match(name.strip()))


def _variants(name: str | None, holder: bool = False) -> list[str]:
    """The forms a stated name may take: as written, without its tagline ("Chatham House –
    International Affairs Think Tank"), its language edition or (a holder's) legal form."""
    if not name or not name.strip():
        return []
    found = [" ".join(name.split())]
    found += [part for part in _TAGLINE.split(found[0]) if part and part != found[0]][:1]
    found += [_EDITION.sub("", form) for form in list(found) if _EDITION.search(form)]
    if holder:
        found = [core for core in map(without_legal_form, found) if core]
    return list(dict.fromkeys(form.strip(" .,") for form in found if form.strip(" .,")))


def _host_keys(host: str | None) -> set[str]:
    """The registrable name of a host, with and without its top-level domain, and the
    label below it (an organisation on a shared domain: ``eeas.europa.eu``):
    ``press.un.org`` -> {"un", "unorg", "press"}, ``arab.news`` -> {"arab", "arabnews"}."""
    labels = [label for label in (host or "").lower().split(".") if label]
    if len(labels) < 2:
        return set()
    cut = 3 if len(labels) >= 3 and labels[-2] in _TWO_LEVEL and len(labels[-1]) == 2 else 2
    name, suffix = labels[-cut], "".join(labels[-cut + 1:])
    below = [fold(label) for label in labels[:-cut] if label not in ("www", "en", "m", "amp")]
    return {fold(name), fold(name + suffix), *below[-1:]}


def known(signals: SiteSignals) -> str | None:
    """The known outlet a signal names whole, the first in the order markup, masthead,
    copyright holder, host: decisive on its own."""
    for name, holder in ((signals.markup, False), (signals.masthead, False),
                         (signals.holder, True)):
        for form in _variants(name, holder):
            outlet = outlets.by_name(form)
            if outlet:
                return outlet.name
    by_host = outlets.by_domain(signals.host or "")
    return by_host.name if by_host else None


def decide(signals: SiteSignals, quote_masthead: bool = True) -> SiteName:
    """The site's name: a known outlet named whole by any signal, else a name two signals
    agree on, else None with the names the masthead, the markup and the copyright line
    state (not a legal name)."""
    found = known(signals)
    if found:
        return SiteName(found)
    stated = [("markup", _variants(signals.markup)), ("masthead", _variants(signals.masthead)),
              ("holder", _variants(signals.holder, holder=True))]
    keys = {kind: {fold(form): form for form in forms} for kind, forms in stated}
    keys["host"] = {key: "" for key in _host_keys(signals.host)}
    for kind, _ in stated:
        for key, form in keys[kind].items():
            others = [k for other in keys if other != kind for k in keys[other]]
            if len(key) >= 2 and any(key == k or _initials(form) == k for k in others):
                return SiteName(_as_name(form))
    masthead, holder = stated[1][1], stated[2][1]
    if masthead and holder and _starts_with(masthead[0], holder[0]):
        return SiteName(_as_name(holder[0]))  # a running header: "X Policy Memo No. 9", "© X"
    named = [signals.masthead if quote_masthead and len((signals.masthead or "").split()) <= 6
             else None,
             signals.markup, signals.holder if signals.holder and not is_legal_name(
                 signals.holder) else None]  # a company's legal name is no outlet's
    return SiteName(None, tuple(dict.fromkeys(" ".join(n.split()) for n in named if n)))


def _initials(name: str) -> str:
    """"Human Rights Watch" -> "hrw" (an organisation's host is often its initials)."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    return fold("".join(w[0] for w in words if w[:1].isupper())) if len(words) >= 3 else ""


def _starts_with(longer: str, shorter: str) -> bool:
    """The masthead opens with the copyright holder's whole name, as a document's running
    header does ("PONARS Eurasia Policy Memo No. 889" and "© PONARS Eurasia")."""
    return len(shorter.split()) >= 2 and (longer + " ").casefold().startswith(
        shorter.casefold() + " ")


def _as_name(form: str) -> str:
    """A name in capitals throughout ("EL PAÍS", a logo's lettering) in the case of a name;
    one word stays as written (it may be an acronym: "OSCE")."""
    words = form.split()
    if len(words) >= 2 and all(not c.isalpha() or c.isupper() for c in form):
        return " ".join(word.capitalize() for word in words)
    return form
