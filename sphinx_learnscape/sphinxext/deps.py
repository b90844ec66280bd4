"""Which pages show which objects: what each page records while it is read.

Each page records the objects its output shows, the kinds it lists in full
(unfiltered directives), the filters it used, the candidates for object
homes it offers and the digests of its maps' DOT. :mod:`.incremental` reads these
records to decide which pages an edit of the data makes outdated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.query import Filter
from sphinx_learnscape.sphinxext.state import get_docs

#: (kind, id); kind is zone, form, tool, thinker; ``(kind, "")`` stands for
#: the order of a kind's objects (see :func:`order_key`)
ObjectKey = tuple[str, str]


@dataclass
class DocRecord:
    """What one document needs from the landscape (kept in the domain data)."""

    shows: set[ObjectKey] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    filters: list[Filter] = field(default_factory=list)
    #: home candidates: (kind, id, priority, sequence in document, line)
    candidates: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    #: the digest of each map's DOT (kept in the map cache) and its line
    maps: list[tuple[str, int]] = field(default_factory=list)

    def next_seq(self) -> int:
        return len(self.candidates)


def doc_record(env: BuildEnvironment, docname: str | None = None) -> DocRecord:
    docs = get_docs(env)
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
