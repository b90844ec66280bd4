"""The map's grid, computed here and pinned in the DOT: Graphviz only routes the links.

Geometry in points, y growing downwards (``dot.py`` turns it for Graphviz).
``LR``: zones are columns in data order under a header row; two rows run
across all of them, learning above performance, named once at the left like
an axis. ``TB`` is the same grid transposed: zones are rows with their header
at the left, learning and performance are columns named once at the top.
Cells of one row (``TB``: column) share their top and height (width); a
cell holds its forms' cards one under another, in several stacks when it
has more than :data:`STACK` of them (``TB``: side by side, in lines of
:data:`STACK`). A card is the form's title with its tools' and thinkers'
chips under it. The legend is a strip under the grid.

The gaps between cards are the corridors the links run in: wider than
twice the margin Graphviz keeps around each card when routing
(:data:`ROUTE_MARGIN`), so that routing always has room.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sphinx_learnscape.render import escape, metrics

#: Type sizes, in points.
TITLE_SIZE = 10.5
CHIP_SIZE = 9.0
BADGE_SIZE = 9.0
ZONE_SIZE = 12.0
BAND_SIZE = 9.0
AXIS_SIZE = 9.0
NOTE_SIZE = 9.0
LEGEND_SIZE = 9.0

#: The sizes below are weighed against the smallest text (9 pt): a map shrinks
#: with its column only until that text is 9 px on screen, that is to its width
#: in points as CSS pixels (the example: 642 px, inside alabaster's 660 px
#: column; ``docs/map.rst``, "Size").
CARD_WIDTH = 98.0
CARD_PAD = 3.0
TITLE_LINES = 3
#: A one-line chip; each further line adds a line of :data:`CHIP_SIZE`.
CHIP_HEIGHT = 13.0
CHIP_PAD = 2.0
CHIP_GAP = 3.0
#: Longest chip line, in points: longer names wrap, past :data:`CHIP_LINES` lines
#: they are cut (the tooltip has them whole).
CHIP_TEXT = CARD_WIDTH - 2 * CARD_PAD - 2 * CHIP_PAD
CHIP_LINES = 2
#: Cards per stack in a cell (``TB``: per line).
STACK = 4
#: Space between cards of a cell: the corridors the links run in.
CARD_GAP = 18.0
CELL_PAD = 6.0
#: Between a zone's two cells: with their padding, a corridor as wide as :data:`CARD_GAP`.
CELL_GAP = CARD_GAP - 2 * CELL_PAD
CELL_MIN = 34.0
ZONE_PAD = 4.0
#: Between zones: with both zones' and cells' padding, a 52 pt corridor for links and their labels.
ZONE_GAP = 32.0
ZONE_LINES = 3
AXIS_WIDTH = 66.0
#: Margin Graphviz keeps between a link and any card it passes (``esep``).
ROUTE_MARGIN = 4.0
MARGIN = 4.0
LEGEND_GAP = 10.0
LEGEND_PAD = 6.0
LEGEND_ITEM_GAP = 14.0
LEGEND_SAMPLE = 26.0


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


# -- what to place -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChipIn:
    #: ``tool`` or ``thinker``
    kind: str
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class CardIn:
    id: str
    title: str
    chips: tuple[ChipIn, ...] = ()
    #: room to leave under the card (``TB``: to its right), when the link to the
    #: next card has a label that needs more than :data:`CARD_GAP`; for the cell's
    #: last card, room between it and the next cell (a link to the next row's first card)
    space_after: float = 0.0
    #: room to leave between the card's stack and the next one (``TB``: its line and
    #: the next line), when a link to a card there has a label wider than :data:`CARD_GAP`
    space_beside: float = 0.0
    #: a line of words under the chips (``:color: evidence``: the form's level)
    badge: str | None = None


@dataclass(frozen=True, slots=True)
class ZoneIn:
    #: None for the column of forms whose zone is unknown
    id: str | None
    title: str
    #: the 70:20:10 band's line under the title, if any
    band: str | None
    #: learning cards, performance cards; or, with forms hidden, one row of chips
    cells: tuple[tuple[CardIn, ...], ...]


# -- where it went ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacedChip:
    chip: ChipIn
    rect: Rect
    #: the name as shown: one or two lines, the last maybe cut
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlacedCard:
    card: CardIn
    rect: Rect
    title: list[str]
    #: centre of the title block
    title_at: tuple[float, float]
    chips: list[PlacedChip]
    #: the badge's box and text, if the card has one
    badge: tuple[Rect, str] | None = None

    def moved(self, dx: float, dy: float) -> PlacedCard:
        return PlacedCard(
            self.card,
            self.rect.moved(dx, dy),
            self.title,
            (self.title_at[0] + dx, self.title_at[1] + dy),
            [PlacedChip(p.chip, p.rect.moved(dx, dy), p.lines) for p in self.chips],
            (self.badge[0].moved(dx, dy), self.badge[1]) if self.badge else None,
        )


@dataclass(frozen=True, slots=True)
class PlacedCell:
    #: index into the grid's rows (``learning``, ``performance``)
    row: int
    rect: Rect
    cards: list[PlacedCard]


@dataclass(frozen=True, slots=True)
class PlacedZone:
    zone: ZoneIn
    rect: Rect
    #: the zone's name, then (when it has one) its 70:20:10 band in smaller type
    title: list[str]
    title_at: tuple[float, float]
    cells: list[PlacedCell]
    band_at: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class LegendItem:
    key: str
    #: ``card``, ``chip``, ``note`` or ``line``
    sample: str
    text: str


@dataclass(frozen=True, slots=True)
class PlacedLegendItem:
    item: LegendItem
    sample: Rect
    text_at: tuple[float, float]


@dataclass(slots=True)
class Grid:
    width: float
    height: float
    zones: list[PlacedZone]
    #: the rows' names at the left (``TB``: the columns' at the top)
    axis: list[tuple[list[str], Rect]]
    legend: Rect | None = None
    legend_title_at: tuple[float, float] = (0.0, 0.0)
    legend_items: list[PlacedLegendItem] = field(default_factory=list)


# -- cards --------------------------------------------------------------------------------


# Titles and chips are measured once per map: searching the cells' order lays them out many times.


@functools.lru_cache(maxsize=4096)
def _title(title: str) -> tuple[str, ...]:
    return tuple(metrics.wrap(title, CARD_WIDTH - 2 * CARD_PAD, TITLE_SIZE, TITLE_LINES))


def card_title(card: CardIn) -> list[str]:
    return list(_title(card.title))


@functools.lru_cache(maxsize=4096)
def _chip_lines(text: str) -> tuple[str, ...]:
    return tuple(metrics.wrap(text, CHIP_TEXT, CHIP_SIZE, CHIP_LINES))


def chip_lines(chip: ChipIn) -> tuple[str, ...]:
    return _chip_lines(chip.text)


@functools.lru_cache(maxsize=4096)
def chip_size(lines: tuple[str, ...]) -> tuple[float, float]:
    """(width, height) of a chip showing ``lines``."""
    width = round(max(metrics.text_width(line, CHIP_SIZE) for line in lines) + 2 * CHIP_PAD, 1)
    return width, CHIP_HEIGHT + (len(lines) - 1) * metrics.line_height(CHIP_SIZE)


def place_card(card: CardIn, x: float, y: float) -> PlacedCard:
    """A card with its top left corner at (x, y): title, then chips in lines under it."""
    title = card_title(card)
    title_height = len(title) * metrics.line_height(TITLE_SIZE)
    inner = CARD_WIDTH - 2 * CARD_PAD
    chips: list[PlacedChip] = []
    lines: list[list[tuple[ChipIn, tuple[str, ...], float, float]]] = []
    used = inner + 1
    for chip in card.chips:
        shown = chip_lines(chip)
        width, height = chip_size(shown)
        if used + CHIP_GAP + width > inner:
            lines.append([])
            used = -CHIP_GAP
        lines[-1].append((chip, shown, width, height))
        used += CHIP_GAP + width
    top = y + CARD_PAD + title_height
    if lines:
        top += CHIP_GAP + 1
    for line in lines:
        # Each line of chips is centred under the title; a shorter chip, on the line's middle.
        total = sum(w for _, _, w, _ in line) + CHIP_GAP * (len(line) - 1)
        tallest = max(h for _, _, _, h in line)
        left = x + (CARD_WIDTH - total) / 2
        for chip, shown, width, height in line:
            rect = Rect(round(left, 1), round(top + (tallest - height) / 2, 1), width, round(height, 1))
            chips.append(PlacedChip(chip, rect, shown))
            left += width + CHIP_GAP
        top += tallest + CHIP_GAP
    badge = None
    if card.badge:
        if not lines:
            top += CHIP_GAP + 1
        text = metrics.cut(escape.clean(card.badge), CHIP_TEXT, BADGE_SIZE)
        width = round(metrics.text_width(text, BADGE_SIZE) + 2 * CHIP_PAD, 1)
        badge = (Rect(round(x + (CARD_WIDTH - width) / 2, 1), round(top, 1), width, CHIP_HEIGHT), text)
        top += CHIP_HEIGHT + CHIP_GAP
    height = (top - y) + CARD_PAD - (CHIP_GAP if lines or badge else 0)
    rect = Rect(x, y, CARD_WIDTH, round(height, 1))
    return PlacedCard(card, rect, title, (x + CARD_WIDTH / 2, y + CARD_PAD + title_height / 2), chips, badge)


@functools.lru_cache(maxsize=4096)
def card_height(card: CardIn) -> float:
    return place_card(card, 0, 0).rect.h


# -- cells ----------------------------------------------------------------------------------


def _stacks(cards: tuple[CardIn, ...], flip: bool) -> list[list[CardIn]]:
    """The cards of a cell in stacks (``TB``: lines) of at most :data:`STACK`, filled in order."""
    return [list(cards[i : i + STACK]) for i in range(0, len(cards), STACK)] or [[]]


def _gap(card: CardIn) -> float:
    return max(CARD_GAP, card.space_after)


def _between(groups: list[list[CardIn]]) -> list[float]:
    """The gap after each stack (``TB``: line) but the last."""
    return [max([CARD_GAP, *(c.space_beside for c in g)]) for g in groups[:-1]]


def _trailing(cards: list[CardIn]) -> float:
    """Room a cell's last card asks for beyond the corridor to the next cell (a label to it)."""
    return max(0.0, cards[-1].space_after - CARD_GAP) if cards else 0.0


