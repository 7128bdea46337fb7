"""Deterministic synthetic archives in the content format, for benchmarks and scale tests.

    .venv/bin/python scripts/synth.py --count 4000 --out /tmp/archive [--seed 7]

The same count and seed always give the same bytes. The archive looks like a real one
where it matters for speed: actor popularity follows a Zipf-like curve (a few actors
appear in thousands of briefings, most in a handful), regions form a tree four levels
deep (world region > subregion > country > territory or locality), each briefing names
2-8 actors and 1-3 regions, bodies run from two to six paragraphs with some Markdown,
and names are written as editors write them: ids, display names, aliases (some with
diacritics) and lower-case names, mixed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

FIRST_DAY = date(2008, 1, 1)
LAST_DAY = date(2025, 12, 31)  # fixed, so an archive never depends on the day it is made
LEVELS = (("world-region", 4), ("subregion", 3), ("country", 4), ("locality", 6))
_SYLLABLES = ("ka", "ra", "to", "mi", "ne", "sa", "lo", "vi", "da", "ren", "tal", "mor", "bek",
              "zan", "ul", "ar", "en", "is", "or", "gar", "hov", "lin", "dor", "sel", "ves",
              "nor", "pa", "ti", "qu", "sha", "kel", "bar", "ash", "ed", "um", "zo")
_PLACE_ENDINGS = ("ia", "stan", "land", "ovo", "abad", "grad", "shen", "ay", "ek", "ora")
_ORG_WORDS = ("Council", "Front", "Union", "Assembly", "Mission", "Committee", "Alliance",
              "Brigade", "Movement", "Agency", "Bloc", "League")
_ROLES = ("Prime Minister", "Foreign Minister", "Defence Minister", "President", "Speaker",
          "Opposition leader", "Ambassador", "Envoy", "Commander", "Governor", "Mayor")
_VERBS = ("urges", "rejects", "backs", "accuses", "meets", "warns", "condemns", "welcomes",
          "sanctions", "signs deal with", "calls for talks with", "criticises")
_TOPICS = ("border talks", "ceasefire violations", "the peace treaty", "prisoner exchange",
           "gas transit", "the corridor", "troop build-up", "refugee returns", "elections",
           "mine clearance", "trade routes", "a new constitution", "water rights",
           "the monitoring mission", "arms deliveries", "humanitarian access")
_TAGS = ("diplomacy", "ceasefire", "blockade", "sanctions", "energy", "elections", "protests",
         "humanitarian", "displacement", "military", "shelling", "negotiations", "courts",
         "media", "economy", "transport", "border", "landmines", "prisoners", "peacekeeping",
         "human-rights", "corruption", "religion", "heritage", "water", "trade", "security",
         "migration", "cyber", "arms", "aid", "treaty", "monitoring", "investigation",
         "detentions", "refugees", "infrastructure", "health", "education", "climate")
_OUTLETS = (("Reuters", "www.reuters.com"), ("AP", "apnews.com"), ("AFP", "www.afp.com"),
            ("RFE/RL", "www.rferl.org"), ("BBC", "www.bbc.com"), ("Eurasianet", "eurasianet.org"),
            ("OC Media", "oc-media.org"), ("JAMnews", "jam-news.net"),
            ("Civilnet", "www.civilnet.am"), ("Al Jazeera", "www.aljazeera.com"),
            ("The Guardian", "www.theguardian.com"), ("TASS", "tass.com"),
            ("Interfax", "interfax.com"), ("Politico", "www.politico.eu"),
            ("Le Monde", "www.lemonde.fr"), ("Financial Times", "www.ft.com"))
_WORDS = ("the", "government", "said", "on", "after", "talks", "officials", "border", "forces",
          "reported", "a", "statement", "of", "ministry", "week", "villages", "agreement",
          "with", "in", "residents", "was", "were", "road", "security", "new", "its", "for",
          "negotiators", "observers", "by", "withdrawal", "and", "to", "commission", "accused",
          "the", "other", "side", "months", "earlier", "mission", "delegation", "returned",
          "to", "the", "capital", "without", "progress", "denied", "claims", "that", "troops",
          "had", "crossed", "line", "humanitarian", "convoy", "reached", "town", "late",
          "evening", "parliament", "approved", "measure", "protesters", "gathered", "outside")
_DIACRITICS = str.maketrans({"s": "ş", "c": "ç", "o": "ö", "u": "ü", "a": "ä"})
_SAFE_SCALAR = re.compile(r"^[A-Za-z][A-Za-z0-9 .'-]*[A-Za-z0-9.]$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


@dataclass(frozen=True)
class Entry:
    """One registry entry: an actor or a region."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # regions: the parent region; actors: the country
    role: str | None = None
    description: str | None = None
    point: tuple[float, float] | None = None  # regions: (longitude, latitude) for the maps


