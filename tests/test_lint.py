"""The outcome lint: activity-only forms, ROI without results, contradicting directions."""

from __future__ import annotations

from sphinx_learnscape.data import Diagnostic, LoadOptions, load_texts

BASE = (
    "learnscape: 1\n"
    "zones:\n  - {id: informal, label: Informal}\n"
    "forms:\n"
    "  - {id: community, label: Community, zone: informal, orientation: performance}\n"
    "  - {id: coaching, label: Coaching, zone: informal, orientation: learning}\n"
    "outcomes:\n"
)  # outcomes start on line 8


def outcome(form: str, level: str, extra: str = "", indicator: str = "Indicator") -> str:
    return f"  - {{form: {form}, indicator: {indicator}, kind: quantitative, level: {level}{extra}}}\n"


def lint(outcomes: str, options: LoadOptions | None = None) -> list[str]:
    _, diagnostics = load_texts({"o.yaml": BASE + outcomes}, options)
    assert all(d.subtype.value == "outcomes" for d in diagnostics), diagnostics
    return [d.format() for d in diagnostics]


ACTIVITY = (
    "o.yaml:{line}:5: warning: form '{form}' has only activity counts as outcomes; add a learning, "
    "behaviour or results indicator, or a qualitative success story [outcomes]"
)


def test_activity_only_form_is_warned_at_its_first_outcome() -> None:
    found = lint(
        outcome("coaching", "learning")
        + outcome("community", "activity", indicator="Page views")
        + outcome("community", "activity", indicator="Posts")
    )
    assert found == [ACTIVITY.format(line=9, form="community")]


def test_each_activity_only_form_is_warned_once() -> None:
    found = lint(
        outcome("community", "activity") + outcome("coaching", "activity") + outcome("community", "activity")
    )
    assert found == [ACTIVITY.format(line=8, form="community"), ACTIVITY.format(line=9, form="coaching")]


def test_balanced_outcomes_are_not_warned() -> None:
    for level in ("reaction", "learning", "behaviour", "results"):
        assert lint(outcome("community", "activity") + outcome("community", level)) == [], level


def test_qualitative_story_balances_activity_counts() -> None:
    story = "  - {form: community, indicator: A story, kind: qualitative, level: behaviour}\n"
    assert lint(outcome("community", "activity") + story) == []


def test_forms_without_outcomes_are_not_warned() -> None:
    assert lint(outcome("community", "learning")) == []
    landscape, diagnostics = load_texts({"o.yaml": BASE.removesuffix("outcomes:\n")})
    assert diagnostics == []
    assert len(landscape.forms) == 2


def test_roi_without_results_is_warned_at_the_roi_outcome() -> None:
    found = lint(outcome("coaching", "learning") + outcome("coaching", "roi", ", id: coaching-roi"))
    assert found == [
        "o.yaml:9:5: warning: outcome 'coaching-roi' claims return on investment (level 'roi') but form "
        "'coaching' has no 'results' outcome to stand behind it [outcomes]"
    ]


def test_roi_without_id_is_named_by_its_indicator() -> None:
    found = lint(outcome("coaching", "roi", indicator="Savings per year"))
    assert found == [
        "o.yaml:8:5: warning: outcome 'Savings per year' claims return on investment (level 'roi') but form "
        "'coaching' has no 'results' outcome to stand behind it [outcomes]"
    ]


def test_every_roi_outcome_is_warned() -> None:
    found = lint(outcome("coaching", "roi") + outcome("coaching", "learning") + outcome("coaching", "roi"))
    assert [line.split(":")[1] for line in found] == ["8", "10"]


def test_roi_with_results_is_not_warned() -> None:
    assert lint(outcome("coaching", "roi") + outcome("coaching", "results")) == []


def test_results_of_another_form_do_not_count() -> None:
    found = lint(outcome("coaching", "roi") + outcome("community", "results"))
    assert len(found) == 1
    assert "form 'coaching' has no 'results' outcome" in found[0]


def test_direction_contradicting_the_numbers() -> None:
    found = lint(
        outcome("coaching", "results", ", id: errors, baseline: 40, target: 10, direction: increase")
    )
    assert found == [
        "o.yaml:8:5: warning: outcome 'errors': direction 'increase' contradicts baseline 40 -> target 10, "
        "which is a decrease [outcomes]"
    ]
    found = lint(outcome("coaching", "results", ", baseline: 2.5, target: 7.25, direction: decrease"))
    assert found == [
        "o.yaml:8:5: warning: outcome 'Indicator': direction 'decrease' contradicts baseline 2.5 -> target 7.25, "
        "which is an increase [outcomes]"
    ]


def test_direction_message_writes_numbers_as_given() -> None:
    found = lint(
        outcome("coaching", "results", ", baseline: 1000000, target: 2500000.5, direction: decrease")
    )
    assert "contradicts baseline 1000000 -> target 2500000.5, which is an increase" in found[0]


def test_direction_agreeing_or_unjudgeable_is_not_warned() -> None:
    for extra in (
        ", baseline: 40, target: 10, direction: decrease",
        ", baseline: 10, target: 40, direction: increase",
        ", baseline: 10, target: 10, direction: increase",
        ", target: 10, direction: decrease",
        ", baseline: 40, target: 10",
    ):
        assert lint(outcome("coaching", "results", extra)) == [], extra


def test_all_three_rules_together_in_file_order() -> None:
    found = lint(
        outcome("community", "activity", ", baseline: 5, target: 1, direction: increase")
        + outcome("coaching", "roi")
    )
    assert [line.split(": warning: ")[0] for line in found] == ["o.yaml:8:5", "o.yaml:8:5", "o.yaml:9:5"]
    # at one place, by message: "form ..." before "outcome ..."
    assert "only activity counts" in found[0]
    assert "contradicts" in found[1]
    assert "return on investment" in found[2]


def test_outcome_check_off_silences_the_lint() -> None:
    outcomes = outcome("community", "activity") + outcome(
        "coaching", "roi", ", baseline: 5, target: 1, direction: increase"
    )
    assert len(lint(outcomes)) == 3
    assert lint(outcomes, LoadOptions(outcome_check=False)) == []


def test_outcome_check_off_keeps_other_problems() -> None:
    _, diagnostics = load_texts(
        {"o.yaml": BASE + outcome("community", "activity") + outcome("nowhere", "learning")},
        LoadOptions(outcome_check=False),
    )
    assert [(d.subtype.value, d.line) for d in diagnostics] == [("ref", 9)]


def test_outcomes_in_another_file_are_linted_where_they_stand() -> None:
    _, diagnostics = load_texts(
        {
            "forms.yaml": BASE.removesuffix("outcomes:\n"),
            "o.yaml": "learnscape: 1\noutcomes:\n" + outcome("community", "activity"),
        }
    )
    assert [(d.file, d.line, d.col, d.severity.value) for d in diagnostics] == [("o.yaml", 3, 5, "warning")]


def test_lint_warnings_are_warnings() -> None:
    _, diagnostics = load_texts({"o.yaml": BASE + outcome("community", "activity")})
    assert [type(d) for d in diagnostics] == [Diagnostic]
    assert diagnostics[0].severity.value == "warning"
