"""Finding the registry actors and regions an article names, through any of their names.

Every id, name and alias (and its regular forms, ``nameforms``: "Azerbaijan's State Border
Service" for "State Border Service of Azerbaijan", "U.N." for "UN", Russian and Armenian
case forms) goes into one Aho-Corasick automaton over text that is NFC-normalised and
case-folded, with dashes, quotes, spaces and Persian's own yeh and kaf made uniform. A
country's names in regions.yml name the state of the same id too. A match counts only at
word boundaries (an Arabic clitic may precede it; a currency sign may not follow), and:

- a short all-capital name (US, EU, CSTO) must match exactly, so "us" is not the US (but
  "l'Onu", "dell'Unhcr": an elided article makes a word of an acronym);
- a one-word name written with a capital ("Turkey") must be capitalised in the text;
- where one name stands for an actor and a different region (Baku: the government of
  Azerbaijan, or the city), the words around it decide: "in Baku", "flew to Baku",
  "the city of Baku", "Bakü'de", "Baku, the capital" is the place; "Baku said", "a letter
  to Baku" the government; "the Baku declaration" neither (a document's name).
  Where actor and region share an id (Armenia the state, the country), both are named.

Of overlapping matches the leftmost longest wins ("Lachin corridor", not "Lachin").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick

from generator.content.model import Actor, Region
from generator.content.registries import name_key
from generator.editorial.nameforms import armenian_forms, russian_forms, spelling_variants

_UNIFORM = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                          "\u2212": "-", "\u2019": "'", "\u2018": "'", "\u02bc": "'",
                          "\u00a0": " ", "\u202f": " ", "\u2009": " ",
                          # Persian writes Arabic's yeh and kaf with its own letters ("باکو"
                          # for "باكو"), and final yeh dotless ("ى"): one letter each
                          "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0649": "\u064a"})
_PLACE_WORDS = frozenset((
    "in", "at", "near", "into", "inside", "outside", "around", "across", "via", "reach",
    "reaching", "reached", "visited", "visiting", "based", "hosted", "fled", "flee", "fleeing",
    "left", "leaving",
    # and in the archive's other languages: "à Erevan", "dans Bakou", "в Баку", "في باكو",
    # "در باکو" (Persian; not the Slavic "у": Ukrainian "in", Russian "у Москвы" "Moscow has")
    "à", "au", "dans", "près", "в", "во", "في", "در"))
# "to" and "from" name a place only after a movement or a person ("flew to Baku", "a woman
# from Stepanakert"), not otherwise ("a letter to Baku", "pressure from Moscow").
_MOVES = frozenset((
    "visit", "visits", "trip", "journey", "move", "moving", "marches", "marched", "flight",
    "flew", "fly", "travel", "travelled",
    "traveled", "went", "go", "going", "came", "come", "returned", "return", "moved", "taken",
    "brought", "arrived", "fled", "evacuated", "deported", "transferred", "road", "route",
    "way", "headed", "driven", "bused", "march", "marched", "marching", "walked", "drove",
    # and people's origin: "a woman from Stepanakert", "refugees from Stepanakert"
    "woman", "man", "people", "refugees", "residents", "resident", "families", "family",
    "villagers", "children", "evacuees", "civilians", "students",
    # and goods on their way: "flour to Stepanakert", "aid delivered to Kapan"
    "delivered", "shipped", "aid", "supplies", "convoy", "trucks", "cargo", "flour",
    "medicine", "food", "fuel"))
_PLACE_NOUNS = frozenset((
    "city", "town", "village", "capital", "outskirts", "streets", "residents", "people",
    "inhabitants", "centre",
    "center", "suburbs", "mayor", "province", "region", "district"))


@dataclass(frozen=True)
class Target:
    """What one spelling stands for: an actor or region id, and the spelling itself."""

    kind: str  # "actor" or "region"
    id: str
    spelling: str
    person: frozenset[str] = frozenset()  # a person's name words: a surname alone after
    # another given name is someone else's


@dataclass(frozen=True)
class Mention:
    """One name found in the text: its span (in the NFC text) and what it stands for."""

    start: int
    end: int
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Found:
    """The ids an article names, in order of first mention, and every mention."""

    actors: tuple[str, ...]
    regions: tuple[str, ...]
    mentions: tuple[Mention, ...]


def fold(text: str) -> tuple[str, list[int]]:
    """Text in matching form, and for each of its characters the index it came from.

    ``text`` must already be NFC. Runs of white space become one space.
    """
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text.translate(_UNIFORM)):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            char = " "
        # As registries.name_key: dotted and dotless i of Turkish and Azerbaijani are i.
        for piece in "i" if char in "İı" else char.casefold():
            out.append(piece)
            where.append(index)
    return "".join(out), where


class NameFinder:
    """Finds the registry entries an article names. Build once per registry pair."""

    def __init__(self, actors: Mapping[str, Actor], regions: Mapping[str, Region]) -> None:
        targets: dict[str, list[Target]] = {}
        states = _states_by_country(actors, regions)
        for kind, entries in (("actor", actors), ("region", regions)):
            for entry in entries.values():
                spellings = _spellings(entry.name, entry.aliases)
                person = frozenset(word.casefold() for spelling in spellings
                                   for word in spelling.split()
                                   ) if getattr(entry, "kind", "") == "person" else frozenset()
                for spelling in spellings:
                    key = fold(unicodedata.normalize("NFC", spelling))[0].strip()
                    if key:
                        targets.setdefault(key, []).append(
                            Target(kind, entry.id, spelling, person))
                        if kind == "region" and entry.id in states:  # "Ermenistan": the
                            targets[key].append(Target("actor", entry.id, spelling))  # state too
        self._automaton = ahocorasick.Automaton()
        for key, found in targets.items():
            self._automaton.add_word(key, (key, tuple(found)))
        self._automaton.make_automaton()
        self._organisations = {
            name_key(spelling): actor.name for actor in actors.values()
            if actor.kind == "organization" for spelling in (actor.name, *actor.aliases)}

    def organisation(self, text: str) -> str | None:
        """The registry organisation ``text`` names whole ("United Nations"), or None."""
        return self._organisations.get(name_key(text.strip()))

    def find(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> Found:
        """Actors and regions named in ``text`` (NFC), ignoring the ``skip`` spans."""
        text = unicodedata.normalize("NFC", text)
        folded, where = fold(text)
        blocked = _Spans(skip)
        candidates = []
        for end, (key, targets) in self._automaton.iter(folded):
            start = end - len(key) + 1
            first, last = where[start], where[end] + 1
            if _at_boundaries(folded, start, end) and not blocked.overlaps(first, last):
                kept = tuple(t for t in targets if _case_fits(
                    t.spelling, text[first:last], text[max(0, first - 8):first]))
                if kept:
                    candidates.append(Mention(first, last, kept))
        mentions = [m for m in _leftmost_longest(candidates)
                    if not _inside_longer_name(text, m.start, m.end)
                    and not _another_persons(text, m) and not _names_a_document(text, m)
                    and not _PORTFOLIO_AFTER.match(text[m.end:m.end + 80])]
        return _collect(text, mentions)


def _states_by_country(actors: Mapping[str, Actor], regions: Mapping[str, Region]
                       ) -> frozenset[str]:
    """The countries that are a state of the actors' registry under the same id: a name of
    the country in any language the regions hold ("Ermenistan", "სომხეთი") names the state
    too, as "Armenia" does (the archive's convention: a country named is both; a capital
    standing for its government, "Baku", or "the Government of Armenia" name the state
    alone)."""
    return frozenset(region.id for region in regions.values() if region.kind == "country"
                     and region.id in actors and actors[region.id].kind == "state")


def _spellings(name: str, aliases: tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for spelling in (name, *aliases):
        found |= spelling_variants(spelling)
    return found | {form for spelling in found
                    for form in (*russian_forms(spelling), *armenian_forms(spelling))}


_ARABIC_CLITICS = frozenset("وفبلك")  # "and", "so", "with", "to", "as" written on the word
_CURRENCY = frozenset("$€£¥₽")  # "US$28 million": a currency, not the state


def _at_boundaries(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end + 1] if end + 1 < len(folded) else " "
    if before in _ARABIC_CLITICS and "\u0600" <= folded[start] <= "\u06ff":
        before = folded[start - 2] if start > 1 else " "  # "وأرمينيا": and Armenia
    return not (before.isalnum() or after.isalnum() or after in _CURRENCY)


class _Spans:
    """Spans to skip, merged and sorted: whether a mention overlaps one is a bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(end, merged[-1][1])
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end) - 1  # the last span starting before end
        return index >= 0 and self._ends[index] > start


