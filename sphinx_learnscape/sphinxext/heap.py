"""Keeping the garbage collector off the long-lived heap while a build runs.

By the time pages are read, the process holds a few hundred thousand
objects that live until it ends: the modules of Sphinx, docutils, the theme
and every extension, the loaded environment, our landscape. Each full
collection walks all of them again, and the objects a build makes (doctree
nodes, records, rendered pages) trigger many collections: the profile of a
no-op build of 1,000 objects spent about a sixth of its time there.

So that heap is frozen (:func:`gc.freeze`) when the extension is set up,
and again at ``env-before-read-docs`` (after the environment and the data
are loaded, before any forked reader starts): later collections skip it,
and forked workers do not write to its pages. Everything made afterwards is collected as usual.
``build-finished``, which Sphinx emits after a failed build too, unfreezes
it, so a process that runs several builds (a test suite, a live server)
frees what one build left behind.
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx


def freeze(app: Sphinx, env: Any, docnames: Any) -> None:
    gc.freeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    gc.unfreeze()


def setup_heap(app: Sphinx) -> None:
    # Now (the extensions set up before us), and again once the environment
    # and the data are loaded: last among the listeners, what they load lives long too.
    gc.freeze()
    app.connect("env-before-read-docs", freeze, priority=900)
    app.connect("build-finished", unfreeze, priority=900)
