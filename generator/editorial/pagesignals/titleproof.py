"""A second look at the line taken for a copied page's title, by what no headline is.

The title of a copied page is chosen by where a line stands (above the byline and date,
over the text). Lines of other kinds stand there too, and each has a mark a headline
never has:

- a photo's caption ends with the day or month it was taken, set off by a comma, often
  with the photo's credit after it ("A mountain road near the border, July 2025",
  "..., 19 settembre 2025 (foto Ansa)"), or ends with the photo's credit alone ("...
  (Photo: Example)", "... (Ana Beridze/AFP)");
- a byline names an account ("Sami al-Khatib, journalist @samikhatib") or an address;
- a hard-wrapped paragraph's line holds the end of one sentence and the start of the next,
  and stops where the line did ("... who remain in the city. I ask the members of the");
- a field's value stands under its label ("From:" over a ministry's name);
- a platform's counts or a relative time ("12K views 2 days ago");
- a breadcrumb trail written with slashes ("Home / World / Caucasus");
- the second line of a heading printed on two ("Armenia's Turn to the West:" / "How
  Durable, and at What Cost?"): the line above it ends with a colon, and the two are one
  title (``joined_heading``).

A line with such a mark is no title: the field is left to the editor, quoting the lines
above the text that could be one (``candidates``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.editorial.pagesignals import bylines, pagedates

_CREDIT_AFTER = r"(?:\s*\([^()]{1,40}\))?\s*[.]?$"
_MONTH_YEAR_END = re.compile(r",\s*(?P<day>[0-3]?\d\.?\s+)?(?P<month>[^\W\d]{3,})\.?\s+"
                             r"(?:19|20)\d\d" + _CREDIT_AFTER)
_PHOTO_CREDIT_END = re.compile(r"\((?:[^()]*\b(?:photo|foto|фото|bild|image|credit)\b[^()]*|"
                               r"[^()/\s][^()/]{0,30}\s[^()/]{1,30}/[^()/]{2,30})\)\.?$",
                               re.IGNORECASE)
_COUNTER = re.compile(r"\b\d[\d.,]*\s?[KkMm]?\s+(?:views|likes|subscribers|followers|shares|"
                      r"comments|reposts|просмотр\w*|подписчик\w*|مشاهدة|مشتركين)\b|"
                      r"\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago\b",
                      re.IGNORECASE)
_HOME = re.compile(r"^(?:home|accueil|главная|الرئيسية|startseite|inicio|ana sayfa|"
                   r"գլխավոր|მთავარი)$", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{2,}|[\w.+-]+@[\w-]+\.[\w.]+")
_SENTENCE_INSIDE = re.compile(r"[^\W\d]{2}[.!?؟]\s+\S")
_SENTENCE_END = re.compile(r"(?P<word>[^\W\d_]+)[.!?؟]\s+(?=\S)")
_CLOSED = re.compile(r"[.!?؟…\"'»”’)\]]$")


def caption_shaped(line: str) -> bool:
    """A caption: the line ends with a date or a month and year set off by a comma, maybe
    with a photo credit in brackets after it, or with a photo credit in brackets."""
    text = line.strip()
    found = _MONTH_YEAR_END.search(text)
    if found and (found.group("day") or pagedates.is_month(found.group("month"))):
        return True  # "..., 19 settembre 2025": a day, a word and a year, in any language
    if _PHOTO_CREDIT_END.search(text):
        return True  # "... (Photo: Example)", "... (Ana Beridze/AFP)"
    days = pagedates.complete_dates(text)
    years = list(re.finditer(r"(?:19|20)\d\d", text))
    if not days or not years:
        return False
    return text[:days[-1][0]].rstrip().endswith(",") and bool(
        re.fullmatch(_CREDIT_AFTER, text[years[-1].end():]))


def byline_shaped(line: str) -> bool:
    """A byline or a contact: the line names a social account or an e-mail address."""
    return bool(_HANDLE.search(line))


def prose_piece(line: str) -> bool:
    """A hard-wrapped paragraph's line: fifteen words or more, a sentence ending inside it
    (after four words or more, on a word in small letters: not "DIRECT." or "Mr.") and the
    next one cut off where the line ends."""
    text = line.strip()
    if len(text.split()) < 15 or _CLOSED.search(text):
        return False
    return any(found.group("word").islower() and len(text[:found.start()].split()) >= 4
               for found in _SENTENCE_END.finditer(text))  # "city. I ask", not "Mr. Aliyev"


def counter_shaped(line: str) -> bool:
    """A platform's counts or a relative time ("12K views 2 days ago", "1.2M subscribers",
    "3 hours ago"): the page's furniture, never its headline."""
    return bool(_COUNTER.search(line))


def trail_shaped(line: str) -> bool:
    """A breadcrumb trail written with slashes or bars ("Home / World / Caucasus"): three
    items or more of three words or fewer each, or two where the first is the home page."""
    items = [item.strip() for item in re.split(r"\s+[/|]\s+", line.strip())]
    short = len(items) >= 2 and all(1 <= len(item.split()) <= 3 for item in items)
    return short and (len(items) >= 3 or bool(_HOME.match(items[0])))


def refused(title: str) -> bool:
    """Whether the line taken for a title has a mark no headline has."""
    return caption_shaped(title) or byline_shaped(title) or prose_piece(title) or \
        counter_shaped(title) or trail_shaped(title)


def under_a_label(title: str, lines: list[str]) -> bool:
    """The line stands under a field's label ("From:" over a ministry's name, "By" over a
    name): it is that field's value, whatever its shape."""
    try:
        index = lines.index(title)
    except ValueError:
        return False
    return index > 0 and bylines.is_field_label(lines[index - 1])


def joined_heading(title: str, lines: list[str]) -> str:
    """The title with the line above it where that line opens the same heading: three
    words or more, no sentence in it, ending with a colon ("Armenia's Turn to the West:")."""
    try:
        index = lines.index(title)
    except ValueError:
        return title
    above = lines[index - 1].strip() if index else ""
    if above.endswith(":") and 3 <= len(above.split()) <= 12 and above[:1].isupper() and \
            not _SENTENCE_INSIDE.search(above) and not pagedates.complete_dates(above):
        return f"{above} {title}"
    return title


def candidates(lines: tuple[str, ...], shaped: Callable[[str], bool]) -> tuple[str, ...]:
    """The lines around the text that could be its title (``shaped``: headline-shaped),
    without the ones refused here, for the editor to choose from."""
    return tuple(dict.fromkeys(line for line in lines if shaped(line) and not refused(line)))
