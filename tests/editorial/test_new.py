"""`briefings new`: a correctly named, valid briefing file, or clear errors and no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.frontmatter import split
from generator.content.loading import load_archive
from generator.content.syntax.yamlstrict import load, plain
from generator.editorial.newbriefing import slugify, yaml_text

BLINKEN = ["--title", "Blinken urges talks as Lachin blockade deepens", "--date", "2023-01-20",
           "--region", "Lachin corridor", "--actor", "Blinken", "--actor", "Pashinian",
           "--actor", "the Kremlin", "--source-name", "RFE/RL",
           "--source-url", "https://www.rferl.org/a/blinken-pashinian/32229981.html"]


def new(content: Path, *options: str) -> int:
    return main(["new", "--content", str(content), *options])


def test_new_writes_a_named_file_that_checks_clean(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(content_dir, *BLINKEN, "--tag", "diplomacy", "--source-via", "Oilprice.com",
               "--source-published", "2023-01-19") == 0
    path = Path(capsys.readouterr().out.strip())
    assert path == content_dir / "briefings" / "2023" / (
        "2023-01-20-blinken-urges-talks-as-lachin-blockade-deepens.md")
    meta = plain(split(path.read_text(encoding="utf-8")).meta)
    assert meta == {
        "title": "Blinken urges talks as Lachin blockade deepens", "date": "2023-01-20",
        "region": ["Lachin corridor"], "actors": ["Antony Blinken", "Nikol Pashinyan", "Russia"],
        "source": {"name": "RFE/RL", "url": BLINKEN[-1], "published": "2023-01-19",
                   "via": "Oilprice.com"},
        "tags": ["diplomacy"], "draft": True}
    assert main(["check", "--content", str(content_dir)]) == 0


def test_the_new_briefing_is_a_draft_until_the_summary_is_written(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(content_dir, *BLINKEN) == 0
    path = Path(capsys.readouterr().out.strip())
    published = load_archive(content_dir).archive.briefings
    assert all(b.slug != "blinken-urges-talks-as-lachin-blockade-deepens" for b in published)
    undrafted = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True)
                        if not line.startswith("draft:"))
    path.write_text(undrafted, encoding="utf-8")
    assert main(["check", "--content", str(content_dir)]) == 1
    assert "the summary is still the placeholder written by `briefings new`" in (
        capsys.readouterr().out)


def test_unknown_names_are_refused_with_suggestions_and_nothing_is_written(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = [*BLINKEN[:4], "--region", "Karabah", "--actor", "Pashinyn", "--actor", "CSTO",
               "--actor", "Azerbaijan", *BLINKEN[12:]]
    assert new(content_dir, *options) == 1
    err = capsys.readouterr().err
    assert "--actor: error: unknown actor 'Pashinyn' (did you mean 'Nikol Pashinyan'?)" in err
    assert "--region: error: unknown region 'Karabah'" in err
    assert "did you mean 'Nagorno-Karabakh'?" in err
    assert "--actor: error: unknown actor 'Azerbaijan'" in err  # a region, not an actor here
    assert not (content_dir / "briefings" / "2023" / (
        "2023-01-20-blinken-urges-talks-as-lachin-blockade-deepens.md")).exists()


def test_every_bad_option_is_reported_at_once(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--title", "x" * 201, "--date", "2099-01-01", "--region", "Armenia",
               "--actor", "CSTO", "--source-name", "RFE/RL", "--source-url", "javascript:alert(1)",
               "--slug", "Not A Slug"]
    assert new(content_dir, *options) == 1
    err = capsys.readouterr().err
    for expected in ("--title: error: '--title' is 201 characters long",
                     "--date: error: the date 2099-01-01 lies in the future",
                     "--source-url: error: '--source-url' must be an http or https URL",
                     "--slug: error: 'Not A Slug' may use only a-z, 0-9 and '-'"):
        assert expected in err
    assert "4 errors" in err


@pytest.mark.parametrize(("slug", "expected"), [
    ("con", "--slug: error: 'con' may not be 'con': Windows cannot create"),
    ("index", "--slug: error: 'index' may not be 'index': the name is reserved"),
    ("a" * 300, "--slug: error: '" + "a" * 100 + "' is longer than 100 characters"),
])
def test_new_refuses_a_slug_that_check_would_refuse(
        content_dir: Path, capsys: pytest.CaptureFixture[str], slug: str, expected: str) -> None:
    """``new --slug`` and ``check`` share one slug rule: no file is written that check refuses."""
    before = sorted(content_dir.rglob("*.md"))
    assert new(content_dir, *BLINKEN, "--slug", slug) == 1
    assert expected in capsys.readouterr().err
    assert sorted(content_dir.rglob("*.md")) == before


def test_a_malformed_date_is_a_usage_error(content_dir: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        new(content_dir, *BLINKEN[:2], "--date", "20 January 2023", *BLINKEN[4:])
    assert usage.value.code == 2
    assert "must be a date written YYYY-MM-DD" in capsys.readouterr().err


def test_an_existing_file_or_slug_is_never_overwritten(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(content_dir, *BLINKEN) == 0
    path = Path(capsys.readouterr().out.strip())
    path.write_text(path.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert new(content_dir, *BLINKEN) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").endswith("edited\n")
    assert new(content_dir, *BLINKEN[:2], "--date", "2023-02-01", *BLINKEN[4:]) == 1
    assert "the slug 'blinken-urges-talks-as-lachin-blockade-deepens' is already used" in (
        capsys.readouterr().err)
    # The fixture's own briefing 2023-01-18-blinken-pashinyan-call.md keeps its slug too.
    assert new(content_dir, *BLINKEN, "--slug", "blinken-pashinyan-call") == 1


@pytest.mark.parametrize("title", ["Blinken: 'talks' #1, [urgent] & more", "- starts with a dash",
                                   "true", "2023", "null", "Quote \" and back\\slash",
                                   "Ends with colon:", "Yerevan — Baku: “peace” ¿now?"])
def test_titles_round_trip_exactly_through_yaml(title: str, content_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert plain(load(f"title: {yaml_text(title)}")) == {"title": title}
    assert new(content_dir, "--title", title, *BLINKEN[2:], "--slug", "round-trip") == 0
    meta = plain(split(Path(capsys.readouterr().out.strip()).read_text("utf-8")).meta)
    assert isinstance(meta, dict) and meta["title"] == title


def test_slugs_are_ascii_and_do_not_end_in_small_words() -> None:
    assert slugify("Pashinyan and Əliyev meet in Brussels") == (
        "pashinyan-and-eliyev-meet-in-brussels")
    assert slugify("Armenia's PM: the talks of") == "armenias-pm-the-talks"
    assert slugify("Никол Пашинян") == "briefing"
    assert len(slugify("word " * 40)) <= 60


# --- edges: slugs `check` would refuse, links among the folders, special files ----------

@pytest.mark.parametrize(("options", "message"), [
    (["--slug", "x" * 300], "is longer than 100 characters"),
    (["--title", "Con"], "the title gives the slug 'con', which may not be 'con'"),
    (["--title", "Index"], "the title gives the slug 'index', which may not be 'index'"),
])
def test_a_slug_check_would_refuse_is_refused_and_nothing_is_written(
        content_dir: Path, options: list[str], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 8: `new --slug <300 characters>` was a traceback; a slug or title that
    becomes `con` or `index` wrote a file that `check` refuses."""
    before = sorted(content_dir.rglob("*"))
    assert new(content_dir, *BLINKEN, *options) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert sorted(content_dir.rglob("*")) == before


def test_new_never_writes_through_a_linked_year_folder(
        content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile case 11: a committed `briefings/2023 -> ../../elsewhere` must not decide where
    the editor's file goes; `new` refuses, as `check` refuses the link."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    year = content_dir / "briefings" / "2023"
    if year.exists():
        for path in year.iterdir():
            path.rename(content_dir / "briefings" / path.name)
        year.rmdir()
    year.symlink_to(elsewhere)
    assert new(content_dir, *BLINKEN) == 1
    err = capsys.readouterr().err
    assert "briefings/2023: error: is a symbolic link; nothing was written through it" in err
    assert list(elsewhere.iterdir()) == []


def test_new_does_not_hang_or_read_for_ever_on_special_files(
        content_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Hostile case 2: the slugs in use are read through the safe reader: a FIFO and a link
    to /dev/zero among the briefings are skipped (check reports them), never read."""
    import os

    from hostile_catalogue import hang_guard
    os.mkfifo(content_dir / "briefings" / "pipe.md")
    (content_dir / "briefings" / "zero.md").symlink_to("/dev/zero")
    with hang_guard():
        assert new(content_dir, *BLINKEN) == 0
    assert Path(capfd.readouterr().out.strip()).is_file()
