"""A news page saved as copied text, taken apart: the article, and the furniture around it.

A copied page is the article's lines mixed with everything else the site shows:
navigation, sidebars of other headlines, share buttons, "ADVERTISEMENT", comment
widgets, stock tickers, copyright lines. Each line is classified on its own
(prose, a short line, a date line, a byline, or furniture); the article is the
longest run of prose, and its title is the headline-like line just above it,
past any byline, date, standfirst and share buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.editorial.pagesignals import labels, pagedates
from generator.editorial.pagesignals.headlines import (
    credit_shaped,
    is_link_label,
    is_navigation,
    not_a_headline,
)
from generator.editorial.pagesignals.runs import (
    Kind,
    across_boxes,
    boxes_left_out,
    prose_runs,
    run_size,
)
from generator.editorial.pagesignals.threads import thread_posts
from generator.editorial.pagesignals.wrapping import (
    BROKEN_WORD,
    SENTENCE_END,
    repeats_and_notes,
    running_title,
    unwrap,
)

_BULLET = re.compile(r"^\s*(?:[•·▪►◦*]|[-–]\s|\d{1,2}[.)]\s)")
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|story by|(?:translated|edited|"
                     r"compiled) by:?|par|por|von|автор:?|بقلم)\s+(?P<who>\S.{0,119})$", re.I)
_NAMED_BYLINE = re.compile(r"^(?:[Bb]y|[Pp]ar|[Pp]or|[Vv]on)\s+[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:"
                           r"[A-ZÀ-Ý][\w'’.-]+|de|van|von|al|el|bin|da|di|la|le|du)){1,3}"
                           r"(?:,|\s+and\s|\s*$)")
# "Yerevan: «Asharq Al-Awsat»": a place and the newspaper's credit, as Arabic papers write.
CREDIT = re.compile(r"^[^\W\d][^:«»]{1,30}:\s*«(?P<who>[^»]{2,40})»$")
_AUTHOR_LABEL = re.compile(r"^(?:authors?|auteurs?|автор[ыа]?|الكاتب|written by)$", re.I)
_TICKER = re.compile(r"[-+]\d+(?:\.\d+)?%?\s*$|^(?:buy|sell)\s+[\d.,]+$", re.I)
_FURNITURE_SPAN = 800
_CAPTION_WORDS = 35  # a photo's caption is at most this long
_END_CREDIT = re.compile(r"\s*\([^()]{1,40}\)$")  # an agency's credit closing a paragraph
_PHOTO_CREDIT = re.compile(r"(?i)^(?:photo|foto|фото|صورة|image|picture|crédit\s+photo|"
                           r"bild)\s*:")
_SPEAKER = re.compile(r"^(?:[A-ZÀ-Ý][\w.'’-]+ ?){1,4}:$")  # "Geoff Bennett:", "MR MILLER:"
_TITLE_REACH = 4  # lines of a few words (names, labels) between a title and its text
_NAME_IN_PLACE = re.compile(r"^[A-ZÀ-Ý][\w.-]+(?: [A-ZÀ-Ý][\w.-]+){0,2} in "
                            r"[A-ZÀ-Ý][\w'’.-]+(?: [A-ZÀ-Ý][\w'’.-]+){0,2}$")
_CAPTION_DATE = re.compile(r"(?:,|\b(?:on|le))\s+(?:[^\W\d]+,?\s+)?(?:\d{1,2}\s+[^\W\d]+\.?|"
                           r"[^\W\d]+\.?\s+\d{1,2}),?\s+(?:19|20)\d\d\W{0,2}$")  # ", June 12, 2024"


@dataclass(frozen=True)
class PageText:
    """A page's lines sorted into the article and its surroundings."""

    title: str | None
    body: tuple[str, ...]
    header: tuple[str, ...]
    tail: tuple[str, ...]
    furniture: tuple[str, ...]
    title_candidates: tuple[str, ...] = ()  # titles the markup states that disagree
    first_line: str | None = None  # the page's first line, a masthead wherever it was sorted


