"""The landscape map as DOT: a pure function of (landscape, options) to text.

Layout, for ``LR`` (``TB`` is the same turned a quarter): every zone is a
column, in data order, formal first; its forms fill two stacked bands,
learning above performance, each band always present so that an empty cell
shows. Thinkers sit just before their forms' column, tools just after it, so
a row reads idea -> form -> tool. Forms whose zone is unknown end the map in
an "unplaced" column, and the legend follows.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable

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
_INVISIBLE_POINT = {
    "shape": escape.const("point"),
    "style": escape.const("invis"),
    "width": escape.const("0"),
}
#: Parallel edges per band anchor; 5 already held in 1000 random layouts, 10 is margin.
_ANCHOR_EDGES = 10


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
        #: node -> (column, place from the top) of every node in a column's rank
        self.position: dict[Dot, tuple[int, int]] = {}
        #: first node of a column -> the invisible anchor one rank before it
        self.anchors: dict[Dot, Dot] = {}

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
            "nodesep": escape.const("0.18"),
            "ranksep": escape.const("0.35"),
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
                        "margin": escape.const("0.12,0.05")})  # fmt: skip
        w.attr("edge", {"fontname": escape.const(style.FONT), "fontsize": escape.const("10")})

        columns = [self.column(c) for c in self.content.columns]
        if not columns:
            columns = [[self.placeholder("map", "empty.map", None)]]
        if self.show_forms:
            self.gutters()
        for index, names in enumerate(columns):
            w.same_rank(names)
            self.position.update({name: (index, place) for place, name in enumerate(names)})
        has_tools = bool(self.content.tools) and self.show_forms
        # Each column: thinkers' rank (where its top anchor sits), forms' rank, tools' rank.
        gap = 2 + has_tools
        leads = [self.anchors.get(names[0]) or self.top_anchor(f"anchor:{key}", names[0])
                 for key, names in zip(self.column_keys(), columns, strict=True)]  # fmt: skip
        # The columns in zone order, tops lined up: a heavy invisible chain joins
        # the top anchors and runs on through every column's forms rank, where
        # it passes above the zone box (anchors are first in their rank), so
        # each box hangs just below it and no thinker or tool is pushed aside.
        end = escape.name("anchor:end")
        w.node(end, _INVISIBLE_POINT)
        for here, there in itertools.pairwise([*leads, end]):
            w.edge(here, there, {**_INVISIBLE, "minlen": escape.const(str(gap if there != end else 2)),
                                 "weight": escape.const("10")})  # fmt: skip
        if self.show_forms:
            self.relations()
        if self.options.legend:
            write_legend(
                w, self.used, prefix=self.prefix, language=self.language, after=end, gap=1 + has_tools
            )
        return w.text()

    def column_keys(self) -> list[str]:
        """Names for the top anchors of columns that have no bands (zone ids cannot hold ':')."""
        keys = [f"zone:{c.zone.id}" if c.zone else "unplaced" for c in self.content.columns]
        return keys or ["map"]

    def top_anchor(self, name: str, first: str) -> Dot:
        """An invisible point one rank before a column, level with its first node."""
        anchor = escape.name(name)
        self.w.node(anchor, _INVISIBLE_POINT)
        self.w.edge(anchor, escape.name(first), _INVISIBLE)
        self.anchors[escape.name(first)] = anchor
        return anchor

    def column(self, column: Column) -> list[Dot]:
        """Write one zone cluster; return its nodes top to bottom (they share a rank)."""
        w = self.w
        zone = column.zone
        if zone is None:
            w.open(escape.name("cluster:unplaced"))
            text = message("unplaced", self.language)
            w.set(
                {
                    "label": escape.label(_wrap(text, 24)),
                    "tooltip": self.tooltip(text),
                    "id": escape.name(f"{self.prefix}-unplaced"),
                    "class": escape.const("learnscape-zone learnscape-unplaced"),
                    "style": escape.const("dashed,rounded"),
                    "color": escape.const(style.ZONE_BORDER),
                    "fontname": escape.const(style.FONT_BOLD),
                    "fontsize": escape.const("13"),
                }
            )
            names = [self.form(f) for f in column.forms] if self.show_forms else self.resources(column, "")
            self.chain(names)
            w.close()
            return names
        w.open(escape.name(f"cluster:zone:{zone.id}"))
        w.set(self.zone_attrs(zone))
        if self.show_forms:
            learning = self.band(zone, "learning", column.learning)
            performance = self.band(zone, "performance", column.performance)
            names = learning + performance
            w.close()
            self.anchor_bands(zone, learning[0], performance[0])
            return names
        names = self.resources(column, zone.id)
        self.chain(names)
        w.close()
        return names

    def zone_attrs(self, zone: Zone) -> dict[str, Dot]:
        label = self.text(zone.label)
        lines = _wrap(label, 24)
        band = message("zone.band", self.language, band=zone.band) if zone.band else None
        if band:
            lines.append(band)
        fill = escape.color(zone.color)
        attrs = {
            "label": escape.label(lines),
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
            **self.link_attrs(zone),
        }
        if fill and not fill.startswith("#"):
            attrs["colorscheme"] = escape.const("svg")
        return attrs

    def band(self, zone: Zone, band: str, forms: tuple[Form, ...]) -> list[Dot]:
        w = self.w
        w.open(escape.name(f"cluster:band:{band}:{zone.id}"))
        text = message(f"band.{band}", self.language)
        # A cell inherits the zone's link; its own tooltip names zone and band.
        w.set(
            {
                "label": escape.label(text),
                "tooltip": self.tooltip(f"{self.text(zone.label)}: {text}"),
                "id": escape.name(f"{self.prefix}-band-{band}-{zone.id}"),
                "class": escape.classes(f"learnscape-cell learnscape-cell-{band}"),
                "style": escape.const("dashed,rounded,filled"),
                "fillcolor": escape.const(style.CELL_FILL),
                "color": escape.const(style.BAND_BORDER),
                "fontname": escape.const(style.FONT),
                "fontcolor": escape.const(style.MUTED_TEXT),
                "fontsize": escape.const("10"),
            }
        )
        if forms:
            names = [self.form(f) for f in forms]
        else:
            names = [self.placeholder(f"{band}:{zone.id}", f"empty.{band}", self.text(zone.label))]
        self.chain(names)
        w.close()
        return names

    def chain(self, names: list[Dot]) -> None:
        """Ask for data order inside a cluster (a wish: mincross may still swap two forms).

        Inside clusters Graphviz 2.43 and 16 both place a flat edge's head
        first in ``LR`` and its tail first in ``TB``.
        """
        ordered = names[::-1] if self.flip else names
        for first, second in itertools.pairwise(ordered):
            self.w.edge(first, second, _INVISIBLE)

    def anchor_bands(self, zone: Zone, learning: Dot, performance: Dot) -> None:
        """Put the learning band before (above) the performance band, reliably.

        Graphviz orders clusters within a rank only to reduce crossings and
        ignores flat edges between clusters. Outside any cluster a flat edge
        does fix the order, so two invisible anchors, top before bottom, pull
        the bands with many parallel weightless edges: swapping the bands would
        cross all of them, which mincross never prefers. (Tested on 2.43 and 16.)
        """
        top = self.top_anchor(f"anchor:top:{zone.id}", learning)
        bottom = escape.name(f"anchor:bottom:{zone.id}")
        self.w.node(bottom, _INVISIBLE_POINT)
        self.w.edge(bottom, performance, _INVISIBLE)
        self.w.same_rank([top, bottom])
        self.w.edge(top, bottom, _INVISIBLE)
        # The rest of each bundle has no weight: it counts in crossings, but does
        # not pull the anchors away from their band (which would stretch the map).
        for anchor, band in ((top, learning), (bottom, performance)):
            for _ in range(_ANCHOR_EDGES - 1):
                self.w.edge(anchor, band, {**_INVISIBLE, "weight": escape.const("0")})

    def placeholder(self, key: str, message_key: str, where: str | None) -> Dot:
        """An empty cell: a grey italic note, so the gap in the landscape is seen."""
        self.used.add("empty")
        text = message(message_key, self.language)
        node = escape.name(f"empty:{key}")
        self.w.node(
            node,
            look(
                style.EMPTY,
                label=escape.label(text),
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
                label=escape.label(_wrap(label, 20)),
                tooltip=self.tooltip(label, self.text(form.description) if form.description else None),
                id=escape.name(f"{self.prefix}-form-{form.id}"),
                **self.link_attrs(form),
            ),
        )
        return node

    def resource(self, record: Tool | Thinker) -> Dot:
        """A tool or thinker node."""
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
        node = escape.name(f"{record.kind}:{record.id}")
        self.w.node(
            node,
            look(
                item,
                label=escape.label(_wrap(label, 18)),
                tooltip=self.tooltip(label, *details),
                id=escape.name(f"{self.prefix}-{record.kind}-{record.id}"),
                **self.link_attrs(record),
            ),
        )
        return node

    def resources(self, column: Column, zone_id: str) -> list[Dot]:
        """With forms hidden, a zone holds the tools and thinkers of its forms."""
        names = [self.resource(t) for t in column.thinkers] + [self.resource(t) for t in column.tools]
        if not names:
            names = [self.placeholder(f"zone:{zone_id or 'unplaced'}", "empty.zone", None)]
        return names

    def gutters(self) -> None:
        """Tools and thinkers, outside the zone boxes since forms in other zones share them."""
        for column in self.content.columns:
            for thinker in column.thinkers:
                self.resource(thinker)
            for tool in column.tools:
                self.resource(tool)

    def relations(self) -> None:
        """Thinker -> form, form -> tool, and links between forms.

        Only edges to a tool's or thinker's own column constrain ranks; the
        others (and all links, which may run backwards) must not pull columns.
        """
        content = self.content
        home = {}
        for index, column in enumerate(content.columns):
            for record in (*column.tools, *column.thinkers):
                home[(record.kind, record.id)] = index
        for index, column in enumerate(content.columns):
            for form in column.forms:
                for thinker in content.thinkers_of(form):
                    self.used.add("inspires")
                    self.w.edge(
                        escape.name(f"thinker:{thinker.id}"),
                        escape.name(f"form:{form.id}"),
                        look(
                            style.INSPIRES,
                            tooltip=self.tooltip(f"{self.text(thinker.label)} — {self.text(form.label)}"),
                            id=self.edge_id(),
                            **self.constraint(home[("thinker", thinker.id)] == index),
                        ),
                    )
                for tool in content.tools_of(form):
                    self.used.add("uses")
                    self.w.edge(
                        escape.name(f"form:{form.id}"),
                        escape.name(f"tool:{tool.id}"),
                        look(
                            style.USES,
                            tooltip=self.tooltip(f"{self.text(form.label)} — {self.text(tool.label)}"),
                            id=self.edge_id(),
                            **self.constraint(home[("tool", tool.id)] == index),
                        ),
                    )
        self.links()

    def links(self) -> None:
        """One edge per link; links between two forms of one column share one edge.

        Within a column a link is a *flat* edge, and dot 2.43 has three bugs
        there, each avoided here: parallel flat edges fail an assertion
        (merge_chain), so they are merged, arrows at either end; a flat edge
        against the order chain stops layout ("trouble in init_rank"), so it
        is drawn the other way round with ``dir=back``; a label on a flat
        edge can lose the edge, so it becomes an ``xlabel``.
        """
        forms = {f.id: f for f in self.content.forms}
        groups: dict[tuple[str, ...], list[Link]] = {}
        for link in self.content.links:
            tail, head = escape.name(f"form:{link.source}"), escape.name(f"form:{link.target}")
            if tail != head and self.same_column(tail, head):
                key: tuple[str, ...] = tuple(sorted((link.source, link.target)))
            else:
                key = (link.source, link.target, str(len(groups)))
            groups.setdefault(key, []).append(link)
        for group in groups.values():
            self.used.add("link")
            first = group[0]
            tail, head = escape.name(f"form:{first.source}"), escape.name(f"form:{first.target}")
            flat = tail != head and self.same_column(tail, head)
            if flat and self.against_chain(tail, head):
                tail, head = head, tail
            forward = any(escape.name(f"form:{x.source}") == tail for x in group)
            backward = any(escape.name(f"form:{x.source}") == head for x in group)
            texts = [self.text(x.label) if x.label else (x.kind or "") for x in group]
            notes = [
                f"{self.text(forms[x.source].label)} → {self.text(forms[x.target].label)}"
                + (f": {t}" if t else "")
                for x, t in zip(group, texts, strict=True)
            ]
            kinds = sorted({escape.slug(x.kind or "link") for x in group})
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
                attrs["xlabel" if flat else "label"] = escape.label(_wrap(label, 18))
            if backward:
                attrs["dir"] = escape.const("both" if forward else "back")
            self.w.edge(tail, head, attrs)

    def same_column(self, tail: Dot, head: Dot) -> bool:
        where = self.position.get(tail), self.position.get(head)
        return where[0] is not None and where[1] is not None and where[0][0] == where[1][0]

    def against_chain(self, tail: Dot, head: Dot) -> bool:
        """Whether a flat edge tail -> head runs against its column's order chain."""
        before = self.position[tail][1] < self.position[head][1]
        # The chain runs from later to earlier in LR, earlier to later in TB (see chain()).
        return before if self.flip else not before

    @staticmethod
    def constraint(ranks: bool) -> dict[str, Dot]:
        return {} if ranks else {"constraint": escape.const("false")}
