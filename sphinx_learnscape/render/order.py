"""The order of the forms in their cells: file order, changed only where that uncrosses links.

Each cell starts in file order. First, a few rounds of the barycentre
heuristic of layered drawing: every cell is sorted (stably, so ties keep file
order) by the mean height of the forms it links to. Then a local search swaps
neighbouring forms of a cell whenever that lowers the number of crossing
links, counted on straight lines between the cards' places in the grid (which
is what Graphviz draws when nothing is in the way). Both steps are
deterministic: the same landscape always gives the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinx_learnscape.data.model import Form, Link

ROUNDS = 4
#: Passes of the swapping search; each pass tries every pair of neighbours once.
PASSES = 3
#: How far to the side a link between two forms of one column bulges (in columns).
BULGE = 0.35
#: Cards per stack, as in :mod:`.layout`.
STACK = 4

Point = tuple[float, float]
Cells = list[list[list[Form]]]


def order_cells(cells: Sequence[Sequence[Sequence[Form]]], links: Sequence[Link]) -> list[list[list[Form]]]:
    """``cells[zone][row]`` -> the same forms, each cell in its drawing order."""
    order: Cells = [[list(cell) for cell in zone] for zone in cells]
    near: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for link in links:
        if link.source != link.target:
            near.setdefault(link.source, []).append(link.target)
            near.setdefault(link.target, []).append(link.source)
            pairs.append((link.source, link.target))
    if not pairs:
        return order
    for _ in range(ROUNDS):
        height = _heights(order)
        for zone in order:
            for cell in zone:
                keys = {}
                for form in cell:
                    others = [height[n] for n in near.get(form.id, ()) if n in height]
                    keys[form.id] = sum(others) / len(others) if others else height[form.id]
                cell.sort(key=lambda f: keys[f.id])
    _uncross(order, pairs)
    return order


def _heights(order: Cells) -> dict[str, float]:
    """Where each form sits down the map: its row, plus its place in the cell (0 to 1)."""
    return {
        form.id: row + (index + 0.5) / len(cell)
        for zone in order
        for row, cell in enumerate(zone)
        for index, form in enumerate(cell)
    }


# -- counting crossings on the grid --------------------------------------------------------


def _places(order: Cells) -> tuple[dict[str, Point], dict[str, int]]:
    """Each form's place in grid units (column, slot), and its column.

    Rows are as tall as their fullest cell, so a row's slots line up across zones.
    """
    rows = max((len(zone) for zone in order), default=0)
    tall = [
        max((min(len(zone[r]), STACK) for zone in order if r < len(zone)), default=1) for r in range(rows)
    ]
    place: dict[str, Point] = {}
    column: dict[str, int] = {}
    for z, zone in enumerate(order):
        top = 0.0
        for r, cell in enumerate(zone):
            stacks = max(1, -(-len(cell) // STACK))
            for index, form in enumerate(cell):
                stack, slot = divmod(index, STACK)
                x = z + (stack - (stacks - 1) / 2) * 0.5 / stacks
                place[form.id] = (x, top + slot + 0.5)
                column[form.id] = z
            top += max(tall[r], 1) + 0.5
    return place, column


def _segments(a: str, b: str, place: dict[str, Point], column: dict[str, int]) -> list[tuple[Point, Point]]:
    (x0, y0), (x1, y1) = place[a], place[b]
    if column[a] == column[b] and abs(y1 - y0) > 1.01:
        # Inside a column a link goes round the cards between its ends.
        middle = (max(x0, x1) + BULGE, (y0 + y1) / 2)
        return [((x0, y0), middle), (middle, (x1, y1))]
    return [((x0, y0), (x1, y1))]


def _cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether two segments cross properly (orientation tests written out: the inner loop)."""
    (px, py), (qx, qy), (rx, ry), (sx, sy) = p, q, r, s
    dx, dy, ex, ey = qx - px, qy - py, sx - rx, sy - ry
    if (dx * (ry - py) - dy * (rx - px)) * (dx * (sy - py) - dy * (sx - px)) >= 0:
        return False
    return (ex * (py - ry) - ey * (px - rx)) * (ex * (qy - ry) - ey * (qx - rx)) < 0


