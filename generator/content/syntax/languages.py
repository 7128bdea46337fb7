"""Language tags (a briefing's ``lang``, the keys of a registry entry's ``names``) and
names by language, checked against Unicode's CLDR through Babel."""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from generator.content.syntax.fields import FieldError, FieldErrors, _show, _text
from generator.content.syntax.yamlstrict import Located

_LANGUAGE_TAG = re.compile(r"\A[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
LANGUAGE_HINT = "a BCP 47 language tag Unicode's CLDR knows, for example en, ru, ar or hy"


def canonical_language(value: object) -> str | None:
    """A BCP 47 tag in its usual case (``ar``, ``zh-Hant-TW``), or None: not a language
    tag, or one CLDR has no data for (pages in it could show no dates or labels)."""
    if not isinstance(value, str) or not _LANGUAGE_TAG.match(value):
        return None
    try:
        locale = Locale.parse(value, sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    return "-".join(p for p in (locale.language, locale.script, locale.territory,
                                locale.variant) if p)


def language_tag(item: Located, key: str) -> str:
    """A BCP 47 language tag (``lang``, the keys of ``names``), in its usual case."""
    found = canonical_language(item.value)
    if found is None:
        shown = item.value.replace("_", "-") if isinstance(item.value, str) else ""
        hint = f"write '{shown}' with '-'" if canonical_language(shown) else LANGUAGE_HINT
        raise FieldError(f"'{key}' is not a known language tag: {_show(item.value)}",
                         item.line, hint)
    return found


def names_by_language(item: Located, key: str) -> tuple[tuple[str, str], ...]:
    """A mapping of language tags to names (``names: {ru: Армения, ar: أرمينيا}``)."""
    if not isinstance(item.value, dict) or not item.value:
        raise FieldError(f"'{key}' must be a mapping of language tags to names",
                         item.line, "for example {ru: Армения, ar: أرمينيا}")
    found: dict[str, str] = {}
    errors: list[FieldError] = []
    for tag, entry in item.value.items():
        try:
            language = language_tag(Located(tag, entry.line), f"{key}.{tag}")
            if language in found:
                raise FieldError(f"'{key}' gives two names in '{language}'", entry.line,
                                 "keep one, and put the other among 'aliases'")
            found[language] = _text(entry, f"'{key}.{tag}'", 200)
        except FieldError as error:
            errors.append(error)
    if errors:
        raise FieldErrors(errors)
    return tuple(found.items())
