"""A catalogue of hostile content folders, each with the outcome it must have.

Every case is a small archive: the fixture registries (unless the case replaces one) and
the files it names. Its outcome is one of: refused (an error naming the file, the line and
what is wrong), ignored (a warning naming the file), or accepted, in which case the site is
built and whatever the case smuggled in must show as text (see ``INERT_*``).
"""

from __future__ import annotations

import faulthandler
import os
import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "archive"
HANG_GUARD_SECONDS = 120  # far above any case (the slowest takes about a second)


@contextmanager
def hang_guard() -> Iterator[None]:
    """End the test run, printing every thread's traceback, if the block never returns.

    Not a timing assertion: a guard that turns a hang into a loud failure.
    """
    faulthandler.dump_traceback_later(HANG_GUARD_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()

# Lines of the front matter that fm() writes (the file's first line is '---').
TITLE, DATE, REGION, ACTORS, SOURCE, SOURCE_NAME, SOURCE_URL, EXTRA = 2, 3, 4, 5, 6, 7, 8, 9
BODY = 10  # first body line when no extra lines are given

_BASE = {
    "title": "Talks resume in Brussels",
    "date": "2023-05-14",
    "region": "Armenia",
    "actors": "[Nikol Pashinyan]",
    "source": "\n  name: Reuters\n  url: https://www.reuters.com/world/example",
}


def fm(body: str = "The leaders met for talks.", extra: str = "", **keys: str | None) -> str:
    """A briefing file: the base front matter with ``keys`` replaced (None drops one)."""
    fields = {**_BASE, **keys}
    lines = [f"{key}:{value if value.startswith(chr(10)) else ' ' + value}"
             for key, value in fields.items() if value is not None]
    if extra:
        lines.append(extra)
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@dataclass(frozen=True)
class Symlink:
    """A symbolic link to a file (created outside the content folder)."""

    directory: bool = False


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would block forever."""


FileContent = str | bytes | Symlink | Fifo


@dataclass(frozen=True)
class Refused:
    file: str  # relative to the content folder
    line: int | None
    text: str  # part of the message


@dataclass(frozen=True)
class Ignored:
    file: str
    text: str


@dataclass(frozen=True)
class Accepted:
    """Checks clean (warnings allowed); inert rendering is tested on the built site."""


@dataclass(frozen=True)
class Case:
    name: str
    files: Mapping[str, FileContent]
    expect: Refused | Ignored | Accepted
    # Replaces a fixture registry; None leaves it out.
    registries: Mapping[str, str | bytes | None] = field(default_factory=dict)


def write(case: Case, root: Path) -> Path:
    """Write the case's content folder under ``root``; returns the content folder."""
    content = root / "content"
    (content / "briefings").mkdir(parents=True)
    for name in ("actors.yml", "regions.yml"):
        target = content / name
        if name not in case.registries:
            target.write_bytes((FIXTURE / name).read_bytes())
        else:
            _write_registry(target, case.registries[name])
    for name, data in case.files.items():
        _place(content / name, data, root)
    return content


def _write_registry(target: Path, text: str | bytes | None) -> None:
    if isinstance(text, bytes):
        target.write_bytes(text)
    elif text is not None:
        target.write_text(textwrap.dedent(text), encoding="utf-8")


def _place(path: Path, data: FileContent, root: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, Symlink):
        if path.is_dir():  # the briefings folder itself
            path.rmdir()
        outside = root / "outside"
        outside.mkdir(exist_ok=True)
        target = outside / ("folder" if data.directory else "real.md")
        if data.directory:
            target.mkdir(exist_ok=True)
            (target / "inside.md").write_text(fm(), encoding="utf-8")
        else:
            target.write_text(fm(), encoding="utf-8")
        path.symlink_to(target)
    elif isinstance(data, Fifo):
        os.mkfifo(path)
    elif isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def _refused(name: str, text: str, line: int | None, content: FileContent,
             file: str = "briefings/a.md") -> Case:
    return Case(name, {file: content}, Refused(file, line, text))


def _registry(name: str, text: str, line: int | None, registry: str, yml: str | bytes
              ) -> Case:
    return Case(name, {"briefings/a.md": fm()}, Refused(registry, line, text), {registry: yml})


ALIAS_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)])

