"""The words of the Sphinx layer: kind names, and the catalog's functions under one roof.

Everything is translated through the one catalog of :mod:`sphinx_learnscape.i18n`;
the language is ``learnscape_language`` (default: Sphinx's ``language``), so
a Dutch site gets Dutch headers over Dutch labels from the data.
"""

from __future__ import annotations

from sphinx_learnscape.i18n import N_, ngettext, translate

#: Human names of the object kinds (English; translated through the catalog).
KIND_NAMES: dict[str, str] = {
    "zone": N_("zone"),
    "form": N_("learning form"),
    "tool": N_("tool"),
    "thinker": N_("thinker"),
}


def kind_name(kind: str, language: str | None) -> str:
    return translate(KIND_NAMES.get(kind, kind), language)


__all__ = ["KIND_NAMES", "N_", "kind_name", "ngettext", "translate"]