Segments = list[tuple[Point, Point]]


def _box(segments: Segments) -> tuple[float, float, float, float]:
    xs = [x for segment in segments for x, _ in segment]
    ys = [y for segment in segments for _, y in segment]
    return min(xs), min(ys), max(xs), max(ys)


def _count(
    chosen: list[int],
    pairs: list[tuple[str, str]],
    segments: list[Segments],
    boxes: list[tuple[float, float, float, float]],
    near: list[list[int]],
) -> int:
    """Crossings between the links ``chosen`` (indices into ``pairs``) and all links.

    ``near[i]`` are the links whose columns overlap link ``i``'s: no other can cross it.
    """
    total = 0
    picked = set(chosen)
    for i in chosen:
        ends = pairs[i]
        x0, y0, x1, y1 = boxes[i]
        mine = segments[i]
        for j in near[i]:
            if j in picked and j < i:
                continue
            a0, b0, a1, b1 = boxes[j]
            # links whose boxes do not meet cannot cross; links sharing a form meet there
            if a0 > x1 or x0 > a1 or b0 > y1 or y0 > b1:
                continue
            other = pairs[j]
            if other[0] in ends or other[1] in ends:
                continue
            for (px, py), (qx, qy) in mine:
                dx, dy = qx - px, qy - py
                for (rx, ry), (sx, sy) in segments[j]:
                    # _cross, written out: this is the ordering's innermost loop
                    if (dx * (ry - py) - dy * (rx - px)) * (dx * (sy - py) - dy * (sx - px)) >= 0:
                        continue
                    ex, ey = sx - rx, sy - ry
                    if (ex * (py - ry) - ey * (px - rx)) * (ex * (qy - ry) - ey * (qx - rx)) < 0:
                        total += 1
    return total


def _uncross(order: Cells, pairs: list[tuple[str, str]]) -> None:
    """Swap neighbours in a cell while that removes crossings (first improvement, bounded passes).

    Neighbours in a cell trade places in the grid and nothing else moves, so
    only the links of the two forms are drawn again and counted.
    """
    touching: dict[str, list[int]] = {}
    for index, (a, b) in enumerate(pairs):
        touching.setdefault(a, []).append(index)
        touching.setdefault(b, []).append(index)
    place, column = _places(order)
    segments = [_segments(a, b, place, column) for a, b in pairs]
    boxes = [_box(s) for s in segments]
    # Swaps never move a form to another column: which links may cross is fixed.
    spans = [(min(column[a], column[b]) - 0.6, max(column[a], column[b]) + 0.6) for a, b in pairs]
    near = [
        [j for j, (lo, hi) in enumerate(spans) if j != i and lo <= span[1] and span[0] <= hi]
        for i, span in enumerate(spans)
    ]

    def redraw(chosen: list[int]) -> None:
        for i in chosen:
            segments[i] = _segments(*pairs[i], place, column)
            boxes[i] = _box(segments[i])

    for _ in range(PASSES):
        improved = False
        for zone in order:
            for cell in zone:
                for i in range(len(cell) - 1):
                    first, second = cell[i].id, cell[i + 1].id
                    chosen = sorted(set(touching.get(first, [])) | set(touching.get(second, [])))
                    if not chosen:
                        continue
                    before = _count(chosen, pairs, segments, boxes, near)
                    if before == 0:
                        continue  # nothing to remove
                    cell[i], cell[i + 1] = cell[i + 1], cell[i]
                    place[first], place[second] = place[second], place[first]
                    redraw(chosen)
                    if _count(chosen, pairs, segments, boxes, near) < before:
                        improved = True
                    else:
                        cell[i], cell[i + 1] = cell[i + 1], cell[i]
                        place[first], place[second] = place[second], place[first]
                        redraw(chosen)
        if not improved:
            break