def cell_size(cards: tuple[CardIn, ...], flip: bool) -> tuple[float, float]:
    """(width, height) of a cell's contents, padding included."""
    if not cards:
        return CARD_WIDTH + 2 * CELL_PAD, CELL_MIN
    groups = _stacks(cards, flip)
    if not flip:
        # LR: stacks side by side, each cards under each other.
        width = len(groups) * CARD_WIDTH + sum(_between(groups))
        height = max(sum(card_height(c) for c in g) + sum(_gap(c) for c in g[:-1]) for g in groups)
        height += _trailing(groups[-1])
    else:
        # TB: lines under each other, each cards side by side.
        width = max(len(g) * CARD_WIDTH + sum(_gap(c) for c in g[:-1]) for g in groups)
        width += _trailing(groups[-1])
        height = sum(max(card_height(c) for c in g) for g in groups) + sum(_between(groups))
    return width + 2 * CELL_PAD, height + 2 * CELL_PAD


def place_cell(cards: tuple[CardIn, ...], rect: Rect, flip: bool) -> list[PlacedCard]:
    """The cards, centred across the cell and starting at its top."""
    if not cards:
        return []
    groups = _stacks(cards, flip)
    width, _ = cell_size(cards, flip)
    left = rect.x + (rect.w - width) / 2 + CELL_PAD
    placed = []
    gaps = [*_between(groups), 0.0]
    if not flip:
        x = left
        for group, gap in zip(groups, gaps, strict=True):
            y = rect.y + CELL_PAD
            for card in group:
                placed.append(place_card(card, round(x, 1), round(y, 1)))
                y += placed[-1].rect.h + _gap(card)
            x += CARD_WIDTH + gap
    else:
        y = rect.y + CELL_PAD
        for group, gap in zip(groups, gaps, strict=True):
            x = left
            for card in group:
                placed.append(place_card(card, round(x, 1), round(y, 1)))
                x += CARD_WIDTH + _gap(card)
            y += max(p.rect.h for p in placed[-len(group) :]) + gap
    return placed


