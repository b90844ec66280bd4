"""The legend: one sample of every node and edge kind that this particular map uses.

A sample node is its own explanation (a learning form's shape, saying "learning
form"); an edge sample runs into its explanation. The legend is a box under
the map's last column, in that column's two ranks: it makes the map taller,
never wider.
"""

from __future__ import annotations

import itertools
import textwrap

from sphinx_learnscape.render import escape, style
from sphinx_learnscape.render.graph import DotWriter, look
from sphinx_learnscape.render.messages import message

#: Legend entries in the order they are listed; the first group are nodes.
NODE_ITEMS: tuple[tuple[str, style.Look], ...] = (
    ("learning", style.LEARNING),
    ("performance", style.PERFORMANCE),
    ("tool", style.TOOL),
    ("thinker", style.THINKER),
    ("empty", style.EMPTY),
)
EDGE_ITEMS: tuple[tuple[str, style.Look], ...] = (
    ("uses", style.USES),
    ("inspires", style.INSPIRES),
    ("link", style.LINK),
)
#: Parallel edges from the legend's anchor, as in dot.py.
BUNDLE = 10
_INVISIBLE = {"style": escape.const("invis")}


def write_legend(
    w: DotWriter,
    used: set[str],
    *,
    prefix: str,
    language: str,
    anchor: escape.Dot,
    flip: bool,
) -> None:
    """Write the legend as a box under the last column (in ``TB``: after the last row).

    ``anchor`` is an invisible point one rank before the last column, after
    the anchors of its bands: a bundle of edges from it to the legend's first
    entry puts the legend after the column's cells. It costs height, never width.
    """
    nodes = [(key, item) for key, item in NODE_ITEMS if key in used]
    edges = [(key, item) for key, item in EDGE_ITEMS if key in used]
    if not nodes and not edges:
        return
    title = message("legend", language)
    w.open(escape.name("cluster:legend"))
    w.set(
        {
            "label": escape.label(title),
            "tooltip": escape.tooltip(title),
            "id": escape.name(f"{prefix}-legend"),
            "class": escape.const("learnscape-legend"),
            "style": escape.const("rounded,filled"),
            "fillcolor": escape.const(style.CELL_FILL),
            "color": escape.const(style.BAND_BORDER),
            "fontname": escape.const(style.FONT_BOLD),
            "fontsize": escape.const("11"),
        }
    )
    # Two columns: the edge samples' lines, then forms and empty cells, on
    # the left; what each line means, then tools and thinkers, on the right
    # (the rank of the last column's tools and thinkers, so the legend adds
    # no width). Lines first, so that each starts level with its words.
    left: list[escape.Dot] = []
    right: list[escape.Dot] = []
    two = bool(edges) or "uses" in used or "inspires" in used
    for key, item in edges:
        tail = escape.name(f"legend:{key}:from")
        node = escape.name(f"legend:{key}")
        text = message(f"legend.{key}", language)
        # A borderless box as tall as the text, so that the sample line runs level.
        w.node(
            tail,
            {
                "shape": escape.const("box"),
                "color": escape.const("transparent"),
                "penwidth": escape.const("0"),
                "label": escape.const(""),
                "width": escape.const("0.3"),
                "height": escape.const("0.3"),
                "fixedsize": escape.const("true"),
                # A group keeps the sample's two ends level (in TB: one above the other).
                "group": escape.name(f"legend-{key}"),
                "class": escape.const("learnscape-legend-dot"),
                "id": escape.name(f"{prefix}-legend-{key}-dot"),
            },
        )
        w.node(
            node,
            {
                "shape": escape.const("plaintext"),
                "label": escape.label(_wrap(text)),
                "tooltip": escape.tooltip(text),
                "id": escape.name(f"{prefix}-legend-{key}"),
                "class": escape.const("learnscape-legend-item"),
                "fontsize": escape.const("10"),
                "height": escape.const("0.3"),
                "margin": escape.const("0.06,0"),
                "group": escape.name(f"legend-{key}"),
            },
        )
        w.edge(tail, node, look(item, id=escape.name(f"{prefix}-legend-{key}-edge")))
        left.append(tail)
        right.append(node)
    for key, item in nodes:
        node = escape.name(f"legend:{key}")
        text = message(f"legend.{key}", language)
        w.node(
            node,
            look(
                item,
                label=escape.label(_wrap(text)),
                tooltip=escape.tooltip(text),
                id=escape.name(f"{prefix}-legend-{key}"),
                fontsize=escape.const("10"),
                **{"class": escape.classes(f"{item.css} learnscape-legend-item")},
            ),
        )
        (right if two and key in ("tool", "thinker") else left).append(node)
    w.same_rank(left)
    w.same_rank(right)
    if left and right:
        w.edge(left[0], right[0], _INVISIBLE)
    # Inside a cluster a flat edge puts its head first in LR, its tail first in TB.
    for rank in (left, right):
        ordered = rank[::-1] if flip else rank
        for first, second in itertools.pairwise(ordered):
            w.edge(first, second, _INVISIBLE)
    w.close()
    w.edge(anchor, left[0], _INVISIBLE)
    for _ in range(BUNDLE - 1):
        w.edge(anchor, left[0], {**_INVISIBLE, "weight": escape.const("0")})


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, 16, break_long_words=False, break_on_hyphens=False) or [""]
