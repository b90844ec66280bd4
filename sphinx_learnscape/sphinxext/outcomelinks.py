"""Outcomes as link targets: their keys, their home rows in the outcomes table, links to them.

Outcomes are not objects with roles of their own, but the evidence ladder
links each of its cells to the outcomes behind it. An outcome's **home** is
its row in the first ``learnscape:outcomes`` table that shows it, in the
order a reader meets the pages (as for a form's table row, see
:mod:`.homes`, which computes these homes with the others); the row's
anchor is ``learnscape-outcome-{key}``. The key is the outcome's ``id``
where it has one, else ``{form}-{n}`` for the form's n-th outcome in data
order, so a page can link to ``#learnscape-outcome-coaching-2``.

Anchors and links are put in at write time (``doctree-resolved``), once
homes are known; a cell whose outcomes have no home stays unlinked.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_learnscape.data.model import Landscape, Outcome
from sphinx_learnscape.sphinxext.homes import anchor_for, anchor_row
from sphinx_learnscape.sphinxext.links import single_page
from sphinx_learnscape.sphinxext.state import get_homes

#: The kind outcome homes have among the homes (never a role, never indexed).
OUTCOME = "outcome"
#: A table row that may be an outcome's home: (key, docname, sequence in document).
HOME_ATTR = "learnscape_outcome_home"
#: An inline that links to outcomes: their keys, best first, and the link's title.
LINK_ATTR = "learnscape_outcomes"
TITLE_ATTR = "learnscape_outcomes_title"


def outcome_keys(landscape: Landscape) -> dict[int, str]:
    """``id(outcome)`` -> its key, for every outcome of the landscape.

    A generated key never takes an ``id`` given in the data: it gets a
    suffix instead, so anchors stay unique.
    """
    given = {o.id for o in landscape.outcomes if o.id}
    keys: dict[int, str] = {}
    counts: dict[str, int] = {}
    for outcome in landscape.outcomes:
        counts[outcome.form] = counts.get(outcome.form, 0) + 1
        if outcome.id:
            keys[id(outcome)] = outcome.id
            continue
        key = base = f"{outcome.form}-{counts[outcome.form]}"
        suffix = 1
        while key in given:
            suffix += 1
            key = f"{base}-{suffix}"
        given.add(key)
        keys[id(outcome)] = key
    return keys


def outcome_key(keys: dict[int, str], outcome: Outcome) -> str:
    return keys[id(outcome)]


def place_outcome_anchors(app: Any, doctree: nodes.document, docname: str) -> None:
    """The home row of each outcome on this page gets its anchor (``doctree-resolved``).

    As :func:`.homes.place_anchors` does for objects: an id on the row in
    HTML, a target in its first cell elsewhere; outcomes get no index entry.
    """
    homes = get_homes(app.env)
    html = app.builder.format == "html"
    for row in doctree.findall(nodes.row):
        candidate = row.get(HOME_ATTR)
        if not candidate:
            continue
        key, source_doc, seq = candidate
        home = homes.get((OUTCOME, key))
        if home is None or (home.docname, home.seq) != (source_doc, seq):
            continue
        anchor_row(row, anchor_for(OUTCOME, key), html)


def link_outcomes(app: Any, doctree: nodes.document, docname: str) -> None:
    """Each inline naming outcomes links to the first of them with a home (``doctree-resolved``)."""
    homes = get_homes(app.env)
    for inline in list(doctree.findall(nodes.inline)):
        keys = inline.get(LINK_ATTR)
        if not keys:
            continue
        home_key = next((k for k in keys if (OUTCOME, k) in homes), None)
        if home_key is None:
            continue
        anchor = anchor_for(OUTCOME, home_key)
        title = str(inline.get(TITLE_ATTR, ""))
        # The inline keeps its classes; what it shows moves into the link.
        content = nodes.inline("", "", *inline.children)
        todoc = homes[(OUTCOME, home_key)].docname
        ref = make_refnode(app.builder, docname, todoc, anchor, content, title)
        refuri = ref.get("refuri", "")
        if refuri.count("#") > 1:  # singlehtml: every page is one
            ref["refuri"] = single_page(refuri[: refuri.rindex("#")], anchor)
        ref["classes"].append("learnscape-outcome-link")
        inline.children = []
        inline += ref
