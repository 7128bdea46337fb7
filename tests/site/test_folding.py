"""One folding for what readers type: search and the finder agree, in Python and in the browser.

``generator/site/folding.py`` folds the search index's words and the finder's actor names;
``fold()`` in ``search-core.js`` folds queries and documents in the search worker and, through
``finder-filter.js``, in the finder. The same strings go through all three here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import folding
from generator.site.folding import conjunction_forms, fold, words

# The strings and the hard cases of each: strokes and ligatures without a
# decomposition, compatibility forms, final sigma, Cyrillic and Armenian marks, Arabic
# harakat, separators that are not ASCII, combining marks stacked on one letter.
STRINGS = ["Łódź", "Зеленський", "ЗЕЛЕНСЬКИЙ", "Straße", "ﬁnal", "Ərdoğan", "İlham Əliyev",
           "Château Łańcut", "ΟΔΥΣΣΕΥΣ", "Նիկոլ Փաշինյան", "Ærø", "ﬁne_day—ok",
           "الْحُكُومَةُ الأرمنية،", "a\u00a0b\u200bc", "e\u0301\u0323", "Ёлка", "þorn ðað",
           # Arabic: alef forms, wasla, alef maksura, teh marbuta, tatweel, superscript
           # alef, hamza carriers, presentation forms, both kinds of Arabic-Indic digits
           "إسرائيل وأذربيجان آسيا ٱلله مستشفى مدرسة", "الحـــكومة هٰذا", "مؤتمر رئيس",
           "\ufedf\ufe8e\ufe97\ufeb8\ufef4\ufee6", "٢٠٢٠ ۱۹",
           # Han, Kana (with a voicing mark, half-width), Hangul, mixed with Latin
           "中华人民共和国", "ソ連と日本が", "ｿﾚﾝ", "대한민국 서울", "G20峰会在北京", "中"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Łódź", "lodz"), ("Straße", "strasse"), ("ﬁnal", "final"), ("ЗЕЛЕНСЬКИЙ", "зеленськии"),
    ("Ərdoğan", "ərdogan"), ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"), ("الْحُكُومَةُ", "الحكومه"),
    ("ﬁne_day—ok", "fine day ok"), ("Ёлка", "елка"), ("آسيا", "اسيا"), ("أذربيجان", "اذربيجان"),
    ("ٱلله", "الله"), ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه"), ("الحـــكومة", "الحكومه"),
    ("هٰذا", "هذا"), ("٢٠٢٠", "2020"), ("대한민국", "대한민국"),
])
def test_fold_takes_off_what_readers_do_not_type(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("中华人民", ["中华", "华人", "人民"]), ("中", ["中"]), ("G20峰会", ["g20", "峰会"]),
    ("ソ連と日本", ["ソ連", "連と", "と日", "日本"]),
    ("대한민국 서울", ["대한", "한민", "민국", "서울"]),
    ("Łódź talks", ["lodz", "talks"]),
])
def test_words_split_scripts_without_spaces_into_bigrams(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(("word", "forms"), [
    ("والحكومه", ["الحكومه"]), ("الحكومه", ["والحكومه"]), ("وال", []), ("وزر", []),
    ("مصر", ["ومصر"]), ("مص", []), ("lodz", []), ("", []),
])
def test_a_leading_conjunction_is_tried_both_ways(word: str, forms: list[str]) -> None:
    assert conjunction_forms(word) == forms


def _fold_whole(text: str) -> str:
    """The folding applied to a whole text at once (fold() goes word by word, each
    distinct word once): the rule as the module's doc states it."""
    lowered = unicodedata.normalize("NFKD", text).lower()
    kept = "".join(folding._SPECIAL.get(c, c) for c in lowered
                   if unicodedata.category(c)[0] != "M")
    folded = "".join(c if c.isascii() or unicodedata.category(c)[0] in "LN" else " "
                     for c in kept.translate(folding._ASCII_SEPARATORS))
    return unicodedata.normalize("NFC", folded) if folding._JAMO.search(folded) else folded


# Spaces between and inside every kind of hard case: marks at a word's start, a sigma at
# its end, Hangul jamo that compose, compatibility forms that decompose to a space.
_HARD = "".join(STRINGS) + " Σσς\u1100\u1161\u11a8\u0301\u0308\u00a8\u00a0\u3000\u0130\u0345 "


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from([*sorted(set(_HARD)), "a", "Z", "-"]),
               max_size=40))
def test_folding_word_by_word_is_folding_the_whole_text(text: str) -> None:
    assert fold(text) == _fold_whole(text)


def test_a_reader_finds_lodz_in_search_and_in_the_finder_alike() -> None:
    assert fold("lodz") in fold("Talks in Łódź") and fold("LODZ") == fold("Łódź")


@pytest.fixture
def finder_tab(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "finder/")
    page.wait_for_function("() => window.briefingsFinderFilter && window.briefingsSearchCore")
    yield page
    context.close()


@pytest.mark.browser
def test_search_the_finder_and_the_generator_fold_alike(finder_tab: Any) -> None:
    folded = finder_tab.evaluate("""texts => ({
        search: texts.map(t => window.briefingsSearchCore.fold(t)),
        finder: texts.map(t => window.briefingsFinderFilter.fold(t)),
        words: texts.map(t => window.briefingsSearchCore.words(t)),
        forms: texts.map(t => window.briefingsSearchCore.words(t).map(
            w => window.briefingsSearchCore.conjunctionForms(w)))})""", STRINGS)
    expected = [fold(text) for text in STRINGS]
    assert folded["search"] == expected
    assert folded["finder"] == expected
    assert folded["words"] == [words(text) for text in STRINGS]
    assert folded["forms"] == [[conjunction_forms(w) for w in words(text)] for text in STRINGS]
