"""The links' routes, computed here: Graphviz only draws them (``layout=nop2``).

The grid (:mod:`.layout`) leaves corridors between the cards; a link runs
straight from card to card when nothing is in the way, else along the
shortest path through a *visibility graph* whose waypoints sit in the middle
of those corridors, half a gap off each card's corners. Links are routed one
after another, shortest first, and a path pays :data:`CROSSING_COST` points
of length for every link it crosses, so that a later link goes round rather
than through the earlier ones when that is not much longer. The search is a lazy A*
and the visibility graph is found as the search reaches each waypoint;
:func:`route_again` keeps the routes that still fit when a few cards moved,
which is what lets :mod:`.dot` try other orders of the cells cheaply.
Everything is deterministic.

Doing this ourselves instead of letting Graphviz route splines is what makes
the map fast at 200 forms (dot 2.43's spline router took seconds), lets us
count and avoid crossings on the real routes, and lets :mod:`.labels` put
each label at a free spot beside its own line.

Coordinates are the layout's: points, y growing downwards.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sphinx_learnscape.render.layout import Rect

Point = tuple[float, float]
Segment = tuple[Point, Point]

#: How far a route keeps from every card it passes.
CLEARANCE = 4.0
#: Waypoints lie this far off each card's corners: the middle of an 18 pt corridor.
LANE = 9.0
#: What one crossing costs a route, in points of extra length.
CROSSING_COST = 160.0
#: What running along a stretch of corridor another link already uses costs, per point.
SHARED_COST = 0.35
#: What turning at a waypoint another link turns at costs (they may cross there).
VERTEX_COST = 70.0
#: Waypoints further apart than this are not joined directly (the graph stays small);
#: the paths are straightened afterwards, so long straight runs still come out.
REACH = 320.0
#: How far around its two cards a route may wander.
SEARCH = 220.0
#: Bucket size of the spatial indexes.
BUCKET = 96.0
#: Corners are rounded with this radius (at most half the shorter leg).
CORNER = 10.0


@dataclass(frozen=True, slots=True)
class Request:
    """One link to route: from card ``tail`` to card ``head`` (keys of the cards given)."""

    tail: str
    head: str


@dataclass(frozen=True, slots=True)
class Routes:
    #: each link's polyline as drawn: from card border to card border, nudged apart
    drawn: list[list[Point]]
    #: as the router found them (from card centre to card centre): what
    #: :func:`route_again` takes to route the same links on slightly changed cards
    raw: list[list[Point]]
    #: the router that found them (what it learnt about the cards is reused)
    router: Router | None = None


# -- segment geometry -----------------------------------------------------------------------


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def crosses(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether two segments cross properly (touching and overlapping are not crossing)."""
    return _orient(p, q, r) * _orient(p, q, s) < 0 and _orient(r, s, p) * _orient(r, s, q) < 0


