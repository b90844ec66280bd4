"""The map's own words (legend, band names, placeholders) in English and Dutch.

Data text comes translated from the YAML files; these are the few words the
map adds itself. Unknown languages fall back to English, like :meth:`Text.get`.
"""

from __future__ import annotations

from typing import Final

_EN: Final[dict[str, str]] = {
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
    "zones": "{n} zone|{n} zones",
    "forms": "{n} learning form|{n} learning forms",
    "tools": "{n} tool|{n} tools",
    "thinkers": "{n} thinker|{n} thinkers",
    "links": "{n} link|{n} links",
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

_NL: Final[dict[str, str]] = {
    "map": "Kaart van het leerlandschap",
    "band.learning": "leren · kennis",
    "band.performance": "presteren · informatie",
    "empty.learning": "geen leervormen",
    "empty.performance": "geen prestatieondersteuning",
    "empty.zone": "geen tools of denkers",
    "empty.map": "niets te tonen",
    "unplaced": "Zonder zone (onbekende zone)",
    "zone.band": "70:20:10: {band}",
    "band70.education": "opleiding",
    "band70.exposure": "leren van anderen",
    "band70.experience": "ervaring",
    "empty.focus": "geen in deze omgeving",
    "legend.focus": "in focus",
    "legend": "Legenda",
    "legend.learning": "leervorm (kennis)",
    "legend.performance": "prestatieondersteuning (informatie)",
    "legend.tool": "tool",
    "legend.thinker": "denker",
    "legend.empty": "lege cel",
    "legend.link": "verband tussen leervormen",
    "legend.zone": "zone (formeel → informeel)",
    "legend.unplaced": "leervorm zonder bekende zone",
    "text.learning": "Leren",
    "text.performance": "Prestatieondersteuning",
    "text.none": "(geen)",
    "text.tools": "tools",
    "text.thinkers": "denkers",
    "text.links": "verbanden",
    "zones": "{n} zone|{n} zones",
    "forms": "{n} leervorm|{n} leervormen",
    "tools": "{n} tool|{n} tools",
    "thinkers": "{n} denker|{n} denkers",
    "links": "{n} verband|{n} verbanden",
    "evidence.none": "geen bewijs",
    "evidence.activity": "activiteit",
    "evidence.activity-only": "alleen activiteit",
    "evidence.reaction": "reactie",
    "evidence.learning": "leren",
    "evidence.behaviour": "gedrag",
    "evidence.results": "resultaten",
    "evidence.roi": "ROI",
    "text.evidence": "bewijs",
    "legend.evidence": "bewijs: hoogste niveau",
}

_TABLES: Final[dict[str, dict[str, str]]] = {"en": _EN, "nl": _NL}


def message(key: str, language: str | None, **values: object) -> str:
    """The text for ``key`` in ``language`` (``nl_BE`` finds ``nl``), else English."""
    lang = (language or "en").replace("-", "_")
    table = _TABLES.get(lang) or _TABLES.get(lang.split("_")[0]) or _EN
    return table.get(key, _EN[key]).format(**values)


def band_name(band: str, language: str | None) -> str:
    """A zone's 70:20:10 band in the map's language (``education`` -> ``opleiding``)."""
    return message(f"band70.{band}", language) if f"band70.{band}" in _EN else band


def zone_band(band: str, language: str | None) -> str:
    """The line under a zone's title: ``70:20:10: education``."""
    return message("zone.band", language, band=band_name(band, language))


def count(key: str, n: int, language: str | None) -> str:
    """``"1 tool"`` / ``"3 tools"``: singular and plural are split by ``|``."""
    singular, plural = message(key, language, n=n).split("|")
    return singular if n == 1 else plural
