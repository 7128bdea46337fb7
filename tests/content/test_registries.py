"""Registries: name resolution across scripts and Unicode forms, and the registry checks."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from generator.content.loading import Loaded
from generator.content.model import Actor, Origin, Region
from generator.content.registries import (
    NameIndex,
    build_actors,
    build_regions,
    name_key,
    read_registry,
    region_chain,
)
from generator.content.schema import ACTOR_FIELDS, REGION_FIELDS
from generator.content.syntax.fields import FieldError, Named
from generator.content.syntax.yamlstrict import load


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def actor_names(loaded: Loaded) -> NameIndex[Actor]:
    return NameIndex.build("actor", loaded.archive.actors)


@pytest.fixture(scope="module")
def region_names(loaded: Loaded) -> NameIndex[Region]:
    return NameIndex.build("region", loaded.archive.regions)


def resolve_error(index: NameIndex[Any], text: str, elsewhere: NameIndex[Any] | None = None
                  ) -> FieldError:
    with pytest.raises(FieldError) as caught:
        index.resolve(Named(text, 7), elsewhere)
    assert caught.value.line == 7
    return caught.value


# --- the comparison key -------------------------------------------------------------------

def test_nfd_and_nfc_forms_compare_equal() -> None:
    for name in ("İlham Əliyev", "Ağdam", "Şuşa", "Україна", "Ḱapan"):
        assert nfd(name) != name  # really a different sequence of code points
        assert name_key(nfd(name)) == name_key(name)


@pytest.mark.parametrize(("written", "registered"), [
    ("İLHAM ƏLİYEV", "İlham Əliyev"),
    ("ilham əliyev", "İlham Əliyev"),   # Azerbaijani lower case of İ is a plain i
    ("ILHAM ƏLIYEV", "İlham Əliyev"),   # typed on a keyboard without İ
    ("ılham əliyev", "İlham Əliyev"),   # Azerbaijani lower case of I is a dotless ı
    ("ƏLİYEV", "Əliyev"),
    ("ՆԻԿՈԼ ՓԱՇԻՆՅԱՆ", "Նիկոլ Փաշինյան"),
    ("ЗЕЛЕНСЬКИЙ", "Зеленський"),
    ("  Nikol \t Pashinyan\u00a0", "Nikol Pashinyan"),
    ("STRASSE", "Straße"),
    ("Arme\u200bnia", "Armenia"),  # a zero-width space pasted from a web page
    ("\u200fKarabakh\u200e", "Karabakh"),  # bidi marks
])
def test_case_and_space_insensitive_in_every_script(written: str, registered: str) -> None:
    assert name_key(written) == name_key(registered)


def test_different_names_stay_different() -> None:
    assert name_key("Aliyev") != name_key("Əliyev")
    assert name_key("Nikol Pashinyan") != name_key("NikolPashinyan")


# --- resolution against the fixture registries ---------------------------------------------

@pytest.mark.parametrize(("written", "actor_id"), [
    ("nikol-pashinyan", "nikol-pashinyan"),
    ("Nikol Pashinyan", "nikol-pashinyan"),
    ("nikol pashinian", "nikol-pashinyan"),
    ("PASHINIAN", "nikol-pashinyan"),
    ("Նիկոլ Փաշինյան", "nikol-pashinyan"),
    (nfd("İlham Əliyev"), "ilham-aliyev"),
    ("ilham əliyev", "ilham-aliyev"),
    ("əliyev", "ilham-aliyev"),
    ("зеленський", "volodymyr-zelensky"),
    ("CSTO", "csto"),
    ("the  kremlin", "russia"),
])
def test_actor_names_resolve(actor_names: NameIndex[Actor], written: str, actor_id: str) -> None:
    assert actor_names.resolve(Named(written, 3)) == actor_id


@pytest.mark.parametrize(("written", "region_id"), [
    ("Karabakh", "nagorno-karabakh"), ("artsakh", "nagorno-karabakh"),
    (nfd("Azərbaycan"), "azerbaijan"), ("AZƏRBAYCAN", "azerbaijan"),
    ("Հայաստան", "armenia"), ("україна", "ukraine"), ("donbas", "donetsk-oblast"),
    ("south caucasus", "caucasus"), ("lachin-corridor", "lachin-corridor"),
])
def test_region_names_resolve(region_names: NameIndex[Region], written: str,
                              region_id: str) -> None:
    assert region_names.resolve(Named(written, 3)) == region_id


def test_unknown_name_suggests_the_closest(actor_names: NameIndex[Actor]) -> None:
    error = resolve_error(actor_names, "Nikol Pashinyn")
    assert error.message == "unknown actor 'Nikol Pashinyn'"
    assert error.hint == "did you mean 'Nikol Pashinyan'?"


def test_unknown_name_with_nothing_close(region_names: NameIndex[Region]) -> None:
    error = resolve_error(region_names, "Qqqqqq")
    assert error.hint == "add it to regions.yml first, or use a name listed there"


def test_actors_only_against_actors(actor_names: NameIndex[Actor],
                                    region_names: NameIndex[Region]) -> None:
    error = resolve_error(actor_names, "Armenia", region_names)
    assert error.message == "unknown actor 'Armenia'"
    assert error.hint == "'Armenia' is a region in regions.yml, not an actor"
    error = resolve_error(region_names, "pashinyan", actor_names)
    assert error.message == "unknown region 'pashinyan'"
    assert error.hint == "'pashinyan' is an actor in actors.yml, not a region"
    # The same name without the other registry: still unknown, still refused.
    assert resolve_error(region_names, "Moscow").message == "unknown region 'Moscow'"


def test_a_shared_alias_is_ambiguous() -> None:
    origin = Origin("actors.yml", 1)
    actors = {
        "ilham-aliyev": Actor("ilham-aliyev", "Ilham Aliyev", "person", origin,
                              aliases=("Aliyev",)),
        "mehriban-aliyeva": Actor("mehriban-aliyeva", "Mehriban Aliyeva", "person", origin,
                                  aliases=(nfd("ALIYEV"),)),
    }
    error = resolve_error(NameIndex.build("actor", actors), "aliyev")
    assert error.message == ("actor 'aliyev' is ambiguous: it names 'Ilham Aliyev' "
                             "(ilham-aliyev) or 'Mehriban Aliyeva' (mehriban-aliyeva)")
    assert error.hint == "write the id of the one you mean"


def test_an_entry_repeating_its_own_name_is_not_ambiguous() -> None:
    actor = Actor("csto", "CSTO", "organization", Origin("a", 1), aliases=("csto", "Csto"))
    assert NameIndex.build("actor", {"csto": actor}).resolve(Named("CSTO", 1)) == "csto"


# --- reading and checking registries -------------------------------------------------------

def rows(text: str, fields: tuple[Any, ...] = REGION_FIELDS
         ) -> tuple[list[tuple[dict[str, Any], Origin]], list[tuple[int | None, str]]]:
    found, problems = read_registry("regions.yml", load(text), fields)
    return found, [(p.line, p.message) for p in problems]


def regions(text: str) -> tuple[dict[str, Region], list[tuple[int | None, str]]]:
    found, problems = rows(text)
    assert problems == []
    built, more = build_regions(found)
    return built, [(p.line, p.message) for p in more]


def test_registry_must_be_a_list_of_mappings() -> None:
    assert rows("europe: {name: Europe}")[1] == [
        (1, "the registry must be a YAML list of entries")]
    found, problems = rows("- id: europe\n  name: Europe\n  kind: world-region\n- europe\n")
    assert [values["id"] for values, _ in found] == ["europe"]
    assert problems == [(4, "each entry must be a mapping of keys")]


def test_every_bad_entry_is_reported() -> None:
    found, problems = rows("- id: a\n  kind: country\n- id: B\n  name: B\n  kind: country\n"
                           "- id: c\n  name: C\n  kind: city\n")
    # Each is reported; an entry with a good id stays (without its bad field), so names
    # still resolve to it: one bad field is one error (issue 23).
    assert [values["id"] for values, _ in found] == ["a", "c"]
    assert [line for line, _ in problems] == [1, 3, 8]


def test_duplicate_ids() -> None:
    _, problems = regions("- id: a\n  name: A\n  kind: country\n- id: a\n  name: B\n"
                          "  kind: country\n")
    assert problems == [(4, "duplicate id 'a'")]


def test_unknown_parent_with_suggestion() -> None:
    built, problems = regions("- id: europe\n  name: Europe\n  kind: world-region\n"
                              "- id: armenia\n  name: Armenia\n  kind: country\n"
                              "  parent: eurpe\n")
    assert problems == [(7, "region 'armenia' has unknown parent 'eurpe'")]
    assert set(built) == {"europe", "armenia"}


def test_parent_and_country_take_a_name_or_alias_as_well_as_an_id() -> None:
    built, problems = regions("- id: europe\n  name: Europe\n  kind: world-region\n"
                              "  aliases: [Европа]\n"
                              "- id: armenia\n  name: Armenia\n  kind: country\n  parent: Европа\n"
                              "- id: syunik\n  name: Syunik\n  kind: territory\n"
                              "  parent: ARMENIA\n")
    assert problems == []
    assert (built["armenia"].parent, built["syunik"].parent) == ("europe", "armenia")
    found, _ = read_registry("actors.yml", load(
        "- id: x\n  name: X\n  kind: person\n  country: Syunik\n"), ACTOR_FIELDS)
    actors, checked = build_actors(found, built)
    assert checked == [] and actors["x"].country == "syunik"


def test_a_suggestion_is_always_accepted_as_written() -> None:
    """Where two regions share a name, the suggestion is an id, never the ambiguous name."""
    found, _ = rows("- id: ge\n  name: Georgia\n  kind: country\n"
                    "- id: georgia-us\n  name: Georgia\n  kind: territory\n"
                    "- id: armenia\n  name: Armenia\n  kind: country\n"
                    "- id: tbilisi\n  name: Tbilisi\n  kind: locality\n  parent: Georgai\n"
                    "- id: goris\n  name: Goris\n  kind: locality\n  parent: Armenai\n")
    _, problems = build_regions(found)
    assert [(p.line, p.hint) for p in problems] == [
        (13, "did you mean 'ge' or 'georgia-us'?"), (17, "did you mean 'Armenia'?")]  # not 'Goris'


def test_cycles_are_reported_once_each() -> None:
    text = "".join(f"- id: {i}\n  name: {i.upper()}\n  kind: subregion\n  parent: {p}\n"
                   for i, p in (("a", "b"), ("b", "c"), ("c", "a"), ("d", "d"), ("e", "a")))
    built, problems = regions(text)
    assert problems == [(1, "regions form a cycle: a -> b -> c -> a"),
                        (13, "regions form a cycle: d -> d")]
    assert len(region_chain("e", built)) <= len(built) + 1  # bounded even on a cycle


def test_region_chain_nearest_first(loaded: Loaded) -> None:
    chain = [r.id for r in region_chain("lachin-corridor", loaded.archive.regions)]
    assert chain == ["lachin-corridor", "nagorno-karabakh", "azerbaijan", "caucasus", "europe"]


def test_unknown_country_and_unreadable_regions() -> None:
    found, problems = read_registry("actors.yml", load(
        "- id: x\n  name: X\n  kind: person\n  country: armnia\n"
        "- id: y\n  name: Y\n  kind: person\n  country: wakanda\n"), ACTOR_FIELDS)
    assert problems == []
    armenia = Region("armenia", "Armenia", "country", Origin("regions.yml", 1))
    _, checked = build_actors(found, {"armenia": armenia})
    assert [(p.line, p.message, p.hint) for p in checked] == [
        (4, "actor 'x' has unknown country 'armnia'", "did you mean 'Armenia'?"),
        (8, "actor 'y' has unknown country 'wakanda'",
         "write the id, name or alias of a region in regions.yml, or add 'wakanda' there")]
    actors, unchecked = build_actors(found, None)
    assert unchecked == [] and set(actors) == {"x", "y"}


def test_description_problem_points_at_its_key(tmp_path: Path) -> None:
    found, _ = read_registry("actors.yml", load(
        "- id: x\n  name: X\n  kind: person\n  description: |\n    Fine.\n\n"
        "    [bad](javascript:alert(1))\n"), ACTOR_FIELDS)
    _, problems = build_actors(found, {})
    assert [(p.line, p.message) for p in problems] == [
        (4, "in 'description', its line 3: link with a 'javascript:' address is not allowed")]


def test_fixture_registries_are_whole(loaded: Loaded) -> None:
    archive = loaded.archive
    assert len(archive.actors) == 8 and len(archive.regions) == 9
    pashinyan = archive.actors["nikol-pashinyan"]
    assert (pashinyan.country, pashinyan.wikidata) == ("armenia", "Q7035512")
    assert "<em>Civil Contract</em>" in pashinyan.description_html
    assert archive.regions["armenia"].iso == "AM"
    assert archive.regions["europe"].parent is None


# --- one bad field is one error (issue 23) --------------------------------------------------

NEW_COUNTRY = """\
- id: moldova
  name: Moldova
  kind: country
  iso: md
