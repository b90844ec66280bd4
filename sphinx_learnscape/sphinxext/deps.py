"""Which pages show which objects, so one edit re-reads only those pages.

Each page records, while it is read, the objects its output shows, the
kinds it lists in full (unfiltered directives) and the filters it used.
After the data changes, a page is read again when a changed object is
among those it shows, belongs to a kind it lists in full, or (for a form)
now matches one of its filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.model import Form, Landscape
from sphinx_learnscape.data.query import Filter, form_matches

#: (kind, id); kind is zone, form, tool, thinker (or "landscape" for the meta)
ObjectKey = tuple[str, str]


@dataclass
class DocRecord:
    """What one document needs from the landscape (kept in the domain data)."""

    shows: set[ObjectKey] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    filters: list[Filter] = field(default_factory=list)
    #: home candidates: (kind, id, priority, sequence in document, line)
    candidates: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    #: the DOT source and line of each map, for rendering them all at once
    maps: list[tuple[str, int]] = field(default_factory=list)

    def next_seq(self) -> int:
        return len(self.candidates)


def doc_record(env: BuildEnvironment, docname: str | None = None) -> DocRecord:
    docs: dict[str, DocRecord] = env.domaindata["learnscape"]["docs"]
    name = docname or env.docname
    record = docs.get(name)
    if record is None:
        record = docs[name] = DocRecord()
    return record


def note_shows(env: BuildEnvironment, keys: Iterable[ObjectKey]) -> None:
    doc_record(env).shows.update(keys)


def note_selection(env: BuildEnvironment, kinds: Iterable[str], selection: Filter) -> None:
    """A directive lists ``kinds`` through ``selection``."""
    record = doc_record(env)
    if selection.is_empty:
        record.kinds.update(kinds)
    elif selection not in record.filters:
        record.filters.append(selection)


def order_key(kind: str) -> ObjectKey:
    """The key that stands for a change in the order of a kind's objects."""
    return (kind, "")


def outdated_docs(env: BuildEnvironment, changed: set[ObjectKey], landscape: Landscape) -> set[str]:
    """Documents whose output changes when the objects in ``changed`` do."""
    docs: dict[str, DocRecord] = env.domaindata.get("learnscape", {}).get("docs", {})
    changed_kinds = {kind for kind, _ in changed}
    changed_forms = [
        form
        for kind, ident in changed
        if kind == "form" and isinstance(form := landscape.get("form", ident), Form)
    ]
    # Lists follow data order: a reordering changes every filtered list too.
    reordered = any(key in changed for key in (order_key("form"), order_key("tool"), order_key("thinker")))
    outdated = set()
    for docname, record in docs.items():
        shown = record.shows & changed or record.kinds & changed_kinds
        if (
            shown
            or (record.filters and reordered)
            or any(form_matches(f, s) for f in changed_forms for s in record.filters)
        ):
            outdated.add(docname)
    return outdated & env.found_docs
