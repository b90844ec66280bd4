"""The map's own words (legend, band names, empty cells, the text alternative's), by key.

Data text comes translated from the YAML files; these are the few words the
map adds itself. Each key names an English message, translated through the
package's one catalog (:mod:`sphinx_learnscape.i18n`); an unknown language
gets English.
"""

from __future__ import annotations

from typing import Final

from sphinx_learnscape.i18n import ngettext, translate

#: key -> the English message
_TEXTS: Final[dict[str, str]] = {
    "map": "Landscape map",
    "band.learning": "learning · knowledge",
    "band.performance": "performance · information",
    "empty.learning": "no learning forms",
    "empty.performance": "no performance support",
    "empty.zone": "no tools or thinkers",
    "empty.map": "nothing to show",
    "unplaced": "Unplaced (unknown zone)",
    "zone.band": "70:20:10: {band}",
    "band70.education": "education",
    "band70.exposure": "exposure",
    "band70.experience": "experience",
    "empty.focus": "none in this neighbourhood",
    "legend.focus": "in focus",
    "legend": "Legend",
    "legend.learning": "learning form (knowledge)",
    "legend.performance": "performance support (information)",
    "legend.tool": "tool",
    "legend.thinker": "thinker",
    "legend.empty": "empty cell",
    "legend.link": "link between forms",
    "legend.zone": "zone (formal → informal)",
    "legend.unplaced": "form without a known zone",
    "text.learning": "Learning",
    "text.performance": "Performance support",
    "text.none": "(none)",
    "text.tools": "tools",
    "text.thinkers": "thinkers",
    "text.links": "links",
    "evidence.none": "no evidence",
    "evidence.activity": "activity",
    "evidence.activity-only": "activity only",
    "evidence.reaction": "reaction",
    "evidence.learning": "learning",
    "evidence.behaviour": "behaviour",
    "evidence.results": "results",
    "evidence.roi": "ROI",
    "text.evidence": "evidence",
    "legend.evidence": "evidence: highest level",
}

#: key -> the English singular and plural, for :func:`count`
_PLURALS: Final[dict[str, tuple[str, str]]] = {
    "zones": ("{n} zone", "{n} zones"),
    "forms": ("{n} learning form", "{n} learning forms"),
    "tools": ("{n} tool", "{n} tools"),
    "thinkers": ("{n} thinker", "{n} thinkers"),
    "links": ("{n} link", "{n} links"),
}


def message(key: str, language: str | None, **values: object) -> str:
    """The text for ``key`` in ``language`` (``nl_BE`` finds ``nl``), else English."""
    return translate(_TEXTS[key], language).format(**values)


def band_name(band: str, language: str | None) -> str:
    """A zone's 70:20:10 band in the map's language (``education`` -> ``opleiding``)."""
    return message(f"band70.{band}", language) if f"band70.{band}" in _TEXTS else band


def zone_band(band: str, language: str | None) -> str:
    """The line under a zone's title: ``70:20:10: education``."""
    return message("zone.band", language, band=band_name(band, language))


def count(key: str, n: int, language: str | None) -> str:
    """``"1 tool"`` / ``"3 tools"``, as the language's plural rule says."""
    singular, plural = _PLURALS[key]
    return ngettext(singular, plural, n, language).format(n=n)


def english_messages() -> set[str]:
    """Every English message of the map, for the catalog test."""
    return set(_TEXTS.values()) | {form for pair in _PLURALS.values() for form in pair}