# An elided article or preposition ("l'", "dell'", "d'"): French and Italian write an
# acronym after it as a word ("l'Onu", "dell'Unhcr"), where no pronoun or article "un" can be.
_ELIDED = re.compile(r"(?i)(?:^|[^\w'’])(?:[dl]|[dns]ell|[ds]all|all|sull|nell|qu)['’]$")


def _case_fits(spelling: str, written: str, before: str = "") -> bool:
    letters = [c for c in spelling if c.isalpha()]
    if " " not in spelling and letters and spelling.upper() == spelling != spelling.lower() \
            and len(letters) <= 6:  # a short all-capital id (a script without case has none)
        return written == spelling or (written == spelling.capitalize() and spelling.isalpha()
                                       and bool(_ELIDED.search(before)))
    if " " not in spelling and spelling[:1].isupper():
        return written[:1].isupper()
    return True


# A name is part of a longer proper name, not a mention of itself, where a noun that makes
# names follows it ("Alma-Ata Declaration", "European Union Monitoring Mission", "Iran
# International") or a civic body is "of" it ("Union of Journalists of Armenia"): the
# declaration, mission, outlet or union is another entity, unknown to the registries.
_NAMING_NOUN_AFTER = re.compile(
    r"^[ \u00a0](?:[A-Z][\w-]+ )?(?:Declaration|Accords?|Agreement|Fund|Foundation|Institute|"
    r"International|Monitoring|Development|Programme|Program|Centre|Center|University|"
    r"Airlines|Times|Today|Review|Journal|Club|Society|Academy)\b")
