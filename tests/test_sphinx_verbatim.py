"""Data text reads as written in every place a page shows it: no SmartQuotes, no escapes eaten."""

from __future__ import annotations

import html
import re

import pytest
from sphinx.testing.util import SphinxTestApp

LABEL = 'Share \\\\fs01\\training [a\\-b] "x"'
DESCRIPTION = 'Open \\\\fs01\\training -- it\'s "there".'
INDICATOR = 'Files "shared" -- per week'


def visible(page: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities read)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.sphinx("html", testroot="verbatim", freshenv=True)
def test_html_keeps_data_text_exact(app: SphinxTestApp) -> None:
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = visible(index.split("<svg", 1)[0] + index.split("</svg>", 1)[-1])
    # the forms table, the role and the map's text alternative
    assert text.count(LABEL) >= 3, text
    assert DESCRIPTION in text and INDICATOR in text
    # the author's own text is still educated: SmartQuotes runs, only not on data
    assert "“Author’s” own text – is educated." in text
    share = visible((app.outdir / "share.html").read_text(encoding="utf-8"))
    assert LABEL in share and DESCRIPTION in share
    for curly in "“”’–":
        data_parts = [line for line in text.splitlines() if "fs01" in line or "shared" in line]
        assert not any(curly in line for line in data_parts), (curly, data_parts)


@pytest.mark.sphinx("text", testroot="verbatim", freshenv=True)
def test_text_builder_keeps_data_text_exact(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    # the role and the map's text alternative (table cells wrap in the text builder)
    assert text.count(LABEL) >= 2, text
    assert "\\\\fs01\\training" in text.split("+--", 1)[1]  # the forms table
    assert INDICATOR in text
    assert not any(curly in text for curly in "“”’–"), text
