"""One data file in, its records and diagnostics out.

Everything here depends on the file's bytes alone, so a caller may cache a
:class:`FileResult` by content hash; checks that need all files together
(duplicates, references, the lint) live in :mod:`.loader`.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from sphinx_learnscape.data.bidi import BidiFind, may_hold_controls, strip_controls
from sphinx_learnscape.data.colors import color_problem
from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.files import read_data_file, too_large
from sphinx_learnscape.data.model import (
    Form,
    HistoryPoint,
    Link,
    Meta,
    Origin,
    Outcome,
    Text,
    Thinker,
    Tool,
    Zone,
)
from sphinx_learnscape.data.periods import PERIOD_FORMS, parse_period
from sphinx_learnscape.data.results import DEFAULT_MAX_BYTES, FileResult
from sphinx_learnscape.data.schema import SECTIONS, Path, describe, field_name, position, validate
from sphinx_learnscape.data.yamlread import LocDict, LocList, Pos, read_yaml

_NUMBERS = ("baseline", "target", "measured")
MAX_NUMBER = 10**15
#: A longer label draws a box wider than any screen (10,000 characters gave
#: an 85,000 px map; 16,384 break dot 2.43): ``check`` warns above this.
MAX_LABEL_CHARS = 200
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def url_problem(url: str) -> str | None:
    """Why ``url`` may not reach HTML, or None when it may."""
    # Browsers drop leading and trailing C0 controls and spaces and every tab
    # or newline before they read the scheme, so " java\tscript:" still runs;
    # judge the URL as they will see it.
    stripped = "".join(url.strip("".join(map(chr, range(33)))).split())
    try:
        scheme = urlsplit(stripped).scheme.lower()
    except ValueError:
        return f"{url!r} is not a valid URL"
    if scheme and scheme not in ALLOWED_SCHEMES:
        return f"URL scheme {scheme + ':'!r} is refused; use http, https, mailto or a relative URL"
    return None


class _FileParser:
    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.spots: dict[tuple[str, int], dict[str, tuple[int, int]]] = {}

    def report(
        self, subtype: Subtype, line: int, col: int, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.diagnostics.append(Diagnostic(severity, subtype, self.file, line, col, message))

    def result(self, **records: Any) -> FileResult:
        self.diagnostics.sort(key=lambda d: (d.line, d.col))
        return FileResult(self.file, tuple(self.diagnostics), spots=self.spots, **records)

    def parse_text(self, text: str) -> FileResult:
        read = read_yaml(text)
        broken: set[tuple[str, int]] = set()
        for problem in read.problems:
            self.report(Subtype.YAML, problem.line, problem.col, problem.message)
            path = problem.path
            if len(path) >= 2 and isinstance(path[1], int):
                broken.add((str(path[0]), path[1]))
            elif path and path[0] == "landscape":
                broken.add(("landscape", -1))
        document = read.value
        if document is None:
            if not read.problems:
                self.report(Subtype.FILE, 1, 1, "the file holds no data; start it with 'learnscape: 1'")
            return self.result()
        if may_hold_controls(text):
            # Before validation: an id or key is then judged without them.
            self.report_controls(document, strip_controls(document))
        problems = validate(document)
        for version in problems:
            if version.path == ("learnscape",):
                # Another format version: its fields may mean other things,
                # so this is the only problem worth telling.
                self.report(Subtype.SCHEMA, version.line, version.col, version.message)
                return self.result()
        #: paths of values dropped while their object is kept (a zone's colour, a history point)
        dropped: set[Path] = set()
        for schema_problem in problems:
            self.report(Subtype.SCHEMA, schema_problem.line, schema_problem.col, schema_problem.message)
            path = schema_problem.path
            soft = _soft_path(path)
            if soft is not None:
                dropped.add(soft)
            elif len(path) >= 2 and isinstance(path[1], int):
                broken.add((str(path[0]), path[1]))
            elif path and (path[0] == "landscape" or (len(path) == 1 and path[0] in SECTIONS)):
                broken.add((str(path[0]), -1))
        if not isinstance(document, LocDict):
            return self.result()
        self.check_numbers(document, broken, dropped)
        self.check_colors(document, broken, dropped)
        self.check_label_lengths(document, broken)
        return self.build(document, broken, dropped)

    def report_controls(self, document: Any, finds: list[BidiFind]) -> None:
        for find in finds:
            what = describe(document, find.path)
            field = field_name(find.path)
            subject = (field or what) if what == "file" else (f"{what}: {field}" if field else what)
            if find.in_key:
                subject += " (the field's name)"
            plural = "s" if len(find.names) > 1 else ""
            self.report(
                Subtype.SCHEMA,
                find.pos[0],
                find.pos[1],
                f"{subject} holds the bidirectional control{plural} {', '.join(find.names)}, which "
                "can reorder the text around it on a page; removed, the rest of the text is kept",
                Severity.WARNING,
            )

    def check_numbers(self, document: LocDict, broken: set[tuple[str, int]], dropped: set[Path]) -> None:
        """Refuse ``.nan``, ``.inf`` and numbers beyond ±10¹⁵.

        JSON Schema lets them pass, but JSON cannot hold the first two and
        arithmetic on a 300-digit integer overflows a float; no indicator
        of a learning landscape needs more than fifteen digits. A bad
        history value drops its point only; a bad period likewise.
        """
        for index, item in self.items(document, "outcomes", broken):
            what = describe(document, ("outcomes", index))
            for name in _NUMBERS:
                problem = _number_problem(item.get(name))
                if problem is not None:
                    line, col = item.val_pos[name]
                    self.report(Subtype.SCHEMA, line, col, f"{what}: {name} {problem}")
                    broken.add(("outcomes", index))
            for number, point in self.points(item, ("outcomes", index), dropped):
                field = f"history (item {number + 1})"
                problem = _number_problem(point.get("value"))
                if problem is not None:
                    line, col = point.val_pos["value"]
                    self.report(Subtype.SCHEMA, line, col, f"{what}: {field}.value {problem}")
                    dropped.add(("outcomes", index, "history", number))
                elif parse_period(point.get("period")) is None:
                    # The schema's pattern passed it: a day or year that does not exist.
                    line, col = point.val_pos["period"]
                    period = point.get("period")
                    message = f"{what}: {field}.period: {period!r} is not a period; use {PERIOD_FORMS}"
                    self.report(Subtype.SCHEMA, line, col, message)
                    dropped.add(("outcomes", index, "history", number))

    def points(self, item: LocDict, path: tuple[str, int], dropped: set[Path]) -> list[tuple[int, LocDict]]:
        """An outcome's history points that passed the schema, with their index."""
        history = item.get("history")
        if not isinstance(history, LocList) or (*path, "history") in dropped:
            return []
        return [
            (number, point)
            for number, point in enumerate(history)
            if isinstance(point, LocDict) and (*path, "history", number) not in dropped
        ]

    def check_colors(self, document: LocDict, broken: set[tuple[str, int]], dropped: set[Path]) -> None:
        """A zone colour must be one Graphviz and browsers both read; a bad one is dropped."""
        for index, item in self.items(document, "zones", broken):
            value = item.get("color")
            if not isinstance(value, str) or ("zones", index, "color") in dropped:
                continue
            problem = color_problem(value)
            if problem is not None:
                line, col = item.val_pos["color"]
                what = describe(document, ("zones", index))
                self.report(Subtype.SCHEMA, line, col, f"{what}: color: {problem}")
                dropped.add(("zones", index, "color"))

    def check_label_lengths(self, document: LocDict, broken: set[tuple[str, int]]) -> None:
        """Warn about a label too long for a map box; the data is kept whole."""
        for section in ("zones", "forms", "tools", "thinkers", "links"):
            for index, item in self.items(document, section, broken):
                label = item.get("label")
                texts: list[tuple[str, Any, Pos]] = []
                if isinstance(label, str):
                    texts.append(("label", label, item.val_pos["label"]))
                elif isinstance(label, LocDict):
                    texts.extend((f"label.{lang}", text, label.val_pos[lang]) for lang, text in label.items())
                for field, text, (line, col) in texts:
                    if isinstance(text, str) and len(text) > MAX_LABEL_CHARS:
                        what = describe(document, (section, index))
                        self.report(
                            Subtype.SCHEMA,
                            line,
                            col,
                            f"{what}: {field} is {len(text):,} characters long, over the "
                            f"{MAX_LABEL_CHARS} a label should keep to; maps cut it short, so "
                            "move the rest into the description",
                            Severity.WARNING,
                        )

    def origin(self, item: LocDict) -> Origin:
        return Origin(self.file, item.pos[0], item.pos[1])

    def items(
        self, document: LocDict, section: str, broken: set[tuple[str, int]]
    ) -> list[tuple[int, LocDict]]:
        value = document.get(section)
        if not isinstance(value, LocList) or (section, -1) in broken:
            return []
        return [
            (index, item)
            for index, item in enumerate(value)
            if isinstance(item, LocDict) and (section, index) not in broken
        ]

    def url(self, document: LocDict, path: tuple[str | int, ...], value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        problem = url_problem(value)
        if problem is None:
            return value
        line, col = position(document, (*path, "url"))
        self.report(Subtype.SCHEMA, line, col, f"{describe(document, path)}: {problem}")
        return None

    def spot(self, key: tuple[str, int], item: LocDict, *names: str) -> None:
        spots: dict[str, tuple[int, int]] = {}
        for name in names:
            if name in item.val_pos:
                spots[name] = item.val_pos[name]
                value = item[name]
                if isinstance(value, LocList):
                    for index, pos in enumerate(value.item_pos):
                        spots[f"{name}.{index}"] = pos
        self.spots[key] = spots

    def build(self, document: LocDict, broken: set[tuple[str, int]], dropped: set[Path]) -> FileResult:
        meta = None
        raw_meta = document.get("landscape")
        if isinstance(raw_meta, LocDict) and ("landscape", -1) not in broken:
            line, col = document.key_pos["landscape"]
            meta = Meta(
                origin=Origin(self.file, line, col),  # the key: the section may be empty
                title=Text.of(raw_meta.get("title")),
                description=Text.of(raw_meta.get("description")),
                organisation=raw_meta.get("organisation"),
                as_of=raw_meta.get("as_of"),
                extra=_extra(raw_meta),
            )
        zones: list[Zone] = []
        for index, item in self.items(document, "zones", broken):
            zones.append(
                Zone(
                    id=item["id"],
                    label=_text(item["label"]),
                    origin=self.origin(item),
                    description=Text.of(item.get("description")),
                    url=self.url(document, ("zones", index), item.get("url")),
                    extra=_extra(item),
                    band=item.get("band"),
                    color=None if ("zones", index, "color") in dropped else item.get("color"),
                )
            )
        forms: list[Form] = []
        for index, item in self.items(document, "forms", broken):
            self.spot(("form", len(forms)), item, "zone", "tools", "thinkers", "moments")
            forms.append(
                Form(
                    id=item["id"],
                    label=_text(item["label"]),
                    origin=self.origin(item),
                    description=Text.of(item.get("description")),
                    url=self.url(document, ("forms", index), item.get("url")),
                    extra=_extra(item),
                    zone=item["zone"],
                    orientation=item["orientation"],
                    tools=tuple(item.get("tools", ())),
                    thinkers=tuple(item.get("thinkers", ())),
                    tags=tuple(item.get("tags", ())),
                    moments=tuple(item.get("moments", ())),
                    owner=item.get("owner"),
                    audience=item.get("audience"),
                )
            )
        tools: list[Tool] = []
        for index, item in self.items(document, "tools", broken):
            tools.append(
                Tool(
                    id=item["id"],
                    label=_text(item["label"]),
                    origin=self.origin(item),
                    description=Text.of(item.get("description")),
                    url=self.url(document, ("tools", index), item.get("url")),
                    extra=_extra(item),
                    category=item.get("category"),
                )
            )
        thinkers: list[Thinker] = []
        for index, item in self.items(document, "thinkers", broken):
            thinkers.append(
                Thinker(
                    id=item["id"],
                    label=_text(item["label"]),
                    origin=self.origin(item),
                    description=Text.of(item.get("description")),
                    url=self.url(document, ("thinkers", index), item.get("url")),
                    extra=_extra(item),
                    born=_whole(item.get("born")),
                    died=_whole(item.get("died")),
                    known_for=Text.of(item.get("known_for")),
                    idea=Text.of(item.get("idea")),
                )
            )
        links: list[Link] = []
        for _index, item in self.items(document, "links", broken):
            self.spot(("link", len(links)), item, "from", "to")
            links.append(
                Link(
                    source=item["from"],
                    target=item["to"],
                    origin=self.origin(item),
                    label=Text.of(item.get("label")),
                    kind=item.get("kind"),
                    extra=_extra(item),
                )
            )
        outcomes: list[Outcome] = []
        for index, item in self.items(document, "outcomes", broken):
            self.spot(("outcome", len(outcomes)), item, "form", "direction")
            history = tuple(
                HistoryPoint(
                    period=str(point["period"]),
                    value=point["value"],
                    origin=self.origin(point),
                    extra=_extra(point),
                )
                for _number, point in self.points(item, ("outcomes", index), dropped)
            )
            period = item.get("period")
            outcomes.append(
                Outcome(
                    form=item["form"],
                    indicator=_text(item["indicator"]),
                    kind=item["kind"],
                    level=item["level"],
                    origin=self.origin(item),
                    id=item.get("id"),
                    unit=item.get("unit"),
                    baseline=item.get("baseline"),
                    target=item.get("target"),
                    measured=item.get("measured"),
                    direction=item.get("direction"),
                    method=item.get("method"),
                    period=None if period is None else str(period),
                    note=Text.of(item.get("note")),
                    extra=_extra(item),
                    history=history,
                )
            )
        return self.result(
            extra=_extra(document),
            meta=meta,
            zones=tuple(zones),
            forms=tuple(forms),
            tools=tuple(tools),
            thinkers=tuple(thinkers),
            links=tuple(links),
            outcomes=tuple(outcomes),
        )


def _soft_path(path: Path) -> Path | None:
    """The value a schema problem drops when its object can do without it, else None.

    A zone without its colour still places its forms, an outcome without
    one history point still says what was measured; dropping the whole
    object would lose good data for one bad detail.
    """
    if len(path) >= 3 and path[0] == "zones" and isinstance(path[1], int) and path[2] == "color":
        return path[:3]
    if len(path) >= 3 and path[0] == "outcomes" and isinstance(path[1], int) and path[2] == "history":
        return path[:4] if len(path) >= 4 and isinstance(path[3], int) else path[:3]
    return None


def _number_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number, not {value}"
    if abs(value) > MAX_NUMBER:
        return "is too large (at most 15 digits before the decimal point)"
    return None


def _text(value: Any) -> Text:
    text = Text.of(value)
    assert text is not None  # required fields passed the schema
    return text


def _whole(value: Any) -> Any:
    """``1947.0`` as ``1947``: JSON Schema counts it as a whole number, so may an author."""
    return int(value) if isinstance(value, float) else value


def _extra(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(item[k]) for k in item if k[:2] == "x-"}


def _plain(value: Any) -> Any:
    """Strip position bookkeeping so ``x-`` values pickle and export as JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def parse_bytes(data: bytes, file: str, max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Parse the contents of one data file named ``file`` (used in messages)."""
    parser = _FileParser(file)
    if len(data) > max_bytes:
        return too_large(file, len(data), max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(data, exc.start)
        parser.report(
            Subtype.FILE,
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
        )
        return parser.result()
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        parser.report(Subtype.FILE, 1, 1, "the file is empty; start it with 'learnscape: 1'")
        return parser.result()
    with _gc_paused():
        return parser.parse_text(text)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a file becomes records.

    Reading makes hundreds of thousands of small containers and no cycles;
    the collector would walk them over and over for nothing, a quarter of
    the load time of a large landscape.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_file(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> FileResult:
    """Read and parse one data file; problems reading it become diagnostics."""
    data = read_data_file(path, max_bytes, name)
    if isinstance(data, FileResult):
        return data
    return parse_bytes(data, name if name is not None else os.fspath(path), max_bytes)
