"""The map's ``:color: evidence``: a card's fill, badge and classes from its evidence ladder.

Each form card is filled by the highest outcome level it has evidence at
(:attr:`.FormEvidence.highest`), light to dark up the ladder, and carries a
badge saying it in words (``L3 behaviour``, ``L0 activity only``, ``no
evidence``), so colour is never the only cue; the text alternative says the
same. The fills are one sequential scale, readable in greyscale, with the
map's dark text above 4.5:1 on every step.
"""

from __future__ import annotations

from typing import Final

from sphinx_learnscape.data.evidence import FormEvidence
from sphinx_learnscape.data.model import LEVELS
from sphinx_learnscape.render.messages import message

#: What the scale runs over, lowest first; ``none`` is a form without evidence.
STEPS: Final[tuple[str, ...]] = ("none", *LEVELS)

#: Card fills, light to dark (a yellow-green sequential scale).
FILLS: Final[dict[str, str]] = {
    "none": "#ffffff",
    "activity": "#fff7bc",
    "reaction": "#e8f5b8",
    "learning": "#c7e9a9",
    "behaviour": "#a3d98f",
    "results": "#7fc77a",
    "roi": "#5cb46a",
}


def step(evidence: FormEvidence) -> str:
    """``none`` or the highest level with evidence."""
    return evidence.highest or "none"


def css(evidence: FormEvidence) -> str:
    """The card's class: ``learnscape-evidence-{level}`` or ``learnscape-evidence-none``."""
    return f"learnscape-evidence-{step(evidence)}"


def badge(level: str, language: str) -> str:
    """The words on the card (and in the legend and text alternative) for one step of the scale."""
    if level == "none":
        return message("evidence.none", language)
    number = [str(known) for known in LEVELS].index(level)
    word = message(f"evidence.{level}", language)
    if level == "activity":
        word = message("evidence.activity-only", language)
    return f"L{number} {word}"