def lines_of(text: str) -> list[str]:
    """Non-empty lines with white space made plain and collapsed."""
    found = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if line:
            found.append(line)
    return found


def classify(line: str) -> Kind:
    """What one line of a page is."""
    if len(line) > _FURNITURE_SPAN:  # furniture is short; and no pattern runs on a huge line
        return "prose" if is_prose(line) else "short"
    if not any(c.isalnum() for c in line):
        return "skip"  # a separator alone ("·", "***", "|"): between a byline's parts
    if _BULLET.match(line) and not pagedates.complete_dates(line[:30]):  # not "13. März 2025"
        return "bullet"
    if _credited_paragraph(line):
        return "prose"  # "... is set on fire. (Al Jazeera)": a wire item, not a photo's credit
    if labels.ALWAYS_SKIP.match(line) or labels.CREDIT_SHAPE.match(line) or is_link_label(line) \
            or labels.SELF_DESCRIPTION.match(line):
        return "skip"
    if credit_shaped(line):
        return "byline"  # "Yerevan (AFP) –": where and whose, not a headline
    if labels.ALWAYS_END.match(line) or labels.BIO.match(line) or labels.WIKI_EDITED.match(
            line) or (len(line) < _FURNITURE_SPAN and labels.APPEAL.match(line)):
        return "end"
    if _NAMED_BYLINE.match(line) and len(line.split()) <= 25:
        return "byline"  # "By Thomas de Waal, a senior fellow at Carnegie Europe."
    if is_prose(line):
        return "prose"
    if labels.LABEL_SKIP.match(line):
        return "skip"
    if labels.LABEL_END.match(line) or " | " in line:
        return "end"
    if _BYLINE.match(line):
        return "byline"
    if (len(line.split()) <= 14 or (len(line) <= 160 and any(  # "Publié le ..., mis à jour le"
            meaning != "plain" for meaning, _ in pagedates.stamps(line)))) and (
            pagedates.complete_dates(line) or pagedates.partial_date(line)
            ) and not pagedates.dated_headline(line):
        return "date"  # before the ticker test: "SEP 25, 2023 - 3:42 PM GMT+3" is a date
    return "skip" if _TICKER.search(line) or _digit_share(line) > 0.3 else "short"


def _credited_paragraph(line: str) -> bool:
    """Running text closed by its source's credit in brackets, longer than a caption (a
    wire item: "Fighting reaches central Khartoum, where ... is set on fire. (Al Jazeera)")."""
    credit = _END_CREDIT.search(line)
    return credit is not None and len(line.split()) > _CAPTION_WORDS and is_prose(
        line[:credit.start()])


def is_prose(line: str) -> bool:
    """A sentence or more of running text, as opposed to a label, link or headline (or a
    string of labels, "For information media. Not an official record.": no sentence in it)."""
    words = line.split()
    lower = sum(1 for w in words if w[:1].isalpha() and not w[:1].isupper())  # Arabic too
    ended = SENTENCE_END.search(_END_CREDIT.sub("", line))  # "... Rolle. (red, APA, 13.3.2025)"
    return len(words) >= 7 and lower >= 2 and bool(ended) and (
        len(words) > 12 or max(len(s.split()) for s in re.split(r"[.!?]\s", line)) >= 5)


def _menu_row(raw: str) -> bool:
    """Three or more items of one to three words set apart by runs of spaces, as a copied
    menu keeps them ("World  Politics  Sports"): a row of links, never a headline."""
    parts = re.split(r"[ \u00a0]{2,}", raw.strip())
    return len(parts) >= 3 and all(1 <= len(part.split()) <= 3 for part in parts)


def _digit_share(line: str) -> float:
    digits = sum(c.isdigit() for c in line)
    letters = sum(c.isalpha() for c in line)
    return digits / max(1, digits + letters)


