"""The legend: a strip under the map with one sample of every kind of box and line this map uses.

Each sample is drawn as the map draws it (a card, a chip, a link) with its
words beside it; the strip is as wide as the map at most, in lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_learnscape.render import escape, evidence, layout, style
from sphinx_learnscape.render.layout import Grid, LegendItem, Rect
from sphinx_learnscape.render.messages import message

if TYPE_CHECKING:
    from sphinx_learnscape.render.dot import _MapWriter

#: Legend entries in the order they are listed, with how each is drawn.
ITEMS: tuple[tuple[str, str, style.Look], ...] = (
    ("learning", "card", style.LEARNING),
    ("performance", "card", style.PERFORMANCE),
    ("tool", "chip", style.TOOL),
    ("thinker", "chip", style.THINKER),
    ("link", "line", style.LINK),
    ("empty", "note", style.EMPTY),
    (
        "focus",
        "card",
        style.Look(style.LEARNING.css, (*style.LEARNING.attrs, ("penwidth", style.FOCUS_PENWIDTH))),
    ),
)
_LOOKS = {key: look for key, _, look in ITEMS}


def legend_items(used: set[str], language: str) -> list[LegendItem]:
    """The entries this map needs, in :data:`ITEMS` order."""
    items = []
    for key, sample, _ in ITEMS:
        if key in used:
            text = message(f"legend.{key}", language)
            items.append(LegendItem(key, sample, text))
    if "evidence" in used:
        # The whole scale, lowest first, each step as a card of its fill with its badge's words.
        items.append(LegendItem("evidence", "note", message("legend.evidence", language)))
        items += [LegendItem(f"evidence-{s}", "card", evidence.badge(s, language)) for s in evidence.STEPS]
    return items


def _look(key: str, colored: bool) -> style.Look:
    if key.startswith("evidence-"):
        step = key.removeprefix("evidence-")
        return style.Look(
            f"learnscape-form learnscape-evidence-{step}",
            (*style.LEARNING.attrs, ("fillcolor", evidence.FILLS[step])),
        )
    if key == "evidence":
        return style.NOTE
    look = _LOOKS[key]
    if colored and key in ("learning", "performance", "focus"):
        # Fills say the evidence now: the orientation is the border alone.
        return style.Look(look.css, (*look.attrs, ("fillcolor", evidence.FILLS["none"])))
    return look


def write_legend(writer: _MapWriter, grid: Grid) -> None:
    """The legend's box, then each sample with its words (the words are the sample's label)."""
    assert grid.legend is not None
    title = message("legend", writer.language)
    prefix = writer.prefix
    writer.cluster(
        "cluster:legend",
        grid.legend,
        style.Look("learnscape-legend", (("style", "rounded,filled"),)),
        ident=f"{prefix}-legend",
        label=[title],
        label_at=grid.legend_title_at,
        tooltip=escape.tooltip(title),
        font=style.FONT_BOLD,
        size=layout.LEGEND_SIZE,
        color=escape.const(style.BAND_BORDER),
    )
    for placed in grid.legend_items:
        item = placed.item
        key = item.key
        look = _look(key, writer.content.evidence is not None)
        text = item.text
        sample = placed.sample
        if item.sample == "line":
            # A real edge between two invisible points, with the words beside it.
            tail, head = escape.name(f"legend:{key}:from"), escape.name(f"legend:{key}:to")
            for name, x in ((tail, sample.x), (head, sample.right)):
                writer.w.node(
                    name,
                    {
                        "pos": writer.point(x, sample.cy),
                        "width": escape.const("0.01"),
                        "height": escape.const("0.01"),
                    },
                )
            attrs = {k: escape.const(v) for k, v in look.attrs}
            attrs.update(
                {
                    "class": escape.classes(f"{look.css} learnscape-legend-item"),
                    "id": escape.name(f"{prefix}-legend-{key}-edge"),
                    "pos": writer.spline([(sample.x, sample.cy), (sample.right, sample.cy)], False),
                }
            )
            writer.w.edge(tail, head, attrs)
            look = style.NOTE
        elif item.sample == "note" and key == "empty":
            look = style.Look(look.css, (*look.attrs, ("fontname", style.FONT_ITALIC)))
        writer.cluster(
            f"cluster:legend:{key}",
            sample if sample.w else Rect(sample.x, sample.y, 0.1, sample.h),
            look,
            ident=f"{prefix}-legend-{key}",
            label=[text],
            label_at=placed.text_at,
            tooltip=escape.tooltip(text),
            size=layout.LEGEND_SIZE,
            css=f"{look.css} learnscape-legend-item",
        )
        writer.close()
    writer.close()
