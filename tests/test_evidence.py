"""The evidence ladder: one state per form and level, the best one winning, and the summary."""

from __future__ import annotations

import pytest

from sphinx_learnscape.data import load_texts
from sphinx_learnscape.data.evidence import (
    STATES,
    best_state,
    evidence_ladder,
    form_evidence,
    level_evidence,
    outcome_state,
)
from sphinx_learnscape.data.model import LEVELS, Landscape

HEAD = """\
learnscape: 1
zones: [{id: z, label: Z}]
forms:
  - {id: classroom, label: Classroom, zone: z, orientation: learning}
  - {id: community, label: Community, zone: z, orientation: performance}
  - {id: wiki, label: Wiki, zone: z, orientation: performance}
outcomes:
"""


def landscape(outcomes: str) -> Landscape:
    data, diagnostics = load_texts({"e.yaml": HEAD + outcomes})
    assert [d for d in diagnostics if d.subtype.value != "outcomes"] == [], diagnostics
    return data


def one(fields: str) -> str:
    return f"  - {{form: classroom, indicator: I, level: learning, {fields}}}\n"


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ("kind: quantitative, baseline: 50, target: 80, measured: 85", "met"),
        ("kind: quantitative, baseline: 50, target: 80, measured: 80", "met"),
        ("kind: quantitative, baseline: 50, target: 80, measured: 60", "progress"),
        ("kind: quantitative, baseline: 50, target: 80, measured: 50", "progress"),  # no change yet
        ("kind: quantitative, baseline: 50, target: 80, measured: 40", "missed"),
        ("kind: quantitative, baseline: 40, target: 10, measured: 5", "met"),  # lower is better
        ("kind: quantitative, baseline: 40, target: 10, measured: 25", "progress"),
        ("kind: quantitative, baseline: 40, target: 10, measured: 45", "missed"),
        ("kind: quantitative, target: 80, measured: 60", "measured"),  # which way is better? unknown
        ("kind: quantitative, target: 80, measured: 60, direction: increase", "progress"),
        ("kind: quantitative, target: 80, measured: 90, direction: increase", "met"),
        ("kind: quantitative, measured: 60", "measured"),
        ("kind: quantitative, baseline: 50, measured: 60", "measured"),
        ("kind: quantitative, baseline: 50, target: 50, measured: 60", "measured"),  # no way to tell better
        ("kind: quantitative, baseline: 50, target: 80", "none"),  # planned, nothing measured yet
        ("kind: quantitative", "none"),
        ("kind: qualitative", "story"),
        ("kind: qualitative, measured: 3", "story"),
        ("kind: quantitative, baseline: 50, target: 80, history: [{period: 2026-Q1, value: 81}]", "met"),
        ("kind: quantitative, baseline: 50, target: 80, history: [{period: 2026-Q1, value: 45}]", "missed"),
    ],
)
def test_outcome_state(fields: str, state: str) -> None:
    [outcome] = landscape(one(fields)).outcomes
    assert outcome_state(outcome) == state


def test_states_best_first() -> None:
    assert STATES == ("met", "progress", "story", "measured", "missed", "none")
    assert best_state([]) == "none"
    assert best_state(["missed", "story"]) == "story"
    assert best_state(["measured", "missed", "none"]) == "measured"
    assert best_state(["progress", "met", "story"]) == "met"


def test_best_state_wins_and_the_cell_keeps_every_outcome_in_data_order() -> None:
    data = landscape(
        one("kind: quantitative, baseline: 50, target: 80, measured: 40, id: down")
        + one("kind: qualitative, id: tale")
        + one("kind: quantitative, baseline: 50, target: 80, id: planned")
        + "  - {form: classroom, indicator: J, level: results, kind: qualitative}\n"
    )
    cell = level_evidence(data.outcomes, "learning")
    assert cell.state == "story"
    assert [o.id for o in cell.outcomes] == ["down", "tale", "planned"]
    assert cell.has_evidence


def test_a_row_per_form_in_level_order_with_its_highest_level() -> None:
    data = landscape(
        "  - {form: classroom, indicator: Hours, kind: quantitative, level: activity, measured: 400}\n"
        "  - {form: classroom, indicator: Errors, kind: quantitative, level: results,"
        " baseline: 40, target: 10, measured: 12}\n"
        "  - {form: community, indicator: Views, kind: quantitative, level: activity,"
        " baseline: 1, target: 2, measured: 3}\n"
        "  - {form: community, indicator: Quiz, kind: quantitative, level: learning, baseline: 1, target: 2}\n"
    )
    rows = evidence_ladder(data)
    assert [row.form.id for row in rows] == ["classroom", "community", "wiki"]
    classroom, community, wiki = rows
    assert [c.level for c in classroom.cells] == list(LEVELS)
    assert [c.state for c in classroom.cells] == ["measured", "none", "none", "none", "progress", "none"]
    assert (classroom.highest, classroom.summary) == ("results", "beyond-activity")
    # a planned learning indicator is no evidence yet: so far only activity is shown
    assert community.cell("learning").state == "none" and len(community.cell("learning").outcomes) == 1
    assert (community.highest, community.summary) == ("activity", "activity-only")
    assert (wiki.highest, wiki.summary) == (None, "no-evidence")
    assert all(c.state == "none" and not c.outcomes for c in wiki.cells)
    assert len(classroom.outcomes) == 2


def test_ladder_of_chosen_forms_in_the_order_given() -> None:
    data = landscape(one("kind: qualitative"))
    forms = [data.forms[2], data.forms[0]]
    assert [row.form.id for row in evidence_ladder(data, forms)] == ["wiki", "classroom"]
    assert form_evidence(data, data.forms[0]).cell("learning").state == "story"
    assert form_evidence(data, data.forms[0]).highest == "learning"
