"""Briefings in several languages: ``lang``, ``translation_of`` and registry ``names``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.loading import Loaded, load_archive

WriteArchive = Callable[..., Path]

REGIONS = """\
- id: armenia
  name: Armenia
  kind: country
  names: {ru: Армения, ar: أرمينيا}
"""
ACTORS = """\
- id: nikol-pashinyan
  name: Nikol Pashinyan
  kind: person
  names: {ru: Никол Пашинян, ar: نيكول باشينيان}
"""


def briefing(*, lang: str | None = None, of: str | None = None, slug: str | None = None,
             region: str = "Armenia", actor: str = "Nikol Pashinyan") -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in
                    (("lang", lang), ("translation_of", of), ("slug", slug)) if value)
    return (f"---\ntitle: Talks\ndate: 2023-05-14\nregion: {region}\nactors: [{actor}]\n"
            "source: {name: Reuters, url: 'https://www.reuters.com/x'}\n"
            f"{extra}---\nThe leaders met.\n")


def load(write_archive: WriteArchive, files: dict[str, str], language: str = "en"
         ) -> Loaded:
    return load_archive(write_archive(files, actors=ACTORS, regions=REGIONS),
                        language=language)


def errors(loaded: Loaded) -> list[tuple[str, int | None, str, str | None]]:
    return [(p.path.rsplit("/", 1)[-1], p.line, p.message, p.hint) for p in loaded.problems]


def test_lang_defaults_to_the_sites_and_is_written_canonically(write_archive: WriteArchive
                                                               ) -> None:
    loaded = load(write_archive, {"a.md": briefing(), "b.md": briefing(lang="zh-hant-tw"),
                                  "c.md": briefing(lang="AR")}, language="hy")
    assert loaded.ok, loaded.problems
    assert {b.slug: b.lang for b in loaded.archive.briefings} == {
        "a": "hy", "b": "zh-Hant-TW", "c": "ar"}
    assert loaded.archive.language == "hy"


@pytest.mark.parametrize(("written", "hint"), [
    ("xx", "a BCP 47 language tag"), ("english", "a BCP 47 language tag"),
    ("en_US", "write 'en-US' with '-'"), ("[ar]", "a BCP 47 language tag")])
def test_an_unknown_language_tag_is_an_error_on_its_line(write_archive: WriteArchive,
                                                         written: str, hint: str) -> None:
    (problem,) = errors(load(write_archive, {"a.md": briefing(lang=written)}))
    assert problem[:2] == ("a.md", 7)
    assert "'lang' is not a known language tag" in problem[2]
    assert problem[3] and problem[3].startswith(hint)


def test_names_in_other_languages_resolve_and_show(write_archive: WriteArchive) -> None:
    loaded = load(write_archive, {
        "a.md": briefing(lang="ar", region="أرمينيا", actor="نيكول باشينيان"),
        "b.md": briefing(lang="ru", region="армения", actor="Никол Пашинян")})
    assert loaded.ok, loaded.problems
    assert {(b.regions, b.actors) for b in loaded.archive.briefings} == {
        (("armenia",), ("nikol-pashinyan",))}
    armenia = loaded.archive.regions["armenia"]
    assert (armenia.name_in("ar"), armenia.name_in("ar-EG"), armenia.name_in("fr"),
            armenia.name_in("en")) == ("أرمينيا", "أرمينيا", "Armenia", "Armenia")
    assert "Никол Пашинян" in loaded.archive.names(loaded.archive.briefing("a"))


def test_bad_registry_names_are_errors_with_lines(write_archive: WriteArchive) -> None:
    regions = REGIONS.replace("names: {ru: Армения, ar: أرمينيا}",
                              "names: {xx: Armenia, ru: '', AR: a, ar: b}")
    loaded = load_archive(write_archive({}, actors=ACTORS, regions=regions))
    assert [(p.path.rsplit("/", 1)[-1], p.line, p.message) for p in loaded.problems] == [
        ("regions.yml", 4, "'names.xx' is not a known language tag: 'xx'"),
        ("regions.yml", 4, "'names.ru' is empty"),
        ("regions.yml", 4, "'names' gives two names in 'ar'")]


def test_a_translation_set(write_archive: WriteArchive) -> None:
    loaded = load(write_archive, {"2023-05-14-talks.md": briefing(),
                                  "talks-ar.md": briefing(lang="ar", of="talks"),
                                  "talks-ru.md": briefing(lang="ru", of="talks"),
                                  "other.md": briefing()})
    assert loaded.ok, loaded.problems
    archive = loaded.archive
    members = [b.slug for b in archive.translations(archive.briefing("talks-ru"))]
    assert members == ["talks", "talks-ar", "talks-ru"]  # the original first
    assert archive.translations(archive.briefing("talks")) == \
        archive.translations(archive.briefing("talks-ar"))
    assert [b.slug for b in archive.translations(archive.briefing("other"))] == ["other"]


@pytest.mark.parametrize(("files", "expected"), [
    ({"a.md": briefing(lang="ar", of="missing")},
     [("a.md", 8, "'translation_of' names 'missing', which no briefing has as its slug")]),
    ({"a.md": briefing(lang="ar", of="a")},
     [("a.md", 8, "'translation_of' names the briefing itself")]),
    ({"a.md": briefing(), "b.md": briefing(lang="ar", of="a"),
      "c.md": briefing(lang="ar", of="a")},
     [("c.md", 8, "'a' already has a version in 'ar': "
                  "{content}/briefings/b.md")]),
    ({"a.md": briefing(), "b.md": briefing(of="a")},  # English, as the original
     [("b.md", 7, "'a' already has a version in 'en': {content}/briefings/a.md")]),
    ({"a.md": briefing(), "b.md": briefing(lang="ar", of="a"),
      "c.md": briefing(lang="ru", of="b")},
     [("c.md", 8, "'b' is itself a translation (of 'a')")]),
    ({"a.md": briefing(lang="ru", of="b"), "b.md": briefing(lang="ar", of="a")},
     [("a.md", 8, "translations form a cycle: a -> b -> a"),
      ("b.md", 8, "translations form a cycle: b -> a -> b")]),
])
def test_translation_mistakes_are_errors_with_file_line_and_hint(
        write_archive: WriteArchive, files: dict[str, str],
        expected: list[tuple[str, int, str]]) -> None:
    content = write_archive(files, actors=ACTORS, regions=REGIONS)
    found = errors(load_archive(content))
    shown = str(content).replace(str(Path.cwd()) + "/", "")
    assert [(f, line, message.replace(shown, "{content}"))
            for f, line, message, _hint in found] == expected
    assert all(hint for *_rest, hint in found)
