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
    """Links home to objects of kind ``reftype``, comma-separated: ``refs`` holds (id, label) pairs.

    One node for a whole list ("Wiki, Forum"), its text the labels as shown;
    an inline, so that a builder without our visitor writes at least that.
    """


def object_ref(env: BuildEnvironment, kind: str, ident: str) -> nodes.Node:
    """A link home showing the object's label; the page now depends on the object."""
    [node] = object_refs(env, kind, [ident])
    return node


def object_refs(env: BuildEnvironment, kind: str, idents: Sequence[str]) -> list[nodes.Node]:
    """Comma-separated links home (none for no ids); the page now depends on each object."""
    landscape, language = get_landscape(env), get_config(env).language
    note_shows(env, [(kind, ident) for ident in idents])
    records = [landscape.get(kind, ident) for ident in idents]
    if not idents:
        return []
    if all(record is not None for record in records):
        return [
            _link(kind, [[ident, r.title(language)] for ident, r in zip(idents, records, strict=True) if r])
        ]
    out: list[nodes.Node] = []
    for index, (ident, record) in enumerate(zip(idents, records, strict=True)):
        if index:
            out.append(nodes.Text(", "))
        if record is not None:
            out.append(_link(kind, [[ident, record.title(language)]]))
        else:
            out.append(_unknown_ref(env, kind, ident))
    return out


def _link(kind: str, refs: list[list[str]]) -> learnscape_link:
    text = ", ".join(label for _ident, label in refs)
    # Kept as written, SmartQuotes aside.
    return verbatim(learnscape_link("", text, reftype=kind, refs=refs))


def _unknown_ref(env: BuildEnvironment, kind: str, ident: str) -> nodes.Node:
    """An id the data lacks: a reference Sphinx resolves, so intersphinx may know it."""
    return verbatim(
        addnodes.pending_xref(
            "",
            nodes.Text(ident),
            refdomain="learnscape",
            reftype=kind,
            reftarget=ident,
            refexplicit=True,
            refwarn=False,
            refdoc=env.docname,
        )
    )


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
    """The ``<a>`` Sphinx writes for a resolved reference, around the label's ``<span>``, for each object."""
    builder = self.builder
    kind = node["reftype"]
    landscape, language = get_landscape(builder.env), get_config(builder.env).language
    for index, (ident, label) in enumerate(node["refs"]):
        if index:
            self.body.append(", ")
        span = f'<span class="learnscape-ref learnscape-ref-{kind}" dir="auto">{self.encode(label)}</span>'
        uri = home_uri(builder, builder.current_docname, kind, ident)
        record = landscape.get(kind, ident)
        if uri is None or record is None:
            self.body.append(span)  # no home: the label, unlinked (docs/roles.rst)
        else:
            title, href = self.attval(record.title(language)), self.attval(uri)
            self.body.append(f'<a class="reference internal" href="{href}" title="{title}">{span}</a>')
    raise nodes.SkipNode


def expand_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside HTML each link becomes the reference nodes the domain resolves it to (``doctree-resolved``)."""
    if app.builder.format == "html":
        return
    domain: Any = app.env.get_domain("learnscape")
    for node in list(doctree.findall(learnscape_link)):
        parts: list[nodes.Node] = []
        for index, (ident, label) in enumerate(node["refs"]):
            if index:
                parts.append(nodes.Text(", "))
            text = nodes.Text(label)
            resolved = domain._resolve(app.builder, docname, node["reftype"], ident, text)
            parts.append(resolved if resolved is not None else text)
        node.replace_self(parts)


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