ENCODINGS = [
    _refused("latin-1 byte", "not UTF-8", BODY + 1, fm().encode() + b"caf\xe9\n"),
    _refused("utf-16 with BOM", "not UTF-8", 1, fm().encode("utf-16")),
    _refused("surrogate half (CESU-8)", "not UTF-8", BODY + 1, fm().encode() + b"\xed\xa0\x80\n"),
    _refused("overlong slash", "not UTF-8", BODY + 1, fm().encode() + b"\xc0\xaf\n"),
    _refused("truncated sequence at the end", "not UTF-8", BODY + 1, fm().encode() + b"\xe2\x82"),
    _refused("NUL in the body", "control character U+0000", BODY, fm("a\x00b")),
    _refused("bell in the body", "control character U+0007", BODY + 1, fm("ok\nding\x07")),
    _refused("noncharacter U+FFFF in the body", "U+FFFF", BODY, fm("a\uffffb")),
    _refused("control character in the title", "U+0008 (a control character)", TITLE,
             fm(title='"a\\u0008b"')),
    _refused("empty file", "empty", 1, b""),
    _refused("only a byte-order mark", "empty", 1, b"\xef\xbb\xbf"),
    _refused("zero-width space inside a name", "U+200B ZERO WIDTH SPACE", ACTORS,
             fm(actors='["Nikol\u200bPashinyan"]')),
    Case("BOM and CRLF line endings", {"briefings/a.md": b"\xef\xbb\xbf"
                                       + fm().replace("\n", "\r\n").encode()}, Accepted()),
    Case("old Mac CR line endings", {"briefings/a.md": fm().replace("\n", "\r").encode()},
         Accepted()),
]

YAML = [
    _refused("python object tag", "YAML tags are not allowed", EXTRA,
             fm(extra='tags: !!python/object/apply:os.system ["touch /tmp/pwned"]')),
    _refused("custom tag", "YAML tags are not allowed", TITLE, fm(title="!shout hello")),
    _refused("explicit str tag", "YAML tags are not allowed", TITLE, fm(title="!!str 42")),
    _refused("anchor and alias", "aliases", EXTRA,
             fm(title="&t Talks", extra="summary: *t")),
    _refused("alias bomb", "aliases", EXTRA + 1, fm(extra=ALIAS_BOMB)),
    _refused("merge key", "aliases", SOURCE + 2,
             fm(source=None, extra="base: &b {name: R}\nsource:\n  <<: *b\n  url: https://x.org/")),
    _refused("duplicate key", "duplicate key 'title'", EXTRA, fm(extra="title: Again")),
    _refused("duplicate key in source", "duplicate key 'name'", SOURCE_URL + 1,
             fm(source="\n  name: Reuters\n  url: https://x.org/a\n  name: AP")),
    _refused("nesting 200 deep", "nested more than", EXTRA,
             fm(extra="tags: " + "[" * 200 + "]" * 200)),
    _refused("unclosed quote", "invalid YAML", TITLE, fm(title='"Talks resume')),
    _refused("tab indentation", "tabs", SOURCE_NAME, fm(source="\n\tname: Reuters")),
    _refused("front matter is a list", "must be a mapping", 2,
             "---\n- title: a\n---\nText\n"),
    _refused("no closing fence", "no closing '---'", 1, "---\ntitle: a\n\nText\n"),
    _refused("no opening fence", "does not start with", 1, "title: a\n---\nText\n"),
    _refused("yes is not a boolean", "must be true or false", EXTRA, fm(extra="draft: yes")),
    _refused("quoted boolean", "must be true or false", EXTRA, fm(extra='draft: "true"')),
    _refused("non-breaking space in a key", "unknown key", EXTRA,
             fm(extra="tags\u00a0: [a]")),
    _refused("mapping as a key", "plain text", EXTRA, fm(extra="? [a]\n: b")),
]

