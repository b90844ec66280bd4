"""The collector is kept off the long-lived heap of a build; a next build in the process thaws it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_the_heap_is_frozen_while_building(app: SphinxTestApp) -> None:
    frozen: list[int] = []

    def note(*args: Any) -> None:
        frozen.append(gc.get_freeze_count())

    app.connect("doctree-read", note)
    app.connect("html-page-context", note)
    assert gc.get_freeze_count() > 10_000  # since the extension was set up: the modules
    app.build()
    assert frozen and min(frozen) > 10_000  # and the environment, the landscape
    assert gc.get_freeze_count() > 10_000  # and after: the collection at exit skips it
    assert app.warning.getvalue() == ""


class Cycle:
    """Garbage only the collector frees: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


@pytest.mark.sphinx("html", testroot="maps", srcdir="heap_thawed_by_next_build", freshenv=True)
def test_a_next_application_thaws_and_collects_what_a_build_left(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    kept: list[Cycle] = []

    def make(*args: Any) -> None:
        kept.append(Cycle())  # before the heap is frozen at this event

    app.connect("env-before-read-docs", make, priority=100)
    app.build()
    left = weakref.ref(kept.pop())
    gc.collect()
    assert left() is not None  # frozen: even a full collection leaves it
    make_app("html", srcdir=app.srcdir)  # its setup thaws the heap and collects once
    assert left() is None


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_a_build_that_fails_keeps_a_heap_the_next_setup_thaws(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    def fail(*args: Any) -> None:
        raise RuntimeError("a listener fails")

    app.connect("doctree-read", fail)
    with pytest.raises(Exception, match="a listener fails"):
        app.build()
    before = gc.get_freeze_count()
    make_app("html", srcdir=app.srcdir)
    assert 0 < gc.get_freeze_count() <= before + 50_000
