"""The map's doctree nodes and the placeholder URLs its DOT carries until pages are written."""

from __future__ import annotations

import re

from docutils import nodes

#: How DOT names a link target; replaced by the home's URL when a page is written.
PLACEHOLDER = "learnscape-home:{kind}:{id}"
PLACEHOLDER_RE = re.compile(r"learnscape-home:(zone|form|tool|thinker):([a-z0-9][a-z0-9._-]{0,63})")


def placeholder_url(kind: str, ident: str) -> str:
    return PLACEHOLDER.format(kind=kind, id=ident)


class learnscape_map(nodes.figure):
    """A landscape map: a figure whose picture is made at write time.

    Children: a :class:`learnscape_map_text` and an optional ``caption``.
    HTML and LaTeX have visitors; every other builder gets the caption and
    text alternative instead, put in its place by :func:`.writers.expand_text`.
    """


class learnscape_map_text(nodes.General, nodes.Element):
    """The map's text alternative: zones -> forms -> tools and thinkers, and links."""


def map_title(node: nodes.Node) -> str:
    """The caption, for ``:numref:`` titles ("Fig. 1 The landscape")."""
    for child in node.children:
        if isinstance(child, nodes.caption):
            return child.astext()
    return ""


def map_label(node: nodes.Element) -> str:
    """The map's accessible name: its ``:alt:``, else the summary of what it shows."""
    return str(node.get("alt") or node.get("summary", ""))
