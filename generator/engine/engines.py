"""Which engine renders: MkDocs 1.6, or ProperDocs, its maintained fork.

Both read the same ``mkdocs.yml``, run Material and our hook, and give the same bytes
(tests/engine/test_engines.py). They differ in three places that matter here:

- ProperDocs is the package ``properdocs``; ``import properdocs.replacement`` makes every
  ``mkdocs.*`` import of the process (Material's, the hook's, ours) load ``properdocs.*``
  instead. That lasts for the whole process and cannot be undone once either engine's
  modules are loaded, so a process renders with one engine: :func:`activate` says whether
  it can, and the renderer runs the other engine in a fresh process when it cannot.
- ``importlib.metadata.version("mkdocs")`` keeps naming the real MkDocs (Material needs it
  installed): :func:`engine_version` asks for the package that renders.
- ProperDocs logs under ``properdocs``; Material still logs under ``mkdocs.material``.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib.metadata import version

ENGINES = ("mkdocs", "properdocs")
TITLES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}  # as messages name them
DEFAULT = "mkdocs"
ENVIRONMENT = "BRIEFINGS_ENGINE"  # the default for every build, serve and bundle (CI sets it)


class EngineError(Exception):
    """The engine could not render the build tree (or cannot be used as asked)."""


class EngineChoiceError(EngineError, ValueError):
    """An engine name that is not one of :data:`ENGINES`, or one that is not installed."""


def checked(name: str) -> str:
    """``name`` if it names an engine; otherwise an error that lists the engines."""
    if name not in ENGINES:
        raise EngineChoiceError(f"unknown engine '{name}': choose "
                                + " or ".join(ENGINES))
    return name


def from_environment() -> str:
    """The engine ``BRIEFINGS_ENGINE`` names, ``mkdocs`` when it is unset or empty."""
    name = os.environ.get(ENVIRONMENT) or DEFAULT
    try:
        return checked(name)
    except EngineChoiceError as error:
        raise EngineChoiceError(f"{ENVIRONMENT}: {error}") from None


def engine_version(name: str) -> str:
    """The installed version of the engine's own package (not whatever answers ``mkdocs``)."""
    return version(checked(name))


def active() -> str | None:
    """The engine this process's ``mkdocs`` modules come from; None before any is loaded."""
    loaded = sys.modules.get("mkdocs")
    if loaded is None:
        return None
    return "properdocs" if loaded is sys.modules.get("properdocs") else "mkdocs"


def activate(name: str) -> bool:
    """Make ``import mkdocs`` load ``name`` in this process, if it can still be chosen.

    False when the process already runs the other engine: render in a fresh process then.
    """
    current = active()
    if current is not None:
        return current == checked(name)
    if checked(name) == "properdocs":
        try:
            import properdocs.replacement  # noqa: F401  (the import is the switch)
        except ImportError as error:
            raise EngineChoiceError(f"ProperDocs is not installed here ({error}); `make site` "
                                    "installs the pinned version") from None

        # As ProperDocs' own command line does: Material's messages ('mkdocs.material...')
        # go where ProperDocs' go, so they show and count alike.
        logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    else:
        import mkdocs  # noqa: F401  (loaded now: nothing can switch this process later)
    return True


def logger_name(name: str) -> str:
    """The root of the engine's own loggers (its build and serve messages)."""
    return checked(name)
