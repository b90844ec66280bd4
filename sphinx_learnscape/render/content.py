"""Which objects a map shows and where: computed once, drawn by DOT and told by the text alternative.

Keeping this apart from DOT generation is what makes the text alternative say
exactly what the picture shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_learnscape.data.model import Form, Landscape, Link, Thinker, Tool, Zone
from sphinx_learnscape.data.query import select_forms, select_thinkers, select_tools, select_zones
from sphinx_learnscape.render.options import MapOptions


@dataclass(frozen=True, slots=True)
class Column:
    """One zone of the map (or the trailing column of forms whose zone is unknown)."""

    #: None for the "unplaced" column
    zone: Zone | None
    learning: tuple[Form, ...]
    performance: tuple[Form, ...]
    #: the tools and thinkers of this column's forms, in data order: each zone
    #: draws its own copy of a shared tool, so no edge leaves a zone
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

    @property
    def zones(self) -> tuple[Zone, ...]:
        return tuple(c.zone for c in self.columns if c.zone is not None)

    def tools_of(self, form: Form) -> tuple[Tool, ...]:
        return tuple(t for t in self.tools if t.id in form.tools)

    def thinkers_of(self, form: Form) -> tuple[Thinker, ...]:
        return tuple(t for t in self.thinkers if t.id in form.thinkers)


def map_content(landscape: Landscape, options: MapOptions) -> MapContent:
    """Apply the selection: zones, the forms it keeps, only their tools, thinkers and links."""
    selection = options.selection
    zones = select_zones(landscape, selection)
    zone_ids = {z.id for z in zones}
    forms = tuple(f for f in select_forms(landscape, selection) if f.zone is None or f.zone in zone_ids)
    column_zones: list[Zone | None] = list(zones)
    if any(f.zone is None for f in forms):
        column_zones.append(None)
    column_of = {z.id if z else None: i for i, z in enumerate(column_zones)}

    # Tools and thinkers only where a shown form uses them, in data order.
    users: dict[str, list[int]] = {}
    thinker_users: dict[str, list[int]] = {}
    for form in forms:
        for tool in form.tools:
            users.setdefault(tool, []).append(column_of[form.zone])
        for thinker in form.thinkers:
            thinker_users.setdefault(thinker, []).append(column_of[form.zone])
    show = options.show
    tools = tuple(t for t in select_tools(landscape, selection) if t.id in users) if "tools" in show else ()
    thinkers = (
        tuple(t for t in select_thinkers(landscape, selection) if t.id in thinker_users)
        if "thinkers" in show
        else ()
    )

    form_ids = {f.id for f in forms}
    links = (
        tuple(x for x in landscape.links if x.source in form_ids and x.target in form_ids)
        if "links" in show and "forms" in show
        else ()
    )
    columns = []
    for index, zone in enumerate(column_zones):
        here = [f for f in forms if f.zone == (zone.id if zone else None)]
        columns.append(
            Column(
                zone=zone,
                learning=tuple(f for f in here if f.orientation != "performance"),
                performance=tuple(f for f in here if f.orientation == "performance"),
                tools=tuple(t for t in tools if index in users[t.id]),
                thinkers=tuple(t for t in thinkers if index in thinker_users[t.id]),
            )
        )
    return MapContent(tuple(columns), forms, tools, thinkers, links, frozenset(show))
