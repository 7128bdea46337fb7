"""One folding for what readers type: search and the finder agree, in Python and in the browser.

``generator/site/folding.py`` folds the search index's words and the finder's actor names;
``fold()`` in ``search-core.js`` folds queries and documents in the search worker and, through
``finder-filter.js``, in the finder. The same strings go through all three here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.site.folding import fold

# The strings and the hard cases of each: strokes and ligatures without a
# decomposition, compatibility forms, final sigma, Cyrillic and Armenian marks, Arabic
# harakat, separators that are not ASCII, combining marks stacked on one letter.
STRINGS = ["Łódź", "Зеленський", "ЗЕЛЕНСЬКИЙ", "Straße", "ﬁnal", "Ərdoğan", "İlham Əliyev",
           "Château Łańcut", "ΟΔΥΣΣΕΥΣ", "Նիկոլ Փաշինյան", "Ærø", "ﬁne_day—ok",
           "الْحُكُومَةُ الأرمنية،", "a\u00a0b\u200bc", "e\u0301\u0323", "Ёлка", "þorn ðað"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Łódź", "lodz"), ("Straße", "strasse"), ("ﬁnal", "final"), ("ЗЕЛЕНСЬКИЙ", "зеленськии"),
    ("Ərdoğan", "ərdogan"), ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"), ("الْحُكُومَةُ", "الحكومة"),
    ("ﬁne_day—ok", "fine day ok"),
])
def test_fold_takes_off_what_readers_do_not_type(text: str, expected: str) -> None:
    assert fold(text) == expected


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
        finder: texts.map(t => window.briefingsFinderFilter.fold(t))})""", STRINGS)
    expected = [fold(text) for text in STRINGS]
    assert folded["search"] == expected
    assert folded["finder"] == expected
