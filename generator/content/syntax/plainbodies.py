"""Plain Markdown bodies to HTML without Python-Markdown: the same bytes, at a fraction of
the cost, or None for anything else.

Most briefing bodies are paragraphs of prose with a link or a bold word, now and then a
list of one-line items, a one-paragraph quote or a heading. Python-Markdown builds an
element tree for them, tries each of its block and inline patterns on every block and
serialises the tree again, a fifth of a cold build's CPU. :func:`to_html` recognises only
that plain shape, every line of it, and writes what Python-Markdown writes for it (with
the extensions ``content/bodies.py`` configures); any line or character that could mean
something more (raw HTML, ``&``, code, emphasis with ``_`` or one ``*``, images,
references, footnotes, tables, definitions, tabs, trailing spaces, indentation, ordered
lists, nesting) gives None, and the body goes to Python-Markdown as before.

Kept honest by tests/content/test_plainbodies.py: on generated texts around this shape's
edges, whenever this gives HTML it is Python-Markdown's, byte for byte.
"""

from __future__ import annotations

import re

# The Python-Markdown extensions whose HTML this writes: content/bodies.py takes this path
# only while it configures exactly these (another extension, say smarty's quotes, would
# write other HTML for the same text).
EXTENSIONS = ("tables", "fenced_code", "footnotes", "sane_lists", "abbr", "def_list")
# What a line may start with: a letter or digit (not an ordered list's "1." or "1)"), bold,
# a link, or an opening bracket or quote. Nothing else starts a block of its own.
_LINE_START = re.compile(r"(?!\d+[.)])[^\W_]|\*\*[^\s*]|\[[^\s^\[\]]|[(\"'“‘«]")
# Characters that mean nothing to Markdown here; '*' only in bold, '[' ']' only in links.
_PLAIN = re.compile(r"[^`\\<>&_|~\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029*\[\]]*")
_LINK = re.compile(r"\[([^\s\[\]`\\<>&_|~*^!]|[^\s\[\]`\\<>&_|~*^!][^\n\[\]`\\<>&_|~*!]*"
                   r"[^\s\[\]`\\<>&_|~*!])\]\(([A-Za-z0-9_/:.~%?=#+,;@$-]+)\)")
_BOLD = re.compile(r"\*\*([^\s*\[\]]|[^\s*\[\]][^*\[\]]*[^\s*\[\]])\*\*")
_HEADING = re.compile(r"(#{1,6}) ([^#\s][^#\n]*[^#\s]|[^#\s])")
_TRAILING_SPACE = re.compile(r"[^\S\n]\n")


def to_html(text: str) -> str | None:
    """``text``'s HTML as Python-Markdown writes it, or None when it is not plain."""
    text = text.strip("\n")
    if not text or text[-1].isspace() or "\n\n\n" in text or "***" in text \
            or _TRAILING_SPACE.search(text):
        return None
    blocks = []
    last_kind = ""
    for block in text.split("\n\n"):
        kind, rendered = _block(block)
        if rendered is None or (kind != "p" and kind == last_kind):  # two lists merge
            return None
        blocks.append(rendered)
        last_kind = kind
    return "\n".join(blocks)


def _block(block: str) -> tuple[str, str | None]:
    lines = block.split("\n")
    if block.startswith("- "):
        items = [_inline_line(line[2:]) if line.startswith("- ") else None for line in lines]
        if None in items:
            return "ul", None
        return "ul", "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"
    if block.startswith("> "):
        if not all(line.startswith("> ") for line in lines):
            return "blockquote", None
        inner = _paragraph([line[2:] for line in lines])
        return "blockquote", None if inner is None else f"<blockquote>\n{inner}\n</blockquote>"
    if block.startswith("#"):
        heading = _HEADING.fullmatch(block)
        text = _inline(heading.group(2)) if heading else None
        if heading is None or text is None:
            return "h", None
        level = len(heading.group(1))
        return "h", f"<h{level}>{text}</h{level}>"
    return "p", _paragraph(lines)


def _paragraph(lines: list[str]) -> str | None:
    if not all(_LINE_START.match(line) for line in lines):
        return None
    text = _inline("\n".join(lines))
    return None if text is None else f"<p>{text}</p>"


def _inline_line(line: str) -> str | None:
    return _inline(line) if _LINE_START.match(line) else None


def _inline(text: str) -> str | None:
    """Prose with links and bold, or None if anything else could be in it."""
    out = []
    start = 0
    for link in _LINK.finditer(text):
        if text[link.start() - 1:link.start()] == "!" or not _PLAIN.fullmatch(link.group(1)):
            return None  # an image, or a tab or control character Python-Markdown changes
        out.append(_bold(text[start:link.start()]))
        out.append(f'<a href="{link.group(2)}">{link.group(1)}</a>')
        start = link.end()
    out.append(_bold(text[start:]))
    return None if None in out else "".join(out)  # type: ignore[arg-type]


def _bold(text: str) -> str | None:
    """Prose with bold (``**words**``, never spanning a link), or None."""
    if "*" not in text:
        return text if _PLAIN.fullmatch(text) else None
    return _BOLD.sub(r"<strong>\1</strong>", text) \
        if _PLAIN.fullmatch(_BOLD.sub(r"\1", text)) else None
