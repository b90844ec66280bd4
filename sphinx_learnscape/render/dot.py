"""The landscape map as DOT: a pure function of (landscape, options) to text.

The grid is computed here (:mod:`.layout`) and pinned: Graphviz's ``nop``
layout (``neato -n``) keeps every position and only routes the links, as
splines around the cards. That is what makes the rows line up across zones
and the map look the same in every Graphviz (2.43 and the embedded 16).

Everything that is drawn but must not stand in a link's way is a *cluster*
with a fixed ``bb``: zones, cells, cards, the chips of tools and thinkers on
the cards, the axis, the legend. Graphviz routes splines only around nodes,
so each card also has an invisible box node of its own size, which is what a
link starts and ends at and what other links avoid. Clusters draw under the
links, so a link is never hidden by a box; none passes through a card that is
not its end. Every cluster sets all its attributes, since a subgraph would
otherwise inherit its parent's label, link and tooltip.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence

from sphinx_learnscape.data.model import Form, Landscape, Link, Record, Text, Thinker, Tool
from sphinx_learnscape.render import escape, evidence, layout, metrics, route, style
from sphinx_learnscape.render.content import Column, MapContent, map_content
from sphinx_learnscape.render.escape import Dot
from sphinx_learnscape.render.graph import DotWriter
from sphinx_learnscape.render.labels import place_labels
from sphinx_learnscape.render.layout import (
    CardIn,
    ChipIn,
    Grid,
    PlacedCard,
    PlacedChip,
    Rect,
    ZoneIn,
)
from sphinx_learnscape.render.legend import legend_items, write_legend
from sphinx_learnscape.render.messages import message, zone_band
from sphinx_learnscape.render.options import MapOptions

#: ``url_for(kind, id)``: where a node links to; None for no link.
UrlFor = Callable[[str, str], "str | None"]

#: Longest tooltip detail, in characters; the description is cut at a word boundary.
TOOLTIP_LIMIT = 300
#: Longest label in a tooltip: DOT strings end at 16384 bytes in Graphviz 2.43.
LABEL_LIMIT = 1000
#: Link labels: at most three lines this wide, narrow enough for the corridor between two
#: zones' cards with a little room on either side (48 pt); a longer word overflows.
LINK_WIDTH = layout.ZONE_GAP + 2 * (layout.ZONE_PAD + layout.CELL_PAD) - 4.0
LINK_LINES = 3
LINK_SIZE = 9.0
TITLE_SIZE = 15.0
#: Maps with at most this many links get their cells' order searched on the real routes.
SEARCH_LINKS = 40
#: ... with at most this many layouts and routings tried,
SEARCH_TRIES = 30
#: ... and stopped after this many tries in a row that uncrossed nothing.
SEARCH_STALE = 10
#: Graphviz's arrowhead length at ``arrowsize=1``.
ARROW = 10.0
#: The rows of the grid, top to bottom (``TB``: the columns, left to right).
BANDS = ("learning", "performance")


def map_dot(landscape: Landscape, options: MapOptions, *, language: str, url_for: UrlFor) -> str:
    """The DOT source of one map. Same arguments, byte-identical result."""
    return _MapWriter(map_content(landscape, options), options, language, url_for).write()


def no_urls(kind: str, id: str) -> str | None:
    """A :data:`UrlFor` that links nothing."""
    return None


def num(value: float) -> str:
    """A coordinate as DOT text: one decimal, no trailing zeros (``12``, ``12.5``)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _MapWriter:
    def __init__(self, content: MapContent, options: MapOptions, language: str, url_for: UrlFor) -> None:
        self.content = content
        self.options = options
        self.language = language
        self.url_for = url_for
        self.prefix = options.id_prefix
        self.w = DotWriter(escape.name("learnscape_map"))
        #: legend entries this map needs
        self.used: set[str] = set()
        self.edge_count = 0
        self.chip_count = 0
        self.show_forms = "forms" in content.show
        self.flip = options.layout == "TB"
        self.height = 0.0
        #: every card drawn so far, by form id: what links start, end at and go round
        self.cards: dict[str, Rect] = {}
        #: boxes of every text drawn so far: where no link label may go
        self.texts: list[Rect] = []
        self.bounds = Rect(0, 0, 0, 0)
        self._labelled: dict[frozenset[str], list[str]] | None = None
        #: the links' routes, when searching the order found them already
        self.routes: list[list[route.Point]] | None = None

    # -- text ------------------------------------------------------------

    def text(self, value: Text) -> str:
        return value.get(self.language)

    def tooltip(self, first: str, *rest: str | None) -> Dot:
        """The label on the first line (the SVG post-processor makes it the ``<title>``),
        then one line per detail, cut to :data:`TOOLTIP_LIMIT` characters in all.
        """
        lines = [escape.truncate(escape.clean(first), LABEL_LIMIT)]
        budget = TOOLTIP_LIMIT - len(lines[0])
        for detail in rest:
            text = escape.clean(detail or "")
            if not text or budget < 20:
                continue
            lines.append(escape.truncate(text, budget))
            budget -= len(lines[-1]) + 1
        return escape.tooltip(lines)

    def link_attrs(self, record: Record) -> dict[str, Dot]:
        """``URL`` and ``target``, or empty ones: a cluster must not inherit its parent's link."""
        target = self.url_for(record.kind, record.id)
        if target is None:
            return {"URL": escape.const(""), "target": escape.const("")}
        return {"URL": escape.url(target), "target": escape.const("_top")}

    # -- geometry --------------------------------------------------------

    def y(self, value: float) -> float:
        """Layout y (downwards) to Graphviz y (upwards)."""
        return self.height - value

    def bb(self, rect: Rect) -> Dot:
        return escape.const(
            f"{num(rect.x)},{num(self.y(rect.bottom))},{num(rect.right)},{num(self.y(rect.y))}"
        )

    def point(self, x: float, y: float) -> Dot:
        return escape.const(f"{num(x)},{num(self.y(y))}")

    # -- clusters ----------------------------------------------------------

    def cluster(
        self,
        name: str,
        rect: Rect,
        look: style.Look,
        *,
        ident: str,
        label: list[str],
        label_at: tuple[float, float] | None,
        tooltip: Dot,
        font: str = style.FONT,
        size: float = 10.0,
        css: str | None = None,
        links: dict[str, Dot] | None = None,
        **more: Dot,
    ) -> None:
        """Open a cluster: every attribute set, so that nothing is inherited from its parent."""
        attrs: dict[str, Dot] = {
            "bb": self.bb(rect),
            "label": escape.label(label) if label else escape.const(""),
            "id": escape.name(ident),
            "class": escape.classes(css or look.css),
            "tooltip": tooltip,
            "fontname": escape.const(font),
            "fontsize": escape.const(num(size)),
            "fontcolor": escape.const(style.TEXT),
            "fillcolor": escape.const(style.CELL_FILL),
            # the root's white background would fill every unfilled cluster
            "bgcolor": escape.const("#00000000"),
            "penwidth": escape.const("1"),
            **(links or {"URL": escape.const(""), "target": escape.const("")}),
        }
        if label_at is not None:
            attrs["lp"] = self.point(*label_at)
            if label:
                width = max(metrics.text_width(line, size) for line in label)
                height = len(label) * metrics.line_height(size)
                self.texts.append(Rect(label_at[0] - width / 2, label_at[1] - height / 2, width, height))
        for key, value in look.attrs:
            attrs[key] = escape.const(value)
        attrs.update(more)
        self.w.open(escape.name(name))
        self.w.set(attrs)

    def close(self) -> None:
        self.w.close()

    # -- the map ---------------------------------------------------------

    def zone_inputs(self) -> list[ZoneIn]:
        zones = []
        for column in self.content.columns:
            zone = column.zone
            title = self.text(zone.label) if zone else message("unplaced", self.language)
            band = zone_band(zone.band, self.language) if zone and zone.band else None
            if self.show_forms:
                cells = self.cells_in(column.learning, column.performance)
            else:
                chips = self.chips_in(column.thinkers, column.tools)
                cells = ((CardIn("", "", chips),) if chips else (),)
            zones.append(ZoneIn(zone.id if zone else None, title, band, cells))
        return zones

    def chips_in(self, thinkers: tuple[Thinker, ...], tools: tuple[Tool, ...]) -> tuple[ChipIn, ...]:
        return tuple(ChipIn("thinker", t.id, self.text(t.label)) for t in thinkers) + tuple(
            ChipIn("tool", t.id, self.text(t.label)) for t in tools
        )

    def cards_in(self, forms: tuple[Form, ...], after: Form | None = None) -> tuple[CardIn, ...]:
        """A cell's cards; a labelled link to the next card (``after``: the next cell's first
        card, for the last one) gets room for its label: under the card (``TB``: beside it).
        """
        labelled = self.labelled()

        def room(label: list[str], across: bool) -> float:
            # across the cards' flow (between stacks in LR): the label's width, else its height
            if across:
                return max(metrics.text_width(line, LINK_SIZE) for line in label) + 10
            return len(label) * metrics.line_height(LINK_SIZE) + 10

        cards = []
        for index, form in enumerate(forms):
            chips = self.chips_in(self.content.thinkers_of(form), self.content.tools_of(form))
            space = beside = 0.0
            following = forms[index + 1] if index + 1 < len(forms) else after
            if following is not None:
                label = labelled.get(frozenset((form.id, following.id)))
                if label:
                    space = room(label, self.flip)
            # the next stack (TB: line) of the cell, which a link may cross to
            start = (index // layout.STACK + 1) * layout.STACK
            for other in forms[start : start + layout.STACK]:
                label = labelled.get(frozenset((form.id, other.id)))
                if label:
                    beside = max(beside, room(label, not self.flip))
            cards.append(CardIn(form.id, self.text(form.label), chips, space, beside, badge=self.badge(form)))
        return tuple(cards)

    def labelled(self) -> dict[frozenset[str], list[str]]:
        """The label lines of each labelled link, by its two forms."""
        if self._labelled is None:
            self._labelled = {}
            for group in self.link_groups():
                label = self.link_label(group)
                if label:
                    self._labelled[frozenset((group[0].source, group[0].target))] = label
        return self._labelled

    def cells_in(
        self, learning: Sequence[Form], performance: Sequence[Form]
    ) -> tuple[tuple[CardIn, ...], ...]:
        """A zone's two cells of cards."""
        first = performance[0] if performance else None
        return (self.cards_in(tuple(learning), first), self.cards_in(tuple(performance)))

    def badge(self, form: Form) -> str | None:
        """``:color: evidence``: the words on a card naming its evidence level."""
        if self.content.evidence is None:
            return None
        return evidence.badge(evidence.step(self.content.evidence[form.id]), self.language)

    def link_label(self, group: tuple[Link, ...]) -> list[str]:
        """The lines of a link's label (its links' labels, else their kinds), or none."""
        texts = [self.text(x.label) if x.label else (x.kind or "") for x in group]
        label = "; ".join(dict.fromkeys(t for t in texts if t))
        return metrics.wrap(label, LINK_WIDTH, LINK_SIZE, LINK_LINES, split_words=False) if label else []

    def place(self, zones: list[ZoneIn]) -> tuple[Grid, list[str]]:
        """The grid of these zones, moved down under the title; and the title's lines."""
        axis = [message(f"band.{band}", self.language) for band in BANDS]
        grid = layout.layout_grid(zones, axis if self.show_forms else [], flip=self.flip)
        title_lines = (
            metrics.wrap(self.options.title, max(grid.width - 16, 200), TITLE_SIZE, 2)
            if self.options.title
            else []
        )
        if title_lines:
            grid = _shift(grid, len(title_lines) * metrics.line_height(TITLE_SIZE) + 6)
        return grid, title_lines

    def search_order(self, zones: list[ZoneIn]) -> list[ZoneIn]:
        """The cells' order changed where that removes crossings of the links as routed.

        :mod:`.order` counts crossings on straight lines between grid places;
        here, on small maps, neighbours of a cell that a crossed link touches
        trade places and the map is laid out and routed again, kept when the
        real routes cross less (at most :data:`SEARCH_TRIES` tries).
        """
        groups = self.link_groups()
        requests = [route.Request(g[0].source, g[0].target) for g in groups]
        if not self.show_forms or not requests or len(requests) > SEARCH_LINKS:
            return zones
        cells = [[list(forms) for forms in (c.learning, c.performance)] for c in self.content.columns]

        def score(
            zones: list[ZoneIn], previous: route.Routes | None
        ) -> tuple[int, float, dict[int, int], route.Routes]:
            grid, _ = self.place(zones)
            cards = {c.card.id: c.rect for z in grid.zones for cell in z.cells for c in cell.cards}
            routes = route.route_again(cards, requests, previous)
            hits = route.crossed(routes.drawn)
            length = sum(math.dist(p, q) for path in routes.drawn for p, q in itertools.pairwise(path))
            return sum(hits.values()) // 2, length, hits, routes

        best = score(zones, None)
        seen = {tuple(f.id for c in cells for fs in c for f in fs)}
        tries, stale = SEARCH_TRIES, 0
        improved = True
        while improved and tries > 0 and best[0] > 0 and stale < SEARCH_STALE:
            improved = False
            crossed = {e for i in best[2] for e in (requests[i].tail, requests[i].head)}
            for z, zone_cells in enumerate(cells):
                for forms in zone_cells:
                    for i in range(len(forms) - 1):
                        if tries == 0 or best[0] == 0 or stale == SEARCH_STALE:
                            break
                        if forms[i].id not in crossed and forms[i + 1].id not in crossed:
                            continue
                        forms[i], forms[i + 1] = forms[i + 1], forms[i]
                        key = tuple(f.id for c in cells for fs in c for f in fs)
                        if key in seen:
                            forms[i], forms[i + 1] = forms[i + 1], forms[i]
                            continue
                        seen.add(key)
                        trial = list(zones)
                        trial[z] = dataclasses.replace(zones[z], cells=self.cells_in(*zone_cells))
                        tries -= 1
                        result = score(trial, best[3])
                        stale = 0 if result[0] < best[0] else stale + 1
                        if result[:2] < best[:2]:
                            best, zones, improved = result, trial, True
                            crossed = {e for k in best[2] for e in (requests[k].tail, requests[k].head)}
                        else:
                            forms[i], forms[i + 1] = forms[i + 1], forms[i]
        self.routes = best[3].drawn
        return zones

    def write(self) -> str:
        zones = self.search_order(self.zone_inputs())
        grid, title_lines = self.place(zones)
        self.note_used(grid)
        items = legend_items(self.used, self.language) if self.options.legend else []
        layout.add_legend(grid, message("legend", self.language), items)
        self.height = grid.height
        self.bounds = Rect(0, 0, grid.width, grid.height)
        if grid.legend is not None:
            self.texts.append(grid.legend)
        w = self.w
        w.attr(
            "graph",
            {
                # Every node and every link has its place (pos): Graphviz only draws.
                "layout": escape.const("nop2"),
                "splines": escape.const("true"),
                "esep": escape.const(f"+{num(layout.ROUTE_MARGIN)}"),
                "outputorder": escape.const("edgesfirst"),
                "bb": escape.const(f"0,0,{num(grid.width)},{num(grid.height)}"),
                "fontname": escape.const(style.FONT),
                "bgcolor": escape.const("white"),
                "id": escape.name(self.prefix),
                "class": escape.const("learnscape-graph"),
            },
        )
        w.attr(
            "node",
            {
                "shape": escape.const("box"),
                "style": escape.const("invis"),
                "fixedsize": escape.const("true"),
                "label": escape.const(""),
            },
        )
        w.attr("edge", {"fontname": escape.const(style.FONT)})
        if title_lines:
            rect = Rect(
                layout.MARGIN,
                layout.MARGIN,
                grid.width - 2 * layout.MARGIN,
                len(title_lines) * metrics.line_height(TITLE_SIZE),
            )
            self.cluster(
                "cluster:title",
                rect,
                style.NOTE,
                ident=f"{self.prefix}-title",
                label=title_lines,
                label_at=(rect.cx, rect.cy),
                tooltip=self.tooltip(self.options.title or ""),
                font=style.FONT_BOLD,
                size=TITLE_SIZE,
                css="learnscape-title",
                fontcolor=escape.const(style.TEXT),
            )
            self.close()
        for (lines, rect), band in zip(grid.axis, BANDS, strict=False):
            self.cluster(
                f"cluster:axis:{band}",
                rect,
                style.NOTE,
                ident=f"{self.prefix}-axis-{band}",
                label=lines,
                label_at=(rect.cx, rect.cy),
                tooltip=self.tooltip(message(f"band.{band}", self.language)),
                size=layout.AXIS_SIZE,
                css=f"learnscape-axis learnscape-axis-{band}",
                fontname=escape.const(style.FONT_BOLD),
            )
            self.close()
        if not zones:
            self.nothing(grid)
        for column, placed in zip(self.content.columns, grid.zones, strict=True):
            self.zone(column, placed)
        self.links()
        if grid.legend is not None:
            write_legend(self, grid)
        return w.text()

    def note_used(self, grid: Grid) -> None:
        for zone in grid.zones:
            for cell in zone.cells:
                if not cell.cards:
                    self.used.add("empty")
                for card in cell.cards:
                    if card.card.id:
                        form = self.form_of(card.card.id)
                        self.used.add("performance" if form.orientation == "performance" else "learning")
                    self.used |= {chip.chip.kind for chip in card.chips}
        if self.content.evidence is not None:
            self.used.add("evidence")
        if self.content.links:
            self.used.add("link")
        if self.content.focus is not None:
            self.used.add("focus")

    def form_of(self, ident: str) -> Form:
        return next(f for f in self.content.forms if f.id == ident)

    def nothing(self, grid: Grid) -> None:
        text = message("empty.map", self.language)
        rect = Rect(layout.MARGIN, layout.MARGIN, max(grid.width - 2 * layout.MARGIN, 120), 30)
        self.used.add("empty")
        self.cluster(
            "cluster:empty:map",
            rect,
            style.EMPTY,
            ident=f"{self.prefix}-empty-map",
            label=[text],
            label_at=(rect.cx, rect.cy),
            tooltip=self.tooltip(text),
            font=style.FONT_ITALIC,
            size=layout.NOTE_SIZE,
        )
        self.close()

    def zone(self, column: Column, placed: layout.PlacedZone) -> None:
        zone = column.zone
        if zone is None:
            text = message("unplaced", self.language)
            self.cluster(
                "cluster:unplaced",
                placed.rect,
                style.Look("learnscape-zone learnscape-unplaced", (("style", "dashed,rounded"),)),
                ident=f"{self.prefix}-unplaced",
                label=placed.title,
                label_at=placed.title_at,
                tooltip=self.tooltip(text),
                font=style.FONT_BOLD,
                size=layout.ZONE_SIZE,
                color=escape.const(style.ZONE_BORDER),
                fillcolor=escape.const(style.ZONE_FILL),
            )
            key = "unplaced"
        else:
            band = zone_band(zone.band, self.language) if zone.band else None
            fill = escape.color(zone.color)
            more = {"colorscheme": escape.const("svg")} if fill and not fill.startswith("#") else {}
            self.cluster(
                f"cluster:zone:{zone.id}",
                placed.rect,
                style.Look(
                    "learnscape-zone" + (f" learnscape-band-{zone.band}" if zone.band else ""),
                    (("style", "rounded,filled"),),
                ),
                ident=f"{self.prefix}-zone-{zone.id}",
                label=placed.title,
                label_at=placed.title_at,
                tooltip=self.tooltip(
                    self.text(zone.label), band, self.text(zone.description) if zone.description else None
                ),
                font=style.FONT_BOLD,
                size=layout.ZONE_SIZE,
                links=self.link_attrs(zone),
                color=escape.const(style.ZONE_BORDER),
                fillcolor=fill or escape.const(style.ZONE_FILL),
                **more,
            )
            key = zone.id
        where = self.text(zone.label) if zone else message("unplaced", self.language)
        if zone is not None and zone.band and placed.band_at is not None:
            self.band_line(zone.id, zone_band(zone.band, self.language), placed)
        if not self.show_forms:
            [cell] = placed.cells
            if not cell.cards:
                self.empty(f"zone:{key}", "empty.zone", cell.rect, None)
            for card in cell.cards:
                for chip in card.chips:
                    self.chip(chip)
        else:
            for cell, band in zip(placed.cells, BANDS, strict=True):
                self.cell(key, where, band, cell)
        self.close()

    def band_line(self, key: str, text: str, placed: layout.PlacedZone) -> None:
        """The zone's 70:20:10 band under its name, in smaller type; it shares the zone's link."""
        assert placed.band_at is not None
        line = metrics.line_height(layout.BAND_SIZE)
        cx, cy = placed.band_at
        width = metrics.text_width(text, layout.BAND_SIZE)
        rect = Rect(cx - width / 2, cy - line / 2, width, line)
        zone = placed.zone
        record = next(z for z in self.content.zones if z.id == key)
        self.cluster(
            f"cluster:band:{key}",
            rect,
            style.NOTE,
            ident=f"{self.prefix}-zone-{key}-band",
            label=[text],
            label_at=(cx, cy),
            tooltip=self.tooltip(zone.title, text),
            size=layout.BAND_SIZE,
            css="learnscape-zone-band",
            links=self.link_attrs(record),
        )
        self.close()

    def cell(self, key: str, where: str, band: str, cell: layout.PlacedCell) -> None:
        text = message(f"band.{band}", self.language)
        self.cluster(
            f"cluster:band:{band}:{key}",
            cell.rect,
            style.Look(f"learnscape-cell learnscape-cell-{band}", (("style", "dashed,rounded,filled"),)),
            ident=f"{self.prefix}-band-{band}-{key}",
            label=[],
            label_at=None,
            tooltip=self.tooltip(f"{where}: {text}"),
            color=escape.const(style.BAND_BORDER),
        )
        if not cell.cards:
            empty = "empty.focus" if self.content.focus is not None else f"empty.{band}"
            self.empty(f"{band}:{key}", empty, cell.rect, where)
        for card in cell.cards:
            self.card(card)
        self.close()

    def empty(self, key: str, message_key: str, rect: Rect, where: str | None) -> None:
        """An empty cell's note, so that the gap in the landscape is seen."""
        text = message(message_key, self.language)
        # 2 pt from the cell's sides: a long word ("prestatieondersteuning") fits a one-card cell
        lines = metrics.wrap(text, rect.w - 4, layout.NOTE_SIZE, 2)
        height = len(lines) * metrics.line_height(layout.NOTE_SIZE)
        box = Rect(rect.x + 2, rect.cy - height / 2, rect.w - 4, height)
        self.cluster(
            f"cluster:empty:{key}",
            box,
            style.EMPTY,
            ident=f"{self.prefix}-empty-{key.replace(':', '-')}",
            label=lines,
            label_at=(box.cx, box.cy),
            tooltip=self.tooltip(f"{where}: {text}" if where else text),
            font=style.FONT_ITALIC,
            size=layout.NOTE_SIZE,
        )
        self.close()

    def card(self, placed: PlacedCard) -> None:
        form = self.form_of(placed.card.id)
        label = self.text(form.label)
        look = style.PERFORMANCE if form.orientation == "performance" else style.LEARNING
        focused = self.content.focus == ("form", form.id)
        css = look.css + (" learnscape-focus" if focused else "")
        more: dict[str, Dot] = {"penwidth": escape.const(style.FOCUS_PENWIDTH)} if focused else {}
        level = None
        if self.content.evidence is not None:
            ladder = self.content.evidence[form.id]
            level = evidence.step(ladder)
            css += f" {evidence.css(ladder)}"
            more["fillcolor"] = escape.const(evidence.FILLS[level])
        self.cluster(
            f"cluster:form:{form.id}",
            placed.rect,
            look,
            ident=f"{self.prefix}-form-{form.id}",
            label=placed.title,
            label_at=placed.title_at,
            tooltip=self.tooltip(
                label,
                placed.badge[1] if placed.badge else None,
                self.text(form.description) if form.description else None,
            ),
            size=layout.TITLE_SIZE,
            css=css,
            links=self.link_attrs(form),
            **more,
        )
        # What links start, end at and go around: a box as big as the card.
        rect = placed.rect
        self.cards[form.id] = rect
        self.w.node(
            escape.name(f"form:{form.id}"),
            {
                "pos": escape.const(f"{num(rect.cx)},{num(self.y(rect.cy))}!"),
                "width": escape.const(f"{rect.w / 72:.4f}"),
                "height": escape.const(f"{rect.h / 72:.4f}"),
            },
        )
        for chip in placed.chips:
            self.chip(chip)
        if placed.badge is not None and level is not None:
            rect, text = placed.badge
            self.cluster(
                f"cluster:badge:{form.id}",
                rect,
                style.BADGE,
                ident=f"{self.prefix}-form-{form.id}-evidence",
                label=[text],
                label_at=(rect.cx, rect.cy),
                tooltip=self.tooltip(label, text),
                size=layout.BADGE_SIZE,
                css=f"{style.BADGE.css} learnscape-evidence-{level}",
                links=self.link_attrs(form),
            )
            self.close()
        self.close()

    def chip(self, placed: PlacedChip) -> None:
        """A tool or thinker on a card, with its own link home and tooltip.

        Chips are numbered in the order they are drawn, so each id is unique
        although a tool sits on many cards.
        """
        kind, ident = placed.chip.kind, placed.chip.id
        record = next(
            r for r in (*self.content.tools, *self.content.thinkers) if r.kind == kind and r.id == ident
        )
        self.chip_count += 1
        label = self.text(record.label)
        if isinstance(record, Tool):
            details = [record.category, self.text(record.description) if record.description else None]
            look = style.TOOL
        else:
            assert isinstance(record, Thinker)
            years = f"({record.born or '?'}–{record.died or ''})" if record.born or record.died else None
            details = [
                years,
                self.text(record.known_for) if record.known_for else None,
                self.text(record.idea) if record.idea else None,
                self.text(record.description) if record.description else None,
            ]
            look = style.THINKER
        focused = self.content.focus == (kind, ident)
        rect = placed.rect
        self.cluster(
            f"cluster:chip:{self.chip_count}",
            rect,
            look,
            ident=f"{self.prefix}-chip{self.chip_count}-{kind}-{ident}",
            label=list(placed.lines),
            label_at=(rect.cx, rect.cy),
            tooltip=self.tooltip(label, *details),
            size=layout.CHIP_SIZE,
            css=look.css + (" learnscape-focus" if focused else ""),
            links=self.link_attrs(record),
            **({"penwidth": escape.const(style.FOCUS_PENWIDTH)} if focused else {}),
        )
        self.close()

    # -- links -------------------------------------------------------------

    def link_groups(self) -> list[tuple[Link, ...]]:
        """Links drawn as one edge: all those between the same two forms, either way."""
        groups: dict[tuple[str, ...], list[Link]] = {}
        for link in self.content.links:
            key = tuple(sorted((link.source, link.target)))
            groups.setdefault(key, []).append(link)
        return [tuple(links) for links in groups.values()]

    def links(self) -> None:
        forms = {f.id: f for f in self.content.forms}
        groups = self.link_groups()
        routes = self.routes
        if routes is None:
            routes = route.route(self.cards, [route.Request(g[0].source, g[0].target) for g in groups])
        labels = [self.link_label(group) for group in groups]
        sizes = [
            (
                max(metrics.text_width(line, LINK_SIZE) for line in label),
                len(label) * metrics.line_height(LINK_SIZE),
            )
            if label
            else None
            for label in labels
        ]
        spots = place_labels(routes, sizes, [*self.cards.values(), *self.texts], self.bounds)
        for group, points, label, spot in zip(groups, routes, labels, spots, strict=True):
            first = group[0]
            texts = [self.text(x.label) if x.label else (x.kind or "") for x in group]
            notes = [
                f"{self.text(forms[x.source].label)} → {self.text(forms[x.target].label)}"
                + (f": {t}" if t else "")
                for x, t in zip(group, texts, strict=True)
            ]
            kinds = sorted({escape.slug(x.kind or "link") for x in group})
            self.edge_count += 1
            attrs = {key: escape.const(value) for key, value in style.LINK.attrs}
            attrs.update(
                {
                    "class": escape.classes(
                        " ".join([style.LINK.css, *(f"learnscape-link-{k}" for k in kinds)])
                    ),
                    "id": escape.name(f"{self.prefix}-edge-{self.edge_count}"),
                    "tooltip": self.tooltip(notes[0], *notes[1:]),
                }
            )
            both = any(x.source != first.source for x in group)
            if label:
                attrs["label"] = escape.label(label)
                if spot is not None:
                    attrs["lp"] = self.point(*spot)
            if both:
                attrs["dir"] = escape.const("both")
            if points:
                attrs["pos"] = self.spline(points, both)
            self.w.edge(escape.name(f"form:{first.source}"), escape.name(f"form:{first.target}"), attrs)

    def spline(self, points: list[route.Point], both: bool) -> Dot:
        """A route as Graphviz's edge ``pos``: arrowhead end point(s), then the curve's points."""
        gap = ARROW * float(dict(style.LINK.attrs)["arrowsize"])
        curve = route.bezier(points, start_gap=gap if both else 0.0, end_gap=gap)
        # Graphviz reads the start point before the end point, whatever its docs' grammar says.
        parts = [f"s,{num(points[0][0])},{num(self.y(points[0][1]))}"] if both else []
        parts.append(f"e,{num(points[-1][0])},{num(self.y(points[-1][1]))}")
        parts += [f"{num(x)},{num(self.y(y))}" for x, y in curve]
        return escape.const(" ".join(parts))


def _shift(grid: Grid, dy: float) -> Grid:
    """The grid moved down by ``dy`` (room for the title)."""

    def card(c: PlacedCard) -> PlacedCard:
        return c.moved(0, dy)

    zones = [
        layout.PlacedZone(
            z.zone,
            z.rect.moved(0, dy),
            z.title,
            (z.title_at[0], z.title_at[1] + dy),
            [layout.PlacedCell(c.row, c.rect.moved(0, dy), [card(x) for x in c.cards]) for c in z.cells],
            (z.band_at[0], z.band_at[1] + dy) if z.band_at else None,
        )
        for z in grid.zones
    ]
    axis = [(lines, rect.moved(0, dy)) for lines, rect in grid.axis]
    return Grid(grid.width, grid.height + dy, zones, axis)