def is_headline(line: str) -> bool:
    """Could be an article's title: a few words, not a sentence-ending paragraph."""
    words = line.split()
    first = next((c for c in line if c.isalpha()), "")
    return (3 <= len(words) <= 30 and 15 <= len(line) <= 250 and not line.endswith((":", ","))
            and first != "" and not first.islower() and not line.isupper()
            and not BROKEN_WORD.search(line) and not not_a_headline(line))


def analyse(text: str) -> PageText:
    """Split a copied page into title, body, header, tail and furniture (a table's row,
    label and value apart by a tab, is furniture: an infobox, a data table)."""
    lines = lines_of(unwrap(text))
    rows = set(lines_of("\n".join(re.findall(r"^.*\S\t+\S.*$", text, re.MULTILINE))))
    rows |= {" ".join(raw.split()) for raw in text.splitlines() if _menu_row(raw)}
    kinds = _in_context(lines, [classify(line) if line not in rows else "skip" for line in lines])
    wrapped = len(lines) != len(lines_of(text))  # a hard-wrapped copy: a document's pages
    furniture_at = repeats_and_notes(lines, [kind == "short" for kind in kinds], wrapped)
    kinds = ["skip" if i in furniture_at else kind for i, kind in enumerate(kinds)]
    posts, between = thread_posts(lines)  # a thread's numbered posts: one article
    kinds = ["prose" if i in posts else "skip" if i in between else k for i, k in enumerate(kinds)]
    runs, kinds = across_boxes(lines, kinds, prose_runs(kinds), wrapped)
    kinds = boxes_left_out(lines, kinds, runs)
    if not runs:
        return PageText(None, (), (), (), tuple(lines))
    start, end = max(runs, key=lambda run: run_size(lines, kinds, run))
    while start < end and (_is_caption(lines[start]) or _credited(lines, start)):
        start += 1
    title_at, lede = _title_above(lines, kinds, start)
    if title_at is not None and _is_crosshead(lines, kinds, title_at, start, end):
        title_at, lede = _title_above(lines, kinds, _stamp_above(kinds, title_at))
    title_at, candidates = _confirmed(lines, kinds, title_at)
    if title_at is None and not candidates and wrapped:
        title_at = running_title(lines, [kind == "short" for kind in kinds], start)
    while end > start + 1 and _printed_above(lines, start, end):
        start += lines[start].startswith(lines[end][:60])  # the first page's copy, if it opens
        end -= 1  # a document's notice, on its first page and its last
    body = [lines[i] for i in (*lede, *range(start, end + 1)) if kinds[i] in ("prose", "short")]
    top = max(0, (start if title_at is None else title_at) - 3)
    header = [lines[i] for i in range(top, start) if i != title_at and i not in lede]
    if wrapped:  # a document's running header between its pages states its date too
        header += [lines[i] for i in range(start, end + 1) if kinds[i] == "date"]
    tail = lines[end + 1:end + 7]
    near = range(top, end + 7)
    furniture = [line for i, line in enumerate(lines) if i not in near or kinds[i] == "end"]
    title = lines[title_at] if title_at is not None else None
    return PageText(title, tuple(body), tuple(header), tuple(tail), tuple(furniture), candidates,
                    lines[0])


def _printed_above(lines: list[str], start: int, end: int) -> bool:
    """The article's last line opens as a long line above or first in the article does: a
    notice a document prints on its first page and its last ("This record contains the text of
    speeches ..."), repeated, so not the article's."""
    opening = lines[end][:60]
    return len(opening) == 60 and any(line.startswith(opening) for line in lines[:start + 1])


