"""A page's language: its direction, dates and numbers from Unicode's CLDR (Babel), and the
generator's own labels from a small catalogue, English where it has no entry.

The catalogue is keyed by the English text (as gettext is): a label missing in a language
shows in English, never as a key. Languages are BCP 47 tags as loading writes them; a
regional tag (``ar-EG``) takes its language's labels (``ar``) and its own CLDR data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from html import escape

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")

MESSAGES: dict[str, dict[str, str]] = {
    "ru": {
        "Date": "Дата", "Updated": "Обновлено", "Region": "Регион", "Regions": "Регионы",
        "Actors": "Участники", "Tags": "Теги", "Sources": "Источники",
        "Related briefings": "Связанные обзоры", "Cite this briefing": "Как цитировать",
        "Older": "Раньше", "Newer": "Позже", "Older and newer briefings":
        "Более ранние и поздние обзоры", "Permalink": "Постоянная ссылка", "by": "автор",
        "published": "опубликовано", "via": "через", "archived copy": "архивная копия",
        "In other languages": "На других языках", "Correction": "Исправление",
        "Corrections": "Исправления", "Corrected": "Исправлено",
        "Spotted a mistake?": "Нашли ошибку?", "Suggest a correction": "Предложите правку",
        "edit its source file": "исходный файл", "report an error": "сообщите об ошибке",
        "or": "или", "original": "оригинал", "Language": "Язык", ", ": ", ",
    },
    "ar": {
        "Date": "التاريخ", "Updated": "حُدّث", "Region": "المنطقة", "Regions": "المناطق",
        "Actors": "الأطراف", "Tags": "الوسوم", "Sources": "المصادر",
        "Related briefings": "موجزات ذات صلة", "Cite this briefing": "الاستشهاد بهذا الموجز",
        "Older": "الأقدم", "Newer": "الأحدث", "Older and newer briefings":
        "موجزات أقدم وأحدث", "Permalink": "الرابط الدائم", "by": "بقلم",
        "published": "نُشر في", "via": "عبر", "archived copy": "نسخة مؤرشفة",
        "In other languages": "بلغات أخرى", "Correction": "تصحيح", "Corrections": "تصحيحات",
        "Corrected": "صُحّح", "Spotted a mistake?": "هل لاحظت خطأ؟",
        "Suggest a correction": "اقترح تصحيحًا", "edit its source file": "تحرير ملفه المصدر",
        "report an error": "أبلغ عن خطأ", "or": "أو", "original": "الأصل", "Language": "اللغة",
        ", ": "، ",
    },
}


def text(language: str, english: str) -> str:
    """Our label ``english`` in ``language``, or in English where the catalogue has none."""
    return MESSAGES.get(language.split("-")[0], {}).get(english, english)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language, sep="-")


@functools.cache
def direction(language: str) -> str:
    """``rtl`` or ``ltr``: the script's direction as CLDR gives it."""
    return "rtl" if _locale(language).character_order == "right-to-left" else "ltr"


def long_date(day: date, language: str = "en") -> str:
    """``20 November 2020`` in English (the archive's form), CLDR's long form otherwise."""
    if language == "en" or language.startswith("en-"):
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return str(format_date(day, format="long", locale=_locale(language)))


def number(value: int, language: str = "en") -> str:
    """A whole number with the language's grouping (1,960; 1 960)."""
    return str(format_decimal(value, locale=_locale(language)))


@functools.cache
def language_name(language: str) -> str:
    """The language's name in itself (العربية, русский, English), for links between
    translations: a reader finds their own language however the page is written."""
    locale = _locale(language)
    return str(locale.get_display_name(locale) or language)


def isolator(language: str, site_language: str) -> Callable[[str], str]:
    """Wraps ready HTML in ``<bdi>`` on a page in another language than the site's: a name,
    date or number of another direction then keeps its own order in the line."""
    if language == site_language:
        return _same
    return _isolated


def _same(html: str) -> str:
    return html


def _isolated(html: str) -> str:
    return f"<bdi>{html}</bdi>"


def marked(language: str, page_language: str) -> str:
    """``lang`` and ``dir`` for an element whose text is in ``language`` on a page in
    ``page_language`` (nothing when they are the same)."""
    if language == page_language:
        return ""
    return f' lang="{escape(language)}" dir="{direction(language)}"'


def attributes(language: str, site_language: str) -> str:
    """``lang`` and ``dir`` for an element whose text is in ``language`` (nothing when it is
    the site's and runs left to right)."""
    if language == site_language and direction(language) == "ltr":
        return ""
    return f' lang="{escape(language)}" dir="{direction(language)}"'