- id: transnistria
  name: Transnistria
  kind: territory
  parent: Moldova
  aliases: [Pridnestrovie]
"""


def test_one_bad_field_is_one_error_and_the_entry_still_resolves(tmp_path: Path) -> None:
    """As the new editor met it: `iso: md` (lower case) on a new region gave six errors, five
    of them wrong advice ("unknown country 'moldova' (did you mean 'Moscow'?)"). Now: one
    error on the iso line; the region resolves by id, name and alias everywhere."""
    from conftest import FIXTURE

    from generator.content.loading import load_archive

    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    regions = (FIXTURE / "regions.yml").read_text("utf-8") + NEW_COUNTRY
    (content / "regions.yml").write_text(regions, "utf-8")
    (content / "actors.yml").write_text((FIXTURE / "actors.yml").read_text("utf-8") + (
        "- id: vadim-krasnoselsky\n  name: Vadim Krasnoselsky\n  kind: person\n"
        "  country: moldova\n  role: leader\n  wikidata: q1\n"), "utf-8")
    (content / "briefings" / "2023-05-14-talks.md").write_text(
        "---\ntitle: Talks\ndate: 2023-05-14\nregion: [Moldova, Pridnestrovie]\n"
        "actors: [Vadim Krasnoselsky]\nsource:\n  name: R\n  url: https://x.org/a\n---\n"
        "The leaders met.\n", "utf-8")
    loaded = load_archive(content)
    errors = [p for p in loaded.problems if p.is_error]
    iso_line = regions.splitlines().index("  iso: md") + 1
    actors_line = len((FIXTURE / "actors.yml").read_text("utf-8").splitlines()) + 6
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in errors] == [
        ("actors.yml", actors_line), ("regions.yml", iso_line)], [
        p.format_text() for p in errors]
    assert "'iso'" in errors[1].message and "'wikidata'" in errors[0].message


def _archive_with(tmp_path: Path, regions: str, briefing_fields: str) -> list[str]:
    """The error lines `check` prints for one briefing, with extra regions in the registry."""
    from conftest import FIXTURE

    from generator.content.loading import load_archive

    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "regions.yml").write_text((FIXTURE / "regions.yml").read_text("utf-8")
                                         + regions, "utf-8")
    (content / "actors.yml").write_text((FIXTURE / "actors.yml").read_text("utf-8"), "utf-8")
    (content / "briefings" / "2023-05-14-talks.md").write_text(
        f"---\ntitle: Talks\ndate: 2023-05-14\n{briefing_fields}\nsource:\n  name: R\n"
        "  url: https://x.org/a\n---\nThe leaders met.\n", "utf-8")
    return [p.format_text() for p in load_archive(content).problems if p.is_error]


CITIES = """\
- id: moscow
  name: Moscow
  kind: locality
  aliases: [Moskva]
