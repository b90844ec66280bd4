"""Parsing a data file again after an edit: only the record whose lines changed.

An author usually changes one record at a time: a label, a tool, an
outcome's measured value. Parsing and validating the whole file for that is
most of an incremental build's time once the landscape holds a thousand
records, so :func:`reparse_bytes` parses and validates only the changed
record's lines and splices the new record into the previous result, moving
the source lines of the records below it when the edit added or removed
lines.

The short way is taken only when it must give what a full parse gives (the
tests compare the two on many random edits); anything else falls back to
:func:`.parse.parse_bytes`:

- the previous parse was clean (no diagnostics to place again) and so is
  the record's new text;
- the changed lines lie inside one record of a block sequence (``zones``,
  ``forms``, ...), and the record still starts as ``- `` at the same
  indentation, so what comes before and after it parses as before;
- neither version of the file holds a YAML anchor (``&name``: an alias
  elsewhere may copy the record's values), neither version of the record
  tabs, CR or the line breaks only YAML 1.1 knows, and the new one no
  top-level line;
- the record's new lines, read alone, are exactly one mapping.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sphinx_learnscape.data.results import DEFAULT_MAX_BYTES, FileResult

#: FileResult field -> the kind its records' ``spots`` are keyed by (None: no spots).
_SECTIONS: dict[str, str | None] = {
    "zones": None,
    "forms": "form",
    "tools": None,
    "thinkers": None,
    "links": "link",
    "outcomes": "outcome",
}
#: What may start a YAML anchor (another record may refer to it); "R&D" is no anchor.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S")
#: Text that makes a record's lines count or break differently from an editor's.
_NOT_LOCAL = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff")


def reparse_bytes(
    old_data: bytes | None,
    old: FileResult | None,
    data: bytes,
    file: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    """The result of parsing ``data``, from the previous bytes and result when only one record changed."""
    from sphinx_learnscape.data.parse import parse_bytes

    if old_data is not None and old is not None and len(data) <= max_bytes:
        spliced = _splice(old_data, old, data, file)
        if spliced is not None:
            return spliced
    return parse_bytes(data, file, max_bytes)


def _splice(old_data: bytes, old: FileResult, data: bytes, file: str) -> FileResult | None:
    if old.diagnostics or old.file != file:
        return None
    try:
        before, after = old_data.decode("utf-8"), data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _ANCHOR.search(before) or _ANCHOR.search(after):
        return None  # a record's value may be copied elsewhere by an alias
    old_lines, new_lines = before.split("\n"), after.split("\n")
    first, old_end = _changed(old_lines, new_lines)
    if first is None:
        return None
    found = _record_at(old, old_lines, first, old_end)
    if found is None:
        return None
    section, index, start, end = found  # 0-based line span [start, end) of the record
    delta = len(new_lines) - len(old_lines)
    old_chunk, new_chunk = old_lines[start:end], new_lines[start : end + delta]
    if not new_chunk or not _same_opening(old_chunk[0], new_chunk[0]):
        return None
    for line in (*old_chunk, *new_chunk):
        if any(mark in line for mark in _NOT_LOCAL):
            return None
    if any(_top_level(line) for line in new_chunk):
        return None
    parsed = _parse_record(section, start, new_chunk, file)
    if parsed is None:
        return None
    record, spots = parsed
    return _rebuilt(old, section, index, record, spots, end, delta)


def _changed(old: list[str], new: list[str]) -> tuple[int | None, int]:
    """The first changed line and the end of the changed run in ``old`` (0-based, exclusive)."""
    limit = min(len(old), len(new))
    first = 0
    while first < limit and old[first] == new[first]:
        first += 1
    if first == limit and len(old) == len(new):
        return None, 0  # the same lines: the bytes differ only where split() cannot see
    old_end, new_end = len(old), len(new)
    while old_end > first and new_end > first and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return first, old_end


def _record_at(old: FileResult, lines: list[str], first: int, last: int) -> tuple[str, int, int, int] | None:
    """The record whose lines hold lines ``first`` to ``last`` (exclusive), with its span."""
    starts = sorted(
        (record.origin.line - 1, section, index)
        for section in _SECTIONS
        for index, record in enumerate(getattr(old, section))
    )
    for number, (start, section, index) in enumerate(starts):
        if start > first:
            return None
        following = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        if following == start:
            return None  # two records on one line: a flow sequence
        end = start + 1
        # The record ends before the next one or before the next top-level line.
        while end < following and not _top_level(lines[end]):
            end += 1
        if first < end:
            return (section, index, start, end) if last <= end else None
    return None


def _top_level(line: str) -> bool:
    """A line that starts a top-level key, a document marker or a column-0 item."""
    return bool(line) and not line[0].isspace() and line[0] != "#"


def _same_opening(old: str, new: str) -> bool:
    """Both lines open a sequence item (``- ``) at the same indentation."""
    indent = len(old) - len(old.lstrip(" "))
    head = old[: indent + 2]
    return head.strip() == "-" and head.endswith("- ") and new.startswith(head)


def _parse_record(
    section: str, start: int, chunk: list[str], file: str
) -> tuple[Any, dict[str, tuple[int, int]]] | None:
    """Read, check and build the record in ``chunk`` alone, at its own line numbers."""
    from sphinx_learnscape.data.parse import _FileParser

    if start < 2:
        return None  # no room above the record for the lines that frame it
    # A document of its own: the version, blank lines, the section's key, the
    # record; so every line and column is what it is in the file.
    text = "learnscape: 1\n" + "\n" * (start - 2) + f"{section}:\n" + "\n".join(chunk) + "\n"
    # The whole path of a full parse (YAML, bidirectional controls, schema,
    # numbers, colours, label lengths): any diagnostic sends the file to a
    # full parse, and so does anything but exactly one record of the section.
    result = _FileParser(file).parse_text(text)
    records = getattr(result, section)
    others = any(getattr(result, name) for name in _SECTIONS if name != section)
    if result.diagnostics or result.meta is not None or result.extra or others or len(records) != 1:
        return None
    kind = _SECTIONS[section]
    return records[0], (result.spots.get((kind, 0), {}) if kind else {})


def _rebuilt(
    old: FileResult,
    section: str,
    index: int,
    record: Any,
    spots: dict[str, tuple[int, int]],
    end: int,
    delta: int,
) -> FileResult:
    """``old`` with the record replaced and every line below the old record's end moved by ``delta``."""

    def moved(item: Any) -> Any:
        if delta == 0 or item.origin.line <= end:
            return item
        changes: dict[str, Any] = {"origin": _move(item.origin, delta)}
        if hasattr(item, "history"):
            changes["history"] = tuple(
                dataclasses.replace(p, origin=_move(p.origin, delta)) for p in item.history
            )
        return dataclasses.replace(item, **changes)

    changes: dict[str, Any] = {}
    for name in _SECTIONS:
        records = [moved(r) for r in getattr(old, name)]
        if name == section:
            records[index] = record
        changes[name] = tuple(records)
    if old.meta is not None:
        changes["meta"] = moved(old.meta)
    new_spots: dict[tuple[str, int], dict[str, tuple[int, int]]] = {}
    kind = _SECTIONS[section]
    for key, where in old.spots.items():
        if key == (kind, index):
            continue
        new_spots[key] = {
            name: (line + delta, col) if line > end else (line, col) for name, (line, col) in where.items()
        }
    if kind is not None:
        new_spots[(kind, index)] = spots
    changes["spots"] = new_spots
    return dataclasses.replace(old, **changes)


def _move(origin: Any, delta: int) -> Any:
    return dataclasses.replace(origin, line=origin.line + delta)