# -- the grid ---------------------------------------------------------------------------------


def zone_title(zone: ZoneIn, width: float) -> list[str]:
    return metrics.wrap(zone.title, width, ZONE_SIZE, ZONE_LINES)


def zone_band(zone: ZoneIn, width: float) -> str | None:
    return metrics.cut(zone.band, width, BAND_SIZE) if zone.band else None


def _title_height(lines: list[str], zone: ZoneIn) -> float:
    band = metrics.line_height(BAND_SIZE) if zone.band else 0.0
    return len(lines) * metrics.line_height(ZONE_SIZE) + band


def _title_places(
    lines: list[str], zone: ZoneIn, cx: float, top: float
) -> tuple[tuple[float, float], tuple[float, float] | None]:
    """Centres of a zone's name and of its band line, the block starting at ``top``."""
    name = len(lines) * metrics.line_height(ZONE_SIZE)
    band = (cx, top + name + metrics.line_height(BAND_SIZE) / 2) if zone.band else None
    return (cx, top + name / 2), band


def layout_grid(zones: list[ZoneIn], axis: list[str], *, flip: bool) -> Grid:
    """Place zones, cells and cards; ``axis`` names the rows (one per cell of a zone)."""
    rows = len(zones[0].cells) if zones else 0
    sizes = [[cell_size(cards, flip) for cards in zone.cells] for zone in zones]
    if not flip:
        return _grid_lr(zones, axis, sizes, rows)
    return _grid_tb(zones, axis, sizes, rows)


