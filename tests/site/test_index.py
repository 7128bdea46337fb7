"""What the archive derives, on the fixture archive (drafts excluded)."""

from __future__ import annotations

from dataclasses import replace

from generator.content.loading import Loaded
from generator.site.index import Index, build_index


def slugs(items: object) -> list[str]:
    return [b.slug for b in items]  # type: ignore[attr-defined]


def test_by_actor_newest_first(index: Index) -> None:
    assert slugs(index.by_actor["nikol-pashinyan"]) == [
        "armenia-freezes-csto", "offensive", "blinken-pashinyan-call"]
    assert slugs(index.by_actor["icrc"]) == ["donbas-shelling"]
    assert set(index.by_actor) == set(index.archive.actors)


def test_the_draft_is_nowhere(index: Index) -> None:
    everything = [b for group in index.by_actor.values() for b in group]
    everything += [b for group in index.by_region.values() for b in group]
    everything += [b for group in index.by_month.values() for b in group]
    assert "draft-note" not in slugs(everything)
    assert index.by_actor["volodymyr-zelensky"] == index.by_actor["icrc"]  # only donbas


def test_region_roll_up_includes_every_sub_region(index: Index) -> None:
    assert slugs(index.by_region["lachin-corridor"]) == ["blinken-pashinyan-call"]
    assert slugs(index.by_region["nagorno-karabakh"]) == [
        "ceasefire", "offensive", "blinken-pashinyan-call"]
    assert slugs(index.by_region["azerbaijan"]) == slugs(index.by_region["nagorno-karabakh"])
    assert slugs(index.by_region["caucasus"]) == [
        "armenia-freezes-csto", "ceasefire", "offensive", "blinken-pashinyan-call"]
    assert slugs(index.by_region["eastern-europe"]) == ["donbas-shelling"]
    assert slugs(index.by_region["europe"]) == slugs(index.archive.briefings)
    assert index.by_region["armenia"] == (index.archive.briefing("armenia-freezes-csto"),)


def test_a_briefing_in_two_nested_regions_counts_once(loaded: Loaded) -> None:
    call = loaded.archive.briefing("blinken-pashinyan-call")
    doubled = replace(call, regions=("lachin-corridor", "nagorno-karabakh", "armenia"))
    archive = replace(loaded.archive, briefings=(doubled,))
    rolled = build_index(archive).by_region
    assert slugs(rolled["caucasus"]) == ["blinken-pashinyan-call"]
    assert slugs(rolled["europe"]) == ["blinken-pashinyan-call"]


def test_tree(index: Index) -> None:
    assert index.roots == ("europe",)
    assert index.children["europe"] == ("eastern-europe", "caucasus")  # by name
    assert index.children["caucasus"] == ("armenia", "azerbaijan")
    assert index.ancestors("lachin-corridor") == ["europe", "caucasus", "azerbaijan",
                                                  "nagorno-karabakh"]
    assert index.ancestors("europe") == []


def test_by_month_newest_first(index: Index) -> None:
    assert list(index.by_month) == [(2024, 3), (2024, 2), (2023, 9), (2023, 1)]
    assert slugs(index.by_month[(2023, 9)]) == ["ceasefire", "offensive"]


def test_neighbours(index: Index) -> None:
    by_slug = {b.slug: b for b in index.archive.briefings}
    older, newer = index.neighbours(by_slug["ceasefire"])
    assert (older and older.slug, newer and newer.slug) == ("offensive", "armenia-freezes-csto")
    assert index.neighbours(by_slug["donbas-shelling"])[1] is None
    assert index.neighbours(by_slug["blinken-pashinyan-call"])[0] is None


def test_related_shares_actors_or_regions_and_never_itself(index: Index) -> None:
    by_slug = {b.slug: b for b in index.archive.briefings}
    related = slugs(index.related(by_slug["offensive"]))
    assert "offensive" not in related
    assert set(related) == {"ceasefire", "blinken-pashinyan-call", "armenia-freezes-csto"}
    assert related[0] == "ceasefire"  # same region and actor, one day apart
    assert index.related(by_slug["donbas-shelling"]) == []  # the other theatre shares nothing
    assert len(index.related(by_slug["offensive"], limit=1)) == 1


def test_co_actors_and_counts(index: Index) -> None:
    assert index.co_actors("nikol-pashinyan")[0] == ("csto", 2)
    assert dict(index.actor_regions("nikol-pashinyan")) == {
        "armenia": 1, "lachin-corridor": 1, "nagorno-karabakh": 1}
    assert dict(index.region_actors("caucasus"))["nikol-pashinyan"] == 3
