"""The one folding for what readers type: search and the finder compare text in this form.

Lower case, compatibility-decomposed (NFKD: "ﬁ" is "fi", "é" is "e" + a mark), without
combining marks, a few letters spelled out that have no decomposition ("ł" -> "l", "ß" ->
"ss", "ø" -> "o"), and every character that is not a letter or digit turned into a space:
"Łódź" and "lodz" fold alike, and so do "ЗЕЛЕНСЬКИЙ" and "Зеленський", "Ёлка" and "елка".
The browser runs the same function, ``fold()`` in ``theme/assets/javascripts/search-core.js``,
which both the search worker and the finder's filter call; ``tests/site/test_folding.py``
runs the same strings through both and asserts equal results.

Per script (the README's "Search in every script" says why these and no more):

- **Arabic**: harakat and the superscript alef are marks, so they go; the tatweel (a
  stretching stroke) goes; the alef forms fold to bare alef (أ إ آ by their decomposition,
  ٱ spelled out), ى to ي and ة to ه, as Arabic search engines customarily fold them, since
  writers and keyboards use them interchangeably; Arabic-Indic digits are ASCII digits.
  The hamza carriers ؤ and ئ decompose to و and ي. A leading conjunction "و" is a query
  rule, not a folding: see :func:`conjunction_forms`.
- **Han, Kana, Hangul** are written without spaces between words (Korean with spaces
  between phrases), so :func:`words` splits a run of them into overlapping pairs of
  characters (bigrams), as Lucene's CJK analyzer does: "中华人民" is "中华 华人 人民", and a
  two-character query finds the text that holds it. Hangul syllables stay whole (NFKD would
  split them into jamo).
- **Cyrillic, Greek, Armenian, Latin** fold by their marks (ё is е, й is и).

Two other foldings are deliberately not this one: registry names resolve by identity
(``content.registries.name_key``: NFC and case only, so "Gazprom" never matches a different
name by its accents), and the Kiwix edition folds the way libzim folds its queries
(``editions.zimitems.fold_as_libzim``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["CONJUNCTION", "conjunction_forms", "fold", "words"]

# Letters without a decomposition that readers type without their stroke or ligature;
# a text folds to the concatenation of its characters' folds, and lower-casing a whole
# string turns a word-final sigma into "ς", hence "ς" -> "σ". Then Arabic (see above).
_SPECIAL = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ß": "ss", "æ": "ae",
            "œ": "oe", "þ": "th", "ς": "σ",
            "\u0640": "", "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647",
            **{chr(0x0660 + n): str(n) for n in range(10)},
            **{chr(0x06F0 + n): str(n) for n in range(10)}}
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in [*range(0x20), *range(0x21, 0x30),
                                                         *range(0x3a, 0x41), *range(0x5b, 0x61),
                                                         *range(0x7b, 0x80)]})
_JAMO = re.compile("[\u1100-\u11ff]")
# Scripts written without spaces between words, as code point ranges (search-core.js has
# the same list): Hangul jamo, CJK radicals, ideographic marks, Kana, Hangul compatibility
# jamo, Kana extensions, Han (extension A, unified, compatibility), Hangul syllables and
# extensions, and the supplementary Han planes.
CJK_RANGES = "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303c" \
             "\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff" \
             "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\U00020000-\U0003ffff"
_CJK_RUN = re.compile(f"[{CJK_RANGES}]+")
# A leading "و" ("and") is written joined to the next word; what must follow it.
CONJUNCTION = "\u0648"
CONJUNCTION_REST = 3  # letters: "وزير" (minister) is no "و" + "زير"


def fold(text: str) -> str:
    """``text`` in the form documents and queries are compared in (see the module's doc)."""
    if text.isascii():
        return text.lower().translate(_ASCII_SEPARATORS)
    # Word by word: a space folds to itself and nothing in the folding joins or reorders
    # across one (decomposition, marks and composition stay within a word; the sigma's
    # final form folds as the plain one), and an archive's words repeat, so each distinct
    # word is folded once (the same result: tests/site/test_folding.py).
    return " ".join(_fold_word(word) for word in text.split(" "))


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower().translate(_ASCII_SEPARATORS)
    lowered = unicodedata.normalize("NFKD", word).lower()
    kept = "".join(_SPECIAL.get(c, c) for c in lowered if unicodedata.category(c)[0] != "M")
    folded = "".join(c if c.isascii() or unicodedata.category(c)[0] in "LN" else " "
                     for c in kept.translate(_ASCII_SEPARATORS))
    return unicodedata.normalize("NFC", folded) if _JAMO.search(folded) else folded


def words(text: str) -> list[str]:
    """The searchable words of ``text``: its folded words, with every run of Han, Kana or
    Hangul split into overlapping bigrams (a run of one character is itself)."""
    folded = fold(text)
    if folded.isascii() or not _CJK_RUN.search(folded):
        return folded.split()
    found: list[str] = []
    for word in folded.split():
        at = 0
        for run in _CJK_RUN.finditer(word):
            found.extend(_split_off(word[at:run.start()]))
            chars = run.group()
            found.extend([chars] if len(chars) == 1
                         else [chars[i:i + 2] for i in range(len(chars) - 1)])
            at = run.end()
        found.extend(_split_off(word[at:]))
    return found


def _split_off(rest: str) -> list[str]:
    return [rest] if rest else []


def conjunction_forms(word: str) -> list[str]:
    """The other spelling of a folded Arabic query word as to a leading "و": without it if
    it has one ("والحكومة" -> "الحكومة"), else with it. Search matches these as whole words
    only (a known word, never the start of one), so "وال" typed midway finds no "ال"."""
    if not word or not "\u0621" <= word[-1] <= "\u064a":
        return []
    if word.startswith(CONJUNCTION):
        rest = word[1:]
        return [rest] if len(rest) >= CONJUNCTION_REST else []
    return [CONJUNCTION + word] if len(word) >= CONJUNCTION_REST else []
