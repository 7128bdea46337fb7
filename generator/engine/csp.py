"""The Content-Security-Policy of every page, and the check that every page obeys it.

Each page carries the policy as a ``<meta http-equiv>`` tag (theme/main.html writes it from
``config.extra.content_security_policy``, which the engine sets). Scripts run only from
files of the site: Material's few inline scripts are replaced by files in
``theme/assets/javascripts/csp/`` (see the partials in ``theme/partials/javascripts/``).

One inline script cannot be moved: offline, search runs its worker in an ``about:blank``
frame that the vendored iframe-worker shim fills with ``document.write``, and that frame
inherits this policy. Its text depends only on the shim and on the worker's relative URL,
so its hash is computed here, once per page depth, and allowed by hash.

After rendering, :func:`check_site` reads every page and refuses the build if one lacks
the policy or holds anything it would block or that must never be published (an inline
script or event handler, a ``javascript:`` URL, a frame, object or ``<base>``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from generator.site.edition import Edition

META_NAME = "Content-Security-Policy"
# Material's data URIs are icons in its stylesheets; styles are set only from its files
# and through the CSSOM, which a policy does not govern.
_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
# The Kiwix edition: kiwix-serve 3.3 (Debian bookworm) injects a toolbar into each page
# whose jQuery 1.x tests event support by setting the inline handler "t" (a no-op); this
# allows that handler alone (by hash, with 'unsafe-hashes'), so the pages log no errors.
KIWIX_SERVE_HANDLERS = ("t",)
MAX_DEPTH = 8  # folders between a page and the site root, for the worker's relative URL

# The search worker's path where the theme's config block names it ("search": "..." | url):
# theme/main.html names ours (assets/javascripts/search-worker.js), Material's base.html its own.
_WORKER_PATH = re.compile(r'"search":\s*"(assets/javascripts/[\w./-]+\.js)"\s*\|\s*url')
_WORKER_TEMPLATES = ("main.html", "base.html")
_SHIM_FRAME = re.compile(r"document\.write\(`.*?<script>(.*?)<\\/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


class PolicyError(Exception):
    """The policy cannot be computed, or a rendered page does not obey it."""


def policy(inline_scripts: Iterable[str] = (), handlers: Iterable[str] = ()) -> str:
    """The policy, allowing exactly the given inline scripts and event handlers by their
    SHA-256."""
    hashes = sorted({f"'sha256-{_digest(script)}'" for script in [*inline_scripts, *handlers]})
    unsafe_hashes = ["'unsafe-hashes'"] if handlers else []
    parts = []
    for name, sources in _DIRECTIVES:
        if name == "script-src" and hashes:
            sources = " ".join([sources, *unsafe_hashes, *hashes])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def engine_policy(polyfills: Sequence[str], theme_dirs: Sequence[str],
                  edition: Edition) -> str:
    """The policy for a build of ``edition`` with these polyfill scripts and theme folders."""
    if edition is Edition.KIWIX:
        return policy(handlers=KIWIX_SERVE_HANDLERS)
    if edition is Edition.HOSTED:
        return policy()
    shims = [p for p in polyfills if "iframe-worker" in p and "://" not in p]
    if not shims:
        return policy()  # the CDN shim would be blocked, as would any other download
    shim = _read_theme_file(shims[0], theme_dirs)
    worker = search_worker_path(theme_dirs)
    urls = ["../" * depth + worker for depth in range(MAX_DEPTH)]
    return policy(shim_frame_script(shim, url) for url in [*urls, "/" + worker])


def search_worker_path(theme_dirs: Sequence[str]) -> str:
    """The search worker's path in the site, as the theme's templates configure it."""
    for name in _WORKER_TEMPLATES:
        worker = _WORKER_PATH.search(_read_theme_file(name, theme_dirs))
        if worker is not None:
            return worker.group(1)
    raise PolicyError("cannot find the search worker's path in the theme's "
                      + " or ".join(_WORKER_TEMPLATES))


def _read_theme_file(name: str, theme_dirs: Sequence[str]) -> str:
    for folder in theme_dirs:
        path = Path(folder) / name
        if path.is_file():
            return path.read_text("utf-8")
    raise PolicyError(f"'{name}' is in none of the theme folders {', '.join(theme_dirs)}")


def shim_frame_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for ``worker_url``.

    The shim builds it from a template literal: ``${f}`` for one of its functions is
    that function's source text; the one other placeholder is the worker's URL.
    """
    frame = _SHIM_FRAME.search(shim)
    if frame is None or "\\" in frame.group(1):
        raise PolicyError("the iframe-worker shim has changed: its frame script was not found")

    def source(match: re.Match[str]) -> str:
        name = match.group(1)
        return _function_source(shim, name) if f"function {name}(" in shim else worker_url

    return _PLACEHOLDER.sub(source, frame.group(1))


def _function_source(text: str, name: str) -> str:
    """``function name(...){...}`` as written (what ``String(f)`` gives in JavaScript)."""
    start = text.index(f"function {name}(")
    depth = 0
    for index in range(text.index("{", start), len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index + 1]
    raise PolicyError(f"the iframe-worker shim has changed: function {name} does not end")


# --- after rendering: every page carries the policy and holds nothing it would block ------

