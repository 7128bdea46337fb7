"""The search index in small pieces, so a query loads only what it needs (issue 16).

The index of :mod:`searchindex` (one entry per briefing, actor and region) is split into:

- **shards**, ``search/shards/<n>.js``: for every folded word, the documents holding it and
  the best field it occurs in. A word belongs to the shard of its *key*, the longest key
  that starts it; keys are the words' first letters, one more letter wherever a key would
  hold too much (up to :data:`MAX_KEY` letters), and neighbouring small keys share a file.
  A query term loads the keys that start with it and those it starts with.
- **records**, ``search/docs/<n>.js``: what a result shows (location, title, text), for
  :data:`DOC_CHUNK` documents in index order per file; only the shown results' files load.

By language and script: the documents come in groups by language, the site's language
first, and each group starts a record file (the files of one language hold nothing of
another; the positions left over at a group's end hold no document). A shard holds the words
of one script only (keys of two scripts never share a file), so a query in Latin letters
loads no shard of Arabic words, and an Arabic query none of Latin ones. Han, Kana and
Hangul are indexed as bigrams (``folding.words``).
- the **manifest**, ``search/manifest.js``: the field weights, the documents' boosts, every
  key's shard, every shard's content hash and one hash for each :data:`FILES_PER_TAG` record
  files (files are asked for as ``<n>.js?v=<hash>``, so a cache may keep them for ever). A
  record file's tag hashes its whole group: the manifest, which every first search loads,
  grows by one tag per 1,024 documents instead of one per 32 (issue 25: at 100,000
  briefings the tags of every record file were 26 of its 30 kB gzip). The cost: an edit
  changes the tag of its record file's 31 neighbours too, which a reader's cache then loads
  again.

Every file is a script calling ``briefingsSearch(id, data)``: the worker fetches and reads it
on the hosted site, and loads it as a script element from ``file://``, where fetch is blocked.

Words are folded by ``generator/site/folding.py``, the worker's ``fold()`` in Python (a
parity test keeps the two equal). A word matches a term that starts it, so the shards give
the worker exactly what scanning the whole index gave: which terms match, the best field of
each, whether as a whole word, and so the same ranking.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from generator.site import folding
from generator.site.outputs import DataFile

FOLDER = "search"
MANIFEST_PATH = f"{FOLDER}/manifest.js"
CALLBACK = "briefingsSearch"
FORMAT_VERSION = 2  # 2: a content hash per group of record files
DOC_CHUNK = 32  # documents per record file: a result list's first ten come from ten at most
FILES_PER_TAG = 32  # record files per content hash in the manifest (a group of files)
SPLIT_AT = 12_000  # bytes of postings above which a key is split by its next letter
PACK_UP_TO = 12_000  # bytes of postings small neighbouring keys share one file up to
MAX_KEY = 4  # letters: past this a key holds its words however many
FIELD_CODES = 3  # a posting is delta * 3 + field (0 title, 1 names, 2 text)

_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def decode_html(text: str) -> str:
    """The worker's decodeHTML(): only the references an escaper writes are decoded."""
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name[0] != "#":
            return _NAMED[name]
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        valid = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        return chr(code) if valid else match.group(0)
    return _ENTITY.sub(one, text)


# The fields in falling weight, as the worker orders them, and whether they hold HTML.
FIELDS = (("title", True), ("names", False), ("text", True))


def doc_words(doc: dict[str, Any]) -> dict[str, int]:
    """Each folded word of a document with the best field (index into FIELDS) holding it."""
    best: dict[str, int] = {}
    for field, (name, shown) in enumerate(FIELDS):
        value = doc.get(name)
        if not isinstance(value, str):
            continue
        for word in folding.words(decode_html(value) if shown else value):
            if word not in best:
                best[word] = field
    return best


Docs = Sequence[dict[str, Any] | None]  # by position; None: no document there


def postings(docs: Docs) -> dict[str, list[int]]:
    """word -> its documents, ascending, delta-encoded: (doc - previous doc) * 3 + field."""
    found: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for position, doc in enumerate(docs):
        if doc is None:
            continue
        for word, field in doc_words(doc).items():
            found.setdefault(word, []).append((position - last.get(word, 0)) * FIELD_CODES
                                              + field)
            last[word] = position
    return found


def _size(words: Iterable[str], found: dict[str, list[int]]) -> int:
    return sum(len(w) + 4 + sum(len(str(n)) + 1 for n in found[w]) for w in words)


