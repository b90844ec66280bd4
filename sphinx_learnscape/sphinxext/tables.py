"""The table directives: forms, tools, thinkers, matrix, outcomes and the evidence ladder.

Tables are plain docutils tables built while the page is read, so every
builder renders them; each id in a cell is a link (:mod:`.links`) made to
the object's home at write time. A row that may be an object's (or an
outcome's) home is marked, and gets its anchor once homes are known (see
:mod:`.homes` and :mod:`.outcomelinks`). Pictures (bullet charts,
sparklines, evidence marks) are ``raw`` HTML beside their words: only
HTML builders write them, every other builder keeps the words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import LEVELS as LEVEL_ORDER
from sphinx_learnscape.data.model import Form, Outcome, Thinker, Tool
from sphinx_learnscape.data.query import (
    Filter,
    select_forms,
    select_outcomes,
    select_thinkers,
    select_tools,
)
from sphinx_learnscape.sphinxext.deps import ObjectKey, doc_record, note_selection, note_shows
from sphinx_learnscape.sphinxext.homes import TABLE_ROW
from sphinx_learnscape.sphinxext.i18n import N_, translate
from sphinx_learnscape.sphinxext.links import object_ref, object_refs
from sphinx_learnscape.sphinxext.options import LandscapeDirective, id_list
from sphinx_learnscape.sphinxext.outcomelinks import (
    HOME_ATTR,
    LINK_ATTR,
    OUTCOME,
    TITLE_ATTR,
    link_outcomes,
    outcome_key,
    outcome_keys,
    place_outcome_anchors,
)
from sphinx_learnscape.sphinxext.verbatim import verbatim

if TYPE_CHECKING:  # charts and evidence load when such a table is read, not with the extension
    from sphinx_learnscape.data.evidence import EvidenceCell, State

Cell = list[nodes.Node]
#: A row: its cells, and the (kind, id) whose home it may be.
Row = tuple[list[Cell], ObjectKey | None]


class ClassedCell(list[nodes.Node]):
    """A cell whose table entry carries CSS classes (``learnscape-evidence-met``, ...)."""

    def __init__(self, content: Sequence[nodes.Node], classes: Sequence[str]) -> None:
        super().__init__(content)
        self.classes = list(classes)


FORM_COLUMNS = ("label", "zone", "orientation", "tools", "thinkers", "tags", "description")
DEFAULT_FORM_COLUMNS = ("label", "zone", "orientation", "tools", "thinkers")

HEADERS = {
    "label": N_("Learning form"),
    "zone": N_("Zone"),
    "orientation": N_("Orientation"),
    "tools": N_("Tools"),
    "thinkers": N_("Thinkers"),
    "tags": N_("Tags"),
    "description": N_("Description"),
}
ORIENTATIONS = {"learning": N_("learning"), "performance": N_("performance support")}
LEVELS = {
    "activity": N_("activity"),
    "reaction": N_("reaction"),
    "learning": N_("learning"),
    "behaviour": N_("behaviour"),
    "results": N_("results"),
    "roi": N_("return on investment"),
}
OUTCOME_KINDS = {"quantitative": N_("quantitative"), "qualitative": N_("qualitative")}


def of_option(argument: str | None) -> str:
    return str(directives.choice(argument or "tools", ("tools", "thinkers")))


class TableDirective(LandscapeDirective):
    """Shared machinery: build a docutils table of rows of cells."""

    #: the table's name in its CSS class (learnscape-forms, ...; docs/directives.rst)
    table_kind: ClassVar[str] = ""
    #: the object kinds whose lists this table shows, for dependencies
    shows_kinds: ClassVar[tuple[str, ...]] = ()
    #: the names of the columns :meth:`build` chose, kept on the table for
    #: the LaTeX widths (:mod:`.latextables`); empty where they are fixed
    column_names: tuple[str, ...] = ()

    def run(self) -> list[nodes.Node]:
        selection = self.selection()
        note_selection(self.env, self.shows_kinds, selection)
        headers, rows, widths = self.build(selection)
        if not rows:
            para = nodes.paragraph(
                "", translate("Nothing in the landscape matches this selection.", self.language)
            )
            para["classes"] += ["learnscape-empty", f"learnscape-{self.table_kind}"]
            return [para]
        table = self.make_table(headers, rows, widths)
        self.finish(table, self.table_kind)
        return [table]

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        raise NotImplementedError

    # -- cells -------------------------------------------------------------

    def t(self, message: str) -> str:
        return translate(message, self.language)

    def ref(self, kind: str, ident: str) -> nodes.Node:
        return object_ref(self.env, kind, ident)

    def refs(self, kind: str, idents: Sequence[str]) -> Cell:
        return object_refs(self.env, kind, idents)

    @staticmethod
    def text(value: object) -> Cell:
        return [nodes.Text(str(value))] if value not in (None, "") else []

    def columns(self, choices: tuple[str, ...], default: tuple[str, ...]) -> tuple[str, ...]:
        """The columns ``:columns:`` asks for; unknown names are warned about and left out."""
        asked = self.options.get("columns") or default
        for name in asked:
            if name not in choices:
                message = (
                    f"{self.name}: unknown column {name!r} in :columns:; choose from {', '.join(choices)}"
                )
                self.warn(message, Subtype.OPTION)
        return tuple(n for n in asked if n in choices) or default

    # -- table -------------------------------------------------------------

    def make_table(self, headers: list[str], rows: list[Row], widths: list[int]) -> nodes.table:
        table = nodes.table()
        if self.column_names:
            table["learnscape_columns"] = list(self.column_names)
        title = self.caption(nodes.title)
        if title is not None:
            table += title
        tgroup = nodes.tgroup(cols=len(headers))
        table += tgroup
        for width in widths:
            tgroup += nodes.colspec(colwidth=width)
        thead = nodes.thead()
        tgroup += thead
        thead += self.make_row([self.text(h) for h in headers], header=True)
        tbody = nodes.tbody()
        tgroup += tbody
        record_doc = doc_record(self.env)
        for cells, home in rows:
            row = self.make_row(cells)
            if home is not None:
                # A row of its own kind's table may be the object's (or outcome's) home.
                kind, ident = home
                seq = record_doc.next_seq()
                record_doc.candidates.append((kind, ident, TABLE_ROW, seq, self.lineno))
                # The page is kept on the row: singlehtml and LaTeX merge pages.
                if kind == OUTCOME:
                    row[HOME_ATTR] = (ident, self.env.docname, seq)
                else:
                    row["learnscape_home"] = (kind, ident, self.env.docname, seq)
                row["classes"].append(f"learnscape-row-{kind}")
            tbody += row
        self.set_source_info(table)
        return table

    @staticmethod
    def make_row(cells: list[Cell], header: bool = False) -> nodes.row:
        """A row of entries; a cell of paragraphs keeps them, any other is one paragraph."""
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, ClassedCell):
                entry["classes"] += cell.classes
            paragraphs = [n for n in cell if isinstance(n, nodes.paragraph)]
            if cell and len(paragraphs) == len(cell):
                for para in paragraphs:
                    entry += verbatim(para)
            elif cell:
                # Every cell holds data text or our own words: no SmartQuotes.
                para = verbatim(nodes.paragraph())
                para.extend(cell)
                entry += para
            row += entry
        return row


class FormsTable(TableDirective):
    table_kind = "forms"
    shows_kinds = ("form",)
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **LandscapeDirective.option_spec,
        "columns": id_list,
    }

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        columns = self.columns(FORM_COLUMNS, DEFAULT_FORM_COLUMNS)
        rows: list[Row] = []
        for form in select_forms(self.landscape, selection):
            rows.append(([self.form_cell(form, c) for c in columns], ("form", form.id)))
        widths = [40 if c == "description" else 20 for c in columns]
        return [self.t(HEADERS[c]) for c in columns], rows, widths

    def form_cell(self, form: Form, column: str) -> Cell:
        if column == "label":
            return [self.ref("form", form.id)]
        if column == "zone":
            return [self.ref("zone", form.zone)] if form.zone else []
        if column == "orientation":
            return self.text(self.t(ORIENTATIONS[form.orientation]))
        if column == "tools":
            return self.refs("tool", form.tools)
        if column == "thinkers":
            return self.refs("thinker", form.thinkers)
        if column == "tags":
            return self.text(", ".join(form.tags))
        return self.text(form.description.get(self.language) if form.description else "")


class UsersTable(TableDirective):
    """Tools or thinkers, each with the forms that use them."""

    kind: ClassVar[str] = "tool"

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        select = select_tools if self.kind == "tool" else select_thinkers
        records: Sequence[Tool | Thinker] = select(self.landscape, selection)
        kept = {f.id for f in select_forms(self.landscape, selection)}
        rows: list[Row] = []
        for record in records:
            users = [f.id for f in self.landscape.forms_using(self.kind, record.id) if f.id in kept]
            rows.append(([*self.record_cells(record), self.refs("form", users)], (record.kind, record.id)))
        return self.headers(), rows, self.widths()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def widths(self) -> list[int]:
        raise NotImplementedError

    def record_cells(self, record: Any) -> list[Cell]:
        raise NotImplementedError


class ToolsTable(UsersTable):
    table_kind = "tools"
    shows_kinds = ("tool", "form")
    kind = "tool"

    def headers(self) -> list[str]:
        return [self.t("Tool"), self.t("Category"), self.t("Description"), self.t("Learning forms")]

    def widths(self) -> list[int]:
        return [20, 15, 40, 25]

    def record_cells(self, record: Tool) -> list[Cell]:
        description = record.description.get(self.language) if record.description else ""
        return [[self.ref("tool", record.id)], self.text(record.category), self.text(description)]


class ThinkersTable(UsersTable):
    table_kind = "thinkers"
    shows_kinds = ("thinker", "form")
    kind = "thinker"

    def headers(self) -> list[str]:
        return [
            self.t("Thinker"),
            self.t("Lived"),
            self.t("Known for"),
            self.t("Idea"),
            self.t("Learning forms"),
        ]

    def widths(self) -> list[int]:
        return [18, 10, 24, 28, 20]

    def record_cells(self, record: Thinker) -> list[Cell]:
        return [
            [self.ref("thinker", record.id)],
            self.text(lifespan(record.born, record.died)),
            self.text(record.known_for.get(self.language) if record.known_for else ""),
            self.text(record.idea.get(self.language) if record.idea else ""),
        ]


def lifespan(born: int | None, died: int | None) -> str:
    """ "1947–" for the living, "1896–1980", "?–1980" when only the death is known."""
    if born is None and died is None:
        return ""
    return f"{born if born is not None else '?'}–{died if died is not None else ''}"


class MatrixTable(TableDirective):
    """Forms x tools (or thinkers): a tick where a form uses one."""

    table_kind = "matrix"
    shows_kinds = ("form", "tool", "thinker")
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **LandscapeDirective.option_spec,
        "of": of_option,
    }

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        of = self.options.get("of", "tools")
        kind = "tool" if of == "tools" else "thinker"
        select = select_tools if of == "tools" else select_thinkers
        columns = select(self.landscape, selection)
        forms = select_forms(self.landscape, selection)
        if not columns:
            return [], [], []
        headers = [self.t("Learning form")] + [c.title(self.language) for c in columns]
        note_shows(self.env, [(kind, c.id) for c in columns])
        rows: list[Row] = []
        for form in forms:
            used = set(getattr(form, of))
            cells: list[Cell] = [[self.ref("form", form.id)]]
            for column in columns:
                cells.append([tick(column.title(self.language))] if column.id in used else [])
            rows.append((cells, None))
        return headers, rows, [20] + [8] * len(columns)


def tick(what: str) -> nodes.inline:
    """A tick: ✓ in HTML, "x" where fonts may lack it (see :func:`ascii_ticks`)."""
    node = nodes.inline("✓", "✓", classes=["learnscape-tick"])
    node["learnscape_tick"] = what
    return node


def ascii_ticks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """pdflatex and man pages cannot be trusted with U+2713; write "x" there."""
    if app.builder.format in ("html", "epub"):
        return
    for node in list(doctree.findall(nodes.inline)):
        if node.get("learnscape_tick"):
            node.replace(node[0], nodes.Text("x"))


def words_only(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside HTML the pictures of a table go: its words say what they draw.

    Writers skip ``raw`` HTML, but some (Texinfo's ``@ref``) take a link's
    text as a whole, markup included.
    """
    if app.builder.format in ("html", "epub"):
        return
    for table in doctree.findall(nodes.table):
        if "learnscape-table" in table["classes"]:
            for raw in list(table.findall(nodes.raw)):
                if "html" in raw.get("format", "").split():
                    raw.parent.remove(raw)


