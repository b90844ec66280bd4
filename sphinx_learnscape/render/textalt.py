"""The map's text alternative: what the picture shows, as data and as plain text.

Built from the same :class:`~.content.MapContent` as the DOT, so the list
names exactly the zones, forms, tools, thinkers and links that are drawn.
The Sphinx layer turns the list into linked docutils lists (every builder)
and puts :func:`aria_summary` in the figure's label;
:func:`text_alternative_plain` is the same as plain text, for other tools.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_learnscape.data.model import Landscape, Record
from sphinx_learnscape.render import evidence
from sphinx_learnscape.render.content import Column, MapContent, map_content
from sphinx_learnscape.render.messages import count, message, zone_band
from sphinx_learnscape.render.options import MapOptions


@dataclass(frozen=True, slots=True)
class LinkEntry:
    """A link drawn from one form to another."""

    source: str
    target: str
    target_label: str
    #: the link's label, else its kind, else None
    label: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class FormEntry:
    id: str
    label: str
    #: ``learning`` or ``performance``
    orientation: str
    #: ids of the tools and thinkers drawn beside the form, with their labels
    tools: tuple[str, ...]
    tool_labels: tuple[str, ...]
    thinkers: tuple[str, ...]
    thinker_labels: tuple[str, ...]
    #: links leaving this form
    links: tuple[LinkEntry, ...]
    #: with ``:color: evidence``: the card's badge, e.g. ``L3 behaviour`` or ``no evidence``
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class ZoneEntry:
    """One column of the map; ``id`` is None for forms whose zone is unknown."""

    id: str | None
    label: str
    band: str | None
    forms: tuple[FormEntry, ...]
    #: only when forms are hidden (``:show:`` without ``forms``): the tools
    #: and thinkers drawn in this zone
    tools: tuple[str, ...] = ()
    tool_labels: tuple[str, ...] = ()
    thinkers: tuple[str, ...] = ()
    thinker_labels: tuple[str, ...] = ()
    #: the band as the map writes it, in the map's language (``70:20:10: opleiding``)
    band_label: str | None = None

    @property
    def learning(self) -> tuple[FormEntry, ...]:
        return tuple(f for f in self.forms if f.orientation != "performance")

    @property
    def performance(self) -> tuple[FormEntry, ...]:
        return tuple(f for f in self.forms if f.orientation == "performance")


def _ids_labels(records: tuple[Record, ...], language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(r.id for r in records), tuple(r.title(language) for r in records)


def _zone_entry(content: MapContent, column: Column, language: str) -> ZoneEntry:
    zone = column.zone
    label = zone.title(language) if zone else message("unplaced", language)
    band = zone.band if zone else None
    if "forms" not in content.show:
        tools, tool_labels = _ids_labels(column.tools, language)
        thinkers, thinker_labels = _ids_labels(column.thinkers, language)
        return ZoneEntry(
            zone.id if zone else None,
            label,
            band,
            (),
            tools,
            tool_labels,
            thinkers,
            thinker_labels,
            zone_band(band, language) if band else None,
        )
    labels = {f.id: f.title(language) for f in content.forms}
    forms = []
    for form in column.forms:
        tools, tool_labels = _ids_labels(content.tools_of(form), language)
        thinkers, thinker_labels = _ids_labels(content.thinkers_of(form), language)
        links = tuple(
            LinkEntry(
                link.source,
                link.target,
                labels[link.target],
                link.label.get(language) if link.label else link.kind,
                link.kind,
            )
            for link in content.links
            if link.source == form.id
        )
        forms.append(
            FormEntry(
                form.id,
                form.title(language),
                form.orientation,
                tools,
                tool_labels,
                thinkers,
                thinker_labels,
                links,
                evidence.badge(evidence.step(content.evidence[form.id]), language)
                if content.evidence is not None
                else None,
            )
        )
    return ZoneEntry(
        zone.id if zone else None,
        label,
        band,
        tuple(forms),
        band_label=zone_band(band, language) if band else None,
    )


def text_alternative(landscape: Landscape, options: MapOptions, language: str) -> list[ZoneEntry]:
    """Zones in map order -> forms (in their drawing order) -> their tools, thinkers and outgoing links.

    A focus map (:attr:`MapOptions.focus`) lists only the zones and forms it draws.
    """
    content = map_content(landscape, options)
    return [_zone_entry(content, column, language) for column in content.columns]


def aria_summary(landscape: Landscape, options: MapOptions, language: str) -> str:
    """One sentence: ``Landscape map: 3 zones, 6 learning forms, 4 tools, 7 thinkers, 3 links.``"""
    return _summary(map_content(landscape, options), language)


def _summary(content: MapContent, language: str) -> str:
    parts = [count("zones", len(content.zones), language)]
    if "forms" in content.show:
        parts.append(count("forms", len(content.forms), language))
    if "tools" in content.show:
        parts.append(count("tools", len(content.tools), language))
    if "thinkers" in content.show:
        parts.append(count("thinkers", len(content.thinkers), language))
    if "links" in content.show and "forms" in content.show:
        parts.append(count("links", len(content.links), language))
    return f"{message('map', language)}: {', '.join(parts)}."


def text_alternative_plain(landscape: Landscape, options: MapOptions, language: str) -> str:
    """The text alternative as indented plain text, summary first, ending in a newline."""
    content = map_content(landscape, options)
    lines = [_summary(content, language)]
    none = message("text.none", language)
    for column in content.columns:
        zone = _zone_entry(content, column, language)
        band = f" ({zone.band_label})" if zone.band_label else ""
        lines += ["", f"{zone.label}{band}"]
        if "forms" not in content.show:
            details = _details(
                (("text.tools", zone.tool_labels), ("text.thinkers", zone.thinker_labels)), language
            )
            lines.append(f"  {details or none}")
            continue
        groups = [(None, zone.forms)] if zone.id is None else [
            ("text.learning", zone.learning),
            ("text.performance", zone.performance),
        ]  # fmt: skip
        for heading, forms in groups:
            indent = "  "
            if heading:
                lines.append(f"  {message(heading, language)}:")
                indent = "    "
            if not forms:
                lines.append(f"{indent}{none}")
            for form in forms:
                links = tuple(
                    f"→ {x.target_label}" + (f" ({x.label})" if x.label else "") for x in form.links
                )
                details = _details(
                    (
                        ("text.tools", form.tool_labels),
                        ("text.thinkers", form.thinker_labels),
                        ("text.links", links),
                    ),
                    language,
                )
                level = f" [{message('text.evidence', language)}: {form.evidence}]" if form.evidence else ""
                lines.append(f"{indent}- {form.label}{level}" + (f" — {details}" if details else ""))
    return "\n".join(lines) + "\n"


def _details(groups: tuple[tuple[str, tuple[str, ...]], ...], language: str) -> str:
    return "; ".join(f"{message(key, language)}: {', '.join(values)}" for key, values in groups if values)