# Pages are scanned as bytes: lowering bytes touches only ASCII, so offsets stay put (a
# str.lower() can lengthen 'İ'), and the scan runs at C speed. Only the tags around a
# suspect place are taken apart (a page has about a thousand tags; text holds no raw '<').
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'=<>`/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_ELEMENT = re.compile(rb"<(?:script|meta|iframe|frame|object|embed|base|applet)\b")
_HANDLER = re.compile(rb"on[a-z]+\s*=")
_BEFORE_AN_ATTRIBUTE = frozenset(bytes([char]) for char in b" \t\n\r\f/\"'")
_REFERENCE = re.compile(rb"&(?:#|colon;|tab;|newline;)")  # character references that can hide
_SUSPECT_TEXT = (b"script:", b"data:text/html")
_FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "object", "embed", "base", "applet"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
_DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})


def check_site(site_dir: Path, expected_policy: str,
               checked: Mapping[str, list[str]] | None = None) -> list[str]:
    """Every way a rendered page breaks the policy, as 'page: problem' lines. ``checked``:
    what :func:`check_page` found in pages as they were written, by their absolute paths
    (the engine hook's); every other page is read and checked here."""
    root = os.path.join(os.path.abspath(site_dir), "")
    problems = []
    for path in sorted(_pages(root), key=lambda path: path.split(os.sep)):  # as Paths sort
        found = (checked or {}).get(path)
        if found is None:
            found = check_page(Path(path).read_bytes(), expected_policy)
        shown = path[len(root):].replace(os.sep, "/")
        problems += [f"{shown}: {problem}" for problem in found]
    return problems


def _pages(root: str) -> Iterator[str]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def check_page(page: str | bytes, expected_policy: str) -> list[str]:
    """What in one page (its text, or its UTF-8 bytes) the policy is missing for, or forbids."""
    data = page.encode("utf-8") if isinstance(page, str) else page
    problems = []
    policies = []
    first_script = None
    lowered = data.lower()  # once a page (every script's end is found in it)
    for match in _suspect_tags(data, lowered):
        tag, attributes, found = _tag(match.group(0))
        if tag == "meta" and attributes.get("http-equiv", "").lower() == META_NAME.lower():
            policies.append((match.start(), attributes.get("content", "")))
        elif tag == "script":
            first_script = match.start() if first_script is None else first_script
            problems += _script_problems(data, lowered, match, attributes, expected_policy)
        problems += found
    problems += _policy_problems(policies, first_script, expected_policy)
    return problems


def _suspect_tags(data: bytes, lowered: bytes) -> Iterator[re.Match[bytes]]:
    """Each opening tag that holds a suspect place, once, in page order (``lowered``:
    the page in lower case)."""
    places = [m.start() for m in _ELEMENT.finditer(lowered)]
    places += [m.start() for m in _HANDLER.finditer(lowered)
               if lowered[m.start() - 1:m.start()] in _BEFORE_AN_ATTRIBUTE]
    places += [m.start() for m in _REFERENCE.finditer(lowered)]
    for needle in _SUSPECT_TEXT:
        at = lowered.find(needle)
        while at >= 0:
            places.append(at)
            at = lowered.find(needle, at + 1)
    last = -1
    for place in sorted(places):
        start = data.rfind(b"<", 0, place + 1)
        if start <= last:
            continue
        tag = _TAG.match(data, start)
        if tag is not None and not tag.group(1) and tag.end() > place:
            last = start
            yield tag


@functools.lru_cache(maxsize=4096)  # the theme's tags repeat on every page
def _tag(raw: bytes) -> tuple[str, Mapping[str, str], tuple[str, ...]]:
    """An opening tag's name, its attributes, and what is wrong with it on its own."""
    match = _TAG.match(raw)
    assert match is not None
    tag = match.group(2).decode("ascii").lower()
    attributes = _attributes(match.group(3).decode("utf-8", "replace"))
    found = [f"a <{tag}> element"] if tag in _FORBIDDEN_ELEMENTS else []
    return tag, attributes, tuple(found + _attribute_problems(tag, attributes))


def _attributes(raw: str) -> Mapping[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _policy_problems(policies: list[tuple[int, str]], first_script: int | None,
                     expected: str) -> list[str]:
    if len(policies) != 1:
        return [f"{len(policies)} Content-Security-Policy meta tags instead of one"]
    position, content = policies[0]
    problems = []
    if content != expected:
        problems.append(f"the Content-Security-Policy is '{content}', not '{expected}'")
    if first_script is not None and first_script < position:
        problems.append("a script comes before the Content-Security-Policy")
    return problems


def _script_problems(data: bytes, lowered: bytes, match: re.Match[bytes],
                     attributes: Mapping[str, str], expected_policy: str) -> list[str]:
    if "src" in attributes:
        return []
    end = lowered.find(b"</script", match.end())
    body = data[match.end():end if end >= 0 else len(data)].decode("utf-8", "replace")
    if attributes.get("type", "").lower() in _DATA_SCRIPT_TYPES:
        try:  # data, never run; it must parse, or it could be something else
            json.loads(body)
        except ValueError:
            return ["a data script that is not JSON"]
        return []
    if f"'sha256-{_digest(body)}'" in expected_policy:
        return []
    return [f"an inline script the policy does not allow: {body[:60]!r}"]


def _attribute_problems(tag: str, attributes: Mapping[str, str]) -> list[str]:
    problems = []
    for name, value in attributes.items():
        if name.startswith("on"):
            problems.append(f"an event handler attribute '{name}' on <{tag}>")
        elif name in _URL_ATTRIBUTES and _is_script_url(value):
            problems.append(f"a '{value[:40]}' URL in '{name}' on <{tag}>")
    return problems


def _is_script_url(value: str) -> bool:
    compact = re.sub(r"[\x00-\x20]+", "", value).lower()
    return compact.startswith(("javascript:", "vbscript:", "data:text/html"))
