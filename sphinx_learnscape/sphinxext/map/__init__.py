"""The landscape map in Sphinx: its directive, nodes, writers and picture cache.

- :mod:`.nodes` -- the doctree nodes and placeholder URLs
- :mod:`.directive` -- ``learnscape:map`` (DOT and text alternative while a page is read)
- :mod:`.cache` -- pictures rendered at ``env-updated``, cached by content hash
- :mod:`.writers` -- how HTML, LaTeX and the other builders show a map
"""

from __future__ import annotations

from sphinx.application import Sphinx

from sphinx_learnscape.sphinxext.map.nodes import learnscape_map, learnscape_map_text, map_title
from sphinx_learnscape.sphinxext.map.writers import (
    add_css,
    add_static_path,
    depart_map_html,
    depart_map_latex,
    depart_map_text_html,
    depart_map_text_latex,
    depart_passthrough,
    expand_text,
    visit_map_html,
    visit_map_latex,
    visit_map_text_html,
    visit_map_text_latex,
    visit_passthrough,
)


def setup_map(app: Sphinx) -> None:
    """Nodes and writers; the directive is declared on the domain, rendering in :mod:`..incremental`."""
    passthrough = (visit_passthrough, depart_passthrough)
    # Builders other than HTML and LaTeX never meet these nodes
    # (expand_text swaps them for text at doctree-resolved); the
    # passthroughs only guard against a builder that skips that event.
    app.add_enumerable_node(
        learnscape_map,
        "figure",
        map_title,
        html=(visit_map_html, depart_map_html),
        latex=(visit_map_latex, depart_map_latex),
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
    app.add_node(
        learnscape_map_text,
        html=(visit_map_text_html, depart_map_text_html),
        latex=(visit_map_text_latex, depart_map_text_latex),
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
    app.connect("doctree-resolved", expand_text)
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_css)
