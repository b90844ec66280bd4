"""The words the package writes itself, in one gettext catalog per language.

Table headers, kind names, the map's legend and empty cells, the text
alternative, chart labels: every such text is an English message id,
translated through ``sphinx_learnscape/locale/<lang>/LC_MESSAGES/
sphinx_learnscape.po`` (compiled to ``.mo`` by ``scripts/compile_catalogs.py``).
Data text comes translated from the YAML files instead
(:meth:`~sphinx_learnscape.data.model.Text.get`); both follow
:func:`language_chain`. Plain Python: the CLI and the render layer use it too.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sphinx_learnscape"


@functools.lru_cache(maxsize=64)
def language_chain(language: str | None) -> tuple[str, ...]:
    """Where to look for ``language``, in order: itself, its base language, English.

    ``pt-BR`` and ``pt_BR`` are one language (Sphinx writes the second,
    YAML authors often the first); case does not matter.
    """
    wanted = (language or "").replace("-", "_").lower()
    chain = [wanted, wanted.split("_")[0], "en"]
    return tuple(dict.fromkeys(c for c in chain if c))


@functools.cache
def _catalog(language: str) -> gettext.NullTranslations:
    # English is the message ids themselves: an unknown language ends there.
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=list(language_chain(language)), fallback=True)


def translate(message: str, language: str | None) -> str:
    """``message`` (English) in ``language``."""
    return _catalog((language or "en").replace("-", "_")).gettext(message)


def ngettext(singular: str, plural: str, n: int, language: str | None) -> str:
    """The singular or plural form for ``n``, as ``language``'s plural rule says."""
    return _catalog((language or "en").replace("-", "_")).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it yet."""
    return message
