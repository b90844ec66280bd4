"""Small inline SVG pictures: an outcome's bullet chart and sparkline, the evidence ladder's marks.

Pure functions of an :class:`~sphinx_learnscape.data.Outcome` to markup for
HTML. Each picture is one ``<svg role="img">`` whose ``aria-label`` says in
words what it draws, so a screen reader hears the numbers a sighted reader
sees. Colours come from CSS classes (the ``fill``/``stroke`` attributes are
only the fallback where no stylesheet applies: any CSS rule overrides them),
so a dark theme restyles them. There are no ids, so any number of charts may
share a page. Every data text is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sphinx_learnscape.data.evidence import State, outcome_state
from sphinx_learnscape.data.model import Outcome
from sphinx_learnscape.data.periods import Period, parse_period
from sphinx_learnscape.i18n import language_chain, translate

#: The bullet chart's size in CSS pixels; it scales with its ``viewBox``.
BULLET_WIDTH: Final = 120
BULLET_HEIGHT: Final = 20
SPARK_WIDTH: Final = 120
SPARK_HEIGHT: Final = 24

#: key -> the English words of a chart's label, translated through the package's catalog
_TEXTS: Final[dict[str, str]] = {
    "baseline": "baseline {value}",
    "target": "target {value}",
    "measured": "measured {value}",
    "measured.in": "measured {value} in {period}",
    "lower": "lower is better",
    "met": "target reached",
    "progress": "{percent} of the way to the target",
    "missed": "moved away from the target",
    "history": "history: {points}",
    "point": "{period}: {value}",
    "history.target": "target {value}",
    "now": "now",
}


class _Words:
    """``words[key]``: the chart's words in one language."""

    def __init__(self, language: str | None) -> None:
        self.language = language

    def __getitem__(self, key: str) -> str:
        return translate(_TEXTS[key], self.language)


def _words(language: str | None) -> _Words:
    return _Words(language)


def english_messages() -> set[str]:
    """Every English message of the charts, for the catalog test."""
    return set(_TEXTS.values())


#: Dutch swaps the thousands and decimal marks: 1.200,5
_DUTCH_MARKS: Final = str.maketrans(",.", ".,")


def format_number(value: float, language: str | None = None) -> str:
    """``1,200`` / ``2.5`` in English, ``1.200`` / ``2,5`` in Dutch; at most two decimals."""
    rounded = round(float(value), 2)
    text = f"{rounded:,.0f}" if rounded.is_integer() else f"{rounded:,.2f}".rstrip("0")
    if text in ("-0", "-0."):
        text = "0"
    if language_chain(language)[0].split("_")[0] == "nl":
        text = text.translate(_DUTCH_MARKS)
    return text


def format_quantity(value: float, unit: str | None, language: str | None = None) -> str:
    """A number with its unit: ``85%``, ``1,200 views``."""
    number = format_number(value, language)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _percent(share: float, language: str | None) -> str:
    return f"{format_number(round(share * 100), language)}%"


