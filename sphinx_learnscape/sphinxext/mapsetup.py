"""Registration of the map: directive, nodes with their writers, rendering, CSS."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_learnscape.sphinxext.mapcache import prerender
from sphinx_learnscape.sphinxext.maps import MapDirective, learnscape_map, learnscape_map_text
from sphinx_learnscape.sphinxext.mapwriters import (
    add_css,
    add_static_path,
    depart_map_html,
    depart_map_latex,
    depart_map_text_html,
    depart_map_text_latex,
    depart_passthrough,
    replace_maps,
    visit_map_html,
    visit_map_latex,
    visit_map_text_html,
    visit_map_text_latex,
    visit_passthrough,
)


def map_title(node: nodes.Node) -> str:
    """The caption, for ``:numref:`` titles ("Fig. 1 The landscape")."""
    for child in node.children:
        if isinstance(child, nodes.caption):
            return child.astext()
    return ""


def setup_maps(app: Sphinx) -> None:
    app.add_directive_to_domain("learnscape", "map", MapDirective)
    passthrough = (visit_passthrough, depart_passthrough)
    # Builders other than HTML and LaTeX never meet these nodes
    # (replace_maps swaps them for text at doctree-resolved); the
    # passthroughs only guard against a builder that skips that event.
    others = {name: passthrough for name in ("text", "man", "texinfo")}
    app.add_enumerable_node(
        learnscape_map,
        "figure",
        map_title,
        html=(visit_map_html, depart_map_html),
        latex=(visit_map_latex, depart_map_latex),
        **others,  # type: ignore[arg-type]
    )
    app.add_node(
        learnscape_map_text,
        html=(visit_map_text_html, depart_map_text_html),
        latex=(visit_map_text_latex, depart_map_text_latex),
        **others,  # type: ignore[arg-type]
    )
    # After homes are known (on_env_updated), before any page is written.
    app.connect("env-updated", prerender, priority=600)
    app.connect("doctree-resolved", replace_maps)
    app.connect("config-inited", add_static_path)
    app.connect("html-page-context", add_css)
