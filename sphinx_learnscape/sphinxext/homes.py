"""Where each object lives: its home, the anchor there, and its index entry.

An object's home is its description directive if it has one, else its row
in the first table of its own kind, "first" in the order a reader meets
the pages (the toctree from the root document, then the other pages by
name) and then within the page. Homes are known only once every page is
read, so they are computed at ``env-updated`` (:func:`update_homes`);
:mod:`.incremental` writes again the pages whose links or anchors moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.sphinxext.deps import ObjectKey
from sphinx_learnscape.sphinxext.i18n import kind_name
from sphinx_learnscape.sphinxext.state import get_config, get_docs, get_homes, get_landscape, get_state
from sphinx_learnscape.sphinxext.warning import warn

#: Candidate priorities: a description directive beats a table row.
DESCRIPTION = 0
TABLE_ROW = 1


@dataclass(frozen=True)
class Home:
    docname: str
    priority: int
    #: which candidate of the page (its sequence number there)
    seq: int


def anchor_for(kind: str, ident: str) -> str:
    """The HTML id of an object's home, ``learnscape-{kind}-{id}`` (docs/roles.rst)."""
    return f"learnscape-{kind}-{ident}"


def document_order(env: BuildEnvironment) -> dict[str, int]:
    """Pages in reading order: toctree depth-first from the root, then the rest by name."""
    order: dict[str, int] = {}
    includes: dict[str, list[str]] = env.toctree_includes
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order or docname not in env.found_docs:
            continue
        order[docname] = len(order)
        stack.extend(reversed(includes.get(docname, [])))
    for docname in sorted(env.found_docs):
        order.setdefault(docname, len(order))
    return order


def compute_homes(env: BuildEnvironment) -> dict[ObjectKey, Home]:
    order = document_order(env)
    best: dict[ObjectKey, tuple[tuple[int, int, int], Home]] = {}
    for docname, record in get_docs(env).items():
        rank_doc = order.get(docname, len(order))
        for kind, ident, priority, seq, _line in record.candidates:
            rank = (priority, rank_doc, seq)
            key = (kind, ident)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, Home(docname, priority, seq))
    return {key: home for key, (_, home) in best.items()}


def _duplicate_descriptions(
    env: BuildEnvironment, homes: dict[ObjectKey, Home]
) -> Iterator[tuple[str, str, str, int, str]]:
    """Objects described by more than one directive: (kind, id, docname, line, first doc)."""
    docs = get_docs(env)
    for docname in sorted(docs):
        for kind, ident, priority, seq, line in docs[docname].candidates:
            home = homes.get((kind, ident))
            if priority != DESCRIPTION or home is None:
                continue
            if (home.docname, home.seq) != (docname, seq):
                yield kind, ident, docname, line, home.docname


def update_homes(env: BuildEnvironment, reindex: bool = True) -> set[ObjectKey]:
    """Compute every home, warn about objects described twice, index them; return the moved ones.

    The index entries are made again only when they may differ: a page was
    read (Sphinx dropped its entries), a label changed (``reindex``) or a
    home moved. A no-op build keeps those of the last build.
    """
    state = get_state(env)
    old = state.homes
    homes = state.homes = compute_homes(env)
    for kind, ident, docname, line, first in _duplicate_descriptions(env, homes):
        warn(
            f"{kind} {ident!r} is described more than once; its home is in {env.doc2path(first)}, "
            "links go there",
            Subtype.DUPLICATE,
            (docname, line),
        )
    moved = {key for key in old.keys() | homes.keys() if old.get(key) != homes.get(key)}
    if reindex or moved:
        _index_entries(env, homes)
    return moved


def _index_entries(env: BuildEnvironment, homes: dict[ObjectKey, Home]) -> None:
    """One general-index entry per object, at its home ("Coaching (learning form)").

    Entries are placed here rather than by the directives because a table
    row is a home only if no earlier page has one; ours are recognised by
    their anchor prefix and replaced as a whole each build.
    """
    index = env.domaindata["index"].setdefault("entries", {})
    for docname in list(index):
        index[docname] = [e for e in index[docname] if not str(e[2]).startswith("learnscape-")]
    landscape = get_landscape(env)
    for (kind, ident), home in sorted(homes.items()):
        if landscape.get(kind, ident) is None or home.docname not in env.found_docs:
            continue
        index.setdefault(home.docname, []).append(
            ("single", index_name(env, kind, ident), anchor_for(kind, ident), "", None)
        )


def index_name(env: BuildEnvironment, kind: str, ident: str) -> str:
    """ "Coaching (learning form)", as the general index shows an object."""
    language = get_config(env).language
    record = get_landscape(env).get(kind, ident)
    label = record.title(language) if record is not None else ident
    # ";" would split the entry into entry and sub-entry
    return f"{label} ({kind_name(kind, language)})".replace(";", ",")


def _index_node(env: BuildEnvironment, kind: str, ident: str) -> addnodes.index:
    entry = ("single", index_name(env, kind, ident), anchor_for(kind, ident), "", None)
    return addnodes.index(entries=[entry])


def place_anchors(app: Any, doctree: nodes.document, docname: str) -> None:
    """Give the home row of each object on this page its anchor (``doctree-resolved``).

    LaTeX builds its index from index nodes, not from the HTML genindex data
    (see :func:`_index_entries`): there every home gets one as well.
    """
    homes = get_homes(app.env)
    html = app.builder.format == "html"
    latex = app.builder.format == "latex"
    if latex:
        for signature in list(doctree.findall(addnodes.desc_signature)):
            for anchor in signature["ids"]:
                kind, _, ident = anchor.removeprefix("learnscape-").partition("-")
                if anchor.startswith("learnscape-") and (kind, ident) in homes:
                    desc = signature.parent
                    desc.parent.insert(desc.parent.index(desc), _index_node(app.env, kind, ident))
    for row in doctree.findall(nodes.row):
        candidate = row.get("learnscape_home")
        if not candidate:
            continue
        kind, ident, source_doc, seq = candidate
        home = homes.get((kind, ident))
        if home is None or (home.docname, home.seq) != (source_doc, seq):
            continue
        entry = anchor_row(row, anchor_for(kind, ident), html)
        if entry is not None and latex:
            entry.insert(0, _index_node(app.env, kind, ident))


def anchor_row(row: nodes.row, anchor: str, html: bool) -> nodes.entry | None:
    """Put ``anchor`` on a home row: its id in HTML; elsewhere a target in its first cell.

    LaTeX, texinfo and the others label targets, not table rows. Returns
    that first cell (None in HTML, or for a row without cells).
    """
    if html:
        row["ids"].append(anchor)
        return None
    entry = row.next_node(nodes.entry)
    if entry is not None:
        entry.insert(0, nodes.target("", "", ids=[anchor]))
    return entry