REQUIRED = [
    *[_refused(f"missing {key}", f"missing required key '{key}'", 1, fm(**{key: None}))
      for key in ("title", "date", "region", "actors", "source")],
    _refused("missing source name", "missing required key 'source.name'", SOURCE,
             fm(source="\n  url: https://x.org/a")),
    _refused("missing source url", "missing required key 'source.url'", SOURCE,
             fm(source="\n  name: Reuters")),
    _refused("title is a list", "'title' must be text", TITLE, fm(title="[a, b]")),
    _refused("title is null", "'title'", TITLE, fm(title="~")),
    _refused("title too long", "at most 200", TITLE, fm(title="x" * 201)),
    _refused("date in another format", "YYYY-MM-DD", DATE, fm(date="18/01/2023")),
    _refused("date that does not exist", "not a real date", DATE, fm(date="2023-02-30")),
    _refused("date far in the future", "lies in the future", DATE, fm(date="2999-01-01")),
    Case("one actor, not a list", {"briefings/a.md": fm(actors="Nikol Pashinyan")},
         Accepted()),
    _refused("actors empty", "at least one", ACTORS, fm(actors="[]")),
    _refused("50,000 unknown actors", "at most 100", ACTORS,
             fm(actors="[" + ", ".join(f"Nobody {i}" for i in range(50_000)) + "]")),
    _refused("2,000 tags", "at most 100", EXTRA,
             fm(extra="tags: [" + ", ".join(["t"] * 2000) + "]")),
    _refused("source is text", "must be a mapping", SOURCE, fm(source="Reuters")),
    _refused("source url is javascript", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: javascript://x.org/%0aalert(1)")),
    _refused("source url is data", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: data:text/html,<script>alert(1)</script>")),
    _refused("source url without host", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: https:///path")),
    _refused("tags not a list", "must be a list", EXTRA, fm(extra="tags: diplomacy")),
    _refused("summary too long", "at most 500", EXTRA, fm(extra="summary: " + "y" * 501)),
    _refused("unknown key", "unknown key 'titel'", EXTRA, fm(extra="titel: x")),
    _refused("empty body", "no text after the front matter", BODY - 1, fm("")),
]

NAMES = [
    _refused("unknown actor", "unknown actor 'Nobody Known'", ACTORS,
             fm(actors="[Nobody Known]")),
    _refused("unknown region", "unknown region 'Atlantis'", REGION, fm(region="Atlantis")),
    _refused("region given as actor", "unknown actor 'Armenia'", ACTORS, fm(actors="[Armenia]")),
    Case("ambiguous alias", {"briefings/a.md": fm(actors="[Nikol]")},
         Refused("briefings/a.md", ACTORS, "ambiguous"),
         {"actors.yml": """\
            - id: nikol-a
              name: Nikol A
              kind: person
              aliases: [Nikol]
            - id: nikol-b
              name: Nikol B
              kind: person
              aliases: [Nikol]
            """}),
    Case("names in other case and spacing", {"briefings/a.md": fm(
        actors="[nikol   PASHINYAN]", region="ARMENIA")}, Accepted()),
]

_REGIONS = """\
    - id: a
      name: A
      kind: country
      parent: b
    - id: b
      name: B
      kind: country
      parent: a
    """
REGISTRIES = [
    _registry("region cycle", "regions form a cycle", 1, "regions.yml", _REGIONS),
    _registry("region is its own parent", "cycle", 1, "regions.yml",
              "- id: armenia\n  name: Armenia\n  kind: country\n  parent: armenia\n"),
    _registry("unknown parent", "unknown parent 'nowhere'", 4, "regions.yml",
              "- id: armenia\n  name: Armenia\n  kind: country\n  parent: nowhere\n"),
    _registry("duplicate region id", "duplicate id 'armenia'", 4, "regions.yml",
              "- id: armenia\n  name: A\n  kind: country\n"
              "- id: armenia\n  name: B\n  kind: country\n"),
    _registry("registry not a list", "must be a YAML list", 1, "actors.yml", "a: b\n"),
    _registry("registry entry not a mapping", "must be a mapping", 1, "actors.yml", "- x\n"),
    _registry("actor without kind", "missing required key 'kind'", 1, "actors.yml",
              "- id: nikol-pashinyan\n  name: Nikol Pashinyan\n"),
    _registry("actor kind unknown", "must be one of", 3, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: wizard\n"),
    _registry("actor country unknown", "unknown country", 4, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: person\n  country: narnia\n"),
    _registry("id reserved", "'index'", 1, "regions.yml",
              "- id: index\n  name: Index\n  kind: country\n"),
    _registry("id climbs out", "may use only a-z", 1, "regions.yml",
              "- id: ../../etc\n  name: Etc\n  kind: country\n"),
    _registry("id in capitals", "may use only a-z", 1, "regions.yml",
              "- id: Armenia\n  name: Armenia\n  kind: country\n"),
    _registry("script in a description", "raw HTML '<script'", 4, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: person\n"
              "  description: Hi <script>alert(1)</script>\n"),
    _registry("javascript link in a description", "'javascript:' address", 4, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: person\n"
              "  description: '[x](javascript:alert(1))'\n"),
    _registry("alias bomb in a registry", "aliases", 2, "actors.yml", ALIAS_BOMB + "\n"),
    _registry("tag in a registry", "YAML tags", 1, "regions.yml", "!!python/name:os.system\n"),
    _registry("region without id", "missing required key 'id'", 1, "regions.yml",
              "- name: Armenia\n  kind: country\n"),
    _registry("region name is a list", "'name' must be text", 2, "regions.yml",
              "- id: armenia\n  name: [A, B]\n  kind: country\n"),
    _registry("aliases not a list", "must be a list", 4, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: person\n  aliases: Nikol\n"),
    _registry("wikidata id malformed", "wrong form", 4, "actors.yml",
              "- id: nikol-pashinyan\n  name: N\n  kind: person\n  wikidata: 7035512\n"),
    _registry("iso code malformed", "wrong form", 4, "regions.yml",
              "- id: armenia\n  name: Armenia\n  kind: country\n  iso: armenia\n"),
    _registry("duplicate key in a registry entry", "duplicate key 'name'", 3, "regions.yml",
              "- id: armenia\n  name: A\n  name: B\n  kind: country\n"),
    _registry("unknown registry key", "unknown key 'colour'", 4, "regions.yml",
              "- id: armenia\n  name: A\n  kind: country\n  colour: red\n"),
    _registry("registry not UTF-8", "not UTF-8", 2, "regions.yml",
              b"- id: armenia\n  name: Arm\xe9nie\n  kind: country\n"),
    _registry("regions nested 40 deep", "more than 32 levels", 4 * 33 + 1, "regions.yml",
              "".join(f"- id: r{i}\n  name: R{i}\n  kind: locality\n"
                      + (f"  parent: r{i - 1}\n" if i else "  # the top\n") for i in range(40))),
    _registry("a cycle of 5,000 regions", "regions form a cycle", 1, "regions.yml",
              "".join(f"- id: r{i}\n  name: R{i}\n  kind: locality\n  parent: r{i - 1}\n"
                      for i in range(5000)).replace("parent: r-1", "parent: r4999")),
    Case("registry missing", {"briefings/a.md": fm()},
         Refused("actors.yml", None, "registry is missing"), {"actors.yml": None}),
]

FILES = [
    _refused("symbolic link to a file", "symbolic links", None, Symlink(), "briefings/link.md"),
    Case("symbolic link to a folder", {"briefings/a.md": fm(),
                                       "briefings/linked": Symlink(directory=True)},
         Refused("briefings/linked", None, "symbolic links")),
    Case("briefings folder is a symbolic link", {"briefings": Symlink(directory=True)},
         Refused("briefings", None, "symbolic links")),
    _refused("named pipe", "not a regular file", None, Fifo(), "briefings/pipe.md"),
    _refused("file over 1 MiB", "at most 1,048,576", None, fm("x" * (1024 * 1024))),
    _registry("registry over 4 MiB", "at most 4,194,304", None, "regions.yml",
              "# " + "x" * (4 * 1024 * 1024) + "\n"),
    _refused("slug climbs out", "may use only a-z", EXTRA, fm(extra="slug: ../../../etc")),
    _refused("slug with a slash", "may use only a-z", EXTRA, fm(extra="slug: a/b")),
    _refused("slug ends in a newline", "may use only a-z", EXTRA, fm(extra='slug: "abc\\n"')),
    _refused("slug is index", "'index'", EXTRA, fm(extra="slug: index")),
    _refused("file name gives index", "reserved", 1, fm(), "briefings/2023-05-14-index.md"),
    _refused("file name with a newline", "may use only a-z", 1, fm(), "briefings/a\nb.md"),
    _refused("file name with a space", "may use only a-z", 1, fm(), "briefings/a b.md"),
    _refused("hidden file name", "may use only a-z", 1, fm(), "briefings/.secret.md"),
    _refused("file name of 200 characters", "longer than 100", 1, fm(),
             "briefings/" + "a" * 200 + ".md"),
    Case("two files, one slug", {"briefings/2023/a.md": fm(), "briefings/2024/a.md": fm()},
         Refused("briefings/2024/a.md", 1, "already used by")),
    Case("slug key equals another file's slug",
         {"briefings/b.md": fm(extra="slug: a"), "briefings/a.md": fm()},
         Refused("briefings/b.md", 1, "already used by")),
    Case("upper-case .MD", {"briefings/a.md": fm(), "briefings/b.MD": fm()},
         Refused("briefings/b.MD", None, "rename it to b.md")),
    Case("text file", {"briefings/a.md": fm(), "briefings/notes.txt": "hello"},
         Ignored("briefings/notes.txt", "ignored")),
    Case("HTML file", {"briefings/a.md": fm(), "briefings/x.html": "<script>alert(1)</script>"},
         Ignored("briefings/x.html", "ignored")),
    Case("Markdown outside briefings", {"briefings/a.md": fm(), "other/b.md": fm("<script>")},
         Accepted()),
]


def _body(name: str, text: str, line: int, body: str) -> Case:
    return _refused(name, text, line, fm(body))


BODIES = [
    _body("script element", "raw HTML '<script'", BODY, "<script>alert(1)</script>"),
    _body("image with onerror", "raw HTML '<img'", BODY + 2,
          "Fine.\n\n<img src=x onerror=alert(1)>"),
    _body("iframe", "raw HTML '<iframe'", BODY, "<iframe src=https://evil.example/></iframe>"),
    _body("svg onload", "raw HTML '<svg'", BODY, "<svg/onload=alert(1)>"),
    _body("HTML comment", "raw HTML '<!--'", BODY, "<!-- hidden -->"),
    _body("closing tag only", "raw HTML '</div'", BODY, "text </div> more"),
    _body("javascript link", "'javascript:' address", BODY, "[x](javascript:alert(1))"),
    _body("javascript link in capitals", "'JaVaScRiPt:' address", BODY + 1,
          "Text.\n[x](JaVaScRiPt:alert(1))"),
    _body("entity-encoded javascript link", "'javascript:' address", BODY,
          "[x](&#106;avascript:alert(1))"),
    _body("javascript link with a tab", "'javascript:' address", BODY,
          "[x](java&#9;script:alert(1))"),
    _body("javascript link on the next line", "'javascript:' address", BODY + 1,
          "See [x](\njavascript:alert(1))"),
    _body("data link", "'data:' address", BODY, "[x](data:text/html;base64,PHNjcmlwdD4=)"),
    _body("vbscript link", "'vbscript:' address", BODY, "[x](vbscript:msgbox(1))"),
    _body("file link", "'file:' address", BODY, "[x](file:///etc/passwd)"),
    _body("reference link to javascript", "'javascript:' address", BODY + 2,
          "A [x][r] link.\n\n[r]: javascript:alert(1)"),
    _body("image", "images are not allowed", BODY, "![a](https://example.org/a.png)"),
    _body("image with javascript source", "images are not allowed", BODY,
          "![a](javascript:alert(1))"),
    _body("fenced code id shadowing Material", "id '__config'", BODY,
          "```{#__config}\n{}\n```"),
    _body("brackets 20,000 deep", "nested more than", BODY, "[" * 20_000),
    _body("unclosed brackets over many lines", "nested more than", BODY + 32, "[a\n" * 5_000),
    _body("unclosed link targets", "pathological Markdown", BODY, "[a](" * 3_000),
    _body("emphasis markers in one long paragraph", "pathological Markdown", BODY,
          "*a" * 40_000),
    _body("backslashes in one long paragraph", "pathological Markdown", BODY, "\\" * 80_000),
    _body("headings without blank lines", "pathological Markdown", BODY, "# h\n" * 4_000),
    _body("lists nested 200 deep", "indented by", BODY + 61,
          "".join("  " * i + "- x\n" for i in range(200))),
    _body("quotes nested 50 deep", "quotes are nested", BODY, ">" * 50 + " deep"),
    _body("a line indented by 200 no-break spaces", "indented by 200", BODY + 1,
          "x\n" + "\u00a0" * 200 + "y"),
    _body("definitions nested inside each other", "pathological Markdown", BODY,
          "a\n: b\n" * 3_000),
    _body("30,000 lines", "at most 20,000", BODY + 20_000, "x\n" * 30_000),
    _body("300 footnote markers", "footnote markers", BODY, "x[^1] " * 300 + "\n\n[^1]: y"),
    _body("300 abbreviations", "abbreviation definitions", BODY,
          "".join(f"*[A{i}]: a\n" for i in range(300))),
]

# --- round two (issue 14), by class -----------------------------------------------------

def _actors_with(extra: str) -> str:
    return (FIXTURE / "actors.yml").read_text("utf-8") + textwrap.dedent(extra)


def _regions_with(extra: str) -> str:
    return (FIXTURE / "regions.yml").read_text("utf-8") + textwrap.dedent(extra)


def _deep(levels: int) -> str:
    return "briefings/" + "d/" * levels + "a.md"


# Values that crashed a check with a traceback: each is a problem with its line.
CRASHES = [
    _refused("title of 5,000 digits", "at most 200", TITLE, fm(title="9" * 5000)),
    _refused("draft of 5,000 digits", "must be true or false", EXTRA,
             fm(extra="draft: " + "1" * 5000)),
    _registry("region id of 4,400 digits", "longer than 100", 52, "regions.yml",
              _regions_with("- id: " + "7" * 4400 + "\n  name: Seven\n  kind: locality\n")),
    _refused("source URL with an unclosed '['", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://[www.reuters.com/x")),
    _refused("source URL with a full-width slash", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://www.reuters.com\uff0fx")),
    _refused("source URL with a port out of range", "http or https URL", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://www.reuters.com:123456/x")),
    Case("folders 40 deep", {"briefings/a.md": fm(), _deep(40): fm(extra="slug: deep")},
         Refused("briefings/" + "d/" * 32 + "d", None, "nested more than 32 levels")),
]

# Characters that make a one-line field read otherwise than it is.
TEXT_THAT_LIES = [
    _refused("right-to-left override in the title", "U+202E RIGHT-TO-LEFT OVERRIDE", TITLE,
             fm(title='"Talks \\u202eresume"')),
    _refused("isolate in the source name", "U+2067 RIGHT-TO-LEFT ISOLATE", SOURCE_NAME,
             fm(source="\n  name: \"Reu\\u2067ters\"\n  url: https://www.reuters.com/x")),
    _refused("title of zero-width spaces", "U+200B ZERO WIDTH SPACE", TITLE,
             fm(title='"\\u200b\\u200b\\u200b"')),
    _refused("title of a Hangul filler", "no visible character", TITLE, fm(title="\u3164")),
    _refused("tag characters hiding text in the title", "U+E0068 TAG LATIN SMALL LETTER H",
             TITLE, fm(title='"Talks \\U000e0068\\U000e0069"')),
    _body("override in the body", "U+202E RIGHT-TO-LEFT OVERRIDE", BODY + 2,
          "Fine.\n\nThe \u202eleaders met."),
    _refused("line separator in a tag", "U+2028 LINE SEPARATOR", EXTRA,
             fm(extra='tags: ["a\\u2028b"]')),
    _refused("C1 control in the author", "U+009B", SOURCE_URL + 1,
             fm(source="\n  name: R\n  url: https://x.org/a\n  author: \"A\\x9bB\"")),
    _registry("override in an actor name", "U+202D LEFT-TO-RIGHT OVERRIDE", 43, "actors.yml",
              _actors_with('- id: x\n  name: "X\\u202dY"\n  kind: person\n')),
    _registry("next line in an alias", "U+0085", 55, "regions.yml",
              _regions_with('- id: x\n  name: X\n  kind: locality\n  aliases: ["a\\x85b"]\n')),
    _registry("a Cyrillic look-alike of another actor", "looks the same as 'Nikol Pashinyan'",
              42, "actors.yml",
              _actors_with("- id: other\n  name: Nik\u043el Pashinyan\n  kind: person\n")),
    _registry("an id given as another entry's alias", "is the id of another region", 52,
              "regions.yml", _regions_with("- id: x\n  name: X\n  kind: locality\n"
                                           "  aliases: [armenia]\n")),
    Case("Persian name with a zero-width non-joiner", {"briefings/a.md": fm(
        title="\"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\"")}, Accepted()),
]

# Links and addresses that lead elsewhere than they seem to.
LINKS_THAT_LEAVE = [
    _body("body link to //host", "leads to another site", BODY, "[x](//evil.example/a)"),
    _body("body link to /\\host", "leads to another site", BODY + 2,
          "Fine.\n\n[x](/\\\\evil.example/a)"),
    _body("reference link to //host", "leads to another site", BODY + 2,
          "A [x][r].\n\n[r]: //evil.example/a"),
    _refused("source URL with user info", "user info", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://www.reuters.com@evil.example/x")),
    _refused("source URL with a space", "a space", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://www.reuters.com/a b")),
    _refused("source URL with a tab", "U+0009", SOURCE_URL,
             fm(source='\n  name: R\n  url: "https://www.reuters.com/a\\tb"')),
    _refused("source URL with a backslash", "backslash", SOURCE_URL,
             fm(source="\n  name: R\n  url: https://evil.example\\.reuters.com/")),
    _registry("description link to //host", "leads to another site", 45, "actors.yml",
              _actors_with("- id: x\n  name: X\n  kind: person\n"
                           "  description: '[x](//evil.example/)'\n")),
]

# Names and values the archive's outputs cannot carry faithfully.
SMALLER = [
    _refused("slug con", "Windows cannot create", EXTRA, fm(extra="slug: con")),
    _refused("file name nul.md", "Windows cannot create", 1, fm(), "briefings/nul.md"),
    _registry("actor id com1", "Windows cannot create", 42, "actors.yml",
              _actors_with("- id: com1\n  name: Com\n  kind: person\n")),
    _refused("date in the year 23", "lies before 1900", DATE, fm(date="0023-05-14")),
    _refused("date in full-width digits", "digits 0-9", DATE,
             fm(date="\uff12\uff10\uff12\uff13-05-14")),
    _refused("published in the far future", "'source.published' 2999-01-01 lies in the future",
             SOURCE_URL + 1,
             fm(source="\n  name: R\n  url: https://x.org/a\n  published: 2999-01-01")),
    _refused("';' in a tag", "may not contain ';'", EXTRA, fm(extra="tags: [a;b]")),
    _refused("';' in a source name", "may not contain ';'", SOURCE_NAME,
             fm(source="\n  name: Reuters; AP\n  url: https://x.org/a")),
    _refused("body with no text", "no text to take the summary from", BODY, fm("***")),
    Case("slug of digits", {"briefings/a.md": fm(extra="slug: 2023")}, Accepted()),
    Case("body of only a list", {"briefings/a.md": fm("- one\n- two")}, Accepted()),
]

# Inputs that took minutes: refused or finished in bounded time.
SLOW = [
    _body("19,999 lines of unclosed fences", "fences", BODY, "~~~x\n" * 19_998 + "~~~x"),
    _registry("10,000 regions with unknown parents", "unknown parent", 4, "regions.yml",
              "".join(f"- id: r{i}\n  name: R{i}\n  kind: locality\n  parent: nowhere-{i}\n"
                      for i in range(10_000))),
]

# Accepted: each hostile text field must reach every output as text. One archive holds them
# all (built once); PAYLOADS marks what must never become markup.
PAYLOAD = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
INERT_TITLE = f"Hostile {PAYLOAD}</title>{SCRIPT}"
INERT_SUMMARY = f'"></a>{SCRIPT}'
INERT_ACTOR = f"Evil {PAYLOAD}"
INERT_REGION = f"Nowhere {SCRIPT}"
INERT_SOURCE_URL = 'https://example.org/?q="><svg/onload=window.__pwned=1>&x=1'
INERT_SLUG = "hostile-fields"

INERT_ACTORS = f"""\
- id: evil-actor
  name: "{INERT_ACTOR}"
  kind: person
  aliases: ["{SCRIPT}", "=HYPERLINK(1)"]
  role: "</dd>{SCRIPT}"
  description: |
    Described with `{SCRIPT}` in code, and **bold**.
"""
INERT_REGIONS = f"""\
- id: nowhere
  name: "{INERT_REGION}"
  kind: country
  aliases: ["{PAYLOAD}"]
"""
INERT_BRIEFING = fm(
    title=f"'{INERT_TITLE}'", region=f"'{INERT_REGION}'", actors=f"['{INERT_ACTOR}']",
    source=(f"\n  name: '{SCRIPT}'\n  url: '{INERT_SOURCE_URL}'\n"
            f"  author: '{PAYLOAD}'\n  via: '</li>{SCRIPT}'"),
    extra=(f"summary: '{INERT_SUMMARY}'\ntags: ['{SCRIPT}', '\" onmouseover=\"x', '=1+1']\n"
           f"slug: {INERT_SLUG}"),
    body=("Code `" + SCRIPT + "` and\n\n```\n" + PAYLOAD + "\n```\n\n"
          "An autolink <javascript:alert(1)> stays text, as does {: onclick=alert(1) }.\n\n"
          "[ok](https://example.org/?a=1&b=\"2\") and <mailto:desk@example.org>."))


def inert_files() -> dict[str, FileContent]:
    """The archive of accepted hostile values (with the fixture's registries appended)."""
    return {"briefings/2023/hostile.md": INERT_BRIEFING}


# Round three (issue 23): special files among the briefings that only a sniff used to open,
# links that climb out of the site, and files that were silently left out.
ROUND_THREE = [
    Case("named pipe saved as .txt", {"briefings/a.md": fm(), "briefings/pipe.txt": Fifo()},
         Ignored("briefings/pipe.txt", "not a briefing")),
    Case("link to /dev/zero saved as .txt", {"briefings/a.md": fm(),
                                             "briefings/zero.txt": Symlink()},
         Ignored("briefings/zero.txt", "not a briefing")),
    _refused("briefing saved without an extension", "rename it to 2023-05-14-talks.md", None,
             fm(), "briefings/2023-05-14-talks"),
    _body("relative link above the site's root", "climbs above the site's root", BODY,
          "[passwd](../../../../etc/passwd)"),
    _body("relative link above the root, backslashes", "climbs above the site's root", BODY,
          "[x](..\\\\..\\\\..\\\\secret)"),
    _body("relative link above the root, encoded dots", "climbs above the site's root", BODY,
          "[x](%2e%2e/%2e%2e/%2E%2E/x)"),
    _body("link to www. without a scheme", "has no 'https://'", BODY + 2,
          "Said so.\n\n[Reuters](www.reuters.com/world/talks)"),
    Case("paragraph indented by four spaces (pasted)", {"briefings/a.md": fm(
        "The leaders met.\n\n    Pasted from a word processor, it became code.")},
         Ignored("briefings/a.md", "published as a code block")),
    Case("paragraph indented by a tab", {"briefings/a.md": fm("\tPasted with a tab.")},
         Ignored("briefings/a.md", "published as a code block")),
    Case("'# Heading' in a body", {"briefings/a.md": fm("The leaders met.\n\n# Background")},
         Ignored("briefings/a.md", "second title")),
    Case("date ten years off the file name's", {
        "briefings/2013-05-14-talks.md": fm(date="2023-05-14")},
         Ignored("briefings/2013-05-14-talks.md", "3,652 days from the date in the file name")),
    _refused("briefing saved in content/ itself", "saved in the content folder itself", None,
             fm(), "talks.md"),
    _refused("briefing saved into pages/", "this looks like a briefing", 1, fm(),
             "pages/2023-05-14-talks.md"),
    _refused("folder named %2e%2e with slug: given", "the name '%2e%2e' may use only", None,
             fm(extra="slug: talks"), "briefings/%2e%2e/a.md"),
    _refused("'#' in a file name with slug: given", "the name 'a#b.md' may use only", None,
             fm(extra="slug: talks"), "briefings/a#b.md"),
    _refused("'%41' in a file name with slug: given", "the name '%41.md' may use only", None,
             fm(extra="slug: talks"), "briefings/%41.md"),
    _refused("NFD file name with slug: given", "may use only", None,
             fm(extra="slug: talks"), "briefings/cafe\u0301.md"),
    Case("case-only twins", {"briefings/2023/Talks.md": fm(extra="slug: talks-a"),
                             "briefings/2023/talks.md": fm(extra="slug: talks-b")},
         Refused("briefings/2023/talks.md", None, "only in letter case")),
    Case("21 editorial pages", {"briefings/a.md": fm(), **{
        f"pages/page-{n:02d}.md": f"---\ntitle: Page {n:02d}\n---\nText.\n" for n in range(21)}},
         Refused("pages/page-20.md", None, "more than 20 editorial pages")),
    Case("relative link within the site", {"briefings/a.md": fm(
        "See [the actor](../../actors/nikol-pashinyan/) and [top](#top).")}, Accepted()),
]

CASES = (ENCODINGS + YAML + REQUIRED + NAMES + REGISTRIES + FILES + BODIES
         + CRASHES + TEXT_THAT_LIES + LINKS_THAT_LEAVE + SMALLER + SLOW + ROUND_THREE)


def write_inert_archive(work: Path) -> Path:
    """The archive of accepted hostile values (every text field a payload), ready to build."""
    content = write(Case("inert", inert_files(), Accepted()), work)
    for name, extra in (("actors.yml", INERT_ACTORS), ("regions.yml", INERT_REGIONS)):
        with open(content / name, "a", encoding="utf-8") as handle:
            handle.write(extra)
    return content
