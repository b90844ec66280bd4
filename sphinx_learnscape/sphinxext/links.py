"""Links to an object's home: the one way every directive writes them, and their URL.

A cell or a field holds a ``pending_xref`` that shows the object's label
(bare text; the label node of :mod:`.labels` once resolved); the domain resolves it to the home at write
time (or leaves the label unlinked when the object has none). Maps and
``learnscape.json`` need the same URL outside docutils: :func:`home_uri`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from sphinx_learnscape.sphinxext.deps import note_shows
from sphinx_learnscape.sphinxext.homes import anchor_for
from sphinx_learnscape.sphinxext.state import get_config, get_homes, get_landscape
from sphinx_learnscape.sphinxext.verbatim import verbatim


def object_ref(env: BuildEnvironment, kind: str, ident: str) -> nodes.Node:
    """A link home showing the object's label; the page now depends on the object."""
    record = get_landscape(env).get(kind, ident)
    label = record.title(get_config(env).language) if record is not None else ident
    note_shows(env, [(kind, ident)])
    # The label is bare text until resolved (the domain wraps it in its
    # label node then): a table of 1,000 forms has a node less per link in
    # every transform and pickle. Kept as written, SmartQuotes aside.
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
