"""Geometry of a map as Graphviz drew it: read from its SVG, for tests and the benchmark.

Everything is measured in the SVG's own units (points) on Graphviz's output,
before the HTML post-processing: cards, chips and cells are clusters, links
are the edges with ``learnscape-link`` (legend samples excluded), a link's
ends are read from its ``<title>`` (``form:a->form:b``).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from sphinx_learnscape.render import metrics

SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass
class Link:
    id: str
    tail: str
    head: str
    points: list[Point]
    labels: list[Box] = field(default_factory=list)

    @property
    def length(self) -> float:
        return sum(math.dist(a, b) for a, b in zip(self.points, self.points[1:], strict=False))

    @property
    def straight(self) -> float:
        return math.dist(self.points[0], self.points[-1])


@dataclass
class Geometry:
    width: float
    height: float
    #: form id -> card box
    cards: dict[str, Box]
    #: chip id -> (box, its card's form id, href)
    chips: dict[str, tuple[Box, str, str | None]]
    #: cell id -> box
    cells: dict[str, Box]
    zones: dict[str, Box]
    links: list[Link]
    #: (text box, id of the cluster the text belongs to)
    texts: list[tuple[Box, str]]


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _shape_box(group: ET.Element) -> Box:
    """The box of a cluster's own outline (its first polygon or path)."""
    for child in group.iter():
        tag = child.tag.replace(SVG, "")
        if tag == "polygon":
            values = _numbers(child.get("points", ""))
        elif tag == "path":
            values = _numbers(child.get("d", ""))
        else:
            continue
        xs, ys = values[0::2], values[1::2]
        return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"no outline in {group.get('id')}")


def _bezier(d: str) -> list[Point]:
    """A Graphviz path (``M p C p p p ...``) as a polyline, 12 steps per cubic piece."""
    values = _numbers(d)
    pts = list(zip(values[0::2], values[1::2], strict=False))
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for step in range(1, 13):
            t = step / 12
            u = 1 - t
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return out


def text_box(text: ET.Element) -> Box:
    """A ``<text>``'s box, from its anchor, font size and the estimated width of its words."""
    size = float(text.get("font-size", "10"))
    width = metrics.text_width(text.text or "", size) / metrics.SAFETY
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    anchor = text.get("text-anchor", "middle")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return left, y - size * 0.75, left + width, y + size * 0.2


def read(svg: bytes | str) -> Geometry:
    root = ET.fromstring(svg.encode() if isinstance(svg, str) else svg)
    width = _numbers(root.get("width", "0"))[0]
    height = _numbers(root.get("height", "0"))[0]
    cards: dict[str, Box] = {}
    chips: dict[str, tuple[Box, str, str | None]] = {}
    cells: dict[str, Box] = {}
    zones: dict[str, Box] = {}
    links: list[Link] = []
    texts: list[tuple[Box, str]] = []
    current_card = ""
    for group in root.iter(f"{SVG}g"):
        classes = _classes(group)
        ident = group.get("id", "")
        if "learnscape-legend-item" in classes or "-legend" in ident:
            continue
        if "node" in classes and "learnscape-form" in classes:
            # the map before 0.2 drew forms as nodes
            cards[ident.split("-form-", 1)[1]] = _shape_box(group)
        elif "cluster" in classes:
            box = _shape_box(group)
            if "learnscape-form" in classes:
                current_card = ident.split("-form-", 1)[1]
                cards[current_card] = box
            elif "learnscape-chip" in classes:
                anchor = next((a for a in group.iter(f"{SVG}a")), None)
                href = anchor.get("{http://www.w3.org/1999/xlink}href") if anchor is not None else None
                chips[ident] = (box, current_card, href)
            elif "learnscape-cell" in classes:
                cells[ident] = box
            elif "learnscape-zone" in classes:
                zones[ident] = box
            for text in group.iter(f"{SVG}text"):
                texts.append((text_box(text), ident))
        elif "edge" in classes and "learnscape-link" in classes:
            title = group.find(f"{SVG}title")
            # "form:a->form:b": ids hold no ">", so the arrow splits them.
            ends = (
                [e.removeprefix("form:") for e in (title.text or "").split("->")] if title is not None else []
            )
            path = group.find(f".//{SVG}path")
            assert path is not None and len(ends) == 2, ident
            link = Link(ident, ends[0], ends[1], _bezier(path.get("d", "")))
            link.labels = [text_box(t) for t in group.iter(f"{SVG}text")]
            links.append(link)
    return Geometry(width, height, cards, chips, cells, zones, links, texts)


