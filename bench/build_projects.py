"""The three equivalent Sphinx projects the build benchmark compares.

Every project shows the same content: ``pages`` pages, each with a table of
its forms, a diagram of them with the tools and thinkers they use, and an
object description per form (a label to link to, the description, zone,
orientation and tools).

* ``ext``: YAML data + per page a filtered ``learnscape:forms`` table, a
  filtered ``learnscape:map`` and a ``learnscape:form::`` home per form;
* ``hand``: the same in plain reST: an index entry, a label, a rubric and a
  field list per form, a ``list-table``, and a ``.. graphviz::`` holding the
  DOT our map directive makes for that page;
* ``needs``: sphinx-needs: a ``req`` need per form (fields ``zone`` and
  ``orientation``, link types ``tools`` and ``thinkers``), the tools and
  thinkers as needs of their own on the index page (so that the flow has
  them as nodes and edges, as our map has), and per page one ``needtable``
  and one ``needflow`` drawn by Graphviz.

Diagrams are SVG everywhere (ours inline, the others through
``sphinx.ext.graphviz``), so every project runs ``dot -Tsvg`` once per page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ZONES = ("formal", "blended", "social", "informal")
TOOLS = tuple(f"tool-{i}" for i in range(12))
THINKERS = tuple(f"thinker-{i}" for i in range(6))

#: The form whose label the ``edit`` mode changes, and how.
EDITED_FORM = 7
OLD_LABEL, NEW_LABEL = f"Learning form {EDITED_FORM}", f"Learning form {EDITED_FORM} renamed"


@dataclass(frozen=True)
class Form:
    ident: str
    label: str
    zone: str
    orientation: str
    tools: tuple[str, ...]
    thinkers: tuple[str, ...]
    description: str
    page: int


def make_forms(count: int, pages: int) -> list[Form]:
    return [
        Form(
            ident=f"form-{i}",
            label=f"Learning form {i}",
            zone=ZONES[i % len(ZONES)],
            orientation="learning" if i % 3 else "performance",
            tools=(TOOLS[i % len(TOOLS)], TOOLS[(i * 5 + 1) % len(TOOLS)]),
            thinkers=(THINKERS[i % len(THINKERS)],),
            description=f"What learning form {i} is for and how people use it.",
            page=i % pages,
        )
        for i in range(count)
    ]


def on_page(forms: list[Form], page: int) -> list[Form]:
    return [f for f in forms if f.page == page]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _index(pages: int, extra: list[str] | None = None) -> list[str]:
    return ["Landscape", "=========", "", *(extra or []), ".. toctree::", ""] + [
        f"   page{p}" for p in range(pages)
    ]


def _title(page: int) -> list[str]:
    return [f"Page {page}", "=" * 12, ""]


# --- this extension ------------------------------------------------------------


def write_ext(root: Path, forms: list[Form], pages: int, maps: bool) -> None:
    lines = ["learnscape: 1", "zones:"]
    lines += [f"  - {{id: {z}, label: Zone {z}}}" for z in ZONES]
    lines += ["tools:"] + [f"  - {{id: {t}, label: Tool {t}}}" for t in TOOLS]
    lines += ["thinkers:"] + [f"  - {{id: {t}, label: Thinker {t}}}" for t in THINKERS]
    lines += ["forms:"]
    for f in forms:
        lines += [
            f"  - id: {f.ident}",
            f"    label: {f.label}",
            f"    zone: {f.zone}",
            f"    orientation: {f.orientation}",
            f"    tools: [{', '.join(f.tools)}]",
            f"    thinkers: [{', '.join(f.thinkers)}]",
            f"    description: {f.description}",
        ]
    _write(root / "landscape" / "landscape.yaml", lines)
    conf = ['extensions = ["sphinx_learnscape"]', 'learnscape_files = ["landscape/*.yaml"]']
    _write(root / "conf.py", conf)
    _write(root / "index.rst", _index(pages))
    for p in range(pages):
        ids = ", ".join(f.ident for f in on_page(forms, p))
        body = [*_title(p), ".. learnscape:forms::", f"   :forms: {ids}", ""]
        if maps:
            body += [".. learnscape:map::", f"   :forms: {ids}", ""]
        for f in on_page(forms, p):
            body += [f".. learnscape:form:: {f.ident}", ""]
        _write(root / f"page{p}.rst", body)


def edit_ext(root: Path, undo: bool = False) -> None:
    """One form's label changed in the YAML."""
    path = root / "landscape" / "landscape.yaml"
    old, new = f"label: {OLD_LABEL}\n", f"label: {NEW_LABEL}\n"
    if undo:
        old, new = new, old
    text = path.read_text(encoding="utf-8")
    assert old in text, f"edit target {old!r} missing from {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def map_dots(ext_root: Path, forms: list[Form], pages: int) -> dict[int, str]:
    """The DOT our map directive makes for each page, for the hand-written twin."""
    from sphinx_learnscape.data import load_files
    from sphinx_learnscape.data.query import Filter
    from sphinx_learnscape.render.dot import map_dot
    from sphinx_learnscape.render.options import MapOptions

    landscape, _ = load_files([ext_root / "landscape" / "landscape.yaml"])
    dots = {}
    for p in range(pages):
        ids = tuple(f.ident for f in on_page(forms, p))
        options = MapOptions(selection=Filter(forms=ids))
        dots[p] = map_dot(landscape, options, language="en", url_for=lambda kind, ident: f"#{ident}")
    return dots


# --- the same by hand ----------------------------------------------------------


