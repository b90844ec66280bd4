"""The Sphinx layer: configuration, domain, directives, roles, homes, maps and export."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from sphinx_learnscape import __version__
from sphinx_learnscape.sphinxext.config import setup_config
from sphinx_learnscape.sphinxext.domain import LearnscapeDomain
from sphinx_learnscape.sphinxext.epub import setup_epub
from sphinx_learnscape.sphinxext.export import setup_export
from sphinx_learnscape.sphinxext.homes import on_env_updated, place_anchors
from sphinx_learnscape.sphinxext.mapsetup import setup_maps
from sphinx_learnscape.sphinxext.objects import setup_objects
from sphinx_learnscape.sphinxext.roles import ObjectRole, note_any_references, unknown_reference
from sphinx_learnscape.sphinxext.state import on_env_get_outdated
from sphinx_learnscape.sphinxext.tables import setup_tables

#: Bump when the pickled environment data changes shape.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    app.add_domain(LearnscapeDomain)
    for kind in ("zone", "form", "tool", "thinker"):
        app.add_role_to_domain("learnscape", kind, ObjectRole())
    app.connect("doctree-read", note_any_references)
    # Only an id that no resolver (intersphinx included) knows is warned about.
    app.connect("warn-missing-reference", unknown_reference)
    setup_objects(app)
    setup_tables(app)
    # Data is loaded before any page is read; outdated pages come back here.
    app.connect("env-get-outdated", on_env_get_outdated)
    # After all pages are read: homes, index entries, pages to write again
    # (priority 400: before the maps are rendered, which need no homes but
    # report per page).
    app.connect("env-updated", on_env_updated, priority=400)
    # Before writing each page: the home rows get their anchors.
    app.connect("doctree-resolved", place_anchors)
    setup_maps(app)
    setup_export(app)
    setup_epub(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
