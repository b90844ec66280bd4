"""An object's label in running text: one node that every link home shows.

In HTML it is ``<span dir="auto">``: the label keeps its own writing
direction and never reorders the words around it (a Hebrew label in an
English sentence), as ``<bdi>`` would — and unlike CSS ``unicode-bidi``,
which EPUB forbids. Every other builder writes it as the inline it is
(Sphinx looks visitors up along the class's bases).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_learnscape.sphinxext.verbatim import verbatim


class learnscape_label(nodes.inline):
    """A label from the data (classes ``learnscape-ref learnscape-ref-{kind}``)."""


def label_node(text: str, kind: str, rawsource: str | None = None) -> learnscape_label:
    """``text`` as a label of an object of ``kind``, kept as written."""
    node = learnscape_label(rawsource if rawsource is not None else text, text)
    node["classes"] += ["learnscape-ref", f"learnscape-ref-{kind}"]
    return verbatim(node)


def visit_label_html(self: Any, node: learnscape_label) -> None:
    self.body.append(self.starttag(node, "span", "", dir="auto"))


def depart_label_html(self: Any, node: learnscape_label) -> None:
    self.body.append("</span>")


def setup_labels(app: Sphinx) -> None:
    app.add_node(learnscape_label, html=(visit_label_html, depart_label_html))
