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
    top: tuple[str, ...] = ()  # the page's first lines, where a masthead may stand


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
    rights reserved." -> "EVN Report"); None where it names nobody, or where what stands
    there is no organisation's whole name (``names_an_organisation``)."""
    match = _COPYRIGHT.search(line)
    if not match:
        return None
    holder = match.group("holder").strip(" .,")
    if without_legal_form(holder) is None:  # "© 2024. All rights reserved."
        before = _HOLDER_BEFORE.match(line)
        holder = before.group("holder").strip(" .,") if before else ""
    if len(holder) < 2 or not without_legal_form(holder) or not names_an_organisation(holder):
        return None
    return holder


_CUT_SHORT = re.compile(r"\s(?:[a-zà-ÿа-я]{1,3}|of|and|for|the|de|du|des|und|der|la|le)$")
_NOT_A_NAME = re.compile(r"[’']s\b|(?i:\b(?:terms|conditions|privacy|policy|policies|cookies?|"
                         r"licen[cs]e|disclaimer|imprint|impressum)\b)|"
                         r"\b(?:is|was|are|were|has|have|had)\b")  # a name holds no verb


def names_an_organisation(name: str) -> bool:
    """False for words that stand where a name is written but name no organisation: a
    possessive or a document ("ReliefWeb's Terms & Conditions", "Privacy policy"), or a
    name cut short at an abbreviation's full stop ("Ośrodek Studiów Wschodnich im" of
    "... im. Marka Karpia": its last word is a small one that ends no name)."""
    return not _NOT_A_NAME.search(name) and not _CUT_SHORT.search(name.strip())


_WEBSITE_OF = re.compile(r"^(?:the\s+)?(?:official\s+)?(?:web\s?site|site|portal|web\s+portal|"
                         r"internet\s+portal|homepage)\s+of\s+(?:the\s+)?(?P<who>.{3,80})$",
                         re.IGNORECASE)
_DESCRIBES_A_SITE = re.compile(r"\b(?:web\s?sites?|portal|platform|internet\s+resources?|"
                               r"homepage|online\s+service)\b", re.IGNORECASE)


def described_organisation(name: str) -> str | None:
    """The organisation a site's description names ("Official website of the President of
    Ukraine" -> "President of Ukraine"); the name itself where it is no description; None
    for a description that names no organisation ("Unified platform of Internet resources
    of state bodies": a portal, run for many publishers)."""
    named = _WEBSITE_OF.match(name.strip())
    if named:
        return named.group("who").strip(" .,")
    return None if _DESCRIBES_A_SITE.search(name) else name


def is_legal_name(name: str) -> bool:
    """A company's legal name ("Baikar Association, Inc.", "Ediciones EL PAÍS S.L.")."""
    return bool(_LEGAL_FORM.search(name)) or bool(_NOBODY.match(name.strip()))


def _variants(name: str | None, holder: bool = False, editions: bool = True) -> list[str]:
    """The forms a stated name may take: as written, without its tagline ("Chatham House –
    International Affairs Think Tank"), its language edition (``editions``) or (a holder's)
    legal form; a site's description stands for the organisation it names, and one that
    names none ("Unified platform of ...") gives no form."""
    if not name or not name.strip():
        return []
    described = described_organisation(" ".join(name.split()))
    if described is None:
        return []
    found = [described]
    found += [part for part in _TAGLINE.split(found[0]) if part and part != found[0]][:1]
    if editions:
        found += [_EDITION.sub("", form) for form in list(found) if _EDITION.search(form)]
    if holder:
        found = [core for core in map(without_legal_form, found) if core]
    return list(dict.fromkeys(form.strip(" .,") for form in found if form.strip(" .,")))


# A company that owns outlets ("Example Media Group"): where its name is the site's name
# and the copyright holder alike, the two agree on the owner, not on the masthead.
_OWNER = re.compile(r"\bmedia\s+(?:group|holdings?|network|corporation|company)$|"
                    r"медиа(?:группа|холдинг)$|medya\s+grubu$", re.IGNORECASE)


def shared_platform(host: str | None) -> bool:
    """A government's shared publishing platform (``gov.uk``, ``gov.kz``: the registrable
    name is "gov"): every ministry and agency publishes there, so its name is no outlet's."""
    labels = [label for label in (host or "").lower().split(".") if label]
    return len(labels) >= 2 and labels[-2] == "gov" and len(labels[-1]) == 2 and \
        (len(labels) == 2 or labels[-3] == "www")


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
        for form in _variants(name, holder, editions=False):
            outlet = outlets.by_name(form)
            if outlet:
                return None if named_as_more(outlet.name, signals) else outlet.name
    by_host = outlets.by_domain(signals.host or "")
    if by_host is None or _a_service_of(by_host.name, signals.markup) or \
            named_as_more(by_host.name, signals):
        return None
    return by_host.name


def named_as_more(name: str, signals: SiteSignals) -> bool:
    """The page's short masthead spells the outlet's name with more after it ("BBC News,
    Türkçe" over a footer's "© BBC"): a service or an edition, which the footer's or the
    host's name for the whole outlet does not decide."""
    own = fold(name)
    return any(2 <= len(top.split()) <= 4 and fold(top) != own and fold(top).startswith(own)
               and getattr(outlets.by_name(top), "name", None) != name  # a known spelling
               for top in (signals.masthead or "", *signals.top))


def _a_service_of(name: str, markup: str | None) -> bool:
    """The markup names the site as more than ``name``: a language service or a unit of
    it ("BBC News فارسی" on bbc.com, "AFP Factuel" on afp.com), which briefings may name
    otherwise; the host, or a masthead agreeing with it, does not decide between them."""
    own, forms = fold(name), [fold(form) for form in _variants(markup)]
    return bool(forms) and own not in forms and len(own) >= 2 and \
        any(form.startswith(own) for form in forms)


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
    if shared_platform(signals.host):  # "GOV.UK" on gov.uk: the platform, not the publisher
        keys = {kind: {k: f for k, f in forms.items() if k not in keys["host"]}
                for kind, forms in keys.items()}
    for kind, _ in stated:
        for key, form in keys[kind].items():
            others = [k for other in keys if other != kind for k in keys[other]]
            if len(key) >= 2 and any(key == k or _initials(form) == k for k in others) \
                    and not _a_service_of(form, signals.markup) and not _OWNER.search(form):
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


def masthead(furniture: list[str]) -> str | None:
    """The page's name at its top: the first line, joined with the next where that one
    goes on the same name ("Ministry of Foreign Affairs" / "of the Republic of Armenia")."""
    if not furniture:
        return None
    top = furniture[0]
    if len(furniture) > 1 and re.match(r"^(?:of|for|and|de|du|des|d['’])\s", furniture[1]) \
            and len(top.split()) + len(furniture[1].split()) <= 14:
        return f"{top} {furniture[1]}"
    return top