# -- outcomes -------------------------------------------------------------------

#: The outcomes table's columns (docs/directives.rst). ``chart`` folds
#: baseline, target and measured value into one column: the bullet chart
#: (and sparkline) in HTML, the numbers as text in every builder.
OUTCOME_COLUMNS = (
    "form",
    "indicator",
    "level",
    "kind",
    "chart",
    "baseline",
    "target",
    "measured",
    "progress",
    "period",
    "method",
)
#: Fits the content column of alabaster and furo at 1280 px (tests/browser/test_outcome_tables.py).
DEFAULT_OUTCOME_COLUMNS = ("form", "indicator", "level", "chart", "period")
OUTCOME_HEADERS = {
    "form": N_("Learning form"),
    "indicator": N_("Indicator"),
    "level": N_("Level"),
    "kind": N_("Kind"),
    "chart": N_("Progress"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "measured": N_("Measured"),
    "progress": N_("Progress"),
    "period": N_("Period"),
    "method": N_("Method"),
}
#: Relative widths (the text builder's columns; LaTeX has its own, see :mod:`.latextables`).
OUTCOME_WIDTHS = {"form": 14, "indicator": 26, "method": 20, "chart": 20}


class OutcomesTable(TableDirective):
    table_kind = "outcomes"
    shows_kinds = ("form",)
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **LandscapeDirective.option_spec,
        "columns": id_list,
    }

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        columns = self.columns(OUTCOME_COLUMNS, DEFAULT_OUTCOME_COLUMNS)
        self.column_names = columns
        keys = outcome_keys(self.landscape)
        rows: list[Row] = []
        for outcome in select_outcomes(self.landscape, selection):
            # Each row may be the outcome's home, where the evidence ladder links to.
            home = (OUTCOME, outcome_key(keys, outcome))
            rows.append(([self.outcome_cell(outcome, c) for c in columns], home))
        headers = [self.t(OUTCOME_HEADERS[c]) for c in columns]
        return headers, rows, [OUTCOME_WIDTHS.get(c, 10) for c in columns]

    def outcome_cell(self, outcome: Outcome, column: str) -> Cell:
        unit = f" {outcome.unit}" if outcome.unit else ""
        if column == "form":
            return [self.ref("form", outcome.form)]
        if column == "indicator":
            return self.indicator_cell(outcome)
        if column == "level":
            return [
                nodes.inline("", self.t(LEVELS[outcome.level]), classes=[f"learnscape-level-{outcome.level}"])
            ]
        if column == "kind":
            return self.text(self.t(OUTCOME_KINDS[outcome.kind]))
        if column == "chart":
            return self.chart_cell(outcome)
        if column == "baseline":
            return self.text(number(outcome.baseline, unit))
        if column == "target":
            return self.target_cell(outcome, unit)
        if column == "measured":
            return self.text(number(outcome.measured, unit))
        if column == "progress":
            return self.progress_cell(outcome)
        if column == "period":
            # "2026-H1" must not break at its hyphen (learnscape.css).
            return [nodes.inline("", outcome.period, classes=["learnscape-period"])] if outcome.period else []
        return self.text(outcome.method)

    def indicator_cell(self, outcome: Outcome) -> Cell:
        """The indicator, and its note as a paragraph under it."""
        indicator = nodes.paragraph("", outcome.indicator.get(self.language))
        if outcome.note is None:
            return [indicator]
        note = nodes.paragraph("", outcome.note.get(self.language), classes=["learnscape-note"])
        return [indicator, note]

    def target_cell(self, outcome: Outcome, unit: str) -> Cell:
        cell = self.text(number(outcome.target, unit))
        if cell and outcome.effective_direction == "decrease":
            cell.append(nodes.inline("", f" ({self.t('lower is better')})", classes=["learnscape-direction"]))
        return cell

    def progress_cell(self, outcome: Outcome) -> Cell:
        progress = outcome.progress
        if progress is None:
            return []
        classes = ["learnscape-progress"]
        if outcome.reached:
            classes.append("learnscape-reached")
        elif progress < 0:
            classes.append("learnscape-regressed")
        text = f"{round(progress * 100)}%"
        if outcome.reached:
            text += f" ({self.t('reached')})"
        return [nodes.inline("", text, classes=classes)]

    def chart_cell(self, outcome: Outcome) -> Cell:
        """Bullet chart and sparkline (HTML only), then the numbers in words (every builder).

        ``40 → 20 errors (lower is better), now 27 errors (65%)``: baseline →
        target, the current value and the share of the way; a qualitative
        outcome says so.
        """
        from sphinx_learnscape.render.charts import bullet_chart, sparkline
        from sphinx_learnscape.render.charts import sparkline_label as history_words

        if outcome.kind == "qualitative":
            return [nodes.inline("", self.t("qualitative"), classes=["learnscape-kind"])]
        cell: Cell = []
        pictures = [p for p in (bullet_chart(outcome, self.language), sparkline(outcome, self.language)) if p]
        if pictures:
            cell.append(nodes.raw("", "".join(pictures), format="html"))
        cell += self.figures(outcome)
        history = history_words(outcome, self.language)
        if history is not None:
            # Said by the sparkline's label in HTML; other builders get it as text.
            only = addnodes.only(expr="not html")
            only += nodes.inline("", f"; {history[0].lower()}{history[1:]}", classes=["learnscape-history"])
            cell.append(only)
        return cell

    def figures(self, outcome: Outcome) -> Cell:
        from sphinx_learnscape.render.charts import format_number, format_quantity

        language = self.language
        unit = outcome.unit
        baseline, target, current = outcome.baseline, outcome.target, outcome.current
        parts: Cell = []
        if baseline is not None and target is not None:
            text = f"{format_number(baseline, language)} → {format_quantity(target, unit, language)}"
        elif target is not None:
            text = self.t("target {value}").format(value=format_quantity(target, unit, language))
        else:
            text = ""
        if text and outcome.effective_direction == "decrease":
            text += f" ({self.t('lower is better')})"
        if current is None:
            if text:
                parts.append(nodes.Text(f"{text}, {self.t('not measured yet')}"))
            return parts
        now = format_quantity(current, unit, language)
        latest = outcome.latest
        if outcome.measured is None and latest is not None:
            now = self.t("{value} in {period}").format(value=now, period=latest.period)
        if text:
            parts.append(nodes.Text(f"{text}, {self.t('now {value}').format(value=now)}"))
        else:
            parts.append(nodes.Text(now))
        progress = outcome.progress
        if progress is not None:
            share = f"{format_number(round(progress * 100), language)}%"
            classes = ["learnscape-progress"]
            if outcome.reached:
                share += f", {self.t('reached')}"
                classes.append("learnscape-reached")
            elif progress < 0:
                classes.append("learnscape-regressed")
            parts += [nodes.Text(" ("), nodes.inline("", share, classes=classes), nodes.Text(")")]
        return [nodes.inline("", "", *parts, classes=["learnscape-figures"])]


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown + unit


