"""`briefings ingest` on hostile and unusual pages, run as an editor runs it (the command).

Page values that `briefings new` would refuse (an address with user info or a backslash, a
2,000-character address, ';' in a site name, an invisible title, control characters)
become FILL IN lines that say why, never a traceback; a page in UTF-16 or in the charset
it declares reads as its text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.frontmatter import split
from generator.content.syntax.yamlstrict import plain

ARTICLE = ("<p>Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev "
           "in Brussels on Monday for talks on the peace treaty.</p><p>The two leaders agreed "
           "to continue the work of the border commissions, the European Union said.</p>")
TITLE = "Pashinyan and Aliyev meet in Brussels for peace talks"


def page(title: str = TITLE, site: str = "Euronews",
         url: str = "https://www.euronews.com/2024/01/08/talks", charset: str = "utf-8",
         h1: str | None = None) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="og:site_name" content="{site}"><link rel="canonical" '
            f'href="{url}"></head><body><h1>{title if h1 is None else h1}</h1>{ARTICLE}'
            "</body></html>")


def ingest(content: Path, name: str, data: bytes,
           capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, object], str]:
    saved = content.parent / name
    saved.write_bytes(data)
    assert main(["ingest", str(saved), "--content", str(content)]) == 0
    path = Path(capsys.readouterr().out.strip().splitlines()[0])
    text = path.read_text(encoding="utf-8")
    meta = plain(split(text).meta)
    assert isinstance(meta, dict)
    return meta, text


@pytest.mark.parametrize(("case", "kwargs", "key", "reason"), [
    ("user info", {"url": "https://user:secret@www.euronews.com/2024/talks"}, "url",
     "user info"),
    ("backslash", {"url": "https://www.euronews.com\\2024\\talks"}, "url", "backslash"),
    ("2,000 characters", {"url": "https://www.euronews.com/" + "a" * 2000}, "url",
     "characters long"),
    # an unknown site name counts where the host agrees with it (sitename.decide)
    ("semicolon", {"site": "Euro; news", "url": "https://www.euro-news.example/2024/01/08/talks"},
     "name", "';'"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_value_new_would_refuse_becomes_a_fill_in_with_the_reason(
        content: Path, capsys: pytest.CaptureFixture[str], case: str,
        kwargs: dict[str, str], key: str, reason: str) -> None:
    meta, text = ingest(content, "page.html", page(**kwargs).encode(), capsys)
    source = meta["source"]
    assert isinstance(source, dict) and source.get(key) is None
    fill_in = next(line for line in text.splitlines() if f"# {key}:" in line)
    assert "the page's value was refused" in fill_in and reason in fill_in
    assert meta["title"] == TITLE


def test_an_invisible_title_is_left_to_fill_in_and_the_visible_headline_is_used(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta, _ = ingest(content, "page.html", page(title="\u200b\u200b", h1=TITLE).encode(),
                     capsys)
    assert meta["title"] == TITLE
    meta, text = ingest(content, "blank.html", page(title="\u200b\u200b", h1="\u200b").encode()
                        .replace(b"Pashinyan met", b"Pashinyan once met"), capsys)
    assert "title" not in meta and "# title:   <- FILL IN" in text


def test_control_characters_never_reach_the_draft(content: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    hostile = page(title="Pashinyan\x07 and Aliyev\x1b meet in Brussels\x0b for peace talks",
                   site="Euro\x00news")
    meta, text = ingest(content, "page.html", hostile.encode(), capsys)
    assert not any(ord(c) < 32 and c != "\n" for c in text)
    assert meta["title"] == "Pashinyan and Aliyev meet in Brussels for peace talks"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_a_page_in_utf_16_or_32_reads_as_its_text(content: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  encoding: str) -> None:
    meta, text = ingest(content, "page.html", page().encode(encoding), capsys)
    assert meta["title"] == TITLE
    assert "Ilham Aliyev" in str(meta["actors"]) and "border commissions" in text


@pytest.mark.parametrize(("declared", "codec"), [
    ('<meta charset="windows-1251">', "cp1251"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
    ('<meta charset="iso-8859-1">', "cp1252"),
])
def test_the_declared_charset_is_read(content: Path, capsys: pytest.CaptureFixture[str],
                                      declared: str, codec: str) -> None:
    title = "Ереван и Баку" if codec != "cp1252" else "Erevan et Bakou: café"
    html = page(title=title).replace('<meta charset="utf-8">', declared)
    meta, _ = ingest(content, "page.html", html.encode(codec), capsys)
    assert meta["title"] == title


def copied(header: list[str], dateline: str = "") -> bytes:
    body = ["Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in "
            "Brussels on Monday for talks on the peace treaty, officials said.",
            "The two leaders agreed to continue the work of the border commissions, the "
            "European Union said in a statement after the meeting."]
    return "\n".join(["World", TITLE, *header, dateline + body[0], body[1]]).encode()


def test_stamps_that_disagree_leave_the_date_to_fill_in_quoting_them(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta, text = ingest(content, "page.txt", copied(["By Reuters", "Published May 3, 2024",
                                                     "First published May 5, 2024"]), capsys)
    assert "date" not in meta
    assert "stamps disagree (2024-05-03, 2024-05-05)" in text


def test_an_update_or_correction_stamp_is_not_the_publication_date(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta, _ = ingest(content, "page.txt", copied(["By Reuters", "Updated May 6, 2024",
                                                  "May 3, 2024 9:41 PM UTC",
                                                  "Correction May 7, 2024"]), capsys)
    assert meta["date"] == "2024-05-03"


def test_credits_that_disagree_leave_the_outlet_to_fill_in_quoting_them(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta, text = ingest(content, "page.txt", copied(["By AFP", "May 3, 2024"],
                                                    "BRUSSELS (Reuters) - "), capsys)
    source = meta["source"]
    assert isinstance(source, dict) and "name" not in source
    assert "the page credits several (AFP; Reuters)" in text


def test_the_visible_headline_wins_over_a_shortened_markup_title_and_a_logo(
        content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = page(title="Pashinyan, Aliyev meet - World News", site="Caucasus Mirror Weekly",
                h1=TITLE).replace("<body>", "<body><h1>Caucasus Mirror Weekly</h1>")
    meta, _ = ingest(content, "page.html", html.encode(), capsys)
    assert meta["title"] == TITLE
