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
from typing import Literal

from generator.editorial import pagedates

Kind = Literal["prose", "short", "date", "byline", "skip", "end", "bullet"]

# Furniture, whatever it looks like: ads, photo credits, agency desk codes.
_ALWAYS_SKIP = re.compile(r"""(?ix)^(?:
    advertisement\b.*|report\ this\ ad|scroll\ to\ continue.*|
    .*\b(?:reuters|afp|ap\ photo|getty\ images|photo|photograph|image|credit|handout|
    file\ photo)\ ?[/:].*|
    .*[(\[][^()\[\]]{0,60}\b(?:photo|photograph|image|picture|credit|getty|reuters|afp|ap|aa|
    epa|tass|handout|file)\b[^()\[\]]{0,60}[)\]]\s*|
    .*purchase\ licensing\ rights.*|.*\[[^\]]*/[^\]]*\]|[a-z]{2,5}(?:/[a-z]{2,5})+|
    .{3,}\ ©\ ?[A-Z][^©\d]{2,60}[,/]\ ?\w[^©\d]{1,40}|
    (?:updated|published|posted|modified|issued)?:?\ ?(?:on\ )?(?:\d+|an?|one)
    \ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\ ago\b.*|
    (?:updated|published)\ (?:just\ now|today|yesterday|moments\ ago)\b.*|
    [•·]?\ ?\d{1,2}\ ?[hmd]|
    (?:(?:share|facebook|twitter|x|e-?mail|print|whatsapp|telegram|linkedin|reddit|copy\ link|
    save|comments?)[\s|,/·•]*){2,}|
    .*\b(?:click|tap)\ here\ to\ share\b.*|share\d+|.*\bshare\ (?:on|this|via)\b.*|
    save\ articles?\ to\ read\ later.*|listen\ to\ this\ article.*
)$""")
# Furniture after which the article does not go on, even where it reads like a sentence.
_ALWAYS_END = re.compile(r"""(?ix)^(?:
    \(?(?:reporting|writing|editing|additional\ reporting|compiled|edited)\ by\b.*|
    our\ standards\b.*|.*\bopens\ new\ tab|(?:©|copyright|\(c\)).*|.*all\ rights\ reserved.*|
    .*privacy\ (?:policy|choices|settings).*|.*terms\ (?:of|and)\ (?:use|service|conditions).*|
    .*\bcookies?\b.*|.*\bnewsletter\b.*|.*\bcontact\ us\b.*|.*\bsubscription\ options\b.*|
    .*\bsupport\ (?:us|our\ journalism|independent\ journalism)\b.*|
    (?:this\ (?:article|story|piece|report)\ )?(?:was\ )?(?:originally|first)
    \ (?:published|appeared)\b.*|
    republished\b.*|reprinted\b.*|source:.*|courtesy\ of\b.*|
    this\ is\ a\ translation\b.*|(?:this\ (?:article|story)\ (?:was|has\ been)\ )?translated
    \ from\b.*
)$""")
# Labels that interrupt an article without ending it (only where they are not sentences).
_LABEL_SKIP = re.compile(r"""(?ix)^(?:
    ad|ads|story\ continues.*|continue\ reading.*|\d{1,2}:\d{2}|
    (?:watch|video|listen|audio|photos?)(?::.*)?|\d+\s*min(?:ute)?s?\ read|
    \d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\b.*|
    key\ points|key\ takeaways|summary|highlights|in\ brief|at\ a\ glance|what\ we\ know
)$""")
# Labels after which the article does not go on: related links, comments, sharing.
_LABEL_END = re.compile(r"""(?ix)^(?:
    related(?:\ (?:stories|articles|coverage|news|content|topics|posts|reading))?:?|
    read\ (?:more|next|also)\b.*|more\ (?:top\ )?reads\b.*|
    more\ (?:from|on|in|stories|news|like\ this)\b.*|most\ (?:read|popular|viewed|shared)\b.*|
    top\ (?:stories|news)|trending\b.*|latest(?:\ (?:news|stories|articles))?|
    recommended\b.*|you\ (?:may|might)\ also\b.*|editor'?s\ picks?|keep\ reading|
    (?:leave|post|add)\ a\ comment|\d*\s*comments?|(?:view|show|hide)\ comments|
    join\ the\ (?:discussion|conversation)\b.*|be\ the\ first\ to\ comment.*|
    share\b.*|tweet|e-?mail|print|copy\ link|save|facebook|twitter|x(?:\ \(twitter\))?|
    whatsapp|telegram|linkedin|reddit|vk|flipboard|
    subscribe\b.*|sign\ (?:in|up)\b.*|log\ ?in|register|e-?mail\ address|
    tags?:.*|topics?:?|filed\ under\b.*|categories:.*|sponsored\b.*|
    back\ to\ (?:top|homepage)\b.*|advertise\b.*|about\ us|contact(?:\ us)?|follow\ us\b.*|
    download\ (?:the|our)\ app\b.*|skip\ to\ (?:main\ )?content|menu|search|home
)$""")
_BIO = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3},? (?:is|was) (?:an? |the )?"
                  r"(?:[\w-]+ ){0,4}(?:journalist|reporter|correspondent|writer|editor|analyst|"
                  r"researcher|fellow|contributor|photographer|producer)\b")
