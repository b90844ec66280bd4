"""Outcome history: periods, the current value, what a bad point costs, the export and the lint."""

from __future__ import annotations

import datetime
import json

import pytest

from sphinx_learnscape.data import load_texts
from sphinx_learnscape.data.periods import Period, parse_period

HEAD = """\
learnscape: 1
zones: [{id: z, label: Z}]
forms: [{id: f, label: F, zone: z, orientation: learning}]
outcomes:
  - form: f
    indicator: Views
    kind: quantitative
    level: learning
"""  # the outcome's own fields continue on line 9


def load(fields: str):  # type: ignore[no-untyped-def]
    return load_texts({"h.yaml": HEAD + fields})


D = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        (2026, D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2026-05-31", D(2026, 5, 31), D(2026, 5, 31)),
    ],
)
def test_periods(text: object, start: datetime.date, end: datetime.date) -> None:
    assert parse_period(text) == Period(start, end)


@pytest.mark.parametrize(
    "text",
    [
        "2026-Q5",
        "2026-H3",
        "2026-13",
        "2026-00",
        "2026-02-30",
        "0000",
        "spring",
        "26",
        "",
        None,
        True,
        1.5,
        0,
    ],
)
def test_not_periods(text: object) -> None:
    assert parse_period(text) is None


def test_periods_order_by_start_then_end() -> None:
    names = ["2026-Q1", "2025", "2025-Q4", "2026-01", "2025-12-31"]
    spans = {name: parse_period(name) for name in names}
    assert all(spans.values())
    assert sorted(names, key=lambda n: spans[n] or ()) == [
        "2025",
        "2025-Q4",
        "2025-12-31",
        "2026-01",
        "2026-Q1",
    ]


def test_history_is_read_with_positions_and_the_latest_value_counts() -> None:
    landscape, diagnostics = load(
        "    baseline: 1000\n"
        "    target: 2000\n"
        "    history:\n"
        "      - {period: 2025-Q4, value: 1200}\n"
        "      - period: 2026-Q1\n"
        "        value: 1500.5\n"
        "        x-source: survey\n"
    )
    assert diagnostics == []
    [outcome] = landscape.outcomes
    assert [(p.period, p.value, p.origin.line, p.origin.col) for p in outcome.history] == [
        ("2025-Q4", 1200, 12, 9),
        ("2026-Q1", 1500.5, 13, 9),
    ]
    assert outcome.history[1].extra == {"x-source": "survey"}
    assert outcome.measured is None
    assert (outcome.current, outcome.progress, outcome.reached) == (1500.5, 0.5005, False)
    exported = outcome.as_json()
    assert exported["history"] == [
        {"period": "2025-Q4", "value": 1200},
        {"period": "2026-Q1", "value": 1500.5, "x-source": "survey"},
    ]
    assert (exported["current"], exported["progress"]) == (1500.5, 0.5005)
    json.dumps(exported)


def test_measured_wins_over_the_history() -> None:
    landscape, _ = load(
        "    baseline: 0\n    target: 10\n    measured: 4\n    history: [{period: 2025, value: 8}]\n"
    )
    [outcome] = landscape.outcomes
    assert (outcome.current, outcome.progress) == (4, 0.4)


def test_latest_is_by_period_not_by_place() -> None:
    landscape, diagnostics = load(
        "    baseline: 0\n    target: 10\n"
        "    history: [{period: 2026-Q2, value: 9}, {period: 2026-Q1, value: 3}]\n"
    )
    [outcome] = landscape.outcomes
    assert outcome.latest is not None and outcome.latest.period == "2026-Q2"
    assert outcome.current == 9
    assert [d.format() for d in diagnostics] == [
        "h.yaml:11:44: warning: outcome 'Views': history period 2026-Q1 comes after 2026-Q2; "
        "list the history oldest first [outcomes]"
    ]


def test_a_year_written_as_a_number_is_a_period() -> None:
    landscape, diagnostics = load("    history: [{period: 2025, value: 1}, {period: 2026, value: 2}]\n")
    assert diagnostics == []
    assert [p.period for p in landscape.outcomes[0].history] == ["2025", "2026"]


def test_a_bad_point_costs_only_itself() -> None:
    landscape, diagnostics = load(
        "    history:\n"
        "      - {period: 2025-Q4, value: 1}\n"
        "      - {period: 2025-Q5, value: 2}\n"
        "      - {period: 2026-Q1, value: two}\n"
        "      - {period: 2026-Q2, value: 3}\n"
    )
    assert [(d.line, d.col, d.subtype.value) for d in diagnostics] == [(11, 18, "schema"), (12, 34, "schema")]
    [outcome] = landscape.outcomes
    assert [p.period for p in outcome.history] == ["2025-Q4", "2026-Q2"]


def test_a_bad_history_costs_the_history_not_the_outcome() -> None:
    landscape, diagnostics = load("    measured: 4\n    history: 2025\n")
    assert [d.format() for d in diagnostics] == [
        "h.yaml:10:14: error: outcome #1: history must be a list, not the number 2025 [schema]"
    ]
    [outcome] = landscape.outcomes
    assert (outcome.history, outcome.current) == ((), 4)


def test_the_lint_of_history_is_off_with_the_outcome_check() -> None:
    from sphinx_learnscape.data import LoadOptions

    text = HEAD + "    history: [{period: 2026, value: 1}, {period: 2025, value: 2}]\n"
    _, on = load_texts({"h.yaml": text})
    _, off = load_texts({"h.yaml": text}, LoadOptions(outcome_check=False))
    assert [d.subtype.value for d in on] == ["outcomes"] and off == []