def keys_of(found: dict[str, list[int]]) -> dict[str, list[str]]:
    """key -> its words: first letters, split further where a key holds too much."""
    keys: dict[str, list[str]] = {}

    def place(key: str, words: list[str]) -> None:
        if len(key) >= MAX_KEY or _size(words, found) <= SPLIT_AT:
            keys[key] = words
            return
        longer: dict[str, list[str]] = {}
        for word in words:
            if len(word) == len(key):
                keys.setdefault(key, []).append(word)
            else:
                longer.setdefault(word[:len(key) + 1], []).append(word)
        for sub, sub_words in longer.items():
            place(sub, sub_words)

    first: dict[str, list[str]] = {}
    for word in sorted(found):
        first.setdefault(word[0], []).append(word)
    for key, words in first.items():
        place(key, words)
    return keys


def script_of(key: str) -> str:
    """The script of a key's first letter, as Unicode names it ("LATIN", "ARABIC", "CJK",
    "DIGIT" for 0-9), which is all a shard needs to keep scripts apart."""
    return unicodedata.name(key[0], "?").split(" ")[0]


def pack(keys: dict[str, list[str]], found: dict[str, list[int]]) -> list[list[str]]:
    """The keys grouped into files: neighbours in sorted order of one script, up to
    PACK_UP_TO each."""
    files: list[list[str]] = []
    size = PACK_UP_TO
    script = ""
    for key in sorted(keys):
        weight = _size(keys[key], found)
        if size + weight > PACK_UP_TO or script_of(key) != script:
            files.append([])
            size = 0
            script = script_of(key)
        files[-1].append(key)
        size += weight
    return files


def script(name: str, data: object) -> bytes:
    """A file of the index: ``briefingsSearch("name",<json>);``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Older engines end a JS string at these two characters; JSON allows them raw.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'{CALLBACK}("{name}",{text});\n'.encode()


def _tag(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def _record(doc: dict[str, Any]) -> list[Any]:
    record = [doc.get("location", ""), doc.get("title", ""), doc.get("text", "")]
    return [*record, doc["tags"]] if isinstance(doc.get("tags"), list) else record


def _boosts(docs: Docs) -> list[list[float]]:
    """[[first document, boost], ...]: runs of documents sharing a boost."""
    runs: list[list[float]] = []
    for position, doc in enumerate(docs):
        if doc is None:
            continue
        boost = float(doc.get("boost", 1.0))
        if not runs or runs[-1][1] != boost:
            runs.append([position, boost])
    return runs


def by_language(groups: Sequence[tuple[str, Sequence[dict[str, Any]]]]
                ) -> tuple[list[dict[str, Any] | None], list[list[Any]]]:
    """The documents of each language's group, each group from the start of a record file
    on, and [[first position, language], ...]."""
    docs: list[dict[str, Any] | None] = []
    languages: list[list[Any]] = []
    for language, group in groups:
        if not group:
            continue
        docs += [None] * (-len(docs) % DOC_CHUNK)
        languages.append([len(docs), language])
        docs += group
    return docs, languages


def shard_files(config: dict[str, Any],
                groups: Sequence[tuple[str, Sequence[dict[str, Any]]]]) -> Iterator[DataFile]:
    """The shards, the record files and last the manifest of these index entries, given as
    (language, entries) groups; one file at a time (at 100,000 briefings the index is a
    few hundred MB of files)."""
    docs, languages = by_language(groups)
    found = postings(docs)
    keys = keys_of(found)
    shard_of: dict[str, int] = {}
    shard_tags = []
    for number, group in enumerate(pack(keys, found)):
        content = script(f"s{number}", {w: found[w] for key in group for w in keys[key]})
        shard_tags.append(_tag(content))
        shard_of.update((key, number) for key in group)
        yield DataFile(f"{FOLDER}/shards/{number}.js", content)
    del found, keys
    doc_tags = []
    hasher = hashlib.sha256()
    files = -(-len(docs) // DOC_CHUNK)
    for number, start in enumerate(range(0, len(docs), DOC_CHUNK)):
        content = script(f"d{number}", [_record(d) for d in docs[start:start + DOC_CHUNK]
                                        if d is not None])
        hasher.update(content)
        if number % FILES_PER_TAG == FILES_PER_TAG - 1 or number == files - 1:
            doc_tags.append(hasher.hexdigest()[:10])
            hasher = hashlib.sha256()
        yield DataFile(f"{FOLDER}/docs/{number}.js", content)
    manifest = {"version": FORMAT_VERSION, "config": config,
                "fields": [name for name, _shown in FIELDS], "count": len(docs),
                "boosts": _boosts(docs), "languages": languages, "chunk": DOC_CHUNK,
                "filesPerTag": FILES_PER_TAG,
                "keys": shard_of,
                "shards": shard_tags, "docs": doc_tags}
    yield DataFile(MANIFEST_PATH, script("manifest", manifest))