# -- measures ---------------------------------------------------------------------------------


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def crossings(geometry: Geometry) -> int:
    """Pairs of crossing links, each crossing counted once; links sharing a card may touch at it."""
    total = 0
    for one, other in combinations(geometry.links, 2):
        shared = {one.tail, one.head} & {other.tail, other.head}
        a, b = one.points, other.points
        hits = 0
        for i in range(len(a) - 1):
            for j in range(len(b) - 1):
                if _cross(a[i], a[i + 1], b[j], b[j + 1]):
                    near_end = shared and min(math.dist(a[i], p) for p in (a[0], a[-1])) < 14
                    if not near_end:
                        hits += 1
        total += hits
    return total


def crossings_per_link(geometry: Geometry) -> float:
    return crossings(geometry) / max(len(geometry.links), 1)


def detour(geometry: Geometry) -> float:
    """Mean of (path length / straight distance between its ends) over the links."""
    ratios = [link.length / link.straight for link in geometry.links if link.straight > 1]
    return sum(ratios) / max(len(ratios), 1)


def _distance_to_polyline(point: Point, line: list[Point]) -> float:
    best = math.inf
    for a, b in pairwise(line):
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = (
            0.0
            if dx == dy == 0
            else max(0, min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        )
        best = min(best, math.dist(point, (a[0] + t * dx, a[1] + t * dy)))
    return best


def label_distances(geometry: Geometry) -> list[float]:
    """For every link label: how far its centre is from its own link."""
    out = []
    for link in geometry.links:
        if not link.labels:
            continue
        x0 = min(b[0] for b in link.labels)
        y0 = min(b[1] for b in link.labels)
        x1 = max(b[2] for b in link.labels)
        y1 = max(b[3] for b in link.labels)
        out.append(_distance_to_polyline(((x0 + x1) / 2, (y0 + y1) / 2), link.points))
    return out


def _inside(point: Point, box: Box, margin: float) -> bool:
    return box[0] + margin < point[0] < box[2] - margin and box[1] + margin < point[1] < box[3] - margin


def links_through_cards(geometry: Geometry) -> list[tuple[str, str]]:
    """(link, card) for every link that passes through a card that is not one of its ends."""
    found = []
    for link in geometry.links:
        for form, box in geometry.cards.items():
            if form in (link.tail, link.head):
                continue
            if any(_inside(p, box, 1.0) for p in link.points):
                found.append((link.id, form))
    return found


def _overlap(a: Box, b: Box, margin: float = 0.5) -> bool:
    return a[0] + margin < b[2] and b[0] + margin < a[2] and a[1] + margin < b[3] and b[1] + margin < a[3]


def labels_over_cards(geometry: Geometry) -> list[tuple[str, str]]:
    """(link, card) for every link label that lies over a card."""
    return [
        (link.id, form)
        for link in geometry.links
        for label in link.labels
        for form, box in geometry.cards.items()
        if _overlap(label, box)
    ]


def labels_over_text(geometry: Geometry) -> list[tuple[str, str]]:
    """(link, what) for every link label over a card, a chip, any other text, or another link's label."""
    found = labels_over_cards(geometry)
    boxes = [(ident, box) for ident, (box, _, _) in geometry.chips.items()]
    boxes += [(owner, box) for box, owner in geometry.texts]
    for link in geometry.links:
        for label in link.labels:
            found += [(link.id, ident) for ident, box in boxes if _overlap(label, box)]
            for other in geometry.links:
                if other is not link:
                    found += [(link.id, other.id) for box in other.labels if _overlap(label, box)]
    return found


def card_overlaps(geometry: Geometry) -> list[tuple[str, str]]:
    return [(a, b) for (a, x), (b, y) in combinations(geometry.cards.items(), 2) if _overlap(x, y)]


def contains(outer: Box, inner: Box, slack: float = 0.6) -> bool:
    return (
        outer[0] - slack <= inner[0]
        and inner[2] <= outer[2] + slack
        and outer[1] - slack <= inner[1]
        and inner[3] <= outer[3] + slack
    )


def summary(geometry: Geometry) -> dict[str, float]:
    distances = label_distances(geometry)
    return {
        "links": len(geometry.links),
        "crossings_per_link": round(crossings_per_link(geometry), 3),
        "detour": round(detour(geometry), 3),
        "max_label_distance": round(max(distances, default=0.0), 1),
        "links_through_cards": len(links_through_cards(geometry)),
        "labels_over_cards": len(labels_over_cards(geometry)),
        "labels_over_text": len(labels_over_text(geometry)),
        "width_px": round(geometry.width * 4 / 3),
    }
