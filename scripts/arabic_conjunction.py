"""What search's rule for a leading "و" links in an archive's Arabic words (issue 30).

    .venv/bin/python scripts/arabic_conjunction.py [--content content]

Search tries a query word with its leading "و" taken off, or with one put on, as a whole
word (``generator.site.folding.conjunction_forms``). A link is right when the "و" is the
conjunction ("والحكومة" = "و" + "الحكومة") and a false match when it is the word's own
first letter ("وزير", minister, is no "و" + "زير"). This lists every pair of the archive's
Arabic words (titles, summaries, bodies and registry names, folded as search folds them)
that the rule links, for a reader of Arabic to sort, and counts them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.content.loading import load_archive
from generator.site.folding import conjunction_forms, words


def arabic_words(content: Path) -> set[str]:
    """Every folded Arabic word of the archive at ``content``."""
    loaded = load_archive(content, language="en")
    archive = loaded.archive
    texts = [f"{b.title} {b.summary} {b.body_html}" for b in archive.briefings]
    texts += [name for entry in [*archive.actors.values(), *archive.regions.values()]
              for _, name in entry.names]
    return {w for text in texts for w in words(text)
            if w and "\u0621" <= w[0] <= "\u064a"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    found = arabic_words(args.content)
    with_waw = sorted(w for w in found if w.startswith("\u0648"))
    links = sorted({tuple(sorted((w, form))) for w in found for form in conjunction_forms(w)
                    if form in found})
    print(f"{len(found)} Arabic words, {len(with_waw)} of them starting with و; "
          f"pairs the rule links: {len(links)}")
    for pair in links:
        print("  " + " <-> ".join(pair))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
