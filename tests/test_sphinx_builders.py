"""Every builder renders the landscape: no unknown nodes, the data in the output."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from render_helpers import HAS_DOT

BUILDERS = {
    "html": "index.html",
    "dirhtml": "index.html",
    "singlehtml": "index.html",
    "epub": "index.xhtml",
    "latex": "builders.tex",
    "text": "index.txt",
    "man": "builders.1",
    "texinfo": "builders.texi",
}


def output_text(outdir: Path, name: str) -> str:
    path = outdir / name
    if not path.exists():  # epub keeps pages in a folder
        path = next(outdir.rglob(name))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_builder_renders_tables_and_homes(
    builder: str, make_app: Any, rootdir: Path, sphinx_test_tempdir: Path
) -> None:
    import shutil

    srcdir = sphinx_test_tempdir / f"builders-{builder}"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(rootdir / "test-builders", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "unknown node" not in warnings.lower()
    assert "WARNING" not in warnings, warnings
    out = output_text(app.outdir, BUILDERS[builder])
    assert "Classroom training" in out
    assert "Every learning form" in out
    assert "David Kolb" in out
    assert "Medication errors" in out
    assert "The landscape at a glance" in out  # the map's caption
    if builder in ("latex", "text", "man", "texinfo"):
        assert "✓" not in out  # ticks are ASCII outside HTML
    if builder in ("text", "man", "texinfo"):
        # no picture: the text alternative, zones -> forms -> tools
        assert "Social learning" in out and "Microsoft Teams" in out
        assert "Text version of the map" not in out
    if builder in ("html", "dirhtml", "singlehtml", "epub"):
        assert re.search(r"<svg [^>]*class=\"learnscape-map-svg\"", out)
    if builder == "latex" and HAS_DOT:
        assert re.search(r"\\sphinxincludegraphics\[[^]]*\]\{learnscape-map-[0-9a-f]+\.pdf\}", out)
    elif builder == "latex":  # the embedded Graphviz draws no PDF: the text alternative stands in
        assert "sphinxincludegraphics" not in out
        assert "Social learning" in out and "Microsoft Teams" in out
    if builder == "latex":
        assert r"\label{\detokenize{index:learnscape-form-classroom}}" in out
        assert r"\label{\detokenize{described:learnscape-form-coaching}}" in out
        assert r"\hyperref[\detokenize{described:learnscape-form-coaching}]" in out
    if builder == "epub":
        assert 'id="learnscape-form-classroom"' in out
        ElementTree.fromstring(out)  # EPUB pages must be well-formed XML (figcaption closed, ...)
    if builder == "latex":
        assert out.count(r"\label{\detokenize{index:fig-map}}") == 1
        # every object in the PDF's index, once: described ones and table rows
        assert out.count(r"\index{Coaching (learning form)@\spxentry{Coaching}") == 1
        assert out.count(r"\index{Classroom training (learning form)@\spxentry{Classroom training}") == 1