# A document or meeting named after the city it was signed or held in ("the Washington
# declaration", "اتفاق واشنطن", "l'accord de Washington"): the city's name stands for no
# state there. Only where the name is another name of the state (a capital), not the state's.
# (Not "statement" nor "بيان": "the Baku statement" is the government's.)
_DOCUMENT_AFTER = re.compile(r"^[ \u00a0](?:[a-z-]+ )?(?:declaration|agreement|accords?|summit|"
                             r"format|process|communiqué)\b")
_DOCUMENT_BEFORE = re.compile(
    r"(?:\b(?:accord|déclaration|sommet|acuerdo|declaración|cumbre|accordo|dichiarazione|"
    r"vertice|abkommen|erklärung|gipfel)(?: (?:de|di|du|von|des))?|"
    r"(?:^|\s)[وفب]?(?:ال)?(?:اتفاق|اتفاقية|إعلان|قمة))[ \u00a0]$", re.IGNORECASE)
_CIVIC_BODY_BEFORE = re.compile(
    r"\b(?:Union|Association|Institute|Foundation|Fund|University|Academy|Club|Society|"
    r"Federation|Chamber|Bar)(?: (?:of |for |and )?[A-Z][\w'’-]*)* (?:of|in) (?:the )?$")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    return bool(_NAMING_NOUN_AFTER.match(text[end:end + 20])
                or _CIVIC_BODY_BEFORE.search(text[max(0, start - 120):start]))


# A place named as a job's portfolio ("Europe and Central Asia director at Human Rights
# Watch", "our South Caucasus correspondent"): the person's title, not a mention.
_PORTFOLIO_AFTER = re.compile(
    r"^(?:(?:,| and| &) [A-Z][\w-]*(?: [A-Z][\w-]*){0,2})* (?:director|editor|correspondent|"
    r"researcher|analyst|division|desk|bureau|specialist)\b")


def _names_a_document(text: str, mention: Mention) -> bool:
    """A capital in a document's or meeting's name ("the Washington declaration", "اتفاق
    واشنطن"): named for where it was signed, not for the state (the state's own name,
    "the Azerbaijan peace agreement", still names the state). A capital is a name that
    stands for a state and for a city of the regions."""
    actors = {t.id for t in mention.targets if t.kind == "actor"}
    if not actors or not any(t.kind == "region" and t.id not in actors for t in mention.targets):
        return False  # not a city that names a state: "the UN climate summit" is the UN's
    return bool(_DOCUMENT_AFTER.match(text[mention.end:mention.end + 30])
                or _DOCUMENT_BEFORE.search(text[max(0, mention.start - 30):mention.start]))


def _another_persons(text: str, mention: Mention) -> bool:
    """A person's surname alone after another given name ("Yashar Aliyev" is not Ilham
    Aliyev): a capitalised word before it that is no title, none of the person's own names
    ("Tayyip Erdogan") and does not open a sentence."""
    if " " in text[mention.start:mention.end] or not all(t.person for t in mention.targets):
        return False
    before = _GIVEN_NAME.search(text[max(0, mention.start - 60):mention.start])
    if before is None:
        return False
    given = before.group("given").casefold()
    return given not in _TITLES and not any(given in t.person for t in mention.targets) \
        and not re.search(r"(?:^|[.!?:;\"“«(]\s*)$", before.group("lead"))


