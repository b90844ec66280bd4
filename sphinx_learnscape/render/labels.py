"""Where each link's label goes: beside its own line, at a spot no box, text or other label uses.

Graphviz would put a label beside the middle of its line whatever is there
(in the layout mode the map uses it cannot move one), so labels are placed
here and pinned (``lp``). Candidates lie along the route, from its middle
outwards, on either side of the line and just clear of it, so a label is
never more than about 30 pt from its own link; the first candidate that
overlaps nothing wins, fewer links through the label breaking ties. When
every spot is taken, the one overlapping least is used.

Coordinates are the layout's: points, y growing downwards.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from sphinx_learnscape.render.layout import Rect
from sphinx_learnscape.render.route import Point

#: Gap between a label and its line.
GAP = 2.5
#: Gap kept between a label and any box or other text.
MARGIN = 1.5
#: Where along the route to try, as fractions of its length, best first.
FRACTIONS = tuple(f for k in range(12) for f in sorted({0.5 - 0.04 * k, 0.5 + 0.04 * k}))
#: A label's centre further than this from its line is a last resort (the limit is 30 pt).
NEAR = 28.0

Box = tuple[float, float, float, float]


def _at(points: Sequence[Point], fraction: float) -> tuple[Point, Point]:
    """The point ``fraction`` of the way along a polyline, and the unit direction there."""
    lengths = [math.dist(p, q) for p, q in itertools.pairwise(points)]
    goal = sum(lengths) * fraction
    for (p, q), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t), (
                (q[0] - p[0]) / length,
                (q[1] - p[1]) / length,
            )
        goal -= length
    p, q = points[-2], points[-1]
    length = math.dist(p, q) or 1.0
    return q, ((q[0] - p[0]) / length, (q[1] - p[1]) / length)


def _distance(point: Point, line: Sequence[Point]) -> float:
    best = math.inf
    for a, b in itertools.pairwise(line):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = dx * dx + dy * dy
        t = (
            0.0
            if length == 0
            else max(0.0, min(1.0, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length))
        )
        best = min(best, math.dist(point, (a[0] + t * dx, a[1] + t * dy)))
    return best


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] + MARGIN and b[0] < a[2] + MARGIN and a[1] < b[3] + MARGIN and b[1] < a[3] + MARGIN


def _segment_in_box(p: Point, q: Point, box: Box) -> bool:
    """Whether segment pq passes through the open box (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = box
    px, py = p
    dx, dy = q[0] - px, q[1] - py
    lo, hi = 0.0, 1.0
    for pk, qk in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
        if pk == 0:
            if qk <= 0:
                return False
        else:
            t = qk / pk
            if pk < 0:
                if t > lo:
                    lo = t
            elif t < hi:
                hi = t
            if lo >= hi:
                return False
    return True


#: Bucket size of the spatial indexes.
BUCKET = 80.0


def _buckets(box: Box) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i in range(math.floor((box[0] - MARGIN) / BUCKET), math.floor((box[2] + MARGIN) / BUCKET) + 1)
        for j in range(math.floor((box[1] - MARGIN) / BUCKET), math.floor((box[3] + MARGIN) / BUCKET) + 1)
    ]


class _Taken:
    """Boxes no label may overlap, found by the area they cover."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.index: dict[tuple[int, int], list[int]] = {}

    def add(self, box: Box) -> None:
        for bucket in _buckets(box):
            self.index.setdefault(bucket, []).append(len(self.boxes))
        self.boxes.append(box)

    def hits(self, box: Box) -> int:
        near = {i for bucket in _buckets(box) for i in self.index.get(bucket, ())}
        return sum(_overlaps(box, self.boxes[i]) for i in near)


class _Lines:
    """The routes' segments, found by the area each covers."""

    def __init__(self, routes: Sequence[Sequence[Point]]) -> None:
        #: (route, p, q, box of pq)
        self.segments: list[tuple[int, Point, Point, Box]] = []
        self.index: dict[tuple[int, int], list[int]] = {}
        for i, route in enumerate(routes):
            for p, q in itertools.pairwise(route):
                box = (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
                for bucket in _buckets(box):
                    self.index.setdefault(bucket, []).append(len(self.segments))
                self.segments.append((i, p, q, box))

    def through(self, box: Box) -> int:
        """How many routes pass through ``box``."""
        x0, y0, x1, y1 = box
        hit: set[int] = set()
        for bucket in _buckets(box):
            for k in self.index.get(bucket, ()):
                route, p, q, (a0, b0, a1, b1) = self.segments[k]
                if route in hit or a0 >= x1 or x0 >= a1 or b0 >= y1 or y0 >= b1:
                    continue
                if _segment_in_box(p, q, box):
                    hit.add(route)
        return len(hit)


def _candidates(points: Sequence[Point], width: float, height: float) -> list[Box]:
    out = []
    for fraction in FRACTIONS:
        (x, y), (dx, dy) = _at(points, fraction)
        nx, ny = -dy, dx
        reach = abs(nx) * width / 2 + abs(ny) * height / 2 + GAP
        # Beside the line (either side), then straight above/below or left/right of it.
        offsets = [(nx * reach, ny * reach), (-nx * reach, -ny * reach)]
        offsets += [
            (width / 2 + GAP, 0.0),
            (-width / 2 - GAP, 0.0),
            (0.0, height / 2 + GAP),
            (0.0, -height / 2 - GAP),
            # on the line itself, its own line through it: where a corridor is too narrow beside it
            (0.0, 0.0),
        ]
        for ox, oy in offsets:
            cx, cy = x + ox, y + oy
            out.append((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    return out


def place_labels(
    routes: Sequence[Sequence[Point]],
    sizes: Sequence[tuple[float, float] | None],
    obstacles: Sequence[Rect],
    bounds: Rect,
) -> list[Point | None]:
    """The centre of each route's label (``sizes[i]`` is its width and height; None: no label)."""
    taken = _Taken()
    for r in obstacles:
        taken.add((r.x, r.y, r.right, r.bottom))
    lines = _Lines(routes)
    # Long labels first: they have the fewest places to go.
    order = sorted(
        (i for i, s in enumerate(sizes) if s is not None and len(routes[i]) >= 2),
        key=lambda i: (-(sizes[i] or (0, 0))[1] * (sizes[i] or (0, 0))[0], i),
    )
    placed: list[Point | None] = [None] * len(routes)
    for i in order:
        width, height = sizes[i] or (0.0, 0.0)
        best: tuple[float, Box] | None = None
        for rank, box in enumerate(_candidates(routes[i], width, height)):
            inside = (
                bounds.x <= box[0]
                and box[2] <= bounds.right
                and bounds.y <= box[1]
                and box[3] <= bounds.bottom
            )
            score = (0 if inside else 1000) + 100 * taken.hits(box) + rank * 0.001
            if best is not None and score >= best[0]:
                continue  # the routes through it could only add to that
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            score += 40 * (_distance(centre, routes[i]) > NEAR)
            if best is not None and score >= best[0]:
                continue
            score += 10 * lines.through(box)
            if best is None or score < best[0]:
                best = (score, box)
            if score < 1:
                break
        assert best is not None
        box = best[1]
        taken.add(box)
        placed[i] = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return placed
