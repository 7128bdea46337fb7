"""Translations in a synthetic archive (scripts/synth.py ``--translated 0.2``).

A share of the archive's briefings becomes translations of others, so the count stays the
same and an archive with translations compares with one without at equal size: each chosen
briefing is replaced by a translation of an original (``lang``, ``translation_of``, the
original's date, actors, regions, sources and tags), in Arabic, Russian or Chinese in turn,
one per language and original. Its title, summary and body are the original's written
letter by letter in the language's script (Chinese: a character per letter, no spaces), so
search indexes words in three more scripts, and links and Markdown stay as they were.
Deterministic: the same archive and share give the same bytes.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from synth import SynthArchive, SynthBriefing

LANGUAGES = ("ar", "ru", "zh")
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_SCRIPTS = {
    "ar": dict(zip(_LATIN, "ابكديفغهيجكلمنوبقرستوفوكيز", strict=True)),
    "ru": dict(zip(_LATIN, "абцдефгхийклмнопкрстуввксз", strict=True)),
    "zh": dict(zip(_LATIN, "安北城大恩法国和一家开来民南欧平全人山天乌文西亚中友", strict=True)),
}
# Left as written: link targets, URLs, and the front matter's other lines.
_KEEP = re.compile(r"\]\([^)]*\)|https?://\S+")
_WORD = re.compile(r"[A-Za-z]+")


def write_in(language: str, text: str) -> str:
    """``text`` with its Latin letters written in the language's script."""
    letters = _SCRIPTS[language]

    def word(match: re.Match[str]) -> str:
        return "".join(letters[c] for c in match.group(0).lower())

    pieces, at = [], 0
    for kept in _KEEP.finditer(text):
        pieces += [_WORD.sub(word, text[at:kept.start()]), kept.group(0)]
        at = kept.end()
    written = "".join([*pieces, _WORD.sub(word, text[at:])])
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", written) \
        if language == "zh" else written


def translation(original: SynthBriefing, language: str) -> SynthBriefing:
    """The original in ``language``: a file of its own beside it."""
    front, _, body = original.text.partition("\n---\n")
    lines = []
    for line in front.split("\n"):
        if line.startswith(("title: ", "summary: ")):
            key, value = line.split(": ", 1)
            line = f"{key}: {write_in(language, value)}"
        lines.append(line)
        if line.startswith("date: "):
            lines += [f"lang: {language}", f"translation_of: {original.slug}"]
    slug = f"{original.slug}-{language}"
    path = original.path.removesuffix(".md") + f"-{language}.md"
    text = "\n".join(lines) + "\n---\n" + write_in(language, body)
    return replace(original, path=path, slug=slug, title=write_in(language, original.title),
                   text=text)


def with_translations(archive: SynthArchive, share: float, seed: int = 7) -> SynthArchive:
    """The archive with ``share`` of its briefings replaced by translations of others."""
    rng = random.Random(f"briefings-synth-languages-{seed}-{len(archive.briefings)}")
    count = round(share * len(archive.briefings))
    chosen = set(rng.sample(range(len(archive.briefings)), count))
    originals = [b for n, b in enumerate(archive.briefings) if n not in chosen]
    made = [translation(originals[n % len(originals)], LANGUAGES[n // len(originals)
                                                                  % len(LANGUAGES)])
            for n in rng.sample(range(len(originals) * len(LANGUAGES)), count)]
    briefings = sorted([*originals, *made], key=lambda b: (b.day, b.path))
    return replace(archive, briefings=tuple(briefings))