@dataclass(frozen=True)
class SynthBriefing:
    """One briefing file and the registry ids it names (for baselines built from it)."""

    path: str  # relative to content/briefings/
    slug: str
    title: str
    day: date
    region_ids: tuple[str, ...]
    actor_ids: tuple[str, ...]
    tags: tuple[str, ...]
    text: str  # the whole file: front matter and Markdown body


@dataclass(frozen=True)
class SynthArchive:
    """Registries and briefings of one synthetic archive."""

    actors: tuple[Entry, ...]
    regions: tuple[Entry, ...]
    briefings: tuple[SynthBriefing, ...]

    def write(self, content: Path) -> None:
        """Write the archive as a content folder (registries and briefings/YYYY/...)."""
        (content / "briefings").mkdir(parents=True, exist_ok=True)
        (content / "actors.yml").write_text(registry_yaml(self.actors, "country"), "utf-8")
        (content / "regions.yml").write_text(registry_yaml(self.regions, "parent"), "utf-8")
        for briefing in self.briefings:
            target = content / "briefings" / briefing.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(briefing.text, "utf-8")


class _Names:
    """Hands out names no other entry of the same registry uses (compared case-blind)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()

    def claim(self, text: str) -> bool:
        key = " ".join(text.casefold().split())
        if key in self.taken:
            return False
        self.taken.add(key)
        return True

    def word(self, parts: int, ending: str = "") -> str:
        while True:
            text = "".join(self.rng.choice(_SYLLABLES) for _ in range(parts)) + ending
            if len(text) > 3 and self.claim(text):
                return text.capitalize()


def slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def zipf_weights(count: int, exponent: float = 1.07) -> list[float]:
    """Cumulative popularity by rank: the first entry is named most, the tail rarely."""
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


def pick_distinct(rng: random.Random, items: Sequence[Entry], cumulative: Sequence[float],
                  count: int) -> list[Entry]:
    chosen: dict[str, Entry] = {}
    while len(chosen) < count:
        item = rng.choices(items, cum_weights=cumulative)[0]
        chosen.setdefault(item.id, item)
    return list(chosen.values())


# Up to 16,000 briefings the registries grow as they always did here (so archives of those
# sizes keep their bytes); past it, as a real archive's vocabulary grows (Heaps' law: new
# names ever rarer), actors by the 0.6th power of the briefings and localities per country
# by the square root: at 64,000 briefings 2,642 actors and 576 localities, at 100,000 3,453
# and 720 (against 1,150 and 288 at 16,000).
GROWTH_FROM = 16_000


def actor_count(briefings: int) -> int:
    """How many actors an archive of ``briefings`` names."""
    if briefings <= GROWTH_FROM:
        return 150 + briefings // 16
    return round((150 + GROWTH_FROM // 16) * (briefings / GROWTH_FROM) ** 0.6)


def levels(briefings: int) -> tuple[tuple[str, int], ...]:
    """The region tree's levels and fan-out for an archive of ``briefings``."""
    if briefings <= GROWTH_FROM:
        return LEVELS
    *upper, (kind, fan_out) = LEVELS
    return (*upper, (kind, round(fan_out * (briefings / GROWTH_FROM) ** 0.5)))


def make_regions(rng: random.Random, tree: Sequence[tuple[str, int]] = LEVELS) -> list[Entry]:
    """A region tree four levels deep; aliases on about a third of the places."""
    names = _Names(rng)
    regions: list[Entry] = []
    parents: list[Entry | None] = [None]
    for depth, (kind, fan_out) in enumerate(tree):
        level = []
        for parent in parents:
            for _ in range(fan_out):
                name = names.word(2, rng.choice(_PLACE_ENDINGS))
                aliases = [a for a in (name.translate(_DIACRITICS), f"Republic of {name}")
                           if rng.random() < 0.35 and names.claim(a)]
                level.append(Entry(slugify(name), name, kind, tuple(aliases),
                                   parent.id if parent else None,
                                   point=_point(name, parent.point if parent else None,
                                                depth)))
        regions += level
        parents = list(level)
    return regions


