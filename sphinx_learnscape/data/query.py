"""Selections of a landscape: the filter options that tables and maps share.

Options combine with AND; inside one option any listed value matches
(``:tools: wiki, teams`` keeps forms that use the wiki *or* Teams).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sphinx_learnscape.data.model import Form, Landscape, Outcome, Record, Thinker, Tool, Zone

R = TypeVar("R", bound=Record)

#: The option names, in the order the docs list them.
FILTER_OPTIONS = ("zones", "forms", "tools", "thinkers", "tags")


@dataclass(frozen=True, slots=True)
class Filter:
    """What a directive asked for; empty tuples mean "no restriction"."""

    zones: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    thinkers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.zones or self.forms or self.tools or self.thinkers or self.tags)


def form_matches(form: Form, selection: Filter) -> bool:
    if selection.zones and form.zone not in selection.zones:
        return False
    if selection.forms and form.id not in selection.forms:
        return False
    if selection.tools and not any(t in selection.tools for t in form.tools):
        return False
    if selection.thinkers and not any(t in selection.thinkers for t in form.thinkers):
        return False
    return not (selection.tags and not any(t in selection.tags for t in form.tags))


def select_forms(landscape: Landscape, selection: Filter) -> tuple[Form, ...]:
    """The forms a filter keeps, in data order."""
    if selection.is_empty:
        return landscape.forms
    return tuple(f for f in landscape.forms if form_matches(f, selection))


def select_zones(landscape: Landscape, selection: Filter) -> tuple[Zone, ...]:
    """Zones to show: all (so empty cells stay visible) unless ``:zones:`` narrows them."""
    if selection.zones:
        return tuple(z for z in landscape.zones if z.id in selection.zones)
    return landscape.zones


def _select_used(
    landscape: Landscape, selection: Filter, records: tuple[R, ...], option: str
) -> tuple[R, ...]:
    """Tools or thinkers (``option``) of the selected forms; all when nothing is filtered.

    Named alone (only ``:tools:``), they are listed even if no form uses them.
    """
    if selection.is_empty:
        return records
    named = set(getattr(selection, option))
    others = [name for name in FILTER_OPTIONS if name != option]
    if named and not any(getattr(selection, name) for name in others):
        return tuple(r for r in records if r.id in named)
    used = {i for f in select_forms(landscape, selection) for i in getattr(f, option)}
    if named:
        used &= named
    return tuple(r for r in records if r.id in used)


def select_tools(landscape: Landscape, selection: Filter) -> tuple[Tool, ...]:
    """Tools of the selected forms; every tool when nothing is filtered."""
    return _select_used(landscape, selection, landscape.tools, "tools")


def select_thinkers(landscape: Landscape, selection: Filter) -> tuple[Thinker, ...]:
    """Thinkers behind the selected forms; every thinker when nothing is filtered."""
    return _select_used(landscape, selection, landscape.thinkers, "thinkers")


def select_outcomes(landscape: Landscape, selection: Filter) -> tuple[Outcome, ...]:
    """Outcomes of the selected forms, in data order."""
    if selection.is_empty:
        return landscape.outcomes
    keep = {f.id for f in select_forms(landscape, selection)}
    return tuple(o for o in landscape.outcomes if o.form in keep)
