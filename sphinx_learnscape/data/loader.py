"""Many parsed files in, one checked :class:`Landscape` out.

The checks that need every file at once live here: ids unique per kind,
references that resolve, one ``landscape:`` section, and the outcome lint.
A broken object is dropped with a diagnostic; everything else is kept.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.lint import lint_outcomes
from sphinx_learnscape.data.model import Form, Landscape, Link, Meta, Origin, Outcome, Record
from sphinx_learnscape.data.parse import parse_bytes, parse_file
from sphinx_learnscape.data.results import FileResult, LoadOptions

R = TypeVar("R", bound=Record)


class _Merger:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, subtype: Subtype, file: str, pos: tuple[int, int], message: str) -> None:
        self.diagnostics.append(Diagnostic(Severity.ERROR, subtype, file, pos[0], pos[1], message))

    def unique(self, kind: str, records: Iterable[R]) -> list[R]:
        """First definition wins; each later one is reported with both places."""
        kept: dict[str, R] = {}
        for record in records:
            first = kept.get(record.id)
            if first is None:
                kept[record.id] = record
                continue
            self.error(
                Subtype.DUPLICATE,
                record.origin.file,
                (record.origin.line, record.origin.col),
                f"{kind} id {record.id!r} is already defined at {first.origin}; this one is skipped",
            )
        return list(kept.values())

    def meta(self, results: Sequence[FileResult]) -> Meta | None:
        found: Meta | None = None
        for result in results:
            if result.meta is None:
                continue
            if found is None:
                found = result.meta
                continue
            origin = result.meta.origin
            self.error(
                Subtype.DUPLICATE,
                origin.file,
                (origin.line, origin.col),
                f"a 'landscape:' section is already given at {found.origin}; only one file may give it",
            )
        return found

    # -- references, one kind at a time ------------------------------------

    def forms(self, results: Sequence[FileResult], known: _Known) -> list[Form]:
        """Every form, its unknown zone, tool and thinker references dropped (the form is kept)."""
        checked = [
            self.form_refs(result, index, form, known)
            for result in results
            for index, form in enumerate(result.forms)
        ]
        return self.unique("form", checked)

    def form_refs(self, result: FileResult, index: int, form: Form, known: _Known) -> Form:
        key = ("form", index)
        here = (form.origin.line, form.origin.col)
        zone = form.zone
        if zone is not None and zone not in known.zones:
            self.error(
                Subtype.REF,
                result.file,
                _pos_of(result, key, "zone", here),
                f"form {form.id!r}: unknown zone {zone!r}" + _known(known.zones, zone),
            )
            zone = None
        tools = self.id_refs(result, key, here, form, "tools", "tool", known.tools)
        thinkers = self.id_refs(result, key, here, form, "thinkers", "thinker", known.thinkers)
        if (zone, tools, thinkers) == (form.zone, form.tools, form.thinkers):
            return form
        return dataclasses.replace(form, zone=zone, tools=tools, thinkers=thinkers)

    def id_refs(
        self,
        result: FileResult,
        key: tuple[str, int],
        here: tuple[int, int],
        form: Form,
        field: str,
        kind: str,
        known: set[str],
    ) -> tuple[str, ...]:
        """A form's ``tools`` or ``thinkers`` without the ids nothing defines, each one reported."""
        ids: tuple[str, ...] = getattr(form, field)
        for position, ident in enumerate(ids):
            if ident not in known:
                self.error(
                    Subtype.REF,
                    result.file,
                    _pos_of(result, key, f"{field}.{position}", here),
                    f"form {form.id!r}: unknown {kind} {ident!r}" + _known(known, ident),
                )
        return tuple(i for i in ids if i in known)

    def links(self, results: Sequence[FileResult], form_ids: set[str]) -> list[Link]:
        """Links whose two ends are known forms; any other is reported and skipped."""
        links: list[Link] = []
        for result in results:
            for index, link in enumerate(result.links):
                ok = True
                for name, ident in (("from", link.source), ("to", link.target)):
                    if ident not in form_ids:
                        ok = False
                        self.error(
                            Subtype.REF,
                            result.file,
                            _pos_of(result, ("link", index), name, (link.origin.line, link.origin.col)),
                            f"link {link.source!r} -> {link.target!r}: unknown form {ident!r}; "
                            "the link is skipped",
                        )
                if ok:
                    links.append(link)
        return links

    def outcomes(self, results: Sequence[FileResult], form_ids: set[str]) -> list[Outcome]:
        """Outcomes of known forms, each ``id`` once; any other is reported and skipped."""
        outcomes: list[Outcome] = []
        outcome_ids: dict[str, Outcome] = {}
        for result in results:
            for index, outcome in enumerate(result.outcomes):
                where = (outcome.origin.line, outcome.origin.col)
                if outcome.form not in form_ids:
                    self.error(
                        Subtype.REF,
                        result.file,
                        _pos_of(result, ("outcome", index), "form", where),
                        f"outcome {str(outcome.indicator)!r}: unknown form {outcome.form!r}; "
                        "the outcome is skipped",
                    )
                    continue
                if outcome.id is not None:
                    first = outcome_ids.get(outcome.id)
                    if first is not None:
                        self.error(
                            Subtype.DUPLICATE,
                            result.file,
                            where,
                            f"outcome id {outcome.id!r} is already defined at {first.origin}; "
                            "this one is skipped",
                        )
                        continue
                    outcome_ids[outcome.id] = outcome
                outcomes.append(outcome)
        return outcomes