def write_hand(root: Path, forms: list[Form], pages: int, dots: dict[int, str]) -> None:
    _write(root / "conf.py", ['extensions = ["sphinx.ext.graphviz"]', 'graphviz_output_format = "svg"'])
    _write(root / "index.rst", _index(pages))
    for p in range(pages):
        mine = on_page(forms, p)
        body = [*_title(p), ".. list-table::", "   :header-rows: 1", ""]
        body += ["   * - Learning form", "     - Zone", "     - Orientation"]
        body += ["     - Tools", "     - Thinkers"]
        for f in mine:
            body += [
                f"   * - `{f.label} <#{f.ident}>`__",
                f"     - Zone {f.zone}",
                f"     - {f.orientation}",
                "     - " + ", ".join(f"Tool {t}" for t in f.tools),
                "     - " + ", ".join(f"Thinker {t}" for t in f.thinkers),
            ]
        body += [""]
        if p in dots:
            body += [".. graphviz::", ""] + ["   " + line for line in dots[p].splitlines()] + [""]
        for f in mine:
            body += [
                f".. index:: single: {f.label} (learning form)",
                "",
                f".. _{f.ident}:",
                "",
                f".. rubric:: {f.label}",
                "",
                f.description,
                "",
                f":Zone: Zone {f.zone}",
                f":Orientation: {f.orientation}",
                ":Tools: " + ", ".join(f"Tool {t}" for t in f.tools),
                "",
            ]
        _write(root / f"page{p}.rst", body)


def _relabel_page(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    changed = re.sub(re.escape(old) + r"(?!\d)", new, text)
    assert changed != text, f"edit target {old!r} missing from {page}"
    page.write_text(changed, encoding="utf-8")


def edit_hand(root: Path, undo: bool = False) -> None:
    """The same label change by hand: table cell, index entry, rubric and map."""
    old, new = (NEW_LABEL, OLD_LABEL) if undo else (OLD_LABEL, NEW_LABEL)
    _relabel_page(root / f"page{_edited_page(root)}.rst", old, new)


# --- sphinx-needs --------------------------------------------------------------


def _need_id(ident: str) -> str:
    # sphinx-needs' default id_regex is ^[A-Z0-9_]{5,}
    return ident.upper().replace("-", "_")


NEEDS_CONF = """\
extensions = ["sphinx_needs"]
graphviz_output_format = "svg"
needs_flow_engine = "graphviz"
needs_types = [
    {"directive": "req", "title": "Learning form", "prefix": "FORM_", "color": "#dbeafe", "style": "node"},
    {"directive": "tool", "title": "Tool", "prefix": "TOOL_", "color": "#fef3c7", "style": "node"},
    {"directive": "thinker", "title": "Thinker", "prefix": "THINKER_", "color": "#fce7f3", "style": "node"},
]
needs_fields = {"zone": {"nullable": True}, "orientation": {"nullable": True}}
needs_links = {
    "tools": {"incoming": "used by", "outgoing": "tools"},
    "thinkers": {"incoming": "behind", "outgoing": "thinkers"},
}
"""


def write_needs(root: Path, forms: list[Form], pages: int, maps: bool) -> None:
    _write(root / "conf.py", NEEDS_CONF.splitlines())
    # Tools and thinkers are needs too, so that the flow draws them and the
    # form -> tool / thinker edges, as our map does; they live on the index.
    others: list[str] = []
    for kind, idents in (("tool", TOOLS), ("thinker", THINKERS)):
        for ident in idents:
            others += [f".. {kind}:: {kind.title()} {ident}", f"   :id: {_need_id(ident)}", ""]
    _write(root / "index.rst", _index(pages, others))
    for p in range(pages):
        mine = on_page(forms, p)
        body = [
            *_title(p),
            ".. needtable::",
            f'   :filter: type == "req" and docname == "page{p}"',
            "   :columns: title, zone, orientation, tools, thinkers",
            "   :style: table",
            "",
        ]
        if maps:
            around = sorted({_need_id(t) for f in mine for t in (*f.tools, *f.thinkers)})
            body += [
                ".. needflow::",
                f'   :filter: docname == "page{p}" or id in {around!r}',
                "",
            ]
        for f in mine:
            body += [
                f".. req:: {f.label}",
                f"   :id: {_need_id(f.ident)}",
                f"   :zone: Zone {f.zone}",
                f"   :orientation: {f.orientation}",
                f"   :tools: {', '.join(_need_id(t) for t in f.tools)}",
                f"   :thinkers: {', '.join(_need_id(t) for t in f.thinkers)}",
                "",
                f"   {f.description}",
                "",
            ]
        _write(root / f"page{p}.rst", body)


def edit_needs(root: Path, undo: bool = False) -> None:
    """The need's title changed in its page."""
    old, new = (NEW_LABEL, OLD_LABEL) if undo else (OLD_LABEL, NEW_LABEL)
    _relabel_page(root / f"page{_edited_page(root)}.rst", old, new)


def _edited_page(root: Path) -> int:
    # The page count is the index's toctree length.
    pages = (root / "index.rst").read_text(encoding="utf-8").count("\n   page")
    return EDITED_FORM % pages


Editor = Callable[[Path, bool], None]


@dataclass(frozen=True)
class Project:
    name: str
    root: Path
    edit: Editor


def write_all(
    folder: Path, count: int, pages: int, maps: bool, with_needs: bool
) -> tuple[list[Project], dict[int, str]]:
    """Write the projects into ``folder``; also return the DOT per page."""
    forms = make_forms(count, pages)
    ext, hand, needs = folder / "ext", folder / "hand", folder / "needs"
    write_ext(ext, forms, pages, maps)
    dots = map_dots(ext, forms, pages) if maps else {}
    write_hand(hand, forms, pages, dots)
    projects = [Project("learnscape", ext, edit_ext), Project("by hand", hand, edit_hand)]
    if with_needs:
        write_needs(needs, forms, pages, maps)
        projects.append(Project("sphinx-needs", needs, edit_needs))
    return projects, dots
