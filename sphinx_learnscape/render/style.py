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
LINK_TEXT: Final = "#1f4e79"


@dataclass(frozen=True, slots=True)
class Look:
    """Graphviz attributes of one kind of node or edge, plus its CSS classes."""

    css: str
    attrs: tuple[tuple[str, str], ...]


#: Nodes. Learning forms: rounded, thin border; performance: square, thick border.
LEARNING: Final = Look(
    "learnscape-form learnscape-learning",
    (("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#e3eefc"), ("color", "#2f5f9e"),
     ("penwidth", "1")),
)  # fmt: skip
PERFORMANCE: Final = Look(
    "learnscape-form learnscape-performance",
    (("shape", "box"), ("style", "filled"), ("fillcolor", "#fdebd0"), ("color", "#9c5a00"),
     ("penwidth", "2.2")),
)  # fmt: skip
TOOL: Final = Look(
    "learnscape-tool",
    (("shape", "component"), ("style", "filled"), ("fillcolor", "#ececec"), ("color", "#5f6368"),
     ("fontsize", "10"), ("margin", "0.08,0.03")),
)  # fmt: skip
THINKER: Final = Look(
    "learnscape-thinker",
    (("shape", "ellipse"), ("style", "filled"), ("fillcolor", "#f1e6fb"), ("color", "#6b3fa0"),
     ("fontsize", "10"), ("margin", "0,0")),
)  # fmt: skip
EMPTY: Final = Look(
    "learnscape-empty",
    (("shape", "plaintext"), ("fontname", FONT_ITALIC), ("fontcolor", MUTED_TEXT), ("fontsize", "10")),
)

#: Edges. Each kind differs in dash pattern as well as colour.
USES: Final = Look(
    "learnscape-edge learnscape-uses",
    (("color", "#7d838c"), ("arrowhead", "none"), ("penwidth", "1")),
)
INSPIRES: Final = Look(
    "learnscape-edge learnscape-inspires",
    (("color", "#6b3fa0"), ("style", "dashed"), ("arrowhead", "none"), ("penwidth", "1")),
)
LINK: Final = Look(
    "learnscape-edge learnscape-link",
    (("color", LINK_TEXT), ("fontcolor", LINK_TEXT), ("penwidth", "1.6"), ("fontsize", "10"),
     ("arrowsize", "0.8")),
)  # fmt: skip
