"""The evidence ladder: what a form's outcomes show at each level, as one state per cell.

Pure data, no Sphinx: ``learnscape:evidence`` tables, the map's
``:color: evidence`` and the text alternatives are all drawn from these records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from sphinx_learnscape.data.model import LEVELS, Form, Landscape, Level, Outcome

#: What one outcome shows:
#:
#: - ``met``: quantitative, its current value reached the target;
#: - ``progress``: quantitative, measured, not at the target yet (and not
#:   behind the baseline);
#: - ``missed``: quantitative, measured, moved the wrong way from the baseline;
#: - ``story``: qualitative (a success case, a value-creation story);
#: - ``measured``: quantitative with a value but nothing to judge it by (no
#:   target, or no way to tell which way is better);
#: - ``none``: no evidence yet (no outcome, or an indicator without a value).
State = Literal["met", "progress", "missed", "story", "measured", "none"]

#: Best first; where a form has several outcomes at one level the best wins.
#: Good news over bad: a reached target, then movement towards it, then a
#: story (qualitative evidence that it works), then a bare number, then a
#: number that went the wrong way (still evidence, so above ``none``).
STATES: Final[tuple[State, ...]] = ("met", "progress", "story", "measured", "missed", "none")
_RANK: Final[dict[State, int]] = {state: rank for rank, state in enumerate(STATES)}

#: A form's ladder in one word: no evidence at all, evidence of activity
#: only (the article's weak point), or evidence beyond activity.
Summary = Literal["no-evidence", "activity-only", "beyond-activity"]


def outcome_state(outcome: Outcome) -> State:
    """The state one outcome shows (see :data:`State`)."""
    if outcome.kind == "qualitative":
        return "story"
    if outcome.current is None:
        return "none"
    reached = outcome.reached
    if reached is None:
        return "measured"
    if reached:
        return "met"
    progress = outcome.progress
    if progress is not None and progress < 0:
        return "missed"
    return "progress"


def best_state(states: Iterable[State]) -> State:
    """The best of ``states`` by :data:`STATES`; ``none`` for no states."""
    return min(states, key=_RANK.__getitem__, default="none")


@dataclass(frozen=True, slots=True)
class EvidenceCell:
    """One form at one level."""

    level: Level
    state: State
    #: every outcome of the form at this level, in data order (what the cell links to)
    outcomes: tuple[Outcome, ...] = ()

    @property
    def has_evidence(self) -> bool:
        return self.state != "none"


@dataclass(frozen=True, slots=True)
class FormEvidence:
    """One row of the ladder: a form and a cell per level, in :data:`LEVELS` order."""

    form: Form
    cells: tuple[EvidenceCell, ...]

    def cell(self, level: Level) -> EvidenceCell:
        return self.cells[LEVELS.index(level)]

    @property
    def highest(self) -> Level | None:
        """The highest level the form has evidence at (any state but ``none``), or None."""
        for cell in reversed(self.cells):
            if cell.has_evidence:
                return cell.level
        return None

    @property
    def summary(self) -> Summary:
        highest = self.highest
        if highest is None:
            return "no-evidence"
        return "activity-only" if highest == "activity" else "beyond-activity"

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for cell in self.cells for o in cell.outcomes)


def level_evidence(outcomes: Iterable[Outcome], level: Level) -> EvidenceCell:
    """The cell for ``level`` from one form's outcomes."""
    here = tuple(o for o in outcomes if o.level == level)
    return EvidenceCell(level, best_state(outcome_state(o) for o in here), here)


def form_evidence(landscape: Landscape, form: Form) -> FormEvidence:
    """The ladder row of ``form``: one cell per level, activity first."""
    outcomes = landscape.outcomes_of(form.id)
    return FormEvidence(form, tuple(level_evidence(outcomes, level) for level in LEVELS))


def evidence_ladder(landscape: Landscape, forms: Iterable[Form] | None = None) -> tuple[FormEvidence, ...]:
    """A row per form (default: every form, in data order), forms without outcomes included."""
    by_form: dict[str, list[Outcome]] = {}
    for outcome in landscape.outcomes:
        by_form.setdefault(outcome.form, []).append(outcome)
    rows = []
    for form in landscape.forms if forms is None else forms:
        outcomes = by_form.get(form.id, [])
        rows.append(FormEvidence(form, tuple(level_evidence(outcomes, level) for level in LEVELS)))
    return tuple(rows)
