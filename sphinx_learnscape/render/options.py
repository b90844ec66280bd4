"""What a map is asked to show: the options shared by the DOT and its text alternative."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sphinx_learnscape.data.query import Filter

#: The parts of a map that ``:show:`` can switch on and off.
SHOW_PARTS: tuple[str, ...] = ("forms", "tools", "thinkers", "links")
Layout = Literal["LR", "TB"]
#: How form cards are coloured: by orientation (``zones``, the default) or by evidence.
Coloring = Literal["zones", "evidence"]
COLORINGS: tuple[Coloring, ...] = ("zones", "evidence")

_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class MapOptions:
    """One map's request; every field has the default of a bare ``learnscape:map``."""

    selection: Filter = field(default_factory=Filter)
    show: frozenset[str] = frozenset(SHOW_PARTS)
    #: ``LR``: zones are columns, left to right; ``TB``: rows, top to bottom
    layout: Layout = "LR"
    legend: bool = True
    #: drawn above the map; None draws no title
    title: str | None = None
    #: starts every ``id`` in the SVG; give each map on one page its own
    id_prefix: str = "learnscape-map"
    #: draw only the neighbourhood of this form, tool, thinker or zone id
    #: (``kind:id`` names the kind); see :mod:`.focus`. An unknown id draws
    #: the map as if none were given: check it first with :func:`.focus.focus_known`.
    focus: str | None = None
    #: with ``focus``: how many links away from it forms are still drawn
    depth: int = 1
    #: ``evidence``: each card coloured by the highest outcome level it has evidence at,
    #: with a badge naming it (see :mod:`.evidence`)
    color: Coloring = "zones"

    def __post_init__(self) -> None:
        unknown = set(self.show) - set(SHOW_PARTS)
        if unknown:
            raise ValueError(f"unknown :show: part(s): {', '.join(sorted(unknown))}")
        if self.layout not in ("LR", "TB"):
            raise ValueError(f"layout must be LR or TB, not {self.layout!r}")
        if self.color not in COLORINGS:
            raise ValueError(f"color must be zones or evidence, not {self.color!r}")
        if isinstance(self.depth, bool) or not isinstance(self.depth, int) or self.depth < 0:
            raise ValueError(f"depth must be a whole number of links, 0 or more, not {self.depth!r}")
        if not _ID_PREFIX.fullmatch(self.id_prefix):
            raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {self.id_prefix!r}")


def parse_show(value: str) -> frozenset[str]:
    """``"forms, tools"`` -> ``{"forms", "tools"}``; ValueError names an unknown part."""
    parts = frozenset(p.strip() for p in value.split(",") if p.strip())
    unknown = parts - set(SHOW_PARTS)
    if unknown:
        raise ValueError(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(SHOW_PARTS)}")
    return parts