_BULLET = re.compile(r"^\s*(?:[•·▪►◦*]|[-–]\s|\d{1,2}[.)]\s)")
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?|story by|(?:translated|edited|"
                     r"compiled) by:?)\s+(?P<who>\S.{0,119})$", re.I)
# "Key points" and the like: a label whose bullets sit between the title and the article.
_KEY_POINTS = re.compile(r"^(?:key points|key takeaways|summary|highlights|in brief|"
                         r"at a glance|what we know)$", re.I)
_TICKER = re.compile(r"[-+]\d+(?:\.\d+)?%?\s*$|^(?:buy|sell)\s+[\d.,]+$", re.I)
_FURNITURE_SPAN = 800
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"”]$")


@dataclass(frozen=True)
class PageText:
    """A page's lines sorted into the article and its surroundings."""

    title: str | None
    body: tuple[str, ...]
    header: tuple[str, ...]
    tail: tuple[str, ...]
    furniture: tuple[str, ...]


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
    if _BULLET.match(line):
        return "bullet"
    if _ALWAYS_SKIP.match(line):
        return "skip"
    if _ALWAYS_END.match(line) or _BIO.match(line):
        return "end"
    if is_prose(line):
        return "prose"
    if _LABEL_SKIP.match(line):
        return "skip"
    if _LABEL_END.match(line) or " | " in line:
        return "end"
    if _BYLINE.match(line):
        return "byline"
    if len(line.split()) <= 14 and (pagedates.complete_dates(line)
                                    or pagedates.partial_date(line)):
        return "date"  # before the ticker test: "SEP 25, 2023 - 3:42 PM GMT+3" is a date
    return "skip" if _TICKER.search(line) or _digit_share(line) > 0.3 else "short"


def is_prose(line: str) -> bool:
    """A sentence or more of running text, as opposed to a label, link or headline."""
    words = line.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 7 and lower >= 2 and bool(_SENTENCE_END.search(line))


def _digit_share(line: str) -> float:
    digits = sum(c.isdigit() for c in line)
    letters = sum(c.isalpha() for c in line)
    return digits / max(1, digits + letters)


def is_headline(line: str) -> bool:
    """Could be an article's title: a few words, not a sentence-ending paragraph."""
    words = line.split()
    return (3 <= len(words) <= 30 and 15 <= len(line) <= 250 and not line.endswith((":", ","))
            and any(c.isupper() for c in line[:2]) and not line.isupper())


