"""Links to an object's home: the one way every directive writes them, and their URL.

A cell or a field holds a :class:`learnscape_link`: the object's kind, id
and label, and nothing else. Homes are known only once every page is read,
so the link is made when the page is written: HTML writes the ``<a>`` (or,
for an object without a home, the bare label) straight from the node, with
no reference nodes built for the thousands of links a large landscape
has; every other builder gets real reference nodes at ``doctree-resolved``
(:func:`expand_links`), through the domain's own resolver. An id the data
does not hold stays a ``pending_xref``, so intersphinx may still resolve
it. Maps and ``learnscape.json`` need the same URL outside docutils:
:func:`home_uri`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_learnscape.sphinxext.deps import note_shows
from sphinx_learnscape.sphinxext.homes import anchor_for
from sphinx_learnscape.sphinxext.state import get_config, get_homes, get_landscape
from sphinx_learnscape.sphinxext.verbatim import verbatim


class learnscape_link(nodes.inline):
    """A link home to ``reftype`` ``reftarget``, showing its label (the one Text child).

    An inline, so that a builder without our visitor writes at least the label.
    """


def object_ref(env: BuildEnvironment, kind: str, ident: str) -> nodes.Node:
    """A link home showing the object's label; the page now depends on the object."""
    record = get_landscape(env).get(kind, ident)
    label = record.title(get_config(env).language) if record is not None else ident
    note_shows(env, [(kind, ident)])
    # Kept as written, SmartQuotes aside.
    if record is not None:
        return verbatim(learnscape_link("", label, reftype=kind, reftarget=ident))
    # Not in the data: a reference Sphinx resolves, so intersphinx may know it.
    return verbatim(
        addnodes.pending_xref(
            "",
            nodes.Text(label),
            refdomain="learnscape",
            reftype=kind,
            reftarget=ident,
            refexplicit=True,
            refwarn=False,
            refdoc=env.docname,
        )
    )


def object_refs(env: BuildEnvironment, kind: str, idents: Sequence[str]) -> list[nodes.Node]:
    """Comma-separated links home."""
    out: list[nodes.Node] = []
    for index, ident in enumerate(idents):
        if index:
            out.append(nodes.Text(", "))
        out.append(object_ref(env, kind, ident))
    return out


def single_page(uri: str, anchor: str) -> str:
    """singlehtml names a page ``#document-x``: on one page the anchor alone is right."""
    return "#" + anchor if "#" in uri else f"{uri}#{anchor}"


def home_uri(builder: Any, fromdoc: str | None, kind: str, ident: str) -> str | None:
    """The URL of an object's home, relative to page ``fromdoc`` (None: to the output root).

    None when the object has no home.
    """
    home = get_homes(builder.env).get((kind, ident))
    if home is None:
        return None
    anchor = anchor_for(kind, ident)
    if fromdoc is not None and home.docname == fromdoc:
        return "#" + anchor
    if fromdoc is None:
        uri = str(builder.get_target_uri(home.docname))
    else:
        uri = str(builder.get_relative_uri(fromdoc, home.docname))
    return single_page(uri, anchor)


def visit_link_html(self: Any, node: learnscape_link) -> None:
    """The ``<a>`` Sphinx writes for a resolved reference, around the label's ``<span>``, in one step."""
    builder = self.builder
    kind, ident = node["reftype"], node["reftarget"]
    label = (
        f'<span class="learnscape-ref learnscape-ref-{kind}" dir="auto">{self.encode(node.astext())}</span>'
    )
    uri = home_uri(builder, builder.current_docname, kind, ident)
    record = get_landscape(builder.env).get(kind, ident)
    if uri is None or record is None:
        self.body.append(label)  # no home: the label, unlinked (docs/roles.rst)
    else:
        title = self.attval(record.title(get_config(builder.env).language))
        self.body.append(
            f'<a class="reference internal" href="{self.attval(uri)}" title="{title}">{label}</a>'
        )
    raise nodes.SkipNode


def expand_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside HTML each link becomes the reference nodes the domain resolves it to (``doctree-resolved``)."""
    if app.builder.format == "html":
        return
    domain: Any = app.env.get_domain("learnscape")
    for node in list(doctree.findall(learnscape_link)):
        text = nodes.Text(node.astext())
        resolved = domain._resolve(app.builder, docname, node["reftype"], node["reftarget"], text)
        node.replace_self(resolved if resolved is not None else text)


def setup_links(app: Sphinx) -> None:
    passthrough = (_visit_passthrough, _depart_passthrough)
    app.add_node(
        learnscape_link,
        html=(visit_link_html, _depart_passthrough),
        latex=passthrough,
        text=passthrough,
        man=passthrough,
        texinfo=passthrough,
    )
    # Before every other listener: they may look for the references.
    app.connect("doctree-resolved", expand_links, priority=100)


def _visit_passthrough(self: Any, node: nodes.Element) -> None:
    pass  # only a builder that skips doctree-resolved meets the node: its label shows


def _depart_passthrough(self: Any, node: nodes.Element) -> None:
    pass
