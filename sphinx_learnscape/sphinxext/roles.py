"""The roles ``:learnscape:form:`` (and tool, thinker, zone): a label linking home."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import KINDS
from sphinx_learnscape.sphinxext.deps import note_shows
from sphinx_learnscape.sphinxext.i18n import kind_name
from sphinx_learnscape.sphinxext.labels import learnscape_label
from sphinx_learnscape.sphinxext.state import get_config, get_landscape
from sphinx_learnscape.sphinxext.verbatim import verbatim
from sphinx_learnscape.sphinxext.warning import warn


class ObjectRole(XRefRole):
    """``:learnscape:form:`coaching``` or ``:learnscape:form:`Title <coaching>```.

    The label comes from the data while the page is read, so the page
    depends on the object and is read again when its label changes. An id
    the data lacks stays a pending reference: another project's inventory
    (intersphinx) may know it; if nothing does, :func:`unknown_reference`
    warns at the role's line.
    """

    innernodeclass = learnscape_label

    def process_link(
        self, env: BuildEnvironment, refnode: Element, has_explicit_title: bool, title: str, target: str
    ) -> tuple[str, str]:
        kind = self.reftype
        target = target.strip()
        note_shows(env, [(kind, target)])
        record = get_landscape(env).get(kind, target)
        # Homeless objects are never warned about; unknown ids are, in our
        # words, unless an inventory resolves them first (see below).
        refnode["refwarn"] = record is None
        if record is None:
            refnode["learnscape_unknown"] = True
        elif not has_explicit_title:
            title = record.title(get_config(env).language)
            refnode["learnscape_data_title"] = True
        return title, target

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        for child in node.findall(nodes.inline):
            child["classes"] += ["learnscape-ref", f"learnscape-ref-{self.reftype}"]
            if node.get("learnscape_unknown"):
                child["classes"].append("learnscape-unknown")
            if node.get("learnscape_data_title"):
                verbatim(child)  # the label from the data, as written
            break
        return [node], []


def unknown_reference(app: Any, domain: Any, node: addnodes.pending_xref) -> bool | None:
    """An id neither the data nor any inventory knows: a ``ref`` warning (``warn-missing-reference``).

    Sphinx asks this only after every resolver (intersphinx included) came
    back empty; the text then shows as written, unlinked.
    """
    if getattr(domain, "name", None) != "learnscape" or not node.get("learnscape_unknown"):
        return None
    kind = str(node.get("reftype"))
    message = f"unknown {kind_name(kind, 'en')} id {node.get('reftarget')!r} in :learnscape:{kind}: role"
    warn(message, Subtype.REF, node)
    return True


def note_any_references(app: Any, doctree: nodes.document) -> None:
    """``:any:`` may name one of our objects: the page then depends on it (``doctree-read``)."""
    env = app.env
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("reftype") == "any" and node.get("reftarget"):
            target = str(node["reftarget"])
            note_shows(env, [(kind, target) for kind in KINDS])
