"""learnscape.json: every object, its data and the URL of its home."""

from __future__ import annotations

import json

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_export_lists_objects_with_homes(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((app.outdir / "learnscape.json").read_text(encoding="utf-8"))
    forms = {f["id"]: f for f in data["forms"]}
    assert forms["coaching"]["home"] == "described.html#learnscape-form-coaching"
    assert forms["classroom"]["home"] == "zeta.html#learnscape-form-classroom"
    assert forms["classroom"]["label"] == {"en": "Classroom training", "nl": "Klassikale training"}
    assert forms["classroom"]["tools"] == ["lms"]
    assert forms["classroom"]["source"] == {"file": "landscape.yaml", "line": 19}
    zones = {z["id"]: z for z in data["zones"]}
    assert zones["informal"]["home"] is None
    assert zones["formal"]["home"] == "described.html#learnscape-zone-formal"
    assert [o["progress"] for o in data["outcomes"] if o.get("id") == "jobaids-errors"] == [0.5]
    assert data["landscape"]["organisation"] == "Testorg"
    assert len(data["links"]) == 2


@pytest.mark.sphinx("text", testroot="homes", freshenv=True)
def test_no_export_outside_html(app: SphinxTestApp) -> None:
    app.build()
    assert not (app.outdir / "learnscape.json").exists()


@pytest.mark.sphinx("singlehtml", testroot="homes", freshenv=True)
def test_singlehtml_export_urls_are_anchors(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((app.outdir / "learnscape.json").read_text(encoding="utf-8"))
    forms = {f["id"]: f for f in data["forms"]}
    assert forms["coaching"]["home"] == "#learnscape-form-coaching"
