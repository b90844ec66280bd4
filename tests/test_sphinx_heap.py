"""The collector is kept off the long-lived heap while pages are read and written, and only then."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_the_heap_is_frozen_while_building_and_thawed_after(app: SphinxTestApp) -> None:
    frozen: list[int] = []

    def note(*args: Any) -> None:
        frozen.append(gc.get_freeze_count())

    app.connect("doctree-read", note)
    app.connect("html-page-context", note)
    assert gc.get_freeze_count() > 10_000  # since the extension was set up: the modules
    app.build()
    assert frozen and min(frozen) > 10_000  # and the environment, the landscape
    assert gc.get_freeze_count() == 0  # a process that builds again collects all of it
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_a_build_that_fails_thaws_the_heap_too(app: SphinxTestApp) -> None:
    def fail(*args: Any) -> None:
        raise RuntimeError("a listener fails")

    app.connect("doctree-read", fail)
    with pytest.raises(Exception, match="a listener fails"):
        app.build()
    assert gc.get_freeze_count() == 0