def _grid_lr(zones: list[ZoneIn], axis: list[str], sizes: list[list[tuple[float, float]]], rows: int) -> Grid:
    widths = [max(w for w, _ in cells) for cells in sizes]
    titles = [zone_title(z, w) for z, w in zip(zones, widths, strict=True)]
    header = max((_title_height(t, z) for t, z in zip(titles, zones, strict=True)), default=0) + 2 * ZONE_PAD
    heights = [max(sizes[i][r][1] for i in range(len(zones))) for r in range(rows)]
    body = sum(heights) + CELL_GAP * max(rows - 1, 0)
    axis_width = AXIS_WIDTH if rows > 1 else 0.0
    x = MARGIN + axis_width
    top = MARGIN
    body_top = top + header
    placed = []
    for zone, title, width in zip(zones, titles, widths, strict=True):
        zone_rect = Rect(x, top, width + 2 * ZONE_PAD, header + body + ZONE_PAD)
        cells = []
        y = body_top
        for row, height in enumerate(heights):
            rect = Rect(x + ZONE_PAD, y, width, height)
            cells.append(PlacedCell(row, rect, place_cell(zone.cells[row], rect, False)))
            y += height + CELL_GAP
        at, band_at = _title_places(title, zone, zone_rect.cx, top + ZONE_PAD)
        placed.append(PlacedZone(zone, zone_rect, title, at, cells, band_at))
        x = zone_rect.right + ZONE_GAP
    names = []
    if axis_width:
        y = body_top
        for name, height in zip(axis, heights, strict=False):
            lines = metrics.wrap(name, axis_width - 8, AXIS_SIZE, 4)
            names.append((lines, Rect(MARGIN, y, axis_width - 4, height)))
            y += height + CELL_GAP
    width = (x - ZONE_GAP if zones else x) + MARGIN
    height = top + header + body + ZONE_PAD + MARGIN
    return Grid(width, height, placed, names)


