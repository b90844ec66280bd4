"""Keeping the garbage collector off the long-lived heap of a build.

By the time pages are read, the process holds a few hundred thousand
objects that live until it ends: the modules of Sphinx, docutils, the theme
and every extension, the loaded environment, our landscape. Each full
collection walks all of them again, and the objects a build makes (doctree
nodes, records, rendered pages) trigger many collections: the profile of a
no-op build of 1,000 objects spent about a sixth of its time there. When
the process ends, Python collects once more over everything it holds,
another 100-200 ms for a large site.

So that heap is frozen (:func:`gc.freeze`) when the extension is set up,
and again at ``env-before-read-docs`` (after the environment and the data
are loaded, before any forked reader starts): later collections skip it,
forked workers do not write to its pages, and the collection at exit skips
it too. Everything made afterwards is collected as usual.

The heap stays frozen after the build, for that last collection. A process
that builds again (a test suite, a live server) sets the extension up
again for the new application: that thaws the earlier build's heap and
collects what it no longer uses, once, before freezing anew, so builds do
not pile up.
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx


def freeze(app: Sphinx, env: Any, docnames: Any) -> None:
    gc.freeze()


def setup_heap(app: Sphinx) -> None:
    if gc.get_freeze_count():
        # An earlier build in this process (or its host) froze the heap:
        # thaw it, so that what that build left behind is collected.
        gc.unfreeze()
        gc.collect()
    # Now (the extensions set up before us), and again once the environment
    # and the data are loaded: last among the listeners, what they load lives long too.
    gc.freeze()
    app.connect("env-before-read-docs", freeze, priority=900)
