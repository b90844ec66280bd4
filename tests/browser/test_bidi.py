"""A label in another script never reorders the sentence around its role (as ``<bdi>`` does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chromium import AVAILABLE, CHROMIUM

if not AVAILABLE:
    pytest.skip(
        f"the browser tests need chromium on PATH ({CHROMIUM}) and playwright", allow_module_level=True
    )

pytestmark = pytest.mark.browser

#: Where the role's label and the "3" after it are drawn, left to right.
GEOMETRY_JS = """() => {
  const ref = document.querySelector('p .learnscape-ref');
  const text = ref.closest('a').nextSibling;
  const range = document.createRange();
  const at = text.textContent.indexOf('3');
  range.setStart(text, at);
  range.setEnd(text, at + 1);
  return {label: ref.getBoundingClientRect().right, three: range.getBoundingClientRect().left,
          dir: ref.getAttribute('dir')};
}"""


@pytest.mark.sphinx("html", testroot="bidi", freshenv=True)
def test_a_right_to_left_label_keeps_the_sentence_in_order(app: Any, browser: Any) -> None:
    """Unisolated, "HEBREW 3 times" shows the 3 left of the Hebrew word (the bidi algorithm's rule N1)."""
    app.build()
    url = (Path(app.outdir) / "index.html").resolve().as_uri()
    page = browser.new_page()
    page.goto(url)
    found = page.evaluate(GEOMETRY_JS)
    page.close()
    assert found["dir"] == "auto"
    assert found["label"] <= found["three"] + 0.5, found
