"""The evidence ladder's marks: valid SVG, hidden from screen readers, one shape per state."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sphinx_learnscape.data.evidence import STATES
from sphinx_learnscape.render.charts import MARK_SIZE, evidence_mark

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("state", STATES)
def test_mark_is_decorative_svg(state: str) -> None:
    root = ET.fromstring(evidence_mark(state))  # type: ignore[arg-type]
    assert root.tag == f"{SVG}svg"
    assert root.get("class") == f"learnscape-evidence-mark learnscape-evidence-mark-{state}"
    # the cell's word is what a screen reader hears; the picture is skipped
    assert root.get("aria-hidden") == "true" and root.get("focusable") == "false"
    assert root.get("role") is None and root.get("aria-label") is None
    assert (root.get("width"), root.get("height")) == (str(MARK_SIZE), str(MARK_SIZE))
    # no ids: any number of marks may share a page
    assert all(el.get("id") is None for el in root.iter())
    assert len(root) >= 1


def test_every_state_has_its_own_shape() -> None:
    """Colour is never the only cue: the shapes themselves differ."""
    shapes = set()
    for state in STATES:
        root = ET.fromstring(evidence_mark(state))
        shapes.add(tuple(ET.tostring(child) for child in root))
    assert len(shapes) == len(STATES)
