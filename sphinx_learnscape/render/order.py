"""The order of the forms in their cells: file order, moved where links pull them.

Each cell starts in file order. Then, a few rounds, every cell is sorted
(stably, so ties keep file order) by where the forms it links to sit in other
cells: a form linked to forms low in the map moves down in its cell, one
linked to the performance row sinks to the bottom of the learning cell. This
is the barycentre heuristic of layered drawing; it shortens links and
removes most crossings, and it is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinx_learnscape.data.model import Form, Link

ROUNDS = 4


def order_cells(cells: Sequence[Sequence[Sequence[Form]]], links: Sequence[Link]) -> list[list[list[Form]]]:
    """``cells[zone][row]`` -> the same forms, each cell in its drawing order."""
    order = [[list(cell) for cell in zone] for zone in cells]
    near: dict[str, list[str]] = {}
    for link in links:
        if link.source != link.target:
            near.setdefault(link.source, []).append(link.target)
            near.setdefault(link.target, []).append(link.source)
    if not near:
        return order
    home = {f.id: (z, r) for z, zone in enumerate(order) for r, cell in enumerate(zone) for f in cell}
    for _ in range(ROUNDS):
        height = _heights(order)
        for z, zone in enumerate(order):
            for r, cell in enumerate(zone):
                keys = {}
                for form in cell:
                    others = [height[n] for n in near.get(form.id, ()) if n in home and home[n] != (z, r)]
                    keys[form.id] = sum(others) / len(others) if others else height[form.id]
                cell.sort(key=lambda f: keys[f.id])
    return order


def _heights(order: list[list[list[Form]]]) -> dict[str, float]:
    """Where each form sits down the map: its row, plus its place in the cell (0 to 1)."""
    return {
        form.id: row + (index + 0.5) / len(cell)
        for zone in order
        for row, cell in enumerate(zone)
        for index, form in enumerate(cell)
    }
