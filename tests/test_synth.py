"""Synthetic archives for the benchmark: deterministic, valid, shaped like a real one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import synth

from generator.cli import main
from generator.content.loading import load_archive
from generator.content.registries import region_chain

COUNT = 120


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "content"
    synth.generate(COUNT).write(root)
    return root


def test_same_arguments_write_the_same_bytes(content: Path, tmp_path: Path) -> None:
    synth.generate(COUNT).write(tmp_path / "again")
    assert _files(tmp_path / "again") == _files(content)
    synth.generate(COUNT, seed=8).write(tmp_path / "other")
    assert _files(tmp_path / "other") != _files(content)


def test_the_archive_checks_clean(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content)]) == 0
    assert capsys.readouterr().out.strip() == f"no problems found: {COUNT} briefings, no drafts"


def test_the_archive_has_the_shape_the_benchmark_needs(content: Path) -> None:
    loaded = load_archive(content)
    archive = loaded.archive
    assert len(archive.briefings) == COUNT
    depths = {len(region_chain(r, archive.regions)) for r in archive.regions}
    assert max(depths) == 4
    per_briefing = [len(b.actors) for b in archive.briefings]
    assert min(per_briefing) >= 2 and max(per_briefing) <= 8
    popularity = Counter(a for b in archive.briefings for a in b.actors).most_common()
    assert popularity[0][1] > 10 * popularity[len(popularity) // 2][1]  # a Zipf-like head
    written = "".join(p.read_text("utf-8") for p in (content / "briefings").rglob("*.md"))
    names = [a for a in archive.actors.values() if a.aliases]
    assert any(a.aliases[0] in written for a in names)  # aliases are used
    assert any(a.name.lower() in written for a in archive.actors.values())  # and lower case


def test_past_16000_the_registries_grow_as_a_real_archives_do() -> None:
    """Archives up to 16,000 keep their shape (and bytes); past it, new names grow ever
    rarer: a quadrupled archive has more actors and places, but far fewer than 4x."""
    assert [synth.actor_count(n) for n in (1000, 16_000)] == [212, 1150]
    assert synth.levels(16_000) == synth.LEVELS
    actors = [synth.actor_count(n) for n in (16_000, 64_000, 100_000)]
    assert actors[0] < actors[1] < actors[2] < 4 * actors[0]
    rng = synth.random.Random(1)
    regions = synth.make_regions(rng, synth.levels(100_000))
    localities = [r for r in regions if r.kind == "locality"]
    assert 288 < len(localities) < 4 * 288
    made = synth.make_actors(rng, actors[2], regions)
    assert len({a.id for a in made}) == len(made) == actors[2]


def test_a_share_of_translations_keeps_the_count_and_checks_clean(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from synth_languages import with_translations

    archive = with_translations(synth.generate(COUNT), 0.2)
    archive.write(tmp_path / "content")
    assert main(["check", "--content", str(tmp_path / "content")]) == 0
    assert capsys.readouterr().out.strip() == f"no problems found: {COUNT} briefings, no drafts"
    loaded = load_archive(tmp_path / "content", language="en")
    languages = Counter(b.lang for b in loaded.archive.briefings)
    assert languages["en"] == COUNT - 24 and sum(languages[x] for x in ("ar", "ru", "zh")) == 24
    assert all(b.translation_of for b in loaded.archive.briefings if b.lang != "en")
    again = with_translations(synth.generate(COUNT), 0.2)
    assert [b.text for b in again.briefings] == [b.text for b in archive.briefings]