_GIVEN_NAME = re.compile(r"(?P<lead>^|.*[^\w'’])(?P<given>[A-ZÀ-Ý][a-zà-ÿ]{2,}) $", re.DOTALL)
_TITLES = frozenset((
    "president", "minister", "premier", "prime", "chancellor", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "general", "colonel", "commander",
    "chairman", "chair", "leader", "speaker", "governor", "mayor", "senator", "deputy",
    "counterpart", "archbishop", "patriarch", "king", "queen", "prince", "sheikh", "emir",
    "president's", "mr", "mrs", "ms", "dr", "sir", "madam", "lord", "pope", "tsar", "marshal",
    "admiral", "director", "head", "chief", "candidate", "opponent", "rival", "ally",
    "président", "ministre", "premier", "monsieur", "madame", "herr", "frau", "señor",
    "presidente", "bundeskanzler", "kanzler", "außenminister", "präsident", "regierungschef",
    "premierminister", "ministerpräsident"))


def _leftmost_longest(candidates: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for mention in sorted(candidates, key=lambda m: (m.start, m.start - m.end)):
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


def _collect(text: str, mentions: list[Mention]) -> Found:
    actors: dict[str, None] = {}
    regions: dict[str, None] = {}
    for mention in mentions:
        kinds = {t.kind for t in mention.targets}
        ids = {t.id for t in mention.targets}
        place = _place_context(text, mention.start) or _place_after(text, mention.end) \
            if len(kinds) == 2 and len(ids) > 1 else None
        if kinds == {"actor"} and _city_for_state(text, mention):
            continue  # "talks in Paris": a place the regions lack, not France acting
        for target in mention.targets:
            if place is None or (target.kind == "region") == place:
                (actors if target.kind == "actor" else regions).setdefault(target.id)
    return Found(tuple(actors), tuple(regions), tuple(mentions))


_GIVING = ("rend", "remi", "remet", "céd", "cède", "livr", "transf", "restitu")
_LISTED_BEFORE = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}(?:,| or| and) $")


def _city_for_state(text: str, mention: Mention) -> bool:
    """An actor named by another name (a capital: "Paris" for France) right after "in",
    "at" or "near": the place, which the regions registry does not hold."""
    written = text[mention.start:mention.end]
    if written.isupper() or any(written.casefold() == name.casefold() for name in
                                (t.id.replace("-", " ") for t in mention.targets)):
        return False
    before = re.findall(r"[\w'-]+", text[max(0, mention.start - 12):mention.start])
    return bool(before) and before[-1] in ("in", "at", "near")


# After a name, what makes it a place: a Turkish or Azerbaijani locative or ablative
# suffix ("Washington'da": in Washington; "Bakü'den": from Baku), or an apposition that
# calls it a city ("Stepanakert and other towns", "Stepanakert, la capital de la región").
_PLACE_AFTER = re.compile(
    r"^(?:['’][dt][ae](?:n|ki)?\b|,? (?:and|or|et|y|e|и|و) (?:other|d'autres|otras|altre|"
    r"другие) (?:cities|towns|villages|settlements|communities|villes|villages|ciudades|"
    r"pueblos|città|paesi|города|сёла|села)\b|, (?:the|its|la|le|el|a) (?:regional )?"
    r"(?:capital|capitale|city|ville|ciudad|città|town)\b)", re.IGNORECASE)


def _place_after(text: str, end: int) -> bool:
    """True where the words after a name make it a place (see ``_PLACE_AFTER``)."""
    return bool(_PLACE_AFTER.match(text[end:end + 40]))


def _place_context(text: str, start: int) -> bool:
    """True where the words before a name make it a place ("in Baku", "city of Baku"),
    also through a list ("in Brussels or Washington")."""
    listed = _LISTED_BEFORE.search(text[max(0, start - 80):start])
    if listed:
        start = start - len(listed.group(0))
    words = re.findall(r"[\w'-]+", text[max(0, start - 60):start].lower())
    if not words:
        return False
    if words[-1][:1] in _ARABIC_CLITICS and words[-1][1:] in _PLACE_WORDS:
        return True  # "وفي موسكو": and in Moscow
    if words[-1] in _PLACE_WORDS:  # but "rendus à Bakou": given to Baku, the government
        return not (words[-1] == "à" and len(words) > 1 and words[-2].startswith(_GIVING))

    before = words[-2] if len(words) >= 2 else ""
    return ((words[-1] == "of" and before in _PLACE_NOUNS)
            or (words[-1] in ("to", "from", "on") and before in _MOVES))
