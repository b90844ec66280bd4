"""The table directives: forms, tools, thinkers, matrix and outcomes.

Tables are plain docutils tables built while the page is read, so every
builder renders them; each id in a cell is a ``pending_xref`` resolved to
the object's home at write time. A row that may be an object's home is
marked, and gets its anchor once homes are known (see :mod:`.homes`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from sphinx_learnscape.data.model import Form, Outcome, Record, Thinker, Tool
from sphinx_learnscape.data.query import (
    Filter,
    select_forms,
    select_outcomes,
    select_thinkers,
    select_tools,
)
from sphinx_learnscape.sphinxext.deps import doc_record, note_selection, note_shows
from sphinx_learnscape.sphinxext.homes import TABLE_ROW
from sphinx_learnscape.sphinxext.i18n import N_, translate
from sphinx_learnscape.sphinxext.latextables import setup_latex_tables
from sphinx_learnscape.sphinxext.links import object_ref, object_refs
from sphinx_learnscape.sphinxext.options import LandscapeDirective, id_list

Cell = list[nodes.Node]

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

    #: the table's name in SPEC's CSS class (learnscape-forms, ...)
    table_kind: ClassVar[str] = ""
    #: the object kinds whose lists this table shows, for dependencies
    shows_kinds: ClassVar[tuple[str, ...]] = ()

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

    def build(self, selection: Filter) -> tuple[list[str], list[tuple[list[Cell], Record | None]], list[int]]:
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

    # -- table -------------------------------------------------------------

    def make_table(
        self, headers: list[str], rows: list[tuple[list[Cell], Record | None]], widths: list[int]
    ) -> nodes.table:
        table = nodes.table()
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
        for cells, owner in rows:
            row = self.make_row(cells)
            if owner is not None and owner.kind == self.shows_kinds[0]:
                # A row of its own kind's table may be the object's home.
                seq = record_doc.next_seq()
                record_doc.candidates.append((owner.kind, owner.id, TABLE_ROW, seq, self.lineno))
                # The page is kept on the row: singlehtml and LaTeX merge pages.
                row["learnscape_home"] = (owner.kind, owner.id, self.env.docname, seq)
                row["classes"].append(f"learnscape-row-{owner.kind}")
            tbody += row
        self.set_source_info(table)
        return table

    @staticmethod
    def make_row(cells: list[Cell], header: bool = False) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if cell:
                para = nodes.paragraph()
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

    def columns(self) -> tuple[str, ...]:
        """The asked-for columns; unknown names are warned about and left out."""
        asked = self.options.get("columns") or DEFAULT_FORM_COLUMNS
        for name in asked:
            if name not in FORM_COLUMNS:
                choices = ", ".join(FORM_COLUMNS)
                self.warn(
                    f"{self.name}: unknown column {name!r} in :columns:; choose from {choices}", "option"
                )
        return tuple(n for n in asked if n in FORM_COLUMNS) or DEFAULT_FORM_COLUMNS

    def build(self, selection: Filter) -> tuple[list[str], list[tuple[list[Cell], Record | None]], list[int]]:
        columns = self.columns()
        rows: list[tuple[list[Cell], Record | None]] = []
        for form in select_forms(self.landscape, selection):
            rows.append(([self.form_cell(form, c) for c in columns], form))
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

    def build(self, selection: Filter) -> tuple[list[str], list[tuple[list[Cell], Record | None]], list[int]]:
        select = select_tools if self.kind == "tool" else select_thinkers
        records: Sequence[Tool | Thinker] = select(self.landscape, selection)
        kept = {f.id for f in select_forms(self.landscape, selection)}
        rows: list[tuple[list[Cell], Record | None]] = []
        for record in records:
            users = [f.id for f in self.landscape.forms_using(self.kind, record.id) if f.id in kept]
            rows.append(([*self.record_cells(record), self.refs("form", users)], record))
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

    def build(self, selection: Filter) -> tuple[list[str], list[tuple[list[Cell], Record | None]], list[int]]:
        of = self.options.get("of", "tools")
        kind = "tool" if of == "tools" else "thinker"
        select = select_tools if of == "tools" else select_thinkers
        columns = select(self.landscape, selection)
        forms = select_forms(self.landscape, selection)
        if not columns:
            return [], [], []
        headers = [self.t("Learning form")] + [c.title(self.language) for c in columns]
        note_shows(self.env, [(kind, c.id) for c in columns])
        rows: list[tuple[list[Cell], Record | None]] = []
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


class OutcomesTable(TableDirective):
    table_kind = "outcomes"
    shows_kinds = ("form",)

    def build(self, selection: Filter) -> tuple[list[str], list[tuple[list[Cell], Record | None]], list[int]]:
        headers = [
            self.t("Learning form"),
            self.t("Indicator"),
            self.t("Level"),
            self.t("Kind"),
            self.t("Baseline"),
            self.t("Target"),
            self.t("Measured"),
            self.t("Progress"),
            self.t("Period"),
        ]
        rows: list[tuple[list[Cell], Record | None]] = []
        for outcome in select_outcomes(self.landscape, selection):
            rows.append((self.outcome_cells(outcome), None))
        return headers, rows, [14, 26, 10, 10, 8, 8, 8, 8, 8]

    def outcome_cells(self, outcome: Outcome) -> list[Cell]:
        unit = f" {outcome.unit}" if outcome.unit else ""
        indicator: Cell = self.text(outcome.indicator.get(self.language))
        if outcome.note is not None:
            note = nodes.inline("", f" — {outcome.note.get(self.language)}", classes=["learnscape-note"])
            indicator.append(note)
        level = nodes.inline("", self.t(LEVELS[outcome.level]), classes=[f"learnscape-level-{outcome.level}"])
        return [
            [self.ref("form", outcome.form)],
            indicator,
            [level],
            self.text(self.t(OUTCOME_KINDS[outcome.kind])),
            self.text(number(outcome.baseline, unit)),
            self.target_cell(outcome, unit),
            self.text(number(outcome.measured, unit)),
            self.progress_cell(outcome),
            self.text(outcome.period),
        ]

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


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown + unit


def setup_tables(app: Sphinx) -> None:
    app.add_directive_to_domain("learnscape", "forms", FormsTable)
    app.add_directive_to_domain("learnscape", "tools", ToolsTable)
    app.add_directive_to_domain("learnscape", "thinkers", ThinkersTable)
    app.add_directive_to_domain("learnscape", "matrix", MatrixTable)
    app.add_directive_to_domain("learnscape", "outcomes", OutcomesTable)
    app.connect("doctree-resolved", ascii_ticks)
    setup_latex_tables(app)
