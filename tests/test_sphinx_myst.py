"""Directives and roles from MyST Markdown."""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp

pytest.importorskip("myst_parser")


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_myst_directives_and_roles(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<table class="learnscape-table learnscape-forms[^"]*" id="social-forms"', html)
    assert "Social learning forms" in html
    assert 'id="learnscape-form-coaching"' in html
    assert "Coaching, described from <strong>Markdown</strong>." in html
    assert re.search(r'href="#learnscape-form-coaching"[^>]*><span[^>]*>Coaching</span>', html)
    # teams and wenger have no home here: label (or explicit title), unlinked
    assert re.search(r"(?<!</a>)<span[^>]*>The chat tool</span>", html)
    assert "learnscape-tool-teams" not in html
    assert re.search(r"<span[^>]*>Etienne Wenger</span>", html)


@pytest.mark.sphinx("html", testroot="myst", srcdir="myst_unknown_id_warns_at_line", freshenv=True)
def test_myst_unknown_id_warns_at_line(app: SphinxTestApp) -> None:
    (app.srcdir / "index.md").write_text("# Page\n\nText\n\n{learnscape:form}`nothing`\n", encoding="utf-8")
    app.build()
    assert re.search(r"index\.md:5: WARNING: unknown learning form id 'nothing'", app.warning.getvalue())