def make_actors(rng: random.Random, count: int, regions: Sequence[Entry]) -> list[Entry]:
    """``count`` actors: mostly people, some organisations, states and armed groups."""
    names = _Names(rng)
    countries = [r for r in regions if r.kind == "country"]
    actors = []
    for number in range(count):
        # Two syllables give about a thousand distinct words: past the 1,150 actors of
        # 16,000 briefings, three (the same names as before up to there).
        short_parts = 2 if number < 1150 else 3
        kind = rng.choices(("person", "organization", "state", "armed-group", "movement",
                            "other"), (60, 15, 10, 8, 5, 2))[0]
        home = rng.choice(countries)
        if kind == "person":
            surname = names.word(3, rng.choice(("yan", "ov", "ashvili", "li")))
            name = f"{names.word(short_parts)} {surname}"
            short = surname  # already this actor's own: word() claimed it
        else:
            name = f"{home.name} {rng.choice(_ORG_WORDS)} {names.word(short_parts)}"
            short = "".join(w[0] for w in name.split()).upper()
            short = short if names.claim(short) else ""
        names.claim(name)
        aliases = [a for a in (short, name.translate(_DIACRITICS)) if a and rng.random() < 0.45
                   and (a == short or names.claim(a))]
        role = f"{rng.choice(_ROLES)} of {home.name}" if kind == "person" else None
        description = (f"Synthetic actor number {number}, active in **{home.name}**."
                       if number < 20 else None)
        actors.append(Entry(slugify(name), name, kind, tuple(aliases), home.id, role,
                            description))
    return actors


def _scalar(text: str) -> str:
    """A YAML scalar: plain where safe, otherwise a double-quoted (JSON) string."""
    if _SAFE_SCALAR.match(text) and text.lower() not in _YAML_WORDS and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(i) for i in items) + "]"


def _point(name: str, near: tuple[float, float] | None, depth: int) -> tuple[float, float]:
    """A place for the maps near its parent's, from its own name (the archive's random
    sequence is left as it was)."""
    rng = random.Random(name)
    spread = (40.0, 12.0, 4.0, 1.0)[depth]
    lon, lat = near or (30.0, 25.0)
    return (round(max(-179.0, min(179.0, lon + rng.uniform(-2 * spread, 2 * spread))), 2),
            round(max(-55.0, min(80.0, lat + rng.uniform(-spread, spread))), 2))


def registry_yaml(entries: Sequence[Entry], parent_key: str) -> str:
    lines = ["# Synthetic registry written by scripts/synth.py (benchmarks only)."]
    for entry in entries:
        lines += ["", f"- id: {entry.id}", f"  name: {_scalar(entry.name)}",
                  f"  kind: {entry.kind}"]
        if entry.aliases:
            lines.append(f"  aliases: {_flow(entry.aliases)}")
        if entry.parent:
            lines.append(f"  {parent_key}: {entry.parent}")
        if entry.role:
            lines.append(f"  role: {_scalar(entry.role)}")
        if entry.description:
            lines.append(f"  description: {_scalar(entry.description)}")
        if entry.point:
            lines.append(f"  point: [{entry.point[0]}, {entry.point[1]}]")
    return "\n".join(lines) + "\n"


def written_name(rng: random.Random, entry: Entry) -> str:
    """A name as an editor might write it: id, display name, alias or lower case."""
    form = rng.random()
    if form < 0.15:
        return entry.id
    if form < 0.35 and entry.aliases:
        return rng.choice(entry.aliases)
    if form < 0.5:
        return entry.name.lower()
    return entry.name


def _sentence(rng: random.Random, mentions: Sequence[str]) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    if mentions and rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(mentions))
    if rng.random() < 0.08:
        words[-1] = f"[{words[-1]}](https://example.org/report/{rng.randrange(10**6)})"
    elif rng.random() < 0.1:
        words[0] = f"**{words[0]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, mentions: Sequence[str]) -> str:
    """Two to six paragraphs of 3-6 sentences; now and then a list or a quote."""
    paragraphs = []
    for _ in range(rng.choice((2, 3, 3, 4, 4, 5, 6))):
        text = " ".join(_sentence(rng, mentions) for _ in range(rng.randint(3, 6)))
        paragraphs.append(_wrap(text))
    if rng.random() < 0.15:
        paragraphs.insert(1, "\n".join(f"- {_sentence(rng, mentions)}" for _ in range(3)))
    if rng.random() < 0.05:
        paragraphs.append("> " + _sentence(rng, mentions))
    return "\n\n".join(paragraphs)


