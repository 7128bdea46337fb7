"""The one folding for what readers type: search and the finder compare text in this form.

Lower case, compatibility-decomposed (NFKD: "ﬁ" is "fi", "é" is "e" + a mark), without
combining marks, a few letters spelled out that have no decomposition ("ł" -> "l", "ß" ->
"ss", "ø" -> "o"), and every character that is not a letter or digit turned into a space:
"Łódź" and "lodz" fold alike, and so do "ЗЕЛЕНСЬКИЙ" and "Зеленський". The browser runs the
same function, ``fold()`` in ``theme/assets/javascripts/search-core.js``, which both the
search worker and the finder's filter call; ``tests/site/test_folding.py`` runs the same
strings through both and asserts equal results.

Two other foldings are deliberately not this one: registry names resolve by identity
(``content.registries.name_key``: NFC and case only, so "Gazprom" never matches a different
name by its accents), and the Kiwix edition folds the way libzim folds its queries
(``editions.zimitems.fold_as_libzim``).
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

# Letters without a decomposition that readers type without their stroke or ligature;
# a text folds to the concatenation of its characters' folds, and lower-casing a whole
# string turns a word-final sigma into "ς", hence "ς" -> "σ".
_SPECIAL = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ß": "ss", "æ": "ae",
            "œ": "oe", "þ": "th", "ς": "σ"}
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in [*range(0x20), *range(0x21, 0x30),
                                                         *range(0x3a, 0x41), *range(0x5b, 0x61),
                                                         *range(0x7b, 0x80)]})


def fold(text: str) -> str:
    """``text`` in the form documents and queries are compared in (see the module's doc)."""
    if text.isascii():
        return text.lower().translate(_ASCII_SEPARATORS)
    lowered = unicodedata.normalize("NFKD", text).lower()
    kept = "".join(_SPECIAL.get(c, c) for c in lowered if unicodedata.category(c)[0] != "M")
    return "".join(c if c.isascii() or unicodedata.category(c)[0] in "LN" else " "
                   for c in kept.translate(_ASCII_SEPARATORS))
