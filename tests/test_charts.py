"""Bullet charts and sparklines: valid SVG, said in words, better to the right, escaped, no ids."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sphinx_learnscape.data import Outcome, load_texts
from sphinx_learnscape.render.charts import (
    bullet_chart,
    bullet_label,
    format_number,
    format_quantity,
    series,
    sparkline,
    sparkline_label,
)

SVG = "{http://www.w3.org/2000/svg}"
HEAD = """\
learnscape: 1
zones: [{id: z, label: Z}]
forms: [{id: f, label: F, zone: z, orientation: learning}]
outcomes:
"""


def outcome(fields: str) -> Outcome:
    data, diagnostics = load_texts(
        {"c.yaml": HEAD + f"  - {{form: f, indicator: I, kind: quantitative, level: results, {fields}}}\n"}
    )
    assert [d for d in diagnostics if d.subtype.value != "outcomes"] == [], diagnostics
    [one] = data.outcomes
    return one


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert "id" not in root.attrib and not any("id" in e.attrib for e in root.iter())  # many per page
    assert float(root.get("width", "0")) > 0 and root.get("viewBox")
    return root


def shapes(root: ET.Element) -> dict[str, ET.Element]:
    """Each drawn part by its first class."""
    return {e.get("class", "").split()[0]: e for e in root if e.get("class")}


def x_of(element: ET.Element) -> float:
    return float(element.get("x1") or element.get("x") or "nan")


VIEWS = "unit: views, baseline: 1200, target: 2000, measured: 3100"
ERRORS = "unit: errors, baseline: 40, target: 10, measured: 25"


def test_bullet_chart_draws_baseline_target_and_measured() -> None:
    root = parse(bullet_chart(outcome(VIEWS)) or "")
    assert root.get("class") == "learnscape-bullet"
    assert (
        root.get("aria-label")
        == "Baseline 1,200 views, target 2,000 views, measured 3,100 views: target reached"
    )
    parts = shapes(root)
    assert set(parts) == {
        "learnscape-bullet-track",
        "learnscape-bullet-range",
        "learnscape-bullet-bar",
        "learnscape-bullet-baseline",
        "learnscape-bullet-target",
    }
    assert "learnscape-bullet-met" in (parts["learnscape-bullet-bar"].get("class") or "")
    base, target = x_of(parts["learnscape-bullet-baseline"]), x_of(parts["learnscape-bullet-target"])
    bar = parts["learnscape-bullet-bar"]
    assert base < target < float(bar.get("x", "0")) + float(bar.get("width", "0"))  # past the target
    width = float(root.get("width", "0"))
    for element in root:
        for name in ("x", "x1", "x2"):
            if element.get(name) is not None:
                assert 0 <= float(element.get(name, "0")) <= width


def test_lower_is_better_is_drawn_with_better_to_the_right() -> None:
    root = parse(bullet_chart(outcome(ERRORS)) or "")
    assert root.get("class") == "learnscape-bullet learnscape-bullet-lower"
    parts = shapes(root)
    base, target = x_of(parts["learnscape-bullet-baseline"]), x_of(parts["learnscape-bullet-target"])
    bar = parts["learnscape-bullet-bar"]
    assert base < target  # the target (10) stands right of the baseline (40)
    assert float(bar.get("x", "0")) == pytest.approx(base)  # the bar grows from the baseline ...
    end = float(bar.get("x", "0")) + float(bar.get("width", "0"))
    assert base < end < target  # ... halfway (25) towards the target
    assert end == pytest.approx((base + target) / 2, abs=0.02)
    assert "learnscape-bullet-progress" in (bar.get("class") or "")
    assert root.get("aria-label") == (
        "Lower is better, baseline 40 errors, target 10 errors, measured 25 errors: 50% of the way to the target"
    )


def test_moving_the_wrong_way_runs_left_of_the_baseline() -> None:
    root = parse(bullet_chart(outcome("unit: errors, baseline: 40, target: 10, measured: 50")) or "")
    parts = shapes(root)
    bar = parts["learnscape-bullet-bar"]
    assert "learnscape-bullet-missed" in (bar.get("class") or "")
    assert float(bar.get("x", "0")) < x_of(parts["learnscape-bullet-baseline"])
    assert (root.get("aria-label") or "").endswith(": moved away from the target")


def test_dutch_words_and_numbers() -> None:
    label = bullet_label(outcome("unit: '%', baseline: 1200.5, target: 2000, measured: 1600.25"), "nl")
    assert label == "Beginwaarde 1.200,5%, doel 2.000%, gemeten 1.600,25%: 50% van de weg naar het doel"
    assert (bullet_label(outcome(ERRORS), "nl_BE") or "").startswith("Lager is beter, beginwaarde 40 errors")
    assert bullet_label(outcome(VIEWS), "de") == bullet_label(outcome(VIEWS))  # English otherwise


def test_numbers_in_words() -> None:
    assert format_number(1234567) == "1,234,567"
    assert format_number(1234567, "nl") == "1.234.567"
    assert format_number(2.5) == "2.5" and format_number(2.5, "nl") == "2,5"
    assert format_number(1 / 3) == "0.33"
    assert format_number(-0.001) == "0"
    assert format_quantity(85, "%") == "85%" and format_quantity(3, "posts") == "3 posts"
    assert format_quantity(3, None) == "3"


def test_no_chart_without_baseline_target_and_value() -> None:
    assert bullet_chart(outcome("baseline: 1, target: 2")) is None
    assert bullet_chart(outcome("target: 2, measured: 3")) is None
    assert bullet_chart(outcome("baseline: 1, measured: 3")) is None
    assert bullet_label(outcome("baseline: 1, target: 2")) is None


def test_history_gives_the_current_value() -> None:
    fields = "baseline: 50, target: 80, history: [{period: 2025-Q4, value: 60}, {period: 2026-Q1, value: 70}]"
    label = bullet_label(outcome(fields))
    assert label == "Baseline 50, target 80, measured 70 in 2026-Q1: 67% of the way to the target"


def test_everything_is_escaped() -> None:
    evil = outcome("unit: '\"><script>alert(1)</script>&amp;', baseline: 1, target: 2, measured: 3")
    for svg in (bullet_chart(evil), bullet_chart(evil, "nl")):
        assert svg is not None and "<script" not in svg
        root = parse(svg)
        assert '"><script>alert(1)</script>&amp;' in (root.get("aria-label") or "")
        assert len(list(root.iter())) == 6  # nothing smuggled in


def test_sparkline_in_period_order_with_measured_last() -> None:
    one = outcome(
        "unit: views, target: 2000, measured: 3100, period: 2026-Q2,"
        " history: [{period: 2025-Q4, value: 1200}, {period: 2026-Q1, value: 2500}]"
    )
    assert series(one) == [("2025-Q4", 1200), ("2026-Q1", 2500), ("2026-Q2", 3100)]
    root = parse(sparkline(one) or "")
    assert root.get("class") == "learnscape-sparkline"
    assert root.get("aria-label") == (
        "History: 2025-Q4: 1,200 views; 2026-Q1: 2,500 views; 2026-Q2: 3,100 views; target 2,000 views"
    )
    parts = shapes(root)
    assert set(parts) == {
        "learnscape-sparkline-target",
        "learnscape-sparkline-line",
        "learnscape-sparkline-last",
    }
    points = [
        tuple(map(float, p.split(",")))
        for p in (parts["learnscape-sparkline-line"].get("points") or "").split()
    ]
    assert len(points) == 3
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    ys = [y for _, y in points]
    assert ys[0] > ys[1] > ys[2]  # rising values stand higher (smaller y)
    target_y = float(parts["learnscape-sparkline-target"].get("y1", "0"))
    assert ys[1] < target_y < ys[0]  # 2000 lies between 1200 and 2500
    last = parts["learnscape-sparkline-last"]
    assert (float(last.get("cx", "0")), float(last.get("cy", "0"))) == points[-1]


def test_sparkline_sorts_a_history_out_of_order_and_keeps_a_measured_period_once() -> None:
    one = outcome(
        "measured: 9, period: 2026-Q1, direction: decrease,"
        " history: [{period: 2026-Q1, value: 9}, {period: 2025, value: 12}, {period: 2025-Q4, value: 10}]"
    )
    assert series(one) == [("2025", 12), ("2025-Q4", 10), ("2026-Q1", 9)]
    assert sparkline_label(one, "nl") == "Verloop: 2025: 12; 2025-Q4: 10; 2026-Q1: 9 (lager is beter)"


def test_measured_without_a_period_is_now() -> None:
    one = outcome("measured: 5, history: [{period: 2025, value: 3}]")
    assert series(one) == [("2025", 3), ("", 5)]
    assert sparkline_label(one) == "History: 2025: 3; now: 5"


def test_no_sparkline_for_one_value() -> None:
    assert sparkline(outcome("measured: 5")) is None
    assert sparkline(outcome("history: [{period: 2025, value: 3}]")) is None
    assert sparkline(outcome("baseline: 1")) is None


def test_flat_history_is_drawn_in_the_middle() -> None:
    root = parse(sparkline(outcome("history: [{period: 2025, value: 3}, {period: 2026, value: 3}]")) or "")
    line = shapes(root)["learnscape-sparkline-line"].get("points") or ""
    ys = {float(p.split(",")[1]) for p in line.split()}
    assert ys == {12.0}
    assert re.fullmatch(r"[0-9., ]+", line)
