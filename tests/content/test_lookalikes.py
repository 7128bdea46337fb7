"""Registry names that mislead, and suggestions that stay fast however many names are unknown."""

from __future__ import annotations

from generator.content.lookalikes import skeleton
from generator.content.model import Actor, Origin
from generator.content.registries import NameIndex, build_actors
from generator.content.syntax import suggest
from generator.content.syntax.fields import FieldError, Named


def actor(actor_id: str, name: str, *aliases: str, line: int = 1) -> tuple[dict[str, object],
                                                                            Origin]:
    return ({"id": actor_id, "name": name, "kind": "person", "aliases": aliases},
            Origin("actors.yml", line))


def messages(*rows: tuple[dict[str, object], Origin]) -> list[str]:
    return [p.message for p in build_actors(rows, None)[1]]


def test_skeletons_match_what_looks_the_same() -> None:
    assert skeleton("Аrmenia") == skeleton("Armenia")  # Cyrillic А
    assert skeleton("Ilham") == skeleton("lIham") == skeleton("1lham")
    assert skeleton("G2O") == skeleton("G20")
    assert skeleton("Pashinyan") != skeleton("Pashinian")
    assert skeleton("Hamas") != skeleton("Hamaz")


def test_a_look_alike_name_of_another_entry_is_a_registry_error() -> None:
    found = messages(actor("nikol-pashinyan", "Nikol Pashinyan"),
                     actor("impostor", "Nik\u043el Pashinyan", line=5))
    assert found == ["the name 'Nikоl Pashinyan' of actor 'impostor' looks the same as 'Nikol "
                     "Pashinyan' of actor 'nikol-pashinyan' (line 1) but is spelled with other "
                     "characters: U+043E CYRILLIC SMALL LETTER O where the other has U+006F "
                     "LATIN SMALL LETTER O"]


def test_an_alias_may_look_like_its_own_name_and_names_may_repeat() -> None:
    assert messages(actor("a", "Aliyev", "Аliyev")) == []  # its own: no one is misled
    # The same name in two entries is no look-alike: the briefing that uses it is told
    # the name is ambiguous.
    assert messages(actor("a", "Nikol A", "Nikol"), actor("b", "Nikol B", "Nikol")) == []


def test_an_id_given_as_another_entrys_alias_is_a_registry_error() -> None:
    found = messages(actor("csto", "CSTO"), actor("russia", "Russia", "CSTO"))
    assert found == ["the alias 'CSTO' of actor 'russia' is the id of another actor (line 1)"]


def test_an_id_always_resolves_to_its_own_entry() -> None:
    actors = {"csto": Actor("csto", "CSTO", "organization", Origin("a", 1)),
              "russia": Actor("russia", "Russia", "state", Origin("a", 5), aliases=("CSTO",))}
    index = NameIndex.build("actor", actors)
    assert index.resolve(Named("csto", 3)) == "csto"
    assert index.resolve(Named("CSTO", 3)) == "csto"


def test_suggestions_are_those_difflib_would_make() -> None:
    names = ["nikol pashinyan", "ilham aliyev", "sergei lavrov", "csto"]
    assert suggest.closest("nikol pashinian", names) == ["nikol pashinyan"]
    assert suggest.closest("lavrov sergei", names) == []
    assert suggest.closest("x" * 10_000, names) == []


def test_suggestions_stop_after_their_share_of_a_run() -> None:
    actors = {f"a{i}": Actor(f"a{i}", f"Actor {i}", "person", Origin("a", i))
              for i in range(2000)}
    index = NameIndex.build("actor", actors)
    hints = []
    for i in range(suggest.MAX_PER_RUN + 50):
        try:
            index.resolve(Named(f"Actr {i}", 1))
        except FieldError as error:
            hints.append(error.hint or "")
    assert hints[0].startswith("did you mean 'Actor 0'")
    assert hints[-1].startswith("add it to actors.yml first")