def _hits_rect(p: Point, q: Point, rect: tuple[float, float, float, float]) -> bool:
    """Whether segment pq passes through the open box (x0, y0, x1, y1) (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk <= 0:
                return False
        elif pk < 0:
            lo = max(lo, qk / pk)
        else:
            hi = min(hi, qk / pk)
        if lo >= hi:
            return False
    return hi - lo > 1e-9


def exit_point(inside: Point, outside: Point, rect: Rect) -> Point:
    """Where the segment from a point in ``rect`` to one outside it leaves the box."""
    (x, y), (u, v) = inside, outside
    dx, dy = u - x, v - y
    best = 1.0
    if dx > 0:
        best = min(best, (rect.right - x) / dx)
    elif dx < 0:
        best = min(best, (rect.x - x) / dx)
    if dy > 0:
        best = min(best, (rect.bottom - y) / dy)
    elif dy < 0:
        best = min(best, (rect.y - y) / dy)
    best = max(0.0, best)
    return (x + best * dx, y + best * dy)


# -- spatial indexes ------------------------------------------------------------------------


def _buckets(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
    for i in range(math.floor(x0 / BUCKET), math.floor(x1 / BUCKET) + 1):
        for j in range(math.floor(y0 / BUCKET), math.floor(y1 / BUCKET) + 1):
            yield i, j


class _Boxes:
    """The cards, inflated by :data:`CLEARANCE`, found by the area they cover."""

    def __init__(self, cards: dict[str, Rect]) -> None:
        self.boxes = {
            key: (r.x - CLEARANCE, r.y - CLEARANCE, r.right + CLEARANCE, r.bottom + CLEARANCE)
            for key, r in cards.items()
        }
        self.index: dict[tuple[int, int], list[str]] = {}
        for key, box in self.boxes.items():
            for bucket in _buckets(*box):
                self.index.setdefault(bucket, []).append(key)

    def clear(self, p: Point, q: Point, ignore: tuple[str, ...] = ()) -> bool:
        """Whether pq passes no card except those in ``ignore``."""
        px, py = p
        qx, qy = q
        x0, x1 = (px, qx) if px <= qx else (qx, px)
        y0, y1 = (py, qy) if py <= qy else (qy, py)
        boxes = self.boxes
        for i in range(math.floor(x0 / BUCKET), math.floor(x1 / BUCKET) + 1):
            for j in range(math.floor(y0 / BUCKET), math.floor(y1 / BUCKET) + 1):
                for key in self.index.get((i, j), ()):
                    box = boxes[key]
                    # a box beside pq's own box cannot meet it (a box in several buckets is
                    # tested again in each: cheaper than remembering it)
                    if box[0] >= x1 or x0 >= box[2] or box[1] >= y1 or y0 >= box[3] or key in ignore:
                        continue
                    if _hits_rect(p, q, box):
                        return False
        return True

    def free(self, p: Point) -> bool:
        x, y = p
        for key in self.index.get((math.floor(x / BUCKET), math.floor(y / BUCKET)), ()):
            x0, y0, x1, y1 = self.boxes[key]
            if x0 < x < x1 and y0 < y < y1:
                return False
        return True


#: A routed segment: its link, its ends and its box (x0, y0, x1, y1).
_Stored = tuple[int, Point, Point, float, float, float, float]


class _Routed:
    """The segments of the routes drawn so far, found by the area they cover."""

    def __init__(self) -> None:
        self.segments: dict[int, list[_Stored]] = {}
        self.index: dict[tuple[int, int], list[_Stored]] = {}
        #: the waypoints each route turns at
        self.vertices: dict[Point, set[int]] = {}

    def add(self, link: int, points: Sequence[Point]) -> None:
        stored = [
            (link, p, q, min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
            for p, q in itertools.pairwise(points)
        ]
        self.segments[link] = stored
        for point in points[1:-1]:
            self.vertices.setdefault(point, set()).add(link)
        for segment in stored:
            for bucket in _buckets(*segment[3:]):
                self.index.setdefault(bucket, []).append(segment)

    def through(self, point: Point, skip: frozenset[int]) -> float:
        """What turning at a waypoint costs that other routes turn at (they may cross there)."""
        return VERTEX_COST * len(self.vertices.get(point, set()) - skip)

    def cost(self, p: Point, q: Point, skip: frozenset[int]) -> float:
        """Crossing and sharing costs of a new segment pq against the routes drawn.

        The orientation tests of :func:`crosses` and :func:`_overlap` are
        written out here: this is the router's innermost loop.
        """
        px, py = p
        qx, qy = q
        x0, x1 = (px, qx) if px <= qx else (qx, px)
        y0, y1 = (py, qy) if py <= qy else (qy, py)
        dx, dy = qx - px, qy - py
        length = math.hypot(dx, dy)
        seen: set[int] = set()
        total = 0.0
        index = self.index
        for i in range(math.floor(x0 / BUCKET), math.floor(x1 / BUCKET) + 1):
            for j in range(math.floor(y0 / BUCKET), math.floor(y1 / BUCKET) + 1):
                for segment in index.get((i, j), ()):
                    link, r, s, a0, b0, a1, b1 = segment
                    if a0 > x1 + 1 or x0 > a1 + 1 or b0 > y1 + 1 or y0 > b1 + 1 or link in skip:
                        continue
                    key = id(segment)
                    if key in seen:
                        continue
                    seen.add(key)
                    rx, ry = r
                    sx, sy = s
                    d1 = dx * (ry - py) - dy * (rx - px)
                    d2 = dx * (sy - py) - dy * (sx - px)
                    if d1 * d2 < 0:
                        ex, ey = sx - rx, sy - ry
                        if (ex * (py - ry) - ey * (px - rx)) * (ex * (qy - ry) - ey * (qx - rx)) < 0:
                            total += CROSSING_COST
                            continue
                    # both ends of rs within a point of the line through pq: they share a stretch
                    if length > 0 and abs(d1) <= length and abs(d2) <= length:
                        ux, uy = dx / length, dy / length
                        t0 = (rx - px) * ux + (ry - py) * uy
                        t1 = (sx - px) * ux + (sy - py) * uy
                        lo, hi = (t0, t1) if t0 <= t1 else (t1, t0)
                        run = min(length, hi) - max(0.0, lo)
                        if run > 0:
                            total += SHARED_COST * run
        return total


def _overlap(p: Point, q: Point, r: Point, s: Point) -> float:
    """How long two segments run on top of each other (collinear, within a point)."""
    length = math.dist(p, q)
    if length == 0:
        return 0.0
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    # both ends of rs within a point of the line through pq
    if abs((r[0] - p[0]) * uy - (r[1] - p[1]) * ux) > 1 or abs((s[0] - p[0]) * uy - (s[1] - p[1]) * ux) > 1:
        return 0.0
    a = (r[0] - p[0]) * ux + (r[1] - p[1]) * uy
    b = (s[0] - p[0]) * ux + (s[1] - p[1]) * uy
    return max(0.0, min(length, max(a, b)) - max(0.0, min(a, b)))


# -- the router -----------------------------------------------------------------------------


class Router:
    """Routes for links between cards placed on the grid; see the module's docstring.

    ``reuse``: the router of the same cards before a few of them moved. What
    it found a point sees is kept for every pair of points whose box meets
    no moved card (at its old or new place); only the rest is looked at again.
    """

    def __init__(self, cards: dict[str, Rect], reuse: Router | None = None) -> None:
        self.cards = cards
        self.boxes = _Boxes(cards)
        points: list[Point] = []
        for rect in cards.values():
            for x in (rect.x - LANE, rect.right + LANE):
                for y in (rect.y - LANE, rect.bottom + LANE):
                    point = (round(x, 2), round(y, 2))
                    if self.boxes.free(point):
                        points.append(point)
        self.points = sorted(set(points))
        index: dict[tuple[int, int], list[Point]] = {}
        for p in self.points:
            index.setdefault((math.floor(p[0] / REACH), math.floor(p[1] / REACH)), []).append(p)
        self.point_index = index
        #: what each point sees (by point, reach and cards ignored), found when the search reaches it
        self._seen: dict[tuple[Point, float, tuple[str, ...]], list[Point]] = {}
        self._old: dict[tuple[Point, float, tuple[str, ...]], list[Point]] = {}
        #: boxes of the cards that moved since ``reuse``, grown by a lane: waypoints that
        #: came or went lie in them
        self._moved: list[tuple[float, float, float, float]] = []
        if reuse is not None:
            grow = LANE + CLEARANCE + 1
            for key in sorted(set(cards) | set(reuse.cards)):
                before, after = reuse.cards.get(key), cards.get(key)
                if before != after:
                    for r in (before, after):
                        if r is not None:
                            self._moved.append((r.x - grow, r.y - grow, r.right + grow, r.bottom + grow))
        #: the box around all moved cards: most points are far from it
        self._moved_box = (
            (
                min(b[0] for b in self._moved),
                min(b[1] for b in self._moved),
                max(b[2] for b in self._moved),
                max(b[3] for b in self._moved),
            )
            if self._moved
            else None
        )
        if reuse is not None:
            if not self._moved:
                self._seen = dict(reuse._seen)
            else:
                # What ``reuse`` took over unchecked holds still where nothing moved before it.
                self._old = {
                    key: found
                    for key, found in reuse._old.items()
                    if key not in reuse._seen and not reuse._moved_within(key[0], key[1])
                }
                self._old.update(reuse._seen)

    def seen(self, p: Point, reach: float, ignore: tuple[str, ...] = ()) -> list[Point]:
        """The waypoints within ``reach`` of ``p`` that a straight run from ``p`` reaches."""
        key = (p, reach, ignore)
        found = self._seen.get(key)
        if found is not None:
            return found
        old = self._old.get(key)
        if old is not None and not self._moved_within(p, reach):
            self._seen[key] = old  # nothing moved within reach: all still holds
            return old
        kept = set(old) if old is not None else None
        found = []
        for q in self._around(p):
            if q == p or math.dist(p, q) > reach:
                continue
            if kept is not None and not self._near_moved(p, q):
                if q in kept:
                    found.append(q)
            elif self.boxes.clear(p, q, ignore):
                found.append(q)
        self._seen[key] = found
        return found

    def _moved_within(self, p: Point, reach: float) -> bool:
        x0, y0, x1, y1 = p[0] - reach, p[1] - reach, p[0] + reach, p[1] + reach
        box = self._moved_box
        if box is None or box[0] > x1 or x0 > box[2] or box[1] > y1 or y0 > box[3]:
            return False
        return any(b[0] <= x1 and x0 <= b[2] and b[1] <= y1 and y0 <= b[3] for b in self._moved)

    def _near_moved(self, p: Point, q: Point) -> bool:
        x0, x1 = (p[0], q[0]) if p[0] <= q[0] else (q[0], p[0])
        y0, y1 = (p[1], q[1]) if p[1] <= q[1] else (q[1], p[1])
        box = self._moved_box
        if box is None or box[0] > x1 or x0 > box[2] or box[1] > y1 or y0 > box[3]:
            return False
        return any(b[0] <= x1 and x0 <= b[2] and b[1] <= y1 and y0 <= b[3] for b in self._moved)

    def near(self, p: Point) -> list[Point]:
        """The waypoints within :data:`REACH` of waypoint ``p`` that a straight run reaches."""
        return self.seen(p, REACH)

    def _around(self, p: Point) -> Iterable[Point]:
        i, j = math.floor(p[0] / REACH), math.floor(p[1] / REACH)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                yield from self.point_index.get((i + di, j + dj), ())

    def route_all(
        self, requests: Sequence[Request], previous: Sequence[Sequence[Point]] | None = None
    ) -> Routes:
        """Every link's route, from its tail card's border to its head card's border.

        ``previous`` are the :attr:`Routes.raw` routes of the same requests on
        cards of which a few moved: a route whose ends stayed and whose way is
        still clear is kept, the others are routed again (then rip-up and
        reroute as usual). That is what makes trying another order cheap.
        """
        routed = _Routed()
        paths: dict[int, list[Point]] = {}
        order = sorted(
            range(len(requests)),
            key=lambda i: (self._straight(requests[i]), i),
        )
        kept: set[int] = set()
        if previous is not None:
            for i in order:
                if self._still_good(requests[i], previous[i]):
                    paths[i] = list(previous[i])
                    routed.add(i, paths[i])
                    kept.add(i)
        # One pass, shortest first. Rip-up and reroute rounds were measured on the
        # example and the 40-form map: 4-8 times slower, no fewer crossings; the
        # order of the cells (searched on the real routes, see .dot) uncrosses.
        for i in order:
            if i in kept:
                continue
            paths[i], _cost = self._route(requests[i], routed, frozenset((i,)))
            routed.add(i, paths[i])
        raw = [paths[i] for i in range(len(requests))]
        return Routes(nudge([self._clip(requests[i], raw[i]) for i in range(len(requests))]), raw, self)

    def _still_good(self, request: Request, path: Sequence[Point]) -> bool:
        a, b = self.cards[request.tail], self.cards[request.head]
        if len(path) < 2 or path[0] != (a.cx, a.cy) or path[-1] != (b.cx, b.cy):
            return False
        ends = (request.tail, request.head)
        return all(self.boxes.clear(p, q, ends) for p, q in itertools.pairwise(path))

    def _straight(self, request: Request) -> float:
        a, b = self.cards[request.tail], self.cards[request.head]
        return math.dist((a.cx, a.cy), (b.cx, b.cy))

    def _cost(self, path: list[Point], routed: _Routed, skip: frozenset[int]) -> float:
        return sum(math.dist(p, q) + routed.cost(p, q, skip) for p, q in itertools.pairwise(path)) + sum(
            routed.through(p, skip) for p in path[1:-1]
        )

    def _route(
        self, request: Request, routed: _Routed, skip: frozenset[int], *, wide: bool = False
    ) -> tuple[list[Point], float]:
        """A* from the tail card's centre to the head card's, over the waypoints.

        The search keeps within :data:`SEARCH` of the two cards unless that
        finds no way (``wide``).
        """
        a, b = self.cards[request.tail], self.cards[request.head]
        start, goal = (a.cx, a.cy), (b.cx, b.cy)
        ends = (request.tail, request.head)
        if request.tail == request.head:
            return [start, goal], 0.0

        def step(p: Point, q: Point) -> float:
            # Only the part of a segment outside the two end cards is drawn and counted.
            u = exit_point(p, q, a) if p == start else p
            v = exit_point(q, p, b) if q == goal else q
            return math.dist(p, q) + routed.cost(u, v, skip) + (routed.through(q, skip) if q != goal else 0)

        x0, y0 = min(a.x, b.x) - SEARCH, min(a.y, b.y) - SEARCH
        x1, y1 = max(a.right, b.right) + SEARCH, max(a.bottom, b.bottom) + SEARCH

        def neighbours(p: Point) -> Iterable[Point]:
            if p in (start, goal):
                rect = a if p == start else b
                yield from self.seen(p, REACH + rect.w, ends)
            else:
                for q in self.near(p):
                    if wide or (x0 <= q[0] <= x1 and y0 <= q[1] <= y1):
                        yield q
            if p != goal and math.dist(p, goal) <= REACH + b.w + a.w and self.boxes.clear(p, goal, ends):
                yield goal

        # Lazy A*: a waypoint is queued at its length alone (a lower bound of
        # its cost) and the crossing and sharing costs of the step to it are
        # counted only when it comes out of the queue; most queued steps never do.
        done: dict[Point, float] = {}
        came: dict[Point, Point] = {}
        known: dict[Point, float] = {start: 0.0}
        queue: list[tuple[float, float, bool, Point, Point]] = [
            (math.dist(start, goal), 0.0, True, start, start)
        ]
        while queue:
            _, cost, exact, p, parent = heapq.heappop(queue)
            if p in done:
                continue
            if not exact:
                total = done[parent] + step(parent, p)
                if total < known.get(p, math.inf) - 1e-9:
                    known[p] = total
                    heapq.heappush(queue, (total + math.dist(p, goal), total, True, p, parent))
                continue
            if cost > known.get(p, math.inf) + 1e-9:
                continue
            done[p] = cost
            if p != start:
                came[p] = parent
            if p == goal:
                break
            for q in neighbours(p):
                if q in done:
                    continue
                bound = cost + math.dist(p, q)
                if bound < known.get(q, math.inf) - 1e-9:
                    heapq.heappush(queue, (bound + math.dist(q, goal), bound, False, q, p))
        if goal not in came:
            if not wide:
                return self._route(request, routed, skip, wide=True)
            # Nothing leads there (cards packed shut): a straight line, drawn over the rest.
            return [start, goal], math.dist(start, goal)
        path = [goal]
        while path[-1] != start:
            path.append(came[path[-1]])
        path.reverse()
        path = self._straighten(path, ends, routed, skip, a, b)
        return path, self._cost(path, routed, skip)

    def _straighten(
        self,
        path: list[Point],
        ends: tuple[str, str],
        routed: _Routed,
        skip: frozenset[int],
        a: Rect,
        b: Rect,
    ) -> list[Point]:
        """Skip waypoints where a straight run is clear and crosses no more links than the detour."""
        start, goal = path[0], path[-1]

        def drawn(p: Point, q: Point) -> Segment:
            return (
                exit_point(p, q, a) if p == start else p,
                exit_point(q, p, b) if q == goal else q,
            )

        out = [path[0]]
        i = 0
        while i < len(path) - 1:
            j = len(path) - 1
            while j > i + 1:
                u, v = drawn(path[i], path[j])
                detour = sum(
                    routed.cost(*drawn(p, q), skip)
                    for p, q in zip(path[i:j], path[i + 1 : j + 1], strict=False)
                )
                if self.boxes.clear(path[i], path[j], ends) and routed.cost(u, v, skip) <= detour:
                    break
                j -= 1
            out.append(path[j])
            i = j
        return out

    def _clip(self, request: Request, path: list[Point]) -> list[Point]:
        a, b = self.cards[request.tail], self.cards[request.head]
        if request.tail == request.head:
            return []
        first = exit_point(path[0], path[1], a)
        last = exit_point(path[-1], path[-2], b)
        return [first, *path[1:-1], last]


def route(cards: dict[str, Rect], requests: Sequence[Request]) -> list[list[Point]]:
    """The polyline of each request (empty for a link from a card to itself)."""
    return route_again(cards, requests, None).drawn


def route_again(cards: dict[str, Rect], requests: Sequence[Request], previous: Routes | None) -> Routes:
    """The routes of ``requests``, keeping those of ``previous`` that still fit (a few cards moved)."""
    if not requests:
        return Routes([], [])
    router = Router(cards, previous.router if previous is not None else None)
    return router.route_all(requests, previous.raw if previous is not None else None)


def drawn(points: Sequence[Point], steps: int = 3) -> list[Point]:
    """A route as it is drawn: its corners rounded as in :func:`bezier`, in short straight pieces."""
    if len(points) < 3:
        return list(points)
    out = [points[0]]
    for i in range(1, len(points) - 1):
        before, corner, after = points[i - 1], points[i], points[i + 1]
        radius = min(CORNER, math.dist(before, corner) / 2, math.dist(corner, after) / 2)
        a, b = _towards(corner, before, radius), _towards(corner, after, radius)
        c1, c2 = _lerp(a, corner, 2 / 3), _lerp(b, corner, 2 / 3)
        out.append(a)
        for n in range(1, steps + 1):
            t = n / steps
            u = 1 - t
            out.append(
                (
                    u**3 * a[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * b[0],
                    u**3 * a[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * b[1],
                )
            )
    out.append(points[-1])
    return out


def _pieces(path: Sequence[Point]) -> list[tuple[Point, Point, float, float, float, float]]:
    return [
        (p, q, min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
        for p, q in itertools.pairwise(path)
    ]


def crossed(paths: Sequence[Sequence[Point]]) -> dict[int, int]:
    """How many crossings each route has with the others, as drawn (corners rounded)."""
    pieces = [_pieces(drawn(p)) for p in paths]
    boxes = [
        (min(x[2] for x in p), min(x[3] for x in p), max(x[4] for x in p), max(x[5] for x in p))
        if p
        else None
        for p in pieces
    ]
    out: dict[int, int] = {}
    for i, j in itertools.combinations(range(len(paths)), 2):
        a, b = boxes[i], boxes[j]
        if a is None or b is None or a[0] > b[2] or b[0] > a[2] or a[1] > b[3] or b[1] > a[3]:
            continue
        hits = 0
        for p, q, x0, y0, x1, y1 in pieces[i]:
            if x0 > b[2] or b[0] > x1 or y0 > b[3] or b[1] > y1:
                continue
            for r, s, a0, b0, a1, b1 in pieces[j]:
                if a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1 and crosses(p, q, r, s):
                    hits += 1
        if hits:
            out[i] = out.get(i, 0) + hits
            out[j] = out.get(j, 0) + hits
    return out


# -- nudging -------------------------------------------------------------------------------


#: Links sharing a stretch of corridor are drawn this far apart, at most.
SPACING = 3.0
#: ... and no further than this off the corridor's middle, so that they keep clear of the cards.
SPREAD = 5.0


def nudge(paths: list[list[Point]]) -> list[list[Point]]:
    """Links that run on top of each other along a corridor, moved apart side by side.

    Runs are the horizontal and vertical segments (waypoints sit on the
    corridors' middle lines, so that is where links share a line). Runs on
    one line that overlap are spread across it, ordered by where their links
    come from and go to, so that spreading them adds no crossing.
    """
    out = [list(p) for p in paths]
    for axis in (0, 1):
        # axis 0: vertical runs (same x), moved in x; axis 1: horizontal runs, moved in y.
        lines: dict[float, list[tuple[float, float, int, int]]] = {}
        for link, path in enumerate(paths):
            for k in range(len(path) - 1):
                p, q = path[k], path[k + 1]
                if abs(p[axis] - q[axis]) < 0.01 and math.dist(p, q) > 0.5:
                    other = 1 - axis
                    lo, hi = sorted((p[other], q[other]))
                    lines.setdefault(round(p[axis], 1), []).append((lo, hi, link, k))
        for at, runs in lines.items():
            runs.sort()
            group: list[tuple[float, float, int, int]] = []
            reach = -math.inf
            for run in [*runs, (math.inf, math.inf, -1, -1)]:
                if run[0] < reach - 0.5:
                    group.append(run)
                    reach = max(reach, run[1])
                    continue
                if len(group) > 1:
                    _spread(out, paths, group, axis, at)
                group, reach = [run], run[1]
    return out


def _spread(
    out: list[list[Point]],
    paths: list[list[Point]],
    group: list[tuple[float, float, int, int]],
    axis: int,
    at: float,
) -> None:
    def side(run: tuple[float, float, int, int]) -> tuple[float, int]:
        # Which side of the line the link comes from and goes to (before and after the run).
        _, _, link, k = run
        path = paths[link]
        before = path[k - 1][axis] - at if k > 0 else 0.0
        after = path[k + 2][axis] - at if k + 2 < len(path) else 0.0
        return (before + after, link)

    ordered = sorted(group, key=side)
    step = min(SPACING, 2 * SPREAD / (len(ordered) - 1))
    for index, (_, _, link, k) in enumerate(ordered):
        offset = (index - (len(ordered) - 1) / 2) * step
        for vertex in (k, k + 1):
            point = list(out[link][vertex])
            point[axis] = paths[link][vertex][axis] + offset
            out[link][vertex] = (point[0], point[1])


# -- drawing --------------------------------------------------------------------------------


def bezier(points: Sequence[Point], *, start_gap: float = 0.0, end_gap: float = 0.0) -> list[Point]:
    """A polyline as cubic Bézier pieces (``p0 c c p1 c c p2 ...``), corners rounded.

    ``start_gap``/``end_gap`` leave room for arrowheads at the ends: Graphviz
    draws an arrowhead from where the curve stops to the end point it is given.
    """
    pts = list(points)
    if start_gap:
        pts[0] = _towards(pts[0], pts[1], start_gap)
    if end_gap:
        pts[-1] = _towards(pts[-1], pts[-2], end_gap)
    out = [pts[0]]

    def line(p: Point, q: Point) -> None:
        out.extend([_lerp(p, q, 1 / 3), _lerp(p, q, 2 / 3), q])

    current = pts[0]
    for i in range(1, len(pts) - 1):
        before, corner, after = pts[i - 1], pts[i], pts[i + 1]
        radius = min(CORNER, math.dist(before, corner) / 2, math.dist(corner, after) / 2)
        a, b = _towards(corner, before, radius), _towards(corner, after, radius)
        line(current, a)
        out.extend([_lerp(a, corner, 2 / 3), _lerp(b, corner, 2 / 3), b])
        current = b
    line(current, pts[-1])
    return out


def _lerp(p: Point, q: Point, t: float) -> Point:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def _towards(p: Point, q: Point, distance: float) -> Point:
    """``p`` moved ``distance`` towards ``q`` (at most half way)."""
    length = math.dist(p, q)
    if length == 0:
        return p
    return _lerp(p, q, min(distance / length, 0.5))
