"""A registry name's regular forms in the archive's languages, for finding it in a text.

The spelling and its regular variants ("X of Y" -> "Y's X"; "UN X" -> "U.N. X";
"Grigoryan" -> "Grigorian"; an Arabic "al-" name after "li-": "lil-"), and the case
forms of Russian (Cyrillic) and Armenian spellings, from their regular endings only. The
name finder (``known_names``) matches every form it is given; nothing here reads a text.
"""

from __future__ import annotations

import re

_OF_FORM = re.compile(r"^(?P<thing>[A-Z].+?) (?:of|in) (?:the )?(?P<owner>[A-Z][\w-]+)$")
_DOTTED = {"UN": "U.N.", "US": "U.S.", "EU": "E.U.", "UK": "U.K."}


def spelling_variants(spelling: str) -> set[str]:
    """The spelling and its regular variants ("X of Y" -> "Y's X"; "UN X" -> "U.N. X";
    "Grigoryan" -> "Grigorian")."""
    found = {spelling}
    of_form = _OF_FORM.match(spelling)
    if of_form:
        found.add(f"{of_form.group('owner')}'s {of_form.group('thing')}")
    for short, dotted in _DOTTED.items():
        if re.search(rf"\b{short}\b", spelling) and spelling != short:
            found.add(re.sub(rf"\b{short}\b", dotted, spelling))
    if re.search(r"[a-z]yan\b", spelling):  # Armenian "-yan" as French writes it: "-ian"
        found.add(re.sub(r"(?<=[a-z])yan\b", "ian", spelling))
    if spelling.startswith("ال"):  # Arabic "li-" before "al-" is written "lil-": "للصليب الأحمر"
        found.add("لل" + spelling[2:])
    return found


# Armenian declension, regular endings of the last word only ("Նիկոլ Փաշինյան" ->
# "Նիկոլ Փաշինյանը", "Հայաստան" -> "Հայաստանի"); "-ություն" names take "-ության".
_ARMENIAN = re.compile(r"^[\u0531-\u0587]+$")
_ARMENIAN_ENDINGS = ("ը", "ն", "ի", "ից", "ին", "ով", "ում")


def armenian_forms(spelling: str) -> set[str]:
    """The spelling's regular Armenian case forms (empty for a spelling not in Armenian)."""
    words = spelling.split()
    if not words or len(words) > 3 or not all(_ARMENIAN.match(w) for w in words):
        return set()
    head, last = " ".join(words[:-1]), words[-1]
    stem = last[:-len("ություն")] + "ությա" if last.endswith("ություն") else None
    forms = {last + ending for ending in _ARMENIAN_ENDINGS}
    forms |= {stem + "ն", stem + "մբ"} if stem else set()
    return {f"{head} {form}".strip() for form in forms}


# Russian declension, regular endings only: a name's case forms ("Армения" -> "Армении",
# "Сергей Лавров" -> "Сергеем Лавровым"), so a Russian page names what its nominative does.
_NOUN_ENDINGS = (("ия", ("ии", "ию", "ией")), ("ья", ("ьи", "ью", "ьей")),
                 ("я", ("и", "ю", "ей", "е")), ("а", ("ы", "и", "е", "у", "ой")),
                 ("ь", ("и", "ю", "ью", "ем", "я", "е")), ("й", ("я", "ю", "ем", "е")),
                 ("ый", ("ого", "ому", "ым", "ом")), ("ий", ("ого", "ему", "им", "ом", "его")),
                 ("ой", ("ого", "ому", "ым", "ом")), ("ые", ("ых", "ым", "ыми")),
                 ("ие", ("их", "им", "ими")), ("цы", ("цев", "цам", "цами", "цах")))
_CYRILLIC = re.compile(r"^[А-Яа-яЁё-]+$")


def russian_forms(spelling: str) -> set[str]:
    """The spelling's regular Russian case forms (empty for a spelling not in Cyrillic)."""
    words = spelling.split()
    if not words or len(words) > 3 or not all(_CYRILLIC.match(w) for w in words):
        return set()
    forms: list[set[str]] = [_declined(word) for word in words]
    found = {""}
    for options in forms:
        found = {f"{head} {option}".strip() for head in found for option in options}
    return found - {spelling}


def _declined(word: str) -> set[str]:
    if len(word) < 4 or word.isupper():
        return {word}
    for ending, others in sorted(_NOUN_ENDINGS, key=lambda item: -len(item[0])):
        if word.endswith(ending):
            return {word, *(word[: -len(ending)] + other for other in others)}
    if word[-1] in "оеиуюэ":
        return {word}  # Баку, Песков's "о" stays
    return {word, *(word + ending for ending in ("а", "у", "ом", "е", "ым", "ой"))}
