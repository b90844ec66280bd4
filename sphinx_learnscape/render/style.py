"""The map's look: one table of shapes, colours and CSS classes, shared by nodes and legend.

Shapes and borders carry every distinction on their own (the map must read in
greyscale and print); fills are light colours for PNG and PDF, and every
element carries CSS classes so HTML themes can restyle it, dark mode included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Generic families that both the system dot (fontconfig) and the embedded
#: Graphviz (built-in metrics) resolve, and that browsers read as a CSS list.
FONT: Final = "Helvetica,Arial,sans-serif"
#: PostScript names: Graphviz maps them to font-weight / font-style in SVG,
#: which the embedded Graphviz needs since it has no HTML-like labels.
FONT_BOLD: Final = "Helvetica-Bold"
FONT_ITALIC: Final = "Helvetica-Oblique"

ZONE_FILL: Final = "#f6f7f9"
ZONE_BORDER: Final = "#8a8f98"
BAND_BORDER: Final = "#b4b8bf"
CELL_FILL: Final = "#ffffff"
MUTED_TEXT: Final = "#5f6368"
TEXT: Final = "#1f2328"
LINK_TEXT: Final = "#1f4e79"


@dataclass(frozen=True, slots=True)
class Look:
    """Graphviz attributes of one kind of node or edge, plus its CSS classes."""

    css: str
    attrs: tuple[tuple[str, str], ...]


#: Cards and chips are Graphviz clusters (drawn, never in a link's way): their
#: attributes are cluster attributes. Learning forms: rounded, thin border;
#: performance: square, thick border. Tools: rounded grey chips; thinkers:
#: square purple chips with a dashed border.
LEARNING: Final = Look(
    "learnscape-form learnscape-learning",
    (("style", "rounded,filled"), ("fillcolor", "#e3eefc"), ("color", "#2f5f9e"), ("penwidth", "1")),
)
PERFORMANCE: Final = Look(
    "learnscape-form learnscape-performance",
    (("style", "filled"), ("fillcolor", "#fdebd0"), ("color", "#9c5a00"), ("penwidth", "2")),
)
TOOL: Final = Look(
    "learnscape-tool learnscape-chip",
    (("style", "rounded,filled"), ("fillcolor", "#ececec"), ("color", "#5f6368"), ("penwidth", "0.8")),
)
THINKER: Final = Look(
    "learnscape-thinker learnscape-chip",
    (("style", "filled,dashed"), ("fillcolor", "#f1e6fb"), ("color", "#6b3fa0"), ("penwidth", "0.8")),
)
EMPTY: Final = Look(
    "learnscape-empty",
    (("style", "solid"), ("color", "#00000000"), ("penwidth", "0"), ("fontcolor", MUTED_TEXT)),
)
#: Names on the map that are neither boxes nor links: the axis, the title, the legend's words.
NOTE: Final = Look(
    "learnscape-note",
    (("style", "solid"), ("color", "#00000000"), ("penwidth", "0"), ("fontcolor", MUTED_TEXT)),
)
#: The evidence badge on a card (``:color: evidence``): white, dark border, bold words.
BADGE: Final = Look(
    "learnscape-evidence-badge",
    (("style", "rounded,filled"), ("fillcolor", "#ffffff"), ("color", "#1f2328"), ("penwidth", "0.8"),
     ("fontname", "Helvetica-Bold")),
)  # fmt: skip
#: The focused object's card or chip: a heavier border.
FOCUS_PENWIDTH: Final = "2.6"

#: Links between forms, the only edges.
LINK: Final = Look(
    "learnscape-edge learnscape-link",
    (("color", LINK_TEXT), ("fontcolor", LINK_TEXT), ("penwidth", "1.4"), ("fontsize", "9"),
     ("arrowsize", "0.7")),
)  # fmt: skip
