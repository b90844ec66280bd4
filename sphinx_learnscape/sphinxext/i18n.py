"""Texts the extension writes itself (table headers, kind names), per language.

The catalogs are gettext files in ``sphinx_learnscape/locale``; the
language is ``learnscape_language`` (default: Sphinx's ``language``), so a
Dutch site gets Dutch headers over Dutch labels from the data.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "sphinx_learnscape"


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    languages = [language, language.split("_")[0]] if language else []
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def translate(message: str, language: str | None) -> str:
    return _translations(language or "en").gettext(message)


#: Human names of the object kinds (English; translated through the catalog).
KIND_NAMES = {
    "zone": "zone",
    "form": "learning form",
    "tool": "tool",
    "thinker": "thinker",
}


def kind_name(kind: str, language: str | None) -> str:
    return translate(KIND_NAMES.get(kind, kind), language)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it yet."""
    return message
