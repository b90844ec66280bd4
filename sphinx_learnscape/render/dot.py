"""The landscape map as DOT: a pure function of (landscape, options) to text.

Layout, for ``LR`` (``TB`` is the same turned a quarter): every zone is a
box, a column in data order, formal first. Its forms fill two stacked bands,
learning above performance, each band always present so that an empty cell
shows; beside them, in the box's second rank, sit the tools and thinkers of
those forms. A tool or thinker that serves forms of several zones is drawn
once in each of them (every copy links to the same home), so no form reaches
across the map for its tools: the only edges between zones are links between
forms. Forms whose zone is unknown end the map in an "unplaced" column; the
legend sits under the last column, where it costs height but no width.

What keeps this in place in both Graphviz 2.43 and 16, and in any landscape
(``tests/test_dot.py`` draws hundreds of tangled random ones):

- the *ridge*, a heavy chain of invisible points, one at the top of each rank
  of each box, left to right: the boxes hang level from it;
- *order anchors*, invisible points one rank before a column, that hold its
  bands (and the legend) in order with bundles of parallel edges;
- a pull from the ridge that hangs each band just below the one before it.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from sphinx_learnscape.data.model import Form, Landscape, Link, Record, Text, Thinker, Tool, Zone
from sphinx_learnscape.render import escape, style
from sphinx_learnscape.render.content import Column, MapContent, map_content
from sphinx_learnscape.render.escape import Dot
from sphinx_learnscape.render.graph import DotWriter, look
from sphinx_learnscape.render.legend import write_legend
from sphinx_learnscape.render.messages import message
from sphinx_learnscape.render.options import MapOptions

#: ``url_for(kind, id)``: where a node links to; None for no link.
UrlFor = Callable[[str, str], "str | None"]

#: Longest tooltip, in characters; the description is cut at a word boundary.
TOOLTIP_LIMIT = 300
_INVISIBLE = {"style": escape.const("invis")}
_WEIGHTLESS = {"style": escape.const("invis"), "weight": escape.const("0")}
_INVISIBLE_POINT = {
    "shape": escape.const("point"),
    "style": escape.const("invis"),
    "width": escape.const("0"),
}
#: Parallel edges per bundle; 5 already held in 1000 random layouts, 10 is margin.
BUNDLE = 10
#: How hard each band is pulled up to the ridge (beating its tools' and thinkers' pulls).
HANG_WEIGHT = "20"
#: How hard the ridge keeps the tops of the zone boxes in line.
RIDGE_WEIGHT = "1000"
#: Characters per line of a form's label, and of a tool's or thinker's.
FORM_WRAP = 14
RESOURCE_WRAP = 14
#: Characters per line of a band's name (which sets the band's least width).
BAND_WRAP = 14
LINK_WRAP = 18
ZONE_WRAP = 26
#: Space inside a zone's box and a band's box, in points (Graphviz: 8).
ZONE_MARGIN = "6"
BAND_MARGIN = "4"


@dataclass(frozen=True, slots=True)
class _LinkGroup:
    """Links drawn as one edge: all those between two forms of one column, else one link."""

    links: tuple[Link, ...]
    #: whether both forms are in one column (a flat edge)
    flat: bool


@dataclass(frozen=True, slots=True)
class _Placed:
    """Where a column went: its ranks top to bottom, its ridge points, its order anchors."""

    #: ridge point, then forms and empty cells (or, with forms hidden, tools and thinkers)
    main: list[Dot]
    #: ridge point, then the tools and thinkers beside the forms (the next rank); or nothing
    side: list[Dot]
    #: the invisible points at the top of each rank, left to right
    ridge: list[Dot]


def map_dot(landscape: Landscape, options: MapOptions, *, language: str, url_for: UrlFor) -> str:
    """The DOT source of one map. Same arguments, byte-identical result."""
    return _MapWriter(map_content(landscape, options), options, language, url_for).write()


def no_urls(kind: str, id: str) -> str | None:
    """A :data:`UrlFor` that links nothing."""
    return None


def _wrap(text: str, width: int) -> list[str]:
    # Break only at spaces, so that joining the lines with spaces gives the text back.
    return textwrap.wrap(escape.clean(text), width, break_long_words=False, break_on_hyphens=False) or [""]


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
        self.show_forms = "forms" in content.show
        self.flip = options.layout == "LR"
        #: (column, kind, id) -> the node of that tool's or thinker's copy in the column
        self.copies: dict[tuple[int, str, str], Dot] = {}
        self.copy_count: dict[tuple[str, str], int] = {}
        #: order anchors and the node each one holds in place
        self.bundles: list[tuple[Dot, Dot]] = []
        #: lines of the tallest zone title
        self.title_lines = 0
        self.link_groups: list[_LinkGroup] = []

    # -- text ------------------------------------------------------------

    def text(self, value: Text) -> str:
        return value.get(self.language)

    def tooltip(self, first: str, *rest: str | None) -> Dot:
        """The label on the first line (the SVG post-processor makes it the ``<title>``),
        then one line per detail, cut to :data:`TOOLTIP_LIMIT` characters in all.
        """
        lines = [escape.clean(first)]
        budget = TOOLTIP_LIMIT - len(lines[0])
        for detail in rest:
            text = escape.clean(detail or "")
            if not text or budget < 20:
                continue
            lines.append(escape.truncate(text, budget))
            budget -= len(lines[-1]) + 1
        return escape.tooltip(lines)

    def link_attrs(self, record: Record) -> dict[str, Dot]:
        target = self.url_for(record.kind, record.id)
        if target is None:
            return {}
        return {"URL": escape.url(target), "target": escape.const("_top")}

    def edge_id(self) -> Dot:
        self.edge_count += 1
        return escape.name(f"{self.prefix}-edge-{self.edge_count}")

    # -- the map ---------------------------------------------------------

    def write(self) -> str:
        w = self.w
        graph = {
            "rankdir": escape.const(self.options.layout),
            "newrank": escape.const("true"),
            "fontname": escape.const(style.FONT),
            "bgcolor": escape.const("white"),
            "nodesep": escape.const("0.12"),
            "ranksep": escape.const("0.2"),
            "outputorder": escape.const("edgesfirst"),
            "id": escape.name(self.prefix),
            "class": escape.const("learnscape-graph"),
        }
        if self.options.title:
            graph.update(
                label=escape.label(_wrap(self.options.title, 80)),
                labelloc=escape.const("t"),
                fontsize=escape.const("16"),
            )
        w.attr("graph", graph)
        w.attr("node", {"fontname": escape.const(style.FONT), "fontsize": escape.const("12"),
                        "margin": escape.const("0.07,0.04")})  # fmt: skip
        w.attr("edge", {"fontname": escape.const(style.FONT), "fontsize": escape.const("10")})

        start = escape.name("ridge:start")
        w.node(start, _INVISIBLE_POINT)
        columns = self.content.columns
        self.plan_links()
        unplaced = _wrap(message("unplaced", self.language), ZONE_WRAP)
        self.title_lines = max(
            (len(self.zone_lines(c.zone) if c.zone else unplaced) for c in columns), default=0
        )
        heads = [self.part_heads(c) for c in columns]
        legend = escape.name("anchor:legend") if self.options.legend else None
        # Rank 0, outside every box: the ridge's start, then the first column's
        # order anchors (and the legend's, if that column is the last).
        rank0 = [start, *self.order_anchors(0, heads[0] if heads else [])]
        if legend and len(columns) <= 1:
            w.node(legend, _INVISIBLE_POINT)
            rank0.append(legend)
        w.same_rank(rank0)
        for first, second in itertools.pairwise(rank0):
            w.edge(first, second, _INVISIBLE)
        ridge = [start]
        for index, column in enumerate(columns):
            after = heads[index + 1] if index + 1 < len(columns) else []
            with_legend = legend if index + 2 == len(columns) else None
            placed = self.column(index, column, after, with_legend)
            w.same_rank(placed.main)
            w.same_rank(placed.side)
            # Each band hangs just below the one before it (the first below the
            # ridge): a pull from the ridge point before the column, which
            # nothing else would give it.
            for head in heads[index]:
                w.edge(ridge[-1], head, {**_INVISIBLE, "weight": escape.const(HANG_WEIGHT)})
            ridge += placed.ridge
        if not columns:
            empty = self.placeholder("map", "empty.map", None)
            ridge.append(empty)
        # The ridge: a heavy chain of invisible points, one at the top of each
        # rank of each zone box, left to right, so the boxes hang level from
        # it. Each link is a bundle, which also keeps each point first in its
        # rank: an edge into a node above it would cross the whole bundle.
        for here, there in itertools.pairwise(ridge):
            self.bundle(here, there, RIDGE_WEIGHT)
        for anchor, head in self.bundles:
            self.bundle(anchor, head)
        if self.show_forms:
            self.relations()
        if legend:
            write_legend(
                w, self.used, prefix=self.prefix, language=self.language, anchor=legend, flip=self.flip
            )
        return w.text()

    def ridge_point(self, key: str) -> Dot:
        point = escape.name(f"ridge:{key}")
        self.w.node(point, _INVISIBLE_POINT)
        return point

    def bundle(self, tail: Dot, head: Dot, weight: str = "0") -> None:
        """Parallel invisible edges: one of ``weight``, the rest weightless (see :meth:`order_anchors`)."""
        self.w.edge(tail, head, {**_INVISIBLE, "weight": escape.const(weight)})
        for _ in range(BUNDLE - 1):
            self.w.edge(tail, head, _WEIGHTLESS)

    def part_heads(self, column: Column) -> list[Dot]:
        """The first node of each band of a column: what its order anchors hold in place."""
        zone = column.zone
        if zone is None or not self.show_forms:
            return []
        return [
            escape.name(f"form:{forms[0].id}" if forms else f"empty:{band}:{zone.id}")
            for band, forms in (("learning", column.learning), ("performance", column.performance))
        ]

    def order_anchors(self, index: int, heads: list[Dot]) -> list[Dot]:
        """Invisible points, one rank before column ``index``, that order its bands.

        Graphviz orders clusters within a rank only to reduce crossings and
        ignores flat edges between clusters. So one anchor per band, in order
        after the ridge point, pulls the band's first node with a bundle of
        parallel weightless edges: swapping the learning and performance bands
        would cross whole bundles, which mincross never prefers. (Tested on
        2.43 and 16.) The anchors only order; they pull nothing.
        """
        anchors = []
        for place, head in enumerate(heads):
            anchor = escape.name(f"anchor:{index}:{place}")
            self.w.node(anchor, _INVISIBLE_POINT)
            # Written at the top level: an edge inside a box would pull its head into it.
            self.bundles.append((anchor, head))
            anchors.append(anchor)
        return anchors

    def column(self, index: int, column: Column, after: list[Dot], legend: Dot | None) -> _Placed:
        """Write one zone box: its forms and, in the next rank, their tools and thinkers.

        The box's last rank also holds the order anchors of the next column
        (``after``) and the legend's anchor.
        """
        w = self.w
        zone = column.zone
        key = f"zone:{zone.id}" if zone else "unplaced"
        if zone is None:
            w.open(escape.name("cluster:unplaced"))
            text = message("unplaced", self.language)
            w.set(
                {
                    "label": self.title(_wrap(text, ZONE_WRAP)),
                    "tooltip": self.tooltip(text),
                    "id": escape.name(f"{self.prefix}-unplaced"),
                    "class": escape.const("learnscape-zone learnscape-unplaced"),
                    "style": escape.const("dashed,rounded"),
                    "color": escape.const(style.ZONE_BORDER),
                    "fontname": escape.const(style.FONT_BOLD),
                    "fontsize": escape.const("13"),
                }
            )
        else:
            w.open(escape.name(f"cluster:zone:{zone.id}"))
            w.set(self.zone_attrs(zone))
        top = self.ridge_point(key)
        if not self.show_forms:
            names = self.resources(index, column) or [
                self.placeholder(f"zone:{zone.id if zone else 'unplaced'}", "empty.zone", None)
            ]
            side = []
        else:
            if zone is None:
                names = [self.form(f) for f in column.forms]
            else:
                names = self.band(zone, "learning", column.learning)
                names += self.band(zone, "performance", column.performance)
            side = self.resources(index, column)
        ridge = [top]
        if side:
            ridge.append(self.ridge_point(f"{key}:side"))
        tail = self.order_anchors(index + 1, after)
        if legend:
            w.node(legend, _INVISIBLE_POINT)
            tail.append(legend)
        if len(ridge) > 1:
            self.chain([ridge[1], *side, *tail])
            side = [ridge[1], *side, *tail]
            tail = []
        if not self.show_forms:
            self.chain([top, *names, *tail])
        elif zone is None:
            # Forms in data order would be a wish that a link may run against.
            self.fence(top, names, tail)
        else:
            self.chain([top, *tail])
        w.close()
        main = [top, *names, *tail]
        return _Placed(main, side, ridge)

    def zone_lines(self, zone: Zone) -> list[str]:
        """The lines of a zone's title: its label, then its 70:20:10 band if any."""
        lines = _wrap(self.text(zone.label), ZONE_WRAP)
        if zone.band:
            lines.append(message("zone.band", self.language, band=zone.band))
        return lines

    def title(self, lines: list[str]) -> Dot:
        """A box's title, padded with empty lines to the tallest title's height.

        Then every box's contents start level with the others'. (Graphviz
        ends a line at each newline: k empty lines take k + 1 of them.)
        """
        short = self.title_lines - len(lines)
        return Dot(escape.label(lines) + ("\\n" * (short + 1) if short > 0 else ""))

    def zone_attrs(self, zone: Zone) -> dict[str, Dot]:
        label = self.text(zone.label)
        lines = self.zone_lines(zone)
        band = message("zone.band", self.language, band=zone.band) if zone.band else None
        fill = escape.color(zone.color)
        attrs = {
            "label": self.title(lines),
            "tooltip": self.tooltip(label, band, self.text(zone.description) if zone.description else None),
            "id": escape.name(f"{self.prefix}-zone-{zone.id}"),
            "class": escape.classes(
                "learnscape-zone" + (f" learnscape-band-{zone.band}" if zone.band else "")
            ),
            "style": escape.const("rounded,filled"),
            "fillcolor": fill or escape.const(style.ZONE_FILL),
            "color": escape.const(style.ZONE_BORDER),
            "fontname": escape.const(style.FONT_BOLD),
            "fontsize": escape.const("13"),
            "margin": escape.const(ZONE_MARGIN),
            **self.link_attrs(zone),
        }
        if fill and not fill.startswith("#"):
            attrs["colorscheme"] = escape.const("svg")
        return attrs

    def band(self, zone: Zone, band: str, forms: tuple[Form, ...]) -> list[Dot]:
        """One cell of the zone: its forms, or a placeholder."""
        w = self.w
        w.open(escape.name(f"cluster:band:{band}:{zone.id}"))
        text = message(f"band.{band}", self.language)
        # A cell inherits the zone's link; its own tooltip names zone and band.
        w.set(
            {
                "label": escape.label(_wrap(text, BAND_WRAP)),
                "tooltip": self.tooltip(f"{self.text(zone.label)}: {text}"),
                "id": escape.name(f"{self.prefix}-band-{band}-{zone.id}"),
                "class": escape.classes(f"learnscape-cell learnscape-cell-{band}"),
                "style": escape.const("dashed,rounded,filled"),
                "fillcolor": escape.const(style.CELL_FILL),
                "color": escape.const(style.BAND_BORDER),
                "fontname": escape.const(style.FONT),
                "fontcolor": escape.const(style.MUTED_TEXT),
                "fontsize": escape.const("10"),
                "margin": escape.const(BAND_MARGIN),
            }
        )
        if forms:
            names = [self.form(f) for f in forms]
        else:
            names = [self.placeholder(f"{band}:{zone.id}", f"empty.{band}", self.text(zone.label))]
        w.close()
        return names

    def fence(self, first: Dot, middle: list[Dot], last: list[Dot]) -> None:
        """``first`` before each of ``middle``, each before ``last[0]``; no order among them."""
        for node in middle:
            self.chain([first, node, *last[:1]])

    def chain(self, names: list[Dot]) -> None:
        """Ask for this order inside a cluster (a wish, which mincross nearly always keeps).

        Inside clusters Graphviz 2.43 and 16 both place a flat edge's head
        first in ``LR`` and its tail first in ``TB``.
        """
        ordered = names[::-1] if self.flip else names
        for first, second in itertools.pairwise(ordered):
            self.w.edge(first, second, _INVISIBLE)

    def placeholder(self, key: str, message_key: str, where: str | None) -> Dot:
        """An empty cell: a grey italic note, so the gap in the landscape is seen."""
        self.used.add("empty")
        text = message(message_key, self.language)
        node = escape.name(f"empty:{key}")
        self.w.node(
            node,
            look(
                style.EMPTY,
                label=escape.label(_wrap(text, FORM_WRAP)),
                tooltip=self.tooltip(f"{where}: {text}" if where else text),
                id=escape.name(f"{self.prefix}-empty-{key.replace(':', '-')}"),
            ),
        )
        return node

    def form(self, form: Form) -> Dot:
        learning = form.orientation != "performance"
        self.used.add("learning" if learning else "performance")
        label = self.text(form.label)
        node = escape.name(f"form:{form.id}")
        self.w.node(
            node,
            look(
                style.LEARNING if learning else style.PERFORMANCE,
                label=escape.label(_wrap(label, FORM_WRAP)),
                tooltip=self.tooltip(label, self.text(form.description) if form.description else None),
                id=escape.name(f"{self.prefix}-form-{form.id}"),
                **self.link_attrs(form),
            ),
        )
        return node

    def resource(self, index: int, record: Tool | Thinker) -> Dot:
        """A tool or thinker node: one copy in each column whose forms it serves.

        The first copy has the plain name and id (``tool:wiki``,
        ``<prefix>-tool-wiki``); later ones are numbered (``tool:wiki:2``,
        ``<prefix>-tool2-wiki``), which no data id can spell.
        """
        label = self.text(record.label)
        if isinstance(record, Tool):
            self.used.add("tool")
            details = [record.category, self.text(record.description) if record.description else None]
            item = style.TOOL
        else:
            self.used.add("thinker")
            years = None
            if record.born or record.died:
                years = f"({record.born or '?'}–{record.died or ''})"
            details = [
                years,
                self.text(record.known_for) if record.known_for else None,
                self.text(record.idea) if record.idea else None,
                self.text(record.description) if record.description else None,
            ]
            item = style.THINKER
        copy = self.copy_count.get((record.kind, record.id), 0) + 1
        self.copy_count[(record.kind, record.id)] = copy
        node = escape.name(f"{record.kind}:{record.id}" + (f":{copy}" if copy > 1 else ""))
        self.copies[(index, record.kind, record.id)] = node
        self.w.node(
            node,
            look(
                item,
                label=escape.label(_wrap(label, RESOURCE_WRAP)),
                tooltip=self.tooltip(label, *details),
                id=escape.name(f"{self.prefix}-{record.kind}{copy if copy > 1 else ''}-{record.id}"),
                **self.link_attrs(record),
            ),
        )
        return node

    def resources(self, index: int, column: Column) -> list[Dot]:
        """The column's thinkers, then its tools."""
        return [self.resource(index, t) for t in column.thinkers] + [
            self.resource(index, t) for t in column.tools
        ]

    def relations(self) -> None:
        """Form -> thinker, form -> tool (to the zone's own copy), and links between forms."""
        for index, column in enumerate(self.content.columns):
            for form in column.forms:
                for thinker in self.content.thinkers_of(form):
                    self.used.add("inspires")
                    self.w.edge(
                        escape.name(f"form:{form.id}"),
                        self.copies[(index, "thinker", thinker.id)],
                        look(
                            style.INSPIRES,
                            tooltip=self.tooltip(f"{self.text(thinker.label)} — {self.text(form.label)}"),
                            id=self.edge_id(),
                        ),
                    )
                for tool in self.content.tools_of(form):
                    self.used.add("uses")
                    self.w.edge(
                        escape.name(f"form:{form.id}"),
                        self.copies[(index, "tool", tool.id)],
                        look(
                            style.USES,
                            tooltip=self.tooltip(f"{self.text(form.label)} — {self.text(tool.label)}"),
                            id=self.edge_id(),
                        ),
                    )
        self.links()

    def plan_links(self) -> None:
        """Group the links: all those between two forms of one column share one edge.

        A link inside a column is a *flat* edge, where dot 2.43 has bugs:
        parallel flat edges fail an assertion (merge_chain), so links of one
        pair of forms, either way, share one edge with an arrowhead at each
        end that a link points to. Forms carry no order wish of their own, so
        no flat edge can run against one ("trouble in init_rank").
        """
        column_of = {f.id: i for i, c in enumerate(self.content.columns) for f in c.forms}
        groups: dict[tuple[str, ...], list[Link]] = {}
        inside: dict[tuple[str, ...], int] = {}
        for link in self.content.links:
            where = column_of[link.source]
            if link.source != link.target and where == column_of[link.target]:
                key: tuple[str, ...] = tuple(sorted((link.source, link.target)))
                inside[key] = where
            else:
                key = (link.source, link.target, str(len(groups)))
            groups.setdefault(key, []).append(link)
        self.link_groups = [_LinkGroup(tuple(links), key in inside) for key, links in groups.items()]

    def links(self) -> None:
        """One edge per link between columns, one per pair of forms inside a column.

        A label on a flat edge can lose the edge in dot 2.43, so there it is an
        ``xlabel``; the edge leaves and enters its forms on the side that faces
        their tools (east in ``LR``, south in ``TB``), so that its arc and
        label stay in the zone. Both ends on one side cannot carry ``dir``
        in 2.43 (it reads it as an arrow name), so a pair linked both ways
        keeps Graphviz's own route.
        """
        forms = {f.id: f for f in self.content.forms}
        for group in self.link_groups:
            self.used.add("link")
            first = group.links[0]
            texts = [self.text(x.label) if x.label else (x.kind or "") for x in group.links]
            notes = [
                f"{self.text(forms[x.source].label)} → {self.text(forms[x.target].label)}"
                + (f": {t}" if t else "")
                for x, t in zip(group.links, texts, strict=True)
            ]
            kinds = sorted({escape.slug(x.kind or "link") for x in group.links})
            attrs = look(
                style.LINK,
                tooltip=self.tooltip(notes[0], *notes[1:]),
                id=self.edge_id(),
                constraint=escape.const("false"),
                **{
                    "class": escape.classes(
                        " ".join([style.LINK.css, *(f"learnscape-link-{k}" for k in kinds)])
                    )
                },
            )
            label = "; ".join(dict.fromkeys(t for t in texts if t))
            if label:
                attrs["xlabel" if group.flat else "label"] = escape.label(_wrap(label, LINK_WRAP))
            if any(x.source != first.source for x in group.links):
                attrs["dir"] = escape.const("both")
            self.w.edge(escape.name(f"form:{first.source}"), escape.name(f"form:{first.target}"), attrs)
