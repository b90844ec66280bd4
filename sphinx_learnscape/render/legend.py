"""The legend: one sample of every node and edge kind that this particular map uses.

A sample node is its own explanation (a learning form's shape, saying "learning
form"); an edge sample runs from a small dot into its explanation. The legend
is a column after the map, outside any cluster: only there does Graphviz keep
a list in the order asked for.
"""

from __future__ import annotations

import itertools

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
_INVISIBLE = {"style": escape.const("invis")}


def write_legend(
    w: DotWriter,
    used: set[str],
    *,
    prefix: str,
    language: str,
    after: escape.Dot | None,
    gap: int,
) -> None:
    """Write the legend ``gap`` ranks after node ``after``, its heading level with it."""
    nodes = [(key, item) for key, item in NODE_ITEMS if key in used]
    edges = [(key, item) for key, item in EDGE_ITEMS if key in used]
    if not nodes and not edges:
        return
    heading = escape.name("legend")
    title = message("legend", language)
    w.node(
        heading,
        {
            "shape": escape.const("plaintext"),
            "label": escape.label(title),
            "tooltip": escape.tooltip(title),
            "id": escape.name(f"{prefix}-legend"),
            "class": escape.const("learnscape-legend"),
            "fontname": escape.const(style.FONT_BOLD),
            "fontsize": escape.const("12"),
        },
    )
    texts = [heading]
    for key, item in nodes:
        node = escape.name(f"legend:{key}")
        text = message(f"legend.{key}", language)
        w.node(
            node,
            look(
                item,
                label=escape.label(text),
                tooltip=escape.tooltip(text),
                id=escape.name(f"{prefix}-legend-{key}"),
                **{"class": escape.classes(f"{item.css} learnscape-legend-item")},
            ),
        )
        texts.append(node)
    for key, item in edges:
        tail = escape.name(f"legend:{key}:from")
        node = escape.name(f"legend:{key}")
        text = message(f"legend.{key}", language)
        w.node(
            tail,
            {
                "shape": escape.const("point"),
                "width": escape.const("0.06"),
                "color": escape.const(style.MUTED_TEXT),
                "class": escape.const("learnscape-legend-dot"),
                "id": escape.name(f"{prefix}-legend-{key}-dot"),
            },
        )
        w.node(
            node,
            {
                "shape": escape.const("plaintext"),
                "label": escape.label(text),
                "tooltip": escape.tooltip(text),
                "id": escape.name(f"{prefix}-legend-{key}"),
                "class": escape.const("learnscape-legend-item"),
                "fontsize": escape.const("11"),
            },
        )
        w.edge(tail, node, look(item, id=escape.name(f"{prefix}-legend-{key}-edge")))
        texts.append(node)
    w.same_rank(texts)
    # Outside clusters a flat edge puts its tail first (above in LR, left in TB).
    for first, second in itertools.pairwise(texts):
        w.edge(first, second, _INVISIBLE)
    if after is not None:
        w.edge(after, heading, {**_INVISIBLE, "minlen": escape.const(str(gap)), "weight": escape.const("10")})