def _n(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


# -- the bullet chart ---------------------------------------------------------


def bullet_label(outcome: Outcome, language: str | None = None) -> str | None:
    """What the bullet chart shows, in words; None when it cannot be drawn."""
    current = outcome.current
    if outcome.baseline is None or outcome.target is None or current is None:
        return None
    words = _words(language)
    unit = outcome.unit

    def quantity(value: float) -> str:
        return format_quantity(value, unit, language)

    parts = []
    if outcome.effective_direction == "decrease":
        parts.append(words["lower"])
    parts.append(words["baseline"].format(value=quantity(outcome.baseline)))
    parts.append(words["target"].format(value=quantity(outcome.target)))
    latest = outcome.latest
    if outcome.measured is None and latest is not None:
        parts.append(words["measured.in"].format(value=quantity(current), period=latest.period))
    else:
        parts.append(words["measured"].format(value=quantity(current)))
    text = ", ".join(parts)
    state = outcome_state(outcome)
    if state == "met":
        text += ": " + words["met"]
    elif state == "missed":
        text += ": " + words["missed"]
    elif state == "progress" and outcome.progress is not None:
        text += ": " + words["progress"].format(percent=_percent(outcome.progress, language))
    return text[0].upper() + text[1:]


def bullet_chart(outcome: Outcome, language: str | None = None) -> str | None:
    """An inline ``<svg class="learnscape-bullet">`` of baseline, target and current value.

    Better is always to the right: for "lower is better" the axis runs from
    high to low, so the bar grows towards the target either way. The band
    between baseline and target is the way to go; the bar runs from the
    baseline to the current value. None without baseline, target and a
    current value (``measured``, else the latest history value).
    """
    label = bullet_label(outcome, language)
    current = outcome.current
    if label is None or outcome.baseline is None or outcome.target is None or current is None:
        return None
    lower = outcome.effective_direction == "decrease"
    scale = _Scale.of((outcome.baseline, outcome.target, current), BULLET_WIDTH, flip=lower)
    base, target, now = scale(outcome.baseline), scale(outcome.target), scale(current)
    state = outcome_state(outcome)
    classes = "learnscape-bullet" + (" learnscape-bullet-lower" if lower else "")
    bar_classes = f"learnscape-bullet-bar learnscape-bullet-{state}"
    h = BULLET_HEIGHT
    return "".join(
        (
            f'<svg class="{classes}" role="img" aria-label="{_attr(label)}" '
            f'xmlns="http://www.w3.org/2000/svg" width="{BULLET_WIDTH}" height="{h}" '
            f'viewBox="0 0 {BULLET_WIDTH} {h}">',
            f'<rect class="learnscape-bullet-track" x="0" y="5" width="{BULLET_WIDTH}" height="10" '
            'fill="#e5e7eb"/>',
            _rect("learnscape-bullet-range", base, target, 5, 10, "#bfdbfe"),
            _rect(bar_classes, base, now, 8, 4, _BAR_FILL.get(state, "#374151")),
            f'<line class="learnscape-bullet-baseline" x1="{_n(base)}" y1="3" x2="{_n(base)}" y2="17" '
            'stroke="#6b7280" stroke-width="1"/>',
            f'<line class="learnscape-bullet-target" x1="{_n(target)}" y1="1" x2="{_n(target)}" '
            f'y2="{h - 1}" stroke="#111827" stroke-width="2"/>',
            "</svg>",
        )
    )


#: Fallback bar colours by state, where no stylesheet restyles them.
_BAR_FILL: Final = {"met": "#15803d", "progress": "#1d4ed8", "missed": "#b91c1c", "measured": "#374151"}


def _rect(classes: str, a: float, b: float, y: float, height: float, fill: str) -> str:
    left, right = min(a, b), max(a, b)
    # A zero-length bar still shows as a sliver: "no change" is a value too.
    width = max(right - left, 1.0)
    left = min(left, BULLET_WIDTH - width)
    return (
        f'<rect class="{classes}" x="{_n(left)}" y="{_n(y)}" width="{_n(width)}" '
        f'height="{_n(height)}" fill="{fill}"/>'
    )


@dataclass(frozen=True, slots=True)
class _Scale:
    """Maps values onto 0..size with a margin, optionally high-to-low."""

    low: float
    high: float
    size: float
    flip: bool = False
    margin: float = 4.0

    @classmethod
    def of(cls, values: Sequence[float], size: float, *, flip: bool = False, margin: float = 4.0) -> _Scale:
        low, high = min(values), max(values)
        if high == low:  # one value: put it in the middle
            low, high = low - 1, high + 1
        return cls(float(low), float(high), float(size), flip, margin)

    def __call__(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        if self.flip:
            share = 1 - share
        return self.margin + share * (self.size - 2 * self.margin)


# -- the sparkline ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Point:
    period: str
    value: float
    span: Period | None


def series(outcome: Outcome) -> list[tuple[str, float]]:
    """The values over time the sparkline draws: the history in period order, then ``measured``.

    ``measured`` joins as the point for the outcome's own ``period`` (or
    "now" without one) unless the history already has that period.
    """
    points = [_Point(p.period, p.value, p.span) for p in outcome.history]
    if outcome.measured is not None and not any(p.period == outcome.period for p in points):
        points.append(_Point(outcome.period or "", outcome.measured, parse_period(outcome.period)))
    # sorted() is stable: equal or unknown periods keep the order written,
    # and a period that names no date goes last.
    points.sort(key=lambda p: (0, p.span) if p.span is not None else (1,))
    return [(p.period, p.value) for p in points]


def sparkline_label(outcome: Outcome, language: str | None = None) -> str | None:
    """What the sparkline shows, in words; None with fewer than two values."""
    points = series(outcome)
    if len(points) < 2:
        return None
    words = _words(language)
    listed = "; ".join(
        words["point"].format(
            period=period or words["now"], value=format_quantity(value, outcome.unit, language)
        )
        for period, value in points
    )
    text = words["history"].format(points=listed)
    if outcome.target is not None:
        text += "; " + words["history.target"].format(
            value=format_quantity(outcome.target, outcome.unit, language)
        )
    if outcome.effective_direction == "decrease":
        text += " (" + words["lower"] + ")"
    return text[0].upper() + text[1:]


def sparkline(outcome: Outcome, language: str | None = None) -> str | None:
    """An inline ``<svg class="learnscape-sparkline">`` of the outcome's values over time.

    Higher values stand higher, as on any time line (the label says when
    lower is better); the target is a dashed line when given. None with
    fewer than two values.
    """
    label = sparkline_label(outcome, language)
    if label is None:
        return None
    values = [value for _, value in series(outcome)]
    scaled = values + ([outcome.target] if outcome.target is not None else [])
    w, h = SPARK_WIDTH, SPARK_HEIGHT
    y = _Scale.of(scaled, h, flip=True, margin=3.0)
    step = (w - 6) / (len(values) - 1)
    coords = [(3 + i * step, y(v)) for i, v in enumerate(values)]
    line = " ".join(f"{_n(cx)},{_n(cy)}" for cx, cy in coords)
    parts = [
        f'<svg class="learnscape-sparkline" role="img" aria-label="{_attr(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
    ]
    if outcome.target is not None:
        ty = _n(y(outcome.target))
        parts.append(
            f'<line class="learnscape-sparkline-target" x1="0" y1="{ty}" x2="{w}" y2="{ty}" '
            'stroke="#6b7280" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    parts.append(
        f'<polyline class="learnscape-sparkline-line" points="{line}" fill="none" '
        'stroke="#1d4ed8" stroke-width="1.5"/>'
    )
    last_x, last_y = coords[-1]
    parts.append(
        f'<circle class="learnscape-sparkline-last" cx="{_n(last_x)}" cy="{_n(last_y)}" r="2.5" '
        'fill="#1d4ed8"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


# -- the evidence marks ---------------------------------------------------------

#: The evidence ladder's mark size in CSS pixels.
MARK_SIZE: Final = 14

#: One shape per state, so the states differ by more than colour: a full
#: disc (target met), a half disc (on the way), a speech bubble (a story),
#: a ring (a bare number), a downward triangle (the wrong way), a short
#: dash (nothing yet). Drawn on a 14 x 14 grid; the fill is the fallback
#: where no stylesheet applies.
_MARK_SHAPES: Final[dict[State, str]] = {
    "met": '<circle cx="7" cy="7" r="6"/>',
    "progress": (
        '<circle cx="7" cy="7" r="5.25" fill="none" stroke-width="1.5"/><path d="M7 1a6 6 0 0 0 0 12z"/>'
    ),
    "story": '<path d="M2 2h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H6l-3 3v-3H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z"/>',
    "measured": '<circle cx="7" cy="7" r="5.25" fill="none" stroke-width="1.5"/>',
    "missed": '<path d="M1.5 3h11L7 12.5z"/>',
    "none": '<rect x="3.5" y="6.25" width="7" height="1.5"/>',
}
_MARK_FILL: Final[dict[State, str]] = {
    "met": "#15803d",
    "progress": "#1d4ed8",
    "story": "#7c3aed",
    "measured": "#4b5563",
    "missed": "#b91c1c",
    "none": "#9ca3af",
}


def evidence_mark(state: State) -> str:
    """An inline ``<svg class="learnscape-evidence-mark">`` for one state of the evidence ladder.

    Decorative (``aria-hidden``): the cell beside it says the state in a
    word, so a screen reader hears the word, not the picture.
    """
    fill = _MARK_FILL[state]
    return (
        f'<svg class="learnscape-evidence-mark learnscape-evidence-mark-{state}" aria-hidden="true" '
        f'focusable="false" xmlns="http://www.w3.org/2000/svg" width="{MARK_SIZE}" height="{MARK_SIZE}" '
        f'viewBox="0 0 {MARK_SIZE} {MARK_SIZE}" fill="{fill}" stroke="{fill}" stroke-width="0">'
        f"{_MARK_SHAPES[state]}</svg>"
    )
