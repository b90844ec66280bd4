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

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.model import (
    Form,
    Link,
    Meta,
    Origin,
    Outcome,
    Text,
    Thinker,
    Tool,
    Zone,
)
from sphinx_learnscape.data.results import DEFAULT_MAX_BYTES, FileResult
from sphinx_learnscape.data.schema import SECTIONS, describe, position, validate
from sphinx_learnscape.data.yamlread import LocDict, LocList, read_yaml

_NUMBERS = ("baseline", "target", "measured")
MAX_NUMBER = 10**15
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
        problems = validate(document)
        for version in problems:
            if version.path == ("learnscape",):
                # Another format version: its fields may mean other things,
                # so this is the only problem worth telling.
                self.report(Subtype.SCHEMA, version.line, version.col, version.message)
                return self.result()
        for schema_problem in problems:
            self.report(Subtype.SCHEMA, schema_problem.line, schema_problem.col, schema_problem.message)
            path = schema_problem.path
            if len(path) >= 2 and isinstance(path[1], int):
                broken.add((str(path[0]), path[1]))
            elif path and (path[0] == "landscape" or (len(path) == 1 and path[0] in SECTIONS)):
                broken.add((str(path[0]), -1))
        if not isinstance(document, LocDict):
            return self.result()
        self.check_numbers(document, broken)
        return self.build(document, broken)

    def check_numbers(self, document: LocDict, broken: set[tuple[str, int]]) -> None:
        """Refuse ``.nan``, ``.inf`` and numbers beyond ±10¹⁵.

        JSON Schema lets them pass, but JSON cannot hold the first two and
        arithmetic on a 300-digit integer overflows a float; no indicator
        of a learning landscape needs more than fifteen digits.
        """
        for index, item in self.items(document, "outcomes", broken):
            for name in _NUMBERS:
                value = item.get(name)
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    continue
                if isinstance(value, float) and not math.isfinite(value):
                    problem = f"must be a finite number, not {value}"
                elif abs(value) > MAX_NUMBER:
                    problem = "is too large (at most 15 digits before the decimal point)"
                else:
                    continue
                line, col = item.val_pos[name]
                what = describe(document, ("outcomes", index))
                self.report(Subtype.SCHEMA, line, col, f"{what}: {name} {problem}")
                broken.add(("outcomes", index))

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

    def build(self, document: LocDict, broken: set[tuple[str, int]]) -> FileResult:
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
                    color=item.get("color"),
                )
            )
        forms: list[Form] = []
        for index, item in self.items(document, "forms", broken):
            self.spot(("form", len(forms)), item, "zone", "tools", "thinkers")
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
        for _index, item in self.items(document, "outcomes", broken):
            self.spot(("outcome", len(outcomes)), item, "form", "direction")
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
        return _too_large(file, len(data), max_bytes)
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
    file = name if name is not None else os.fspath(path)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return _too_large(file, size, max_bytes)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return _file_error(file, "the file does not exist")
    except IsADirectoryError:
        return _file_error(file, "this is a directory, not a data file")
    except OSError as exc:
        return _file_error(file, f"the file cannot be read: {exc.strerror or exc}")
    return parse_bytes(data, file, max_bytes)


def _file_error(file: str, message: str) -> FileResult:
    return FileResult(file, (Diagnostic(Severity.ERROR, Subtype.FILE, file, 0, 0, message),))


def _too_large(file: str, size: int, max_bytes: int) -> FileResult:
    return _file_error(
        file,
        f"the file is {size:,} bytes, over the limit of {max_bytes:,} "
        "(learnscape_max_file_bytes); it was not read",
    )