def analyse(text: str) -> PageText:
    """Split a copied page into title, body, header, tail and furniture."""
    lines = lines_of(text)
    kinds = [classify(line) for line in lines]
    runs = _runs(kinds)
    if not runs:
        return PageText(None, (), (), (), tuple(lines))
    start, end = max(runs, key=lambda run: _run_size(lines, kinds, run))
    while start < end and _is_caption(lines[start]):
        start += 1
    title_at, lede = _title_above(lines, kinds, start)
    body = [lines[i] for i in (*lede, *range(start, end + 1)) if kinds[i] in ("prose", "short")]
    top = max(0, (start if title_at is None else title_at) - 3)
    header = [lines[i] for i in range(top, start) if i != title_at and i not in lede]
    tail = lines[end + 1:end + 7]
    near = range(top, end + 7)
    furniture = [line for i, line in enumerate(lines) if i not in near or kinds[i] == "end"]
    title = lines[title_at] if title_at is not None else None
    return PageText(title, tuple(body), tuple(header), tuple(tail), tuple(furniture))


def _runs(kinds: list[Kind]) -> list[tuple[int, int]]:
    """Stretches of prose, allowing skipped furniture and one short line between paragraphs."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = pending = 0
    for index, kind in enumerate(kinds):
        if kind == "prose":
            start = index if start is None else start
            last, pending = index, 0
        elif start is not None and kind == "skip":
            continue
        elif start is not None and kind == "short" and pending == 0:
            pending = 1
        elif start is not None:
            runs.append((start, last))
            start, pending = None, 0
    if start is not None:
        runs.append((start, last))
    return runs


def _run_size(lines: list[str], kinds: list[Kind], run: tuple[int, int]) -> int:
    return sum(len(lines[i]) for i in range(run[0], run[1] + 1) if kinds[i] == "prose")


def _title_above(lines: list[str], kinds: list[Kind], start: int
                 ) -> tuple[int | None, tuple[int, ...]]:
    """The title's index above the article, and the standfirst's (kept with the body)."""
    lede: tuple[int, ...] = ()
    index = start - 1
    while index > max(-1, start - 16):
        kind = kinds[index]
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
        elif kind == "short" and is_headline(lines[index]):
            return _prefer_title_over_standfirst(lines, kinds, index), lede
        elif kind == "prose":
            break
        index -= 1
    return None, lede


def _key_points_above(lines: list[str], kinds: list[Kind], index: int) -> int | None:
    """Where the "Key points" label of the bullets ending at ``index`` is, if they have one."""
    while index >= 0 and kinds[index] == "bullet":
        index -= 1
    return index if index >= 0 and _KEY_POINTS.match(lines[index]) else None


def _is_caption(line: str) -> bool:
    """A photo caption above an article: "X speaks in Yerevan, June 12, 2024." """
    ends_with_year = re.search(r"(?:19|20)\d\d\W{0,2}$", line)
    return len(line.split()) <= 35 and bool(ends_with_year and pagedates.complete_dates(line))


def _prefer_title_over_standfirst(lines: list[str], kinds: list[Kind], index: int) -> int:
    """A standfirst sits under the title: take the headline above it where there is one.

    Either right above a long unpunctuated standfirst, or above the byline and date block
    that separates the title from a standfirst written under it.
    """
    above = index - 1
    if (above >= 0 and kinds[above] == "short" and is_headline(lines[above])
            and len(lines[index].split()) >= 16 > len(lines[above].split())):
        return above
    while above >= 0 and kinds[above] in ("date", "byline", "skip"):
        above -= 1
    if (above < index - 1 and above >= 0 and kinds[above] == "short"
            and is_headline(lines[above]) and kinds[index - 1] in ("date", "byline", "skip")
            and _reads_as_sentence(lines[index])):
        return above
    return index


def _reads_as_sentence(line: str) -> bool:
    """Running words in lower case (a standfirst), not a headline's capitalised ones."""
    words = line.split()
    return len(words) >= 10 and sum(w[:1].islower() for w in words) >= len(words) * 0.6