@dataclasses.dataclass(frozen=True)
class _Known:
    """The ids a form may refer to."""

    zones: set[str]
    tools: set[str]
    thinkers: set[str]


def _pos_of(
    result: FileResult, key: tuple[str, int], name: str, fallback: tuple[int, int]
) -> tuple[int, int]:
    return result.spots.get(key, {}).get(name, fallback)


def _extra(results: Sequence[FileResult]) -> dict[str, Any]:
    """Top-level ``x-`` keys; the first file to give one wins."""
    extra: dict[str, Any] = {}
    for result in results:
        for name, value in result.extra.items():
            extra.setdefault(name, value)
    return extra


def merge(
    results: Sequence[FileResult], options: LoadOptions | None = None
) -> tuple[Landscape, list[Diagnostic]]:
    """Merge per-file results, in the order given, into one checked landscape.

    Returns the landscape and every diagnostic, the files' own included,
    sorted by file order, then line.
    """
    options = options or LoadOptions()
    merger = _Merger()
    meta = merger.meta(results)
    zones = merger.unique("zone", (z for r in results for z in r.zones))
    tools = merger.unique("tool", (t for r in results for t in r.tools))
    thinkers = merger.unique("thinker", (t for r in results for t in r.thinkers))
    known = _Known({z.id for z in zones}, {t.id for t in tools}, {t.id for t in thinkers})
    forms = merger.forms(results, known)
    form_ids = {f.id for f in forms}
    links = merger.links(results, form_ids)
    outcomes = merger.outcomes(results, form_ids)
    landscape = Landscape.build(
        meta,
        tuple(zones),
        tuple(forms),
        tuple(tools),
        tuple(thinkers),
        tuple(links),
        tuple(outcomes),
        _extra(results),
    )
    if options.outcome_check:
        merger.diagnostics.extend(lint_outcomes(landscape, _moments_at(results)))

    order = {r.file: i for i, r in enumerate(results)}
    diagnostics = [d for r in results for d in r.diagnostics] + merger.diagnostics
    diagnostics.sort(key=lambda d: (order.get(d.file, len(order)), d.line, d.col, d.message))
    return landscape, diagnostics


def _moments_at(results: Sequence[FileResult]) -> dict[str, Origin]:
    """Form id -> where its ``moments`` are written (the first definition's, as the merge keeps)."""
    found: dict[str, Origin] = {}
    for result in results:
        for index, form in enumerate(result.forms):
            pos = result.spots.get(("form", index), {}).get("moments")
            if pos is not None:
                found.setdefault(form.id, Origin(result.file, pos[0], pos[1]))
    return found


def _known(ids: set[str], wrong: str = "") -> str:
    hint = difflib.get_close_matches(wrong, ids, n=1) if wrong else []
    if hint:
        return f"; did you mean {hint[0]!r}?"
    if not ids:
        return " (none are defined)"
    shown = sorted(ids)
    more = f", ... ({len(shown)} in all)" if len(shown) > 8 else ""
    return f" (known: {', '.join(shown[:8])}{more})"


def load_files(
    paths: Sequence[str | os.PathLike[str]], options: LoadOptions | None = None
) -> tuple[Landscape, list[Diagnostic]]:
    """Read, check and merge data files, in the order given.

    A file named twice (``a.yaml`` and a glob that matches it too) is read
    once, where it first appears; otherwise each object would clash with itself.
    """
    options = options or LoadOptions()
    seen: set[str] = set()
    results = []
    for path in paths:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            results.append(parse_file(path, options.max_file_bytes))
    return merge(results, options)


def load_texts(
    texts: dict[str, str], options: LoadOptions | None = None
) -> tuple[Landscape, list[Diagnostic]]:
    """Like :func:`load_files` for in-memory files (name -> YAML text); for tests."""
    options = options or LoadOptions()
    results = [parse_bytes(t.encode("utf-8"), name, options.max_file_bytes) for name, t in texts.items()]
    return merge(results, options)
