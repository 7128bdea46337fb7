"""Issue 24, round six: the article body without its furniture, and the names it holds.

Each rule is a principle that holds in any language and layout, shown on the smallest
invented page (none is a copy of a fixture page): a box's label over a headline is
furniture whatever its words, a country named in any spelling the registries hold names
the state too, a language's regular inflections name what the word does.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ingest_page

from generator.content.placeholders import ARTICLE_END, ARTICLE_START


def _article(text: str) -> str:
    """The draft's article-text block, its comment marks and line breaks made plain."""
    block = text.split(ARTICLE_START, 1)[1].split(ARTICLE_END, 1)[0]
    return " ".join(" ".join(line.removeprefix("#").split()) for line in block.splitlines())


# A box between paragraphs: a short label over a headline, in a language no list holds.

PARAGRAPHS = (
    "Negocjatorzy z obu krajów spotkali się we wtorek w stolicy, aby omówić projekt traktatu.",
    "Rozmowy trwały sześć godzin i zakończyły się wspólnym oświadczeniem obu delegacji.",
    "Kolejna runda rozmów ma się odbyć w przyszłym miesiącu, jak podało ministerstwo.",
    "Obie strony zapowiedziały też powołanie komisji do spraw wyznaczenia granicy.",
)


def _page(*between: str) -> str:
    return "\n".join(["Polityka", "Negocjatorzy kończą rozmowy o tekście traktatu pokojowego",
                      "12 marca 2025", PARAGRAPHS[0], PARAGRAPHS[1], *between,
                      PARAGRAPHS[2], PARAGRAPHS[3], "© 2025 Przykładowy Portal"])


def test_a_label_over_a_headline_between_paragraphs_is_a_box_in_any_language(
        content: Path) -> None:
    # "Czytaj także" (Polish "Read also") is in no word list: the shape says it is a box.
    _, text = ingest_page(content, "polish.txt", _page(
        "Czytaj także", "Ministrowie spotkali się wcześniej w Monachium"))
    article = _article(text)
    assert all(paragraph in article for paragraph in PARAGRAPHS)
    assert "Czytaj także" not in text and "w Monachium" not in text


def test_a_crosshead_alone_between_paragraphs_stays_with_the_article(content: Path) -> None:
    _, text = ingest_page(content, "crosshead.txt", _page("Granica i komisja"))
    article = _article(text)
    assert all(paragraph in article for paragraph in PARAGRAPHS)
    assert "Granica i komisja" in article


def test_a_short_sentence_in_a_box_stays(content: Path) -> None:
    _, text = ingest_page(content, "sentence.txt", _page("Komentarz", "Nic nie podpisano."))
    assert "Nic nie podpisano." in _article(text)


def test_the_lines_under_a_paragraph_ending_with_a_colon_are_its_list(content: Path) -> None:
    listed = _page().replace(PARAGRAPHS[1], PARAGRAPHS[1][:-1] + ", w tym:").replace(
        PARAGRAPHS[2], "Granica\nKomisja\n" + PARAGRAPHS[2])
    _, text = ingest_page(content, "listed.txt", listed)
    assert "Granica" in _article(text) and "Komisja" in _article(text)
