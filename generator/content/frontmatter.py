"""The exact split of a briefing file into front matter and body.

Front matter is a YAML mapping between a first line ``---`` and the next line
``---``. A UTF-8 byte-order mark and CRLF line endings are accepted; anything
that is not UTF-8 is refused. Unlike python-frontmatter, nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from generator.content import placeholders
from generator.content.problems import Problem
from generator.content.syntax.yamlstrict import Located, YamlProblem, load, plain

_FENCE = "---"


@dataclass(frozen=True)
class SplitFile:
    """A briefing file taken apart; lines are 1-based in the original file."""

    meta: Located
    body: str
    body_line: int


def decode(data: bytes) -> str:
    """UTF-8 text with BOM removed and line endings normalised to ``\\n``.

    Raises :class:`YamlProblem` (line 1 or the bad byte's line) for non-UTF-8 bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlProblem(f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})", line,
                          "save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_reported(shown: str, text: str, problems: list[Problem]) -> SplitFile | None:
    """The file's parts, or None; what is wrong is added to ``problems``, as is the
    scaffolding `new` and `ingest` leave (placeholder summary, copied article text)."""
    problems += placeholders.scan_text(shown, text)
    try:
        parts = split(text)
    except YamlProblem as error:
        problems.append(Problem.at(shown, error))
        return None
    return parts


def split(text: str) -> SplitFile:
    """Separate front matter from body and parse the front matter strictly."""
    if not text.strip():
        raise YamlProblem("the file is empty", 1, "a briefing starts with a '---' line, "
                          "its keys, another '---' line, then the text")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        raise YamlProblem("the file does not start with a front-matter line '---'", 1,
                          "the first line must be exactly '---', followed by the keys "
                          "and another '---' line")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == _FENCE:
            meta = load("\n".join(lines[1:index]), first_line=2)
            if not isinstance(meta.value, dict):
                raise YamlProblem("the front matter must be a mapping of 'key: value' lines", 2,
                                  "between the two '---' lines write one 'key: value' per "
                                  "line, starting with 'title:'")
            return SplitFile(meta, "\n".join(lines[index + 1:]), index + 2)
    raise YamlProblem("the front matter has no closing '---' line", 1,
                      "end the front matter with a line containing only '---'")


class StrictYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler with this project's strict loader.

    For tools built on python-frontmatter (``frontmatter.loads(text, handler=...)``): they then
    read a briefing's keys exactly as `briefings check` does, or get its :class:`YamlProblem`.
    ``load()`` is the handler's plug-in point; setting ``handler.Loader`` changes nothing.
    """

    def load(self, fm: str, **kwargs: Any) -> Any:
        return plain(load(fm, first_line=2))