def _confirmed(lines: list[str], kinds: list[Kind], title_at: int | None
               ) -> tuple[int | None, tuple[str, ...]]:
    """The title where the page's signals agree: a mail's "Subject:" header is decisive
    where a line repeats it; a headline right under a breadcrumb trail ("Home / Newsroom /
    Press releases and public statements") is the title only where the line below it is
    not one too (both quoted for the editor otherwise); likewise a short line at the page's
    top over a headline-shaped line half as long again: a masthead over the headline ("The
    Caspian Herald"), or the headline over its standfirst?"""
    subject = next((line[8:].strip() for line in lines[:12] if line.startswith("Subject:")), "")
    if subject and subject in lines:
        return lines.index(subject), ()
    below = (title_at or 0) + 1
    while below < len(lines) - 1 and kinds[below] == "skip":
        below += 1  # past a menu row
    if title_at is not None and title_at <= 1 and below < len(lines) and kinds[below] == "short" \
            and is_headline(lines[below]) and len(lines[below].split()) >= max(
            10, 1.5 * len(lines[title_at].split())):
        return None, (lines[title_at], lines[below])
    if title_at is None or not _under_breadcrumb(lines, title_at):
        return title_at, ()
    if below < len(lines) and kinds[below] == "short" and is_headline(lines[below]):
        return None, (lines[title_at], lines[below])  # which is the trail's last item?
    return title_at, ()


def _under_breadcrumb(lines: list[str], index: int) -> bool:
    """A short line under two or more one-to-three-word lines: a trail's last item."""
    return index >= 2 and len(lines[index].split()) <= 6 and all(
        len(lines[i].split()) <= 3 for i in (index - 1, index - 2))


def _in_context(lines: list[str], kinds: list[Kind]) -> list[Kind]:
    """Kinds that depend on the lines around: the headline after a bare "Read also" label
    is a link; lines under "Summary" or "Key points" are its bullets, marked or not; a
    line opening with the byline's name and a verb is the author's bio."""
    authors = [match.group("who") for match in map(_BYLINE.match, lines) if match]
    names = [re.split(r"\s*(?:,|\band\b|&)\s*", who)[0].strip() for who in authors]
    names = [name for name in names if len(name.split()) >= 2]
    for index, line in enumerate(lines):
        if CREDIT.match(line) or (_NAME_IN_PLACE.match(line) and 0 < index < len(lines) - 1
                                  and kinds[index + 1] == "date"
                                  and is_headline(lines[index - 1])):
            kinds[index] = "byline"  # "Daria Mosolova in Yerevan" over the date
        elif _AUTHOR_LABEL.match(line):  # an author block: the label, the name, the post
            for below in range(index, min(index + 3, len(lines))):
                kinds[below] = "byline" if kinds[below] == "short" else kinds[below]
        elif kinds[index] == "skip" and is_link_label(line, bare=True) and index + 1 < len(lines) \
                and len(lines[index + 1].split()) <= 25:
            kinds[index + 1] = "skip"
        elif _SPEAKER.match(line) and index + 1 < len(lines) and kinds[index + 1] == "short" \
                and SENTENCE_END.search(lines[index + 1]):
            kinds[index + 1] = "prose"  # a turn of a transcript: "Geoff Bennett:" / "Thanks."
        elif labels.KEY_POINTS.match(line):
            below = index + 1
            while below < len(lines) and kinds[below] == "short" and below - index <= 6:
                kinds[below] = "bullet"
                below += 1
        elif any(line.startswith(name + " ") and line[len(name) + 1:][:1].islower()
                 for name in names) and kinds[index] != "byline":
            kinds[index] = "end"
    return kinds


def _is_crosshead(lines: list[str], kinds: list[Kind], title_at: int, start: int,
                  end: int) -> bool:
    """A headline right above the text, with no byline or date between, where the text
    has more such headlines and a stamp sits above: a live blog's post, not the title."""
    if any(kinds[i] in ("date", "byline") for i in range(title_at, start)):
        return False
    inside = sum(kinds[i] == "short" and is_headline(lines[i]) for i in range(start, end + 1))
    return inside >= 1 and _stamp_above(kinds, title_at) != title_at


def _stamp_above(kinds: list[Kind], index: int) -> int:
    """The nearest date or byline line within 12 lines above ``index`` (or ``index``)."""
    for above in range(index - 1, max(-1, index - 13), -1):
        if kinds[above] in ("date", "byline"):
            return above
    return index


