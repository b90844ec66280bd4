"""Learnscape tables in LaTeX: they break across pages and their columns fit.

Sphinx sets a table of up to 30 rows as a ``tabulary``, which never breaks
across pages and sizes columns from their content, clipping narrow ones.
Before a learnscape table is written to LaTeX it becomes a ``longtable``
(the header repeats on every page) with ``\\X`` columns in widths chosen per
table kind, ragged right, a size smaller when it has many columns; a
matrix's column headers are turned upright. Other builders never see this.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: Relative widths of the columns of a table kind, in column order, where
#: the widths the directive gives (also used by the text builder) do not
#: fit a printed page: years and words like "behaviour" need more room,
#: short numbers less. Other kinds keep the directive's widths.
LATEX_WIDTHS: dict[str, tuple[int, ...]] = {
    # thinker, lived, known for, idea, forms
    "thinkers": (17, 13, 23, 27, 20),
}
#: Relative widths by column name, for tables whose columns the author
#: chooses (``:columns:``) or that name them: the directive keeps the names
#: on the table (``learnscape_columns``). Years and words like "behaviour"
#: need more room than short numbers; the chart column (its numbers as text
#: in print) and the method need room for a few words.
COLUMN_WIDTHS: dict[str, dict[str, int]] = {
    "outcomes": {
        "form": 13,
        "indicator": 19,
        "level": 12,
        "kind": 13,
        "chart": 24,
        "baseline": 9,
        "target": 10,
        "measured": 10,
        "progress": 12,
        "period": 12,
        "method": 20,
    },
    # a level's word ("progress", "measured") in \small fits 11 of 102
    "evidence": {
        "form": 20,
        "activity": 11,
        "reaction": 11,
        "learning": 11,
        "behaviour": 11,
        "results": 11,
        "roi": 11,
        "summary": 16,
    },
}
#: From this many columns on, a table is set a size smaller.
SMALL_FROM_COLUMNS = 6
#: Where a longtable may stand: not inside a box (an admonition, a sidebar,
#: another table), where LaTeX cannot break it; there it stays a tabular.
BREAKABLE_PARENTS = (nodes.document, nodes.section, nodes.container, nodes.compound)

#: Opens the group around a table. Ragged right, because justified text in
#: narrow columns has gaps wider than its words. Sphinx 9 sets every cell in
#: a ``varwidth`` box, which resets the paragraph shape a column spec such
#: as ``>{\raggedright}`` gives, so the shape is set where every cell
#: paragraph starts (``\sphinxAtStartPar``), inside this group only. The
#: stretch of 2em (not ``\raggedright``'s infinite one) still lets a word
#: too long for its column be hyphenated.
BEGIN_GROUP = (
    r"\begingroup\let\learnscapeAtStartPar\sphinxAtStartPar"
    r"\def\sphinxAtStartPar{\learnscapeAtStartPar\rightskip 0pt plus 2em\relax}"
)
END_GROUP = r"\endgroup"


def table_kind(table: nodes.table) -> str | None:
    """``outcomes`` for a ``learnscape-outcomes`` table; None for other tables."""
    classes: list[str] = table.get("classes", [])
    if "learnscape-table" not in classes:
        return None
    kinds = [c.removeprefix("learnscape-") for c in classes if c.startswith("learnscape-")]
    return next((k for k in kinds if k != "table"), "")


def column_widths(table: nodes.table, kind: str) -> list[int]:
    given = [int(c.get("colwidth", 1)) for c in table.findall(nodes.colspec)]
    names: list[str] = table.get("learnscape_columns", [])
    by_name = COLUMN_WIDTHS.get(kind, {})
    if names and len(names) == len(given) and all(n in by_name for n in names):
        return [by_name[n] for n in names]
    fixed = LATEX_WIDTHS.get(kind)
    return list(fixed) if fixed is not None and len(fixed) == len(given) else given


def colspec(widths: Sequence[int], rule: str) -> str:
    r"""``\X{14}{100}`` for each column, between ``rule``\ s (``|`` or nothing)."""
    total = sum(widths)
    return rule + rule.join(rf"\X{{{width}}}{{{total}}}" for width in widths) + rule


def breakable(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if not isinstance(parent, BREAKABLE_PARENTS):
            return False
        parent = parent.parent
    return True


def rotate_headers(table: nodes.table) -> None:
    """A matrix's column headers (all but the first) read bottom to top.

    A tick column needs only the width of a tick; a dozen tool or thinker
    names set across their columns would not fit on the page.
    """
    for row in table.findall(nodes.row):
        if not isinstance(row.parent, nodes.thead):
            continue
        for entry in row.children[1:]:
            for para in entry.findall(nodes.paragraph):
                para.insert(0, nodes.raw("", r"\rotatebox{90}{", format="latex"))
                para.append(nodes.raw("", "}", format="latex"))


def anchors_into_paragraphs(table: nodes.table) -> None:
    """An anchor or index entry before a cell's text moves into its first paragraph.

    Standing alone at the top of the cell it makes LaTeX align the cell one
    line lower than the others of its row.
    """
    for entry in table.findall(nodes.entry):
        leading = []
        for child in entry.children:
            if not isinstance(child, (nodes.target, addnodes.index)):
                break
            leading.append(child)
        first = entry.children[len(leading)] if len(leading) < len(entry.children) else None
        if leading and isinstance(first, nodes.paragraph):
            for child in reversed(leading):
                entry.remove(child)
                first.insert(0, child)


def prepare_latex_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Column spec, ``longtable`` and type size for each learnscape table (``doctree-resolved``)."""
    if app.builder.format != "latex":
        return
    style = app.config.latex_table_style
    # The rule Sphinx uses between columns of tables without a column spec.
    rule = "" if "booktabs" in style or "borderless" in style else "|"
    for table in list(doctree.findall(nodes.table)):
        kind = table_kind(table)
        parent = table.parent
        if kind is None or parent is None:
            continue
        widths = column_widths(table, kind)
        index = parent.index(table)
        before = parent[index - 1] if index > 0 else None
        if not isinstance(before, addnodes.tabular_col_spec):  # an author's own spec wins
            spec = addnodes.tabular_col_spec()
            spec["spec"] = colspec(widths, rule)
            parent.insert(index, spec)
            index += 1
        if breakable(table) and "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        if kind == "matrix":
            rotate_headers(table)
        anchors_into_paragraphs(table)
        begin = BEGIN_GROUP + (r"\small" if len(widths) >= SMALL_FROM_COLUMNS else "")
        parent.insert(index, nodes.raw("", begin, format="latex"))
        parent.insert(index + 2, nodes.raw("", END_GROUP, format="latex"))


def setup_latex_tables(app: Sphinx) -> None:
    # After homes.place_anchors (priority 500) has put each home row's
    # anchor and index entry into its first cell.
    app.connect("doctree-resolved", prepare_latex_tables, priority=600)