def _grid_tb(zones: list[ZoneIn], axis: list[str], sizes: list[list[tuple[float, float]]], rows: int) -> Grid:
    columns = [max(sizes[i][c][0] for i in range(len(zones))) for c in range(rows)]
    body = sum(columns) + CELL_GAP * max(rows - 1, 0)
    header_width = 128.0
    titles = [zone_title(z, header_width - 2 * ZONE_PAD) for z in zones]
    axis_height = (
        max(
            (len(metrics.wrap(a, columns[i] - 8, AXIS_SIZE, 2)) for i, a in enumerate(axis[:rows])), default=0
        )
        * metrics.line_height(AXIS_SIZE)
        + 6
        if rows > 1
        else 0.0
    )
    left = MARGIN
    y = MARGIN + axis_height
    placed = []
    for zone, title, cells_size in zip(zones, titles, sizes, strict=True):
        height = max(max(h for _, h in cells_size), _title_height(title, zone) + 2 * ZONE_PAD)
        zone_rect = Rect(left, y, header_width + body + ZONE_PAD, height + 2 * ZONE_PAD)
        cells = []
        x = left + header_width
        for column, width in enumerate(columns):
            rect = Rect(x, y + ZONE_PAD, width, height)
            cells.append(PlacedCell(column, rect, place_cell(zone.cells[column], rect, True)))
            x += width + CELL_GAP
        at, band_at = _title_places(
            title, zone, left + header_width / 2, zone_rect.cy - _title_height(title, zone) / 2
        )
        placed.append(PlacedZone(zone, zone_rect, title, at, cells, band_at))
        y = zone_rect.bottom + ZONE_GAP
    names = []
    if axis_height:
        x = left + header_width
        for index, width in enumerate(columns):
            lines = metrics.wrap(axis[index], width - 8, AXIS_SIZE, 2)
            names.append((lines, Rect(x, MARGIN, width, axis_height - 2)))
            x += width + CELL_GAP
    width = left + header_width + body + ZONE_PAD + MARGIN
    height = (y - ZONE_GAP if zones else y) + MARGIN
    return Grid(width, height, placed, names)


# -- the legend -------------------------------------------------------------------------------


def sample_size(item: LegendItem) -> tuple[float, float]:
    if item.sample == "card":
        return 22.0, 14.0
    if item.sample == "chip":
        return 16.0, CHIP_HEIGHT
    if item.sample == "line":
        return LEGEND_SAMPLE, 10.0
    return 0.0, 10.0


def add_legend(grid: Grid, title: str, items: list[LegendItem]) -> None:
    """A strip under the grid: the title, then each sample with its words, in lines as wide as the map."""
    if not items:
        return
    line = metrics.line_height(LEGEND_SIZE)
    title_width = metrics.text_width(title, LEGEND_SIZE) + 8
    available = max(grid.width - 2 * MARGIN - 2 * LEGEND_PAD, 200.0)
    top = grid.height + LEGEND_GAP - MARGIN
    x = title_width
    y = 0.0
    height = max(line, CHIP_HEIGHT)
    placed = []
    for item in items:
        sw, sh = sample_size(item)
        text = metrics.text_width(item.text, LEGEND_SIZE)
        width = sw + (4 if sw else 0) + text
        if x > title_width and x + width > available:
            x = title_width
            y += height + 4
        sx = MARGIN + LEGEND_PAD + x
        sy = top + LEGEND_PAD + y + (height - sh) / 2
        sample = Rect(round(sx, 1), round(sy, 1), sw, sh)
        placed.append(
            PlacedLegendItem(item, sample, (round(sx + sw + (4 if sw else 0) + text / 2, 1), sy + sh / 2))
        )
        x += width + LEGEND_ITEM_GAP
    used = max((p.sample.x + p.sample.w for p in placed), default=0)
    right = max([used, *(p.text_at[0] + metrics.text_width(p.item.text, LEGEND_SIZE) / 2 for p in placed)])
    box = Rect(MARGIN, top, round(right - MARGIN + LEGEND_PAD, 1), round(y + height + 2 * LEGEND_PAD, 1))
    grid.legend = box
    grid.legend_title_at = (MARGIN + LEGEND_PAD + title_width / 2 - 4, top + LEGEND_PAD + height / 2)
    grid.legend_items = placed
    grid.width = max(grid.width, box.right + MARGIN)
    grid.height = box.bottom + MARGIN