def _title_above(lines: list[str], kinds: list[Kind], start: int
                 ) -> tuple[int | None, tuple[int, ...]]:
    """The title's index above the article, and the standfirst's (kept with the body)."""
    lede: tuple[int, ...] = ()
    index, passed = start - 1, 0
    while index > max(-1, start - 16):
        kind = kinds[index]
        passed += kind == "short" and len(lines[index].split()) >= 2 and "://" not in lines[index]
        if passed > _TITLE_REACH:
            break  # a headline past a sidebar or an infobox is not this article's
        if kind == "bullet":
            label = _key_points_above(lines, kinds, index)
            if label is None:
                break
            index = label - 1  # "Key points" bullets under the title belong to neither
            continue
        if kind == "prose" and _is_caption(lines[index]):
            pass
        elif kind == "prose" and not lede:
            lede = (index,)  # a standfirst: the article's own lede
        elif kind == "short" and is_headline(lines[index]) and not is_navigation(lines, index) \
                and not _over_menu(lines, kinds, index):
            return _prefer_title_over_standfirst(lines, kinds, index), lede
        elif kind == "prose":
            break
        index -= 1
    return None, lede


def _over_menu(lines: list[str], kinds: list[Kind], index: int) -> bool:
    """A line at the page's top over three or more menu items (lines of one to three
    words): a masthead, not the headline, which a byline, a stamp or the text follows."""
    below = lines[index + 1:index + 4]
    return index <= 3 and len(below) == 3 and all(len(line.split()) <= 3 for line in below) and all(
        kind == "short" for kind in kinds[index + 1:index + 4])


def _key_points_above(lines: list[str], kinds: list[Kind], index: int) -> int | None:
    """Where the "Key points" label of the bullets ending at ``index`` is, if they have one."""
    while index >= 0 and kinds[index] == "bullet":
        index -= 1
    return index if index >= 0 and labels.KEY_POINTS.match(lines[index]) else None


def _credited(lines: list[str], index: int) -> bool:
    """A line right over a photo credit ("Foto: REUTERS/...", "Photo: AFP"): its caption."""
    return index + 1 < len(lines) and bool(_PHOTO_CREDIT.match(lines[index + 1]))


def _is_caption(line: str) -> bool:
    """A photo caption above an article: "X speaks in Yerevan, June 12, 2024." """
    return len(line.split()) <= _CAPTION_WORDS and bool(
        _CAPTION_DATE.search(line) and pagedates.complete_dates(line))  # not "of 9 May 2020."


def _prefer_title_over_standfirst(lines: list[str], kinds: list[Kind], index: int) -> int:
    """A standfirst sits under the title: take the headline above it where there is one.

    Either right above a long unpunctuated standfirst; or right above a deck about as
    long as itself (two headline-shaped lines alone: the upper is the headline, the lower
    its deck, however short; a much shorter upper line is a kicker); or above the byline
    and date block that separates the title from a standfirst written under it.
    """
    above = index - 1
    stacked = (above >= 0 and kinds[above] == "short" and is_headline(lines[above])
               and not is_navigation(lines, above))
    upper, lower = (len(lines[above].split()), len(lines[index].split())) if stacked else (0, 0)
    if stacked and lower >= max(10, 1.5 * upper) and not lines[index].endswith(("?", "!", "؟")):
        return above
    alone = above == 0 or not (kinds[above - 1] == "short" and is_headline(lines[above - 1]))
    if stacked and alone and upper >= max(4, 0.6 * lower):  # not a kicker, nor a sidebar list
        return above
    while above >= 0 and kinds[above] in ("date", "byline", "skip"):
        above -= 1
    if (above < index - 1 and above >= 0 and kinds[above] == "short"
            and is_headline(lines[above]) and not is_navigation(lines, above)
            and kinds[index - 1] in ("date", "byline", "skip")
            and _reads_as_sentence(lines[index])):
        return above
    return index


def _reads_as_sentence(line: str) -> bool:
    """Running words in lower case (a standfirst), not a headline's capitalised ones."""
    words = line.split()
    return len(words) >= 10 and sum(w[:1].islower() for w in words) >= len(words) * 0.6
