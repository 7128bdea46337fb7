"""Loading a whole content folder: the fixture archive, and every problem of a run."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from samples import GOOD_BRIEFING

from generator.content.files import display_path, name_problems
from generator.content.loading import BRIEFING_MAX_BYTES, Loaded, load_archive

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "archive"
WriteArchive = Callable[..., Path]

GOOD = GOOD_BRIEFING


def problems_of(loaded: Loaded) -> list[tuple[str, int | None, str]]:
    """(file name relative to the content folder's briefings/, line, message)."""
    return [(p.path.split("/briefings/")[-1], p.line, p.message) for p in loaded.problems]


# --- the fixture archive --------------------------------------------------------------------

def test_fixture_loads_clean_with_one_warning(loaded: Loaded) -> None:
    assert loaded.ok
    assert [(p.severity, p.path.rsplit("archive/", 1)[-1], p.message)
            for p in loaded.problems] == [
        ("warning", "briefings/notes.txt",
         "not a briefing (only files ending in '.md' are); ignored")]


def test_drafts_left_out_unless_asked(loaded: Loaded) -> None:
    slugs = [b.slug for b in loaded.archive.briefings]
    assert slugs == ["donbas-shelling", "armenia-freezes-csto", "ceasefire", "offensive",
                     "blinken-pashinyan-call"]  # newest first, from two sub-folders
    with_drafts = load_archive(FIXTURE, include_drafts=True).archive.briefings
    assert [b.slug for b in with_drafts if b.draft] == ["draft-note"]
    assert len(with_drafts) == 6


def test_briefings_are_resolved_and_complete(loaded: Loaded) -> None:
    call = loaded.archive.briefing("blinken-pashinyan-call")
    assert call.regions == ("lachin-corridor",)
    assert call.actors == ("antony-blinken", "nikol-pashinyan", "sergei-lavrov", "csto")
    assert call.date == date(2023, 1, 18)
    assert call.tags == ("diplomacy", "blockade")
    (source,) = call.sources
    assert (source.name, source.published, source.via) == ("RFE/RL", date(2023, 1, 18),
                                                         "Oilprice.com")
    assert call.summary.startswith("US Secretary of State Antony Blinken called")
    assert call.origin.path.endswith("2023/2023-01-18-blinken-pashinyan-call.md")
    offensive = loaded.archive.briefing("offensive")
    assert offensive.actors == ("ilham-aliyev", "nikol-pashinyan")
    assert offensive.summary == ("Azerbaijan starts what it calls anti-terrorist measures "
                                 "in the region.")
    assert [s.name for s in offensive.sources] == ["Reuters", "BBC News"]
    assert loaded.archive.briefing("armenia-freezes-csto").origin.path.endswith(
        "2024-02-01-armenia-freezes.md")  # the slug key wins over the file name


# --- every problem of a run ------------------------------------------------------------------

def test_one_bad_file_never_hides_the_next(write_archive: WriteArchive) -> None:
    content = write_archive({
        "2023/a-first.md": GOOD.replace("2023-05-14", "2023-02-30"),
        "2023/b-second.md": GOOD.replace("title: Talks resume in Brussels", "title: [x"),
        "2023/c-good.md": GOOD,
        "2024/deeper/d-third.md": GOOD.replace("Armenia", "Narnia").replace("Reuters\n",
                                                                            "R\n  x: 1\n"),
        "e-fourth.md": b"---\ntitle: \xff\n---\n",
        "f-fifth.md": "no front matter\n",
    })
    loaded = load_archive(content, include_drafts=True)
    assert problems_of(loaded) == [
        ("2023/a-first.md", 3, "'date' is not a real date: 2023-02-30"),
        ("2023/b-second.md", 2, "invalid YAML: did not find expected ',' or ']'"),  # where [ opened
        ("2024/deeper/d-third.md", 4, "unknown region 'Narnia'"),
        ("2024/deeper/d-third.md", 8, "unknown key 'source.x'"),
        ("e-fourth.md", 2, "the file is not UTF-8 text (byte 0xff)"),
        ("f-fifth.md", 1, "the file does not start with a front-matter line '---'"),
    ]
    assert [b.slug for b in loaded.archive.briefings] == ["c-good"]


def test_non_md_files_are_ignored_with_a_warning(write_archive: WriteArchive) -> None:
    content = write_archive({"2023-05-14-talks.md": GOOD, "README": "# x",
                             ".2023-05-14-talks.md.swp": b"\x00\x01", "sub/notes.txt": "x"})
    loaded = load_archive(content)
    assert loaded.ok
    assert [(p.severity, name) for p in loaded.problems
            for name in [p.path.split("/briefings/")[-1]]] == [
        ("warning", ".2023-05-14-talks.md.swp"), ("warning", "README"),
        ("warning", "sub/notes.txt")]
    assert [b.slug for b in loaded.archive.briefings] == ["talks"]
    assert loaded.files == 1


@pytest.mark.parametrize(("name", "text"), [
    ("2023-05-14-x.markdown", GOOD), ("2023-05-14-x.MD", GOOD), ("2023-05-14-x.md.txt", GOOD),
    ("2023-05-14-x.mdown", GOOD), ("2023-05-14-x.Md", "# x"), ("2023-05-14-x.mkd", GOOD),
    ("2023-05-14-x.txt", GOOD)])
def test_markdown_under_another_extension_is_an_error(write_archive: WriteArchive, name: str,
                                                      text: str) -> None:
    loaded = load_archive(write_archive({name: text}))
    assert [(p.severity, p.hint) for p in loaded.problems] == [
        ("error", "rename it to 2023-05-14-x.md")]


def test_file_names_are_checked_name_by_name_and_twins_named(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "content" / "briefings"
    files = [str(root / name) for name in (
        "2023/05/2023-05-14-talks.md", "2023/bad folder/ok.md", "2023/x.md",
        "2023/X.md", "2024/.hidden.md", "2024/a.b_c-d.md")]
    found = [(p.path, p.message.split(" (")[0]) for p in name_problems(root.parent, files)]
    assert found == [
        ("content/briefings/2023/bad folder/ok.md",
         "the name 'bad folder' may use only letters a-z and A-Z, digits, '.', '_' and '-'"),
        ("content/briefings/2023/X.md", "differs from content/briefings/2023/x.md only in "
                                        "letter case: on macOS and Windows the two are one file"),
        ("content/briefings/2024/.hidden.md",
         "the name '.hidden.md' may use only letters a-z and A-Z, digits, '.', '_' and '-'")]


def test_symbolic_links_are_refused_and_named_as_links(write_archive: WriteArchive,
                                                       tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "real.md").write_text(GOOD, encoding="utf-8")
    (outside / "folder" / "2023-05-15-other.md").write_text(GOOD, encoding="utf-8")
    content = write_archive({"2023-05-14-talks.md": GOOD})
    (content / "briefings" / "link.md").symlink_to(outside / "real.md")
    (content / "briefings" / "linked-folder").symlink_to(outside / "folder")
    loaded = load_archive(content)
    assert problems_of(loaded) == [
        ("link.md", None, "symbolic links are not allowed in content"),
        ("linked-folder", None, "symbolic links are not allowed in content"),
    ]
    assert [b.slug for b in loaded.archive.briefings] == ["talks"]


def test_symbolic_link_registry_is_refused(write_archive: WriteArchive, tmp_path: Path) -> None:
    content = write_archive({})
    (content / "actors.yml").unlink()
    (content / "actors.yml").symlink_to(FIXTURE / "actors.yml")
    loaded = load_archive(content)
    assert [p.message for p in loaded.problems] == ["symbolic links are not allowed in content"]
    assert loaded.problems[0].path.endswith("content/actors.yml")


def test_oversized_files_are_refused_unread(write_archive: WriteArchive) -> None:
    huge = GOOD + "word " * (BRIEFING_MAX_BYTES // 5)
    content = write_archive({"2023-05-14-huge.md": huge, "2023-05-14-talks.md": GOOD})
    (content / "regions.yml").write_text((FIXTURE / "regions.yml").read_text(encoding="utf-8")
                                         + "# " + "x" * 4 * 1024 * 1024 + "\n", encoding="utf-8")
    loaded = load_archive(content)
    found = {name.rsplit("/", 1)[-1]: (line, message) for name, line, message in
             problems_of(loaded)}
    assert set(found) == {"regions.yml", "2023-05-14-huge.md"}
    assert found["regions.yml"][1].startswith("the file is 4,1")
    assert found["regions.yml"][1].endswith("bytes; at most 4,194,304 are allowed")
    assert found["2023-05-14-huge.md"][1].endswith("bytes; at most 1,048,576 are allowed")


def test_missing_registries_and_folder(tmp_path: Path) -> None:
    loaded = load_archive(tmp_path)
    assert sorted(p.message for p in loaded.problems) == [
        "the actors registry is missing", "the briefings folder is missing",
        "the regions registry is missing"]


def test_unreadable_registry_does_not_bury_its_error(write_archive: WriteArchive) -> None:
    content = write_archive({f"2023-05-{day}-talks-{day}.md": GOOD for day in range(10, 20)},
                            regions="- id: [unclosed\n")
    loaded = load_archive(content)
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in loaded.problems] == [("regions.yml", 1)]
    assert not loaded.ok and loaded.archive.briefings == ()


def test_future_date_is_one_day_after_today(write_archive: WriteArchive) -> None:
    content = write_archive({"2023-05-14-tomorrow.md": GOOD,
                             "2023-05-15-later.md": GOOD.replace("2023-05-14", "2023-05-15")})
    loaded = load_archive(content, today=date(2023, 5, 13))
    assert problems_of(loaded) == [("2023-05-15-later.md", 3,
                                    "'date' 2023-05-15 lies in the future")]


def test_slugs_from_file_names_and_their_clashes(write_archive: WriteArchive, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    content = write_archive({
        "2023/2023-05-14-talks.md": GOOD,
        "2024/2024-01-01-talks.md": GOOD,
        "2024/2024-01-02-other.md": GOOD.replace("---\nThe", "slug: talks\n---\nThe"),
        "2024/2024-01-03-Bad_Name.md": GOOD,
        "2024/2024-01-04-Bad_Name-ok.md": GOOD.replace("---\nThe", "slug: fine\n---\nThe"),
    })
    monkeypatch.chdir(tmp_path)
    loaded = load_archive(content)
    first = "content/briefings/2023/2023-05-14-talks.md"
    errors = [p for p in problems_of(loaded) if "days from the date in the file name" not in p[2]]
    assert errors == [
        ("2024/2024-01-01-talks.md", 1, f"slug 'talks' is already used by {first}"),
        ("2024/2024-01-02-other.md", 1, f"slug 'talks' is already used by {first}"),
        ("2024/2024-01-03-Bad_Name.md", 1,
         "the file name gives the slug 'Bad_Name', which may use only a-z, 0-9 and '-'"),
    ]
    assert sorted(b.slug for b in loaded.archive.briefings) == ["fine", "talks", "talks", "talks"]


def test_hostile_yaml_is_refused_quickly(write_archive: WriteArchive) -> None:
    laughs = "---\n" + "\n".join(
        [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}" if i else "lol"] * 9) + "]"
         for i in range(12)]) + "\n---\nBody\n"
    content = write_archive({
        "laughs.md": laughs,
        "deep.md": "---\ntitle: " + "[" * 50_000 + "\n---\nBody\n",
        "tag.md": GOOD.replace("Talks resume in Brussels", "!!python/object/apply:os.system [id]"),
        "long-line.md": GOOD.replace("Talks resume in Brussels", "a" * 900_000),
    })
    found = problems_of(load_archive(content))
    assert [(name, line) for name, line, _ in found] == [
        ("deep.md", 2), ("laughs.md", 3), ("long-line.md", 2), ("tag.md", 2)]
    assert found[1][2] == "YAML aliases (*name) are not allowed"
    assert found[2][2] == "'title' is 900000 characters long; at most 200 are allowed"
    assert found[3][2] == "YAML tags are not allowed (found '!!python/object/apply:os.system')"


# --- how files are named in messages -----------------------------------------------------------

def test_paths_are_relative_to_the_working_folder(write_archive: WriteArchive, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    content = write_archive({"bad.md": "oops"})
    monkeypatch.chdir(tmp_path)
    assert problems_path(load_archive(Path("content"))) == "content/briefings/bad.md"
    assert problems_path(load_archive(content)) == "content/briefings/bad.md"  # absolute, under
    monkeypatch.chdir(content / "briefings")
    assert problems_path(load_archive(Path(".."))) == "bad.md"  # under the working folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert problems_path(load_archive(content)) == f"{content.as_posix()}/briefings/bad.md"


def problems_path(loaded: Loaded) -> str:
    (problem,) = loaded.problems
    return problem.path


def test_display_path_keeps_a_link_as_itself(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "target.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "target.md", tmp_path / "link.md")
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path, tmp_path / "link.md") == "link.md"


def test_pipes_and_folders_are_not_read(write_archive: WriteArchive) -> None:
    content = write_archive({"2023-05-14-talks.md": GOOD})
    os.mkfifo(content / "briefings" / "pipe.md")  # reading it would block forever
    (content / "actors.yml").unlink()
    (content / "actors.yml").mkdir()
    found = [(p.path.rsplit("/", 1)[-1], p.message) for p in load_archive(content).problems]
    assert found == [("actors.yml", "not a regular file"), ("pipe.md", "not a regular file")]
