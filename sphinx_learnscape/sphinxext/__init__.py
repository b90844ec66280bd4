"""The Sphinx layer: it adapts the data (:mod:`sphinx_learnscape.data`) and the map
(:mod:`sphinx_learnscape.render`) to Sphinx.

- :mod:`.config` -- the configuration values and their typed view
- :mod:`.state` -- what persists between builds, and what one build keeps
- :mod:`.loading` -- the data files read at the start of a build
- :mod:`.incremental` -- what is outdated and what is written again, in event order
- :mod:`.deps` -- what each page records that it shows
- :mod:`.domain` -- the ``learnscape`` domain: its directives, roles and references
- :mod:`.objects`, :mod:`.tables`, :mod:`.map` -- the directives
- :mod:`.outcomelinks` -- outcomes' home rows and the ladder's links to them
- :mod:`.roles`, :mod:`.links` -- references and the links home
- :mod:`.homes` -- where each object lives, its anchor and index entry
- :mod:`.export` -- ``learnscape.json``
- :mod:`.latextables`, :mod:`.epub` -- what LaTeX tables and EPUB packages need
- :mod:`.heap` -- the garbage collector kept off the long-lived heap during a build
- :mod:`.warning` -- the one way warnings are given
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sphinx_learnscape import __version__
from sphinx_learnscape.sphinxext.config import setup_config
from sphinx_learnscape.sphinxext.domain import LearnscapeDomain
from sphinx_learnscape.sphinxext.epub import setup_epub
from sphinx_learnscape.sphinxext.heap import setup_heap
from sphinx_learnscape.sphinxext.homes import place_anchors
from sphinx_learnscape.sphinxext.incremental import setup_incremental
from sphinx_learnscape.sphinxext.labels import setup_labels
from sphinx_learnscape.sphinxext.latextables import setup_latex_tables
from sphinx_learnscape.sphinxext.links import setup_links
from sphinx_learnscape.sphinxext.map import setup_map
from sphinx_learnscape.sphinxext.roles import note_any_references, unknown_reference
from sphinx_learnscape.sphinxext.tables import setup_tables

#: The one guard of the pickled environment's shape: bump it when any
#: record kept in it (``state.LearnscapeState``, ``deps.DocRecord``) changes.
ENV_VERSION = 8


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    app.add_domain(LearnscapeDomain)
    setup_incremental(app)
    setup_map(app)
    setup_labels(app)
    setup_links(app)
    app.connect("doctree-read", note_any_references)
    # Only an id that no resolver (intersphinx included) knows is warned about.
    app.connect("warn-missing-reference", unknown_reference)
    # Before writing each page: the home rows get their anchors, then the tables'.
    app.connect("doctree-resolved", place_anchors)
    setup_tables(app)
    setup_latex_tables(app)
    setup_epub(app)
    setup_heap(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
