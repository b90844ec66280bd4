"""The records: outcome progress and direction, texts, JSON, immutability."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from sphinx_learnscape.data import (
    Form,
    Landscape,
    Link,
    Meta,
    Origin,
    Outcome,
    Text,
    Thinker,
    Tool,
    Zone,
    load_files,
)
from sphinx_learnscape.data.model import Direction

HERE = Origin("a.yaml", 3, 5)
LABEL = Text((("", "Label"),))


def outcome(
    baseline: float | None = None,
    target: float | None = None,
    measured: float | None = None,
    direction: Direction | None = None,
) -> Outcome:
    return Outcome(
        form="f",
        indicator=Text((("en", "Errors"),)),
        kind="quantitative",
        level="results",
        origin=HERE,
        baseline=baseline,
        target=target,
        measured=measured,
        direction=direction,
    )


# Progress, reached, direction


def test_progress_of_a_rising_target() -> None:
    assert outcome(100, 150, 125).progress == 0.5
    assert outcome(100, 150, 150).progress == 1.0
    assert outcome(1200, 2000, 3100).progress == pytest.approx(2.375)
    assert outcome(100, 150, 90).progress == pytest.approx(-0.2)


def test_progress_of_a_falling_target() -> None:
    # errors: from 40 down to 10; at 25 half the way is done
    assert outcome(40, 10, 25).progress == 0.5
    assert outcome(40, 10, 10).progress == 1.0
    assert outcome(40, 10, 5).progress == pytest.approx(7 / 6)
    assert outcome(40, 10, 50).progress == pytest.approx(-1 / 3)


def test_progress_unknown() -> None:
    assert outcome(None, 10, 5).progress is None
    assert outcome(40, None, 5).progress is None
    assert outcome(40, 10, None).progress is None
    assert outcome(10, 10, 5).progress is None  # no way to go


def test_effective_direction() -> None:
    assert outcome(40, 10).effective_direction == "decrease"
    assert outcome(10, 40).effective_direction == "increase"
    assert outcome(10, 10).effective_direction is None
    assert outcome(None, 10).effective_direction is None
    assert outcome(None, 10, direction="decrease").effective_direction == "decrease"
    # a given direction wins (the lint tells when it contradicts the numbers)
    assert outcome(40, 10, direction="increase").effective_direction == "increase"
    assert outcome(40, 10, direction="increase").numeric_direction == "decrease"


def test_reached() -> None:
    assert outcome(40, 10, 25).reached is False
    assert outcome(40, 10, 10).reached is True
    assert outcome(40, 10, 3).reached is True
    assert outcome(100, 150, 149).reached is False
    assert outcome(100, 150, 150).reached is True
    assert outcome(None, 150, 200, direction="increase").reached is True
    assert outcome(None, 5, 7, direction="decrease").reached is False
    assert outcome(None, 150, 200).reached is None  # direction unknown
    assert outcome(100, None, 200).reached is None
    assert outcome(100, 150, None).reached is None


def test_progress_on_loaded_data(good_files: list[Path]) -> None:
    landscape, _ = load_files(good_files)
    by_id = {o.id: o for o in landscape.outcomes}
    errors = by_id["classroom-errors"]
    assert (errors.progress, errors.reached, errors.effective_direction) == (0.5, False, "decrease")
    views = by_id["community-views"]
    assert (views.progress, views.reached, views.effective_direction) == (2.375, True, "increase")
    story = by_id["coaching-story"]
    assert (story.progress, story.reached, story.effective_direction) == (None, None, None)


# Texts


def test_text_keeps_languages_in_written_order() -> None:
    text = Text.of({"nl": "Leren", "en": "Learning"})
    assert text is not None
    assert text.values == (("nl", "Leren"), ("en", "Learning"))
    assert list(text.all_texts()) == ["Leren", "Learning"]
    assert text.as_json() == {"nl": "Leren", "en": "Learning"}
    assert str(text) == "Learning"
    plain = Text.of("Learning")
    assert plain is not None
    assert plain.as_json() == "Learning"
    assert Text(()).get("en") == ""


# Records


def test_records_are_frozen() -> None:
    zone = Zone(id="z", label=LABEL, origin=HERE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        zone.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        outcome().measured = 3  # type: ignore[misc]


def test_kinds() -> None:
    assert Zone(id="z", label=LABEL, origin=HERE).kind == "zone"
    assert Form(id="f", label=LABEL, origin=HERE).kind == "form"
    assert Tool(id="t", label=LABEL, origin=HERE).kind == "tool"
    assert Thinker(id="t", label=LABEL, origin=HERE).kind == "thinker"


def test_as_json_of_each_record() -> None:
    zone = Zone(id="z", label=LABEL, origin=HERE, band="education", color="#fff", extra={"x-a": 1})
    assert zone.as_json() == {
        "id": "z",
        "label": "Label",
        "band": "education",
        "color": "#fff",
        "x-a": 1,
        "source": {"file": "a.yaml", "line": 3},
    }
    form = Form(
        id="f", label=LABEL, origin=HERE, zone=None, tools=("t",), url="/f", moments=("new",), owner="L&D"
    )
    assert form.as_json() == {
        "id": "f",
        "label": "Label",
        "url": "/f",
        "zone": None,
        "orientation": "learning",
        "tools": ["t"],
        "thinkers": [],
        "tags": [],
        "moments": ["new"],
        "owner": "L&D",
        "source": {"file": "a.yaml", "line": 3},
    }
    thinker = Thinker(id="s", label=LABEL, origin=HERE, born=1947, idea=Text.of({"en": "Systems"}))
    assert thinker.as_json() == {
        "id": "s",
        "label": "Label",
        "born": 1947,
        "died": None,
        "idea": {"en": "Systems"},
        "source": {"file": "a.yaml", "line": 3},
    }
    tool = Tool(id="t", label=LABEL, origin=HERE, category="wiki", description=Text.of("A wiki"))
    assert tool.as_json() == {
        "id": "t",
        "label": "Label",
        "description": "A wiki",
        "category": "wiki",
        "source": {"file": "a.yaml", "line": 3},
    }
    link = Link(source="a", target="b", origin=HERE, label=Text.of("then"), kind="sequence")
    assert link.as_json() == {
        "from": "a",
        "to": "b",
        "label": "then",
        "kind": "sequence",
        "source": {"file": "a.yaml", "line": 3},
    }
    assert outcome(40, 10, 25).as_json() == {
        "form": "f",
        "indicator": {"en": "Errors"},
        "kind": "quantitative",
        "level": "results",
        "baseline": 40,
        "target": 10,
        "measured": 25,
        "progress": 0.5,
        "source": {"file": "a.yaml", "line": 3},
    }
    meta = Meta(origin=HERE, title=Text.of("T"), organisation="Org", as_of="2026-06-30", extra={"x-b": [1]})
    assert meta.as_json() == {"title": "T", "organisation": "Org", "as_of": "2026-06-30", "x-b": [1]}


def test_landscape_index_and_json(good_files: list[Path]) -> None:
    landscape, _ = load_files(good_files)
    assert set(landscape.index) == {"zone", "form", "tool", "thinker"}
    assert landscape.index["tool"]["wiki"] is landscape.tools[1]
    data = landscape.as_json()
    assert data["learnscape"] == 1
    assert json.loads(json.dumps(data)) == data
    assert [f["id"] for f in data["forms"]] == ["classroom", "coaching", "community"]
    empty = Landscape.build(None, (), (), (), (), (), ())
    assert empty.as_json()["landscape"] is None
    assert empty.get("form", "x") is None
