"""Which objects a map shows and where: computed once, drawn by DOT and told by the text alternative.

Keeping this apart from DOT generation is what makes the text alternative say
exactly what the picture shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_learnscape.data.evidence import FormEvidence, form_evidence
from sphinx_learnscape.data.model import Form, Landscape, Link, Thinker, Tool, Zone
from sphinx_learnscape.data.query import select_forms, select_thinkers, select_tools, select_zones
from sphinx_learnscape.render.focus import neighbourhood, resolve_focus
from sphinx_learnscape.render.options import MapOptions
from sphinx_learnscape.render.order import order_cells


@dataclass(frozen=True, slots=True)
class Column:
    """One zone of the map (or the trailing column of forms whose zone is unknown)."""

    #: None for the "unplaced" column
    zone: Zone | None
    #: the forms of each cell, in drawing order (see :mod:`.order`)
    learning: tuple[Form, ...]
    performance: tuple[Form, ...]
    #: the tools and thinkers of this column's forms, in data order: drawn in
    #: the zone itself only when forms are hidden (else they sit on the cards)
    tools: tuple[Tool, ...]
    thinkers: tuple[Thinker, ...]

    @property
    def forms(self) -> tuple[Form, ...]:
        return self.learning + self.performance


@dataclass(frozen=True, slots=True)
class MapContent:
    columns: tuple[Column, ...]
    forms: tuple[Form, ...]
    tools: tuple[Tool, ...]
    thinkers: tuple[Thinker, ...]
    links: tuple[Link, ...]
    show: frozenset[str]
    #: the focused object as (kind, id), or None for a whole map
    focus: tuple[str, str] | None = None
    #: with ``:color: evidence``: each drawn form's evidence ladder, by form id
    evidence: dict[str, FormEvidence] | None = None

    @property
    def zones(self) -> tuple[Zone, ...]:
        return tuple(c.zone for c in self.columns if c.zone is not None)

    def tools_of(self, form: Form) -> tuple[Tool, ...]:
        """The tools on a form's card, in data order (none when ``:show:`` hides tools)."""
        return tuple(t for t in self.tools if t.id in form.tools)

    def thinkers_of(self, form: Form) -> tuple[Thinker, ...]:
        return tuple(t for t in self.thinkers if t.id in form.thinkers)


def map_content(landscape: Landscape, options: MapOptions) -> MapContent:
    """Apply the selection (and the focus): zones, the forms kept, only their tools, thinkers and links."""
    selection = options.selection
    zones = select_zones(landscape, selection)
    zone_ids = {z.id for z in zones}
    forms = tuple(f for f in select_forms(landscape, selection) if f.zone is None or f.zone in zone_ids)
    focus = resolve_focus(landscape, options.focus) if options.focus else None
    if focus is not None:
        near = neighbourhood(forms, landscape.links, *focus, options.depth)
        forms = tuple(f for f in forms if f.id in near)
        # A focus map shows the zones of its forms (and a focused zone), not the whole landscape.
        held = {f.zone for f in forms}
        zones = tuple(z for z in zones if z.id in held or focus == ("zone", z.id))
    column_zones: list[Zone | None] = list(zones)
    if any(f.zone is None or f.zone not in zone_ids for f in forms):
        column_zones.append(None)
    shown_zones = {z.id for z in zones}

    show = options.show
    used_tools = {t for f in forms for t in f.tools}
    used_thinkers = {t for f in forms for t in f.thinkers}
    tools = (
        tuple(t for t in select_tools(landscape, selection) if t.id in used_tools) if "tools" in show else ()
    )
    thinkers = (
        tuple(t for t in select_thinkers(landscape, selection) if t.id in used_thinkers)
        if "thinkers" in show
        else ()
    )

    form_ids = {f.id for f in forms}
    links = (
        tuple(x for x in landscape.links if x.source in form_ids and x.target in form_ids)
        if "links" in show and "forms" in show
        else ()
    )

    def zone_key(form: Form) -> str | None:
        return form.zone if form.zone in shown_zones else None

    cells = []
    for zone in column_zones:
        here = [f for f in forms if zone_key(f) == (zone.id if zone else None)]
        cells.append(
            (
                [f for f in here if f.orientation != "performance"],
                [f for f in here if f.orientation == "performance"],
            )
        )
    ordered = order_cells(cells, links)
    columns = []
    for zone, (learning, performance) in zip(column_zones, ordered, strict=True):
        here = learning + performance
        columns.append(
            Column(
                zone=zone,
                learning=tuple(learning),
                performance=tuple(performance),
                tools=tuple(t for t in tools if any(t.id in f.tools for f in here)),
                thinkers=tuple(t for t in thinkers if any(t.id in f.thinkers for f in here)),
            )
        )
    drawn = tuple(f for c in columns for f in c.forms)
    evidence = {f.id: form_evidence(landscape, f) for f in drawn} if options.color == "evidence" else None
    return MapContent(tuple(columns), drawn, tools, thinkers, links, frozenset(show), focus, evidence)