def _wrap(text: str, width: int = 96) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def _sources(rng: random.Random, day: date, slug: str) -> list[str]:
    lines = ["source:"]
    for number in range(rng.choices((1, 2, 3), (70, 25, 5))[0]):
        outlet, host = _OUTLETS[rng.randrange(len(_OUTLETS))]
        url = f"https://{host}/{day.year}/{day.month:02d}/{slug}-{number}"
        lines += [f"  - name: {_scalar(outlet)}", f"    url: {url}",
                  f"    published: {day + timedelta(days=rng.choice((0, 0, 1)))}"]
        if rng.random() < 0.3:
            lines.append(f"    author: {_scalar(rng.choice(_SYLLABLES).capitalize())} Writer")
        if rng.random() < 0.15:
            lines.append(f"    via: {_scalar(rng.choice(_OUTLETS)[0])}")
        if rng.random() < 0.1:
            lines.append(f"    archive: https://web.archive.org/web/{day:%Y%m%d}/{url}")
    return lines


def make_briefing(rng: random.Random, actors: Sequence[Entry], actor_weights: Sequence[float],
                  places: Sequence[Entry], place_weights: Sequence[float], day: date,
                  slugs: set[str]) -> SynthBriefing:
    """One briefing naming 2-8 actors (mostly 2-4) and 1-3 regions."""
    named = pick_distinct(rng, actors, actor_weights,
                          rng.choices(range(2, 9), (30, 28, 18, 10, 7, 4, 3))[0])
    where = pick_distinct(rng, places, place_weights, rng.choices((1, 2, 3), (75, 20, 5))[0])
    title = (f"{named[0].name} {rng.choice(_VERBS)} {named[1].name} over "
             f"{rng.choice(_TOPICS)} in {where[0].name}")
    slug = base = slugify(title)[:60].rstrip("-")
    while slug in slugs:
        slug = f"{base}-{rng.randrange(10**4)}"
    slugs.add(slug)
    tags = tuple(dict.fromkeys(rng.sample(_TAGS, rng.choice((0, 1, 2, 2, 3, 4)))))
    region_names = [written_name(rng, r) for r in where]
    lines = ["---", f"title: {_scalar(title)}", f"date: {day.isoformat()}",
             "region: " + (_scalar(region_names[0]) if len(where) == 1 and rng.random() < 0.6
                           else _flow(region_names)),
             f"actors: {_flow([written_name(rng, a) for a in named])}",
             *_sources(rng, day, slug)]
    if tags:
        lines.append(f"tags: {_flow(tags)}")
    if rng.random() < 0.4:
        lines.append(f"summary: {_scalar(_sentence(rng, [a.name for a in named]))}")
    lines += ["---", body(rng, [a.name for a in named]), ""]
    return SynthBriefing(f"{day.year}/{day.isoformat()}-{slug}.md", slug, title, day,
                         tuple(r.id for r in where), tuple(a.id for a in named), tags,
                         "\n".join(lines))


def generate(count: int, seed: int = 7) -> SynthArchive:
    """A synthetic archive of ``count`` briefings; the same arguments give the same archive."""
    rng = random.Random(f"briefings-synth-{seed}-{count}")
    regions = make_regions(rng, levels(count))
    actors = make_actors(rng, actor_count(count), regions)
    # The most specific places carry most briefings; popularity is shuffled across the tree.
    places = [r for r in regions if r.kind in ("country", "locality")]
    rng.shuffle(places)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    slugs: set[str] = set()
    actor_weights, place_weights = zipf_weights(len(actors)), zipf_weights(len(places), 0.8)
    briefings = tuple(make_briefing(rng, actors, actor_weights, places, place_weights, day, slugs)
                      for day in days)
    return SynthArchive(tuple(actors), tuple(regions), briefings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic briefing archive.")
    parser.add_argument("--count", type=int, required=True, help="number of briefings")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--translated", type=float, default=0.0,
                        help="share of briefings that are translations (synth_languages.py)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    archive = generate(args.count, args.seed)
    if args.translated:
        from synth_languages import with_translations
        archive = with_translations(archive, args.translated, args.seed)
    archive.write(args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