# -- the evidence ladder -----------------------------------------------------------

#: A state in one word, as a cell of the ladder says it (and a screen reader hears it).
STATE_WORDS: dict[State, str] = {
    "met": N_("met"),
    "progress": N_("progress"),
    "missed": N_("missed"),
    "story": N_("story"),
    "measured": N_("measured"),
    "none": N_("none"),
}
#: Level names short enough for a column header of the ladder.
LEVEL_HEADERS = {**LEVELS, "roi": N_("ROI")}


class EvidenceTable(TableDirective):
    """Forms × levels: what each form's outcomes show at each level, best state first.

    Each level cell is a mark (HTML only) and a word; where the form has
    outcomes at that level, the cell links to the best of them in the
    outcomes table (:mod:`.outcomelinks`). The last column sums the row up.
    """

    table_kind = "evidence"
    shows_kinds = ("form",)

    def build(self, selection: Filter) -> tuple[list[str], list[Row], list[int]]:
        from sphinx_learnscape.data.evidence import evidence_ladder

        self.column_names = ("form", *LEVEL_ORDER, "summary")
        keys = outcome_keys(self.landscape)
        rows: list[Row] = []
        for row in evidence_ladder(self.landscape, select_forms(self.landscape, selection)):
            cells: list[Cell] = [[self.ref("form", row.form.id)]]
            cells += [self.level_cell(cell, keys) for cell in row.cells]
            highest = row.highest
            if highest is None:
                summary = self.t("no evidence")
            elif row.summary == "activity-only":
                summary = self.t("activity only")
            else:
                summary = self.t("up to {level}").format(level=self.t(LEVEL_HEADERS[highest]))
            cells.append(
                ClassedCell(
                    self.text(summary), ["learnscape-evidence-summary", f"learnscape-summary-{row.summary}"]
                )
            )
            rows.append((cells, None))
        headers = [
            self.t("Learning form"),
            *(self.t(LEVEL_HEADERS[level]) for level in LEVEL_ORDER),
            self.t("Evidence"),
        ]
        return headers, rows, [20] + [10] * len(LEVEL_ORDER) + [16]

    def level_cell(self, cell: EvidenceCell, keys: dict[int, str]) -> Cell:
        from sphinx_learnscape.data.evidence import STATES, outcome_state
        from sphinx_learnscape.render.charts import evidence_mark

        word = self.t(STATE_WORDS[cell.state])
        mark = nodes.inline("", "", classes=["learnscape-evidence-state"])
        mark += nodes.raw("", evidence_mark(cell.state), format="html")
        mark += nodes.inline(word, word, classes=["learnscape-evidence-word"])
        if len(cell.outcomes) > 1:
            mark += nodes.inline("", f" ({len(cell.outcomes)})", classes=["learnscape-evidence-count"])
        if cell.outcomes:
            # Best first: the link goes to the outcome that decided the cell.
            ranked = sorted(cell.outcomes, key=lambda o: STATES.index(outcome_state(o)))
            mark[LINK_ATTR] = [outcome_key(keys, o) for o in ranked]
            mark[TITLE_ATTR] = "; ".join(
                f"{o.indicator.get(self.language)}: {self.t(STATE_WORDS[outcome_state(o)])}" for o in ranked
            )
            # A link moves with the outcome's home: then the page is written again.
            note_shows(self.env, [(OUTCOME, k) for k in mark[LINK_ATTR]])
        return ClassedCell([mark], [f"learnscape-evidence-{cell.state}"])


#: The table directives by name, as the domain declares them.
TABLES: dict[str, type[TableDirective]] = {
    "forms": FormsTable,
    "tools": ToolsTable,
    "thinkers": ThinkersTable,
    "matrix": MatrixTable,
    "outcomes": OutcomesTable,
    "evidence": EvidenceTable,
}


def setup_tables(app: Sphinx) -> None:
    # Before writing each page (doctree-resolved), after references are
    # resolved and homes known: ticks suit the output, outcome rows get
    # their anchors and ladder cells their links. Before latextables (600).
    app.connect("doctree-resolved", ascii_ticks)
    app.connect("doctree-resolved", words_only)
    app.connect("doctree-resolved", place_outcome_anchors)
    app.connect("doctree-resolved", link_outcomes)
