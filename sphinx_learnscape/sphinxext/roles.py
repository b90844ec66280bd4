"""The roles ``:learnscape:form:`` (and tool, thinker, zone): a label linking home."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging

from sphinx_learnscape.sphinxext.deps import note_shows
from sphinx_learnscape.sphinxext.i18n import kind_name
from sphinx_learnscape.sphinxext.state import get_landscape

logger = logging.getLogger(__name__)


class ObjectRole(XRefRole):
    """``:learnscape:form:`coaching``` or ``:learnscape:form:`Title <coaching>```.

    The label comes from the data while the page is read, so the page
    depends on the object and is read again when its label changes.
    """

    innernodeclass = nodes.inline

    def process_link(
        self, env: BuildEnvironment, refnode: Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        kind = self.reftype
        target = target.strip()
        note_shows(env, [(kind, target)])
        refnode["refwarn"] = False  # unknown ids are warned about here, homeless ones never
        record = get_landscape(env).get(kind, target)
        if record is None:
            logger.warning(
                "unknown %s id %r in :learnscape:%s: role",
                kind_name(kind, "en"),
                target,
                kind,
                type="learnscape",
                subtype="ref",
                location=self.get_location(),
            )
            refnode["learnscape_unknown"] = True
        elif not has_explicit_title:
            title = record.title(env.config.learnscape_language)
        return title, target

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if node.get("learnscape_unknown"):
            # No link to make: show the text as written, without a pending_xref.
            inner = node.next_node(nodes.inline) or nodes.inline()
            inner["classes"].append("learnscape-unknown")
            return [inner], []
        for child in node.findall(nodes.inline):
            child["classes"] += ["learnscape-ref", f"learnscape-ref-{self.reftype}"]
            break
        return [node], []


def note_any_references(app: Any, doctree: nodes.document) -> None:
    """``:any:`` may name one of our objects: the page then depends on it (``doctree-read``)."""
    env = app.env
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") == "any" and node.get("reftarget"):
            target = str(node["reftarget"])
            note_shows(env, [(kind, target) for kind in ("zone", "form", "tool", "thinker")])
