"""Filters shared by tables and maps: AND across options, OR within one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from sphinx_learnscape.data import Landscape, load_files
from sphinx_learnscape.data.model import Record
from sphinx_learnscape.data.query import (
    FILTER_OPTIONS,
    Filter,
    form_matches,
    select_forms,
    select_outcomes,
    select_thinkers,
    select_tools,
    select_zones,
)

# The good landscape:
#   classroom  formal    tools lms          thinkers piaget         tags 70-20-10:10
#   coaching   informal  tools teams        thinkers senge          tags 70-20-10:20
#   community  informal  tools wiki, teams  thinkers senge, piaget  tags 70-20-10:20, social


@pytest.fixture
def landscape(good_files: list[Path]) -> Landscape:
    loaded, diagnostics = load_files(good_files)
    assert diagnostics == []
    return loaded


def ids(records: Sequence[Record]) -> list[str]:
    return [r.id for r in records]


def test_empty_filter_keeps_everything(landscape: Landscape) -> None:
    selection = Filter()
    assert selection.is_empty
    assert select_forms(landscape, selection) == landscape.forms
    assert select_zones(landscape, selection) == landscape.zones
    assert select_tools(landscape, selection) == landscape.tools
    assert select_thinkers(landscape, selection) == landscape.thinkers
    assert select_outcomes(landscape, selection) == landscape.outcomes


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Filter(zones=("informal",)), ["coaching", "community"]),
        (Filter(zones=("formal", "informal")), ["classroom", "coaching", "community"]),
        (Filter(forms=("community", "classroom")), ["classroom", "community"]),  # data order
        (Filter(tools=("teams",)), ["coaching", "community"]),
        (Filter(tools=("lms", "wiki")), ["classroom", "community"]),
        (Filter(thinkers=("piaget",)), ["classroom", "community"]),
        (Filter(tags=("social",)), ["community"]),
        (Filter(tags=("70-20-10:10", "social")), ["classroom", "community"]),
        (Filter(tools=("nothing",)), []),
    ],
)
def test_or_within_one_option(landscape: Landscape, selection: Filter, expected: list[str]) -> None:
    assert ids(select_forms(landscape, selection)) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Filter(zones=("informal",), tools=("wiki",)), ["community"]),
        (Filter(zones=("informal",), thinkers=("piaget",)), ["community"]),
        (Filter(zones=("formal",), tools=("teams",)), []),
        (Filter(tools=("teams", "lms"), thinkers=("senge",)), ["coaching", "community"]),
        (Filter(tools=("teams", "lms"), thinkers=("piaget",)), ["classroom", "community"]),
        (Filter(tags=("70-20-10:20",), forms=("coaching", "classroom")), ["coaching"]),
        (
            Filter(
                zones=("informal",),
                forms=("community",),
                tools=("wiki",),
                thinkers=("senge",),
                tags=("social",),
            ),
            ["community"],
        ),
        (Filter(zones=("informal",), tags=("70-20-10:10",)), []),
    ],
)
def test_and_across_options(landscape: Landscape, selection: Filter, expected: list[str]) -> None:
    assert ids(select_forms(landscape, selection)) == expected
    assert [f.id for f in landscape.forms if form_matches(f, selection)] == expected


def test_zones_stay_all_unless_narrowed(landscape: Landscape) -> None:
    # empty cells of the map stay visible when other options filter forms
    assert ids(select_zones(landscape, Filter(tools=("lms",)))) == ["formal", "informal"]
    assert ids(select_zones(landscape, Filter(zones=("informal",)))) == ["informal"]


def test_tools_of_the_selected_forms(landscape: Landscape) -> None:
    assert ids(select_tools(landscape, Filter(zones=("informal",)))) == ["wiki", "teams"]
    assert ids(select_tools(landscape, Filter(thinkers=("piaget",)))) == ["lms", "wiki", "teams"]
    # only :tools: given: exactly those tools, used or not
    assert ids(select_tools(landscape, Filter(tools=("teams", "lms")))) == ["lms", "teams"]
    # :tools: with other options: the listed tools that the selected forms use
    assert ids(select_tools(landscape, Filter(zones=("informal",), tools=("teams", "lms")))) == ["teams"]


def test_thinkers_of_the_selected_forms(landscape: Landscape) -> None:
    assert ids(select_thinkers(landscape, Filter(zones=("formal",)))) == ["piaget"]
    assert ids(select_thinkers(landscape, Filter(thinkers=("piaget",)))) == ["piaget"]
    assert ids(select_thinkers(landscape, Filter(tools=("teams",)))) == ["senge", "piaget"]
    assert ids(select_thinkers(landscape, Filter(tools=("teams",), thinkers=("piaget",)))) == ["piaget"]


def test_outcomes_of_the_selected_forms(landscape: Landscape) -> None:
    assert [o.id for o in select_outcomes(landscape, Filter(zones=("informal",)))] == [
        "community-views",
        "community-answers",
        "coaching-story",
    ]
    assert [o.id for o in select_outcomes(landscape, Filter(tools=("lms",)))] == ["classroom-errors"]
    assert select_outcomes(landscape, Filter(tags=("nothing",))) == ()


def test_filter_options() -> None:
    selection = Filter(zones=("z",), forms=("f",), tools=("t",), thinkers=("p",), tags=("g",))
    assert FILTER_OPTIONS == ("zones", "forms", "tools", "thinkers", "tags")
    assert not selection.is_empty