- id: chisinau
  name: Chișinău
  kind: locality
"""


def test_suggestions_only_where_close_else_add_it_to_the_registry(tmp_path: Path) -> None:
    errors = _archive_with(tmp_path, CITIES, "region: [Moldova, Armenya]\nactors: [Pashinyan]")
    assert any("unknown region 'Moldova' (add it to regions.yml first" in e for e in errors)
    assert not any("Moscow" in e for e in errors), errors
    assert any("unknown region 'Armenya' (did you mean 'Armenia'?)" in e for e in errors)


def test_a_look_alike_suggestion_names_the_differing_character(tmp_path: Path) -> None:
    """'Chişinău' (s with cedilla) against 'Chișinău' (s with comma below): "did you mean"
    alone shows the same word twice."""
    errors = _archive_with(tmp_path, CITIES, "region: Chi\u015fin\u0103u\nactors: [Pashinyan]")
    assert len(errors) == 1, errors
    assert "did you mean 'Chi\u0219in\u0103u'? (it looks the same: yours has '\u015f' " \
        "(U+015F, latin small letter s with cedilla) where it has '\u0219' (U+0219, latin " \
        "small letter s with comma below))" in errors[0]


def test_two_names_in_one_text_are_one_error_with_the_list_to_write(tmp_path: Path) -> None:
    """`region: A, B` suggested A and silently dropped B."""
    errors = _archive_with(tmp_path, "", "region: Armenia, Azerbaijan\nactors: Pashinyan")
    assert [e.split("content/", 1)[-1] for e in errors] == [
        "briefings/2023-05-14-talks.md:4: error: 'Armenia, Azerbaijan' names 2 regions in one "
        "text (write them as a list: [Armenia, Azerbaijan])"], errors
