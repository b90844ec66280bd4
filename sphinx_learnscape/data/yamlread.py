"""Safe YAML reading that remembers where every value came from.

We build values straight from libyaml's event stream instead of using a
PyYAML loader, because that lets one iterative pass (no recursion, so deep
nesting cannot blow the stack) refuse tags, count alias expansion, reject
duplicate keys and record the line and column of every key and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:  # the C parser is ~10x faster; pure Python is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: A 1-based (line, col) position.
Pos = tuple[int, int]

#: Deeper than this is refused; the format needs six levels.
MAX_DEPTH = 64
#: Aliases may add at most this many values beyond the file's own (plus a
#: multiple of them); a "billion laughs" file exceeds it after a few aliases.
ALIAS_BUDGET = 10_000
ALIAS_FACTOR = 2

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALLOWED_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    _TIMESTAMP,
}


class LocDict(dict[str, Any]):
    """A mapping that knows where it, each key and each value stand."""

    __slots__ = ("key_pos", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}


class LocList(list[Any]):
    """A sequence that knows where it and each item stand."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A problem found while reading; ``path`` says which value it spoils."""

    line: int
    col: int
    message: str
    path: tuple[str | int, ...] = ()
    #: fatal problems leave no usable document
    fatal: bool = False


@dataclass(slots=True)
class YamlResult:
    value: Any = None
    problems: list[YamlProblem] = field(default_factory=list)


class _Stop(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


_BAD_KEY = object()
_TAG_PROBLEM = "tag {!r} is not allowed; only plain YAML data is read"
_INT = "tag:yaml.org,2002:int"

#: first character -> the implicit types a plain scalar starting with it may
#: have. PyYAML's table also has '=' (value), '<<' (merge) and '!&*' (yaml):
#: plain text here, as ``note: =`` is text to an author.
_IMPLICIT = {
    first: [(tag, regexp) for tag, regexp in candidates if tag in _ALLOWED_TAGS]
    for first, candidates in Resolver.yaml_implicit_resolvers.items()
}

# Frame slots; a frame is a list because it is updated on every event.
_CONTAINER, _PATH, _START, _ANCHOR, _KEY, _KEY_POS = range(6)


class _Builder:
    """Turns libyaml's events into LocDict/LocList/scalars in one flat loop.

    This is the hot loop of loading (about a million events for the stress
    benchmark), hence the common cases inlined in :meth:`run` and the rest
    in small methods.
    """

    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.anchors: dict[str, tuple[Any, int]] = {}
        #: events read, aliases among them, and values aliases stood for
        self.count = 0
        self.aliases = 0
        self.alias_added = 0
        self.problems: list[YamlProblem] = []
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.documents = 0

    @property
    def expanded(self) -> int:
        """Values read so far once aliases are expanded."""
        return self.count - self.aliases + self.alias_added

    def path(self) -> tuple[str | int, ...]:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        container = frame[_CONTAINER]
        if isinstance(container, LocDict):
            key = frame[_KEY]
            return (*frame[_PATH], key) if isinstance(key, str) else frame[_PATH]
        return (*frame[_PATH], len(container))

    def resolve(self, event: Any) -> Any:
        """The Python value of a scalar, by YAML 1.1 rules as PyYAML's SafeLoader."""
        tag = event.tag
        value: str = event.value
        if tag is None:
            if not event.implicit[0]:
                return value  # quoted
            for candidate, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    tag = candidate
                    break
            else:
                return value
        elif tag == "!":
            return value
        if tag in (_STR, _TIMESTAMP):
            # Dates stay text: the format keeps them as ISO strings.
            return value
        if tag not in _ALLOWED_TAGS:
            raise _Stop(YamlProblem(*_pos(event.start_mark), _TAG_PROBLEM.format(tag), fatal=True))
        try:
            if tag == _INT and value.isdigit() and value[0] != "0":
                return int(value)  # the common case, without building a node
            node = ScalarNode(tag, value, event.start_mark, event.end_mark)
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, TypeError, KeyError, IndexError, yaml.YAMLError):
            # ``!!bool maybe``, ``!!int ""``, 5000-digit numbers: keep the text
            # and let the schema judge it where a number was wanted.
            return value

    def add(self, value: Any, pos: Pos) -> None:
        """Place a finished value in the current container."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[_CONTAINER]
        if container.__class__ is LocList:
            container.append(value)
            container.item_pos.append(pos)
            return
        key = frame[_KEY]
        if key is None:
            # ``value`` is a key.
            frame[_KEY_POS] = pos
            if isinstance(value, (LocDict, LocList)):
                message = "a key must be a plain text, not a collection"
            elif value == "<<":
                message = "merge keys ('<<') are not supported"
            else:
                frame[_KEY] = value if isinstance(value, str) else str(value)
                return
            self.problems.append(YamlProblem(pos[0], pos[1], message, frame[_PATH]))
            frame[_KEY] = _BAD_KEY
            return
        frame[_KEY] = None
        if key is _BAD_KEY:
            return
        if key in container:
            first = container.key_pos[key]
            line, col = frame[_KEY_POS]
            self.problems.append(
                YamlProblem(
                    line,
                    col,
                    f"key {key!r} is given twice in this mapping (first at line {first[0]})",
                    (*frame[_PATH], key),
                )
            )
            return
        container[key] = value
        container.key_pos[key] = frame[_KEY_POS]
        container.val_pos[key] = pos

    def on_scalar(self, event: Any, pos: Pos) -> None:
        """A scalar that is anchored, a merge key, tagged or a repeated key."""
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame[_KEY] is None and frame[_CONTAINER].__class__ is LocDict:
            # Keys are kept as written, so `no:` or `on:` stay text.
            value: Any = event.value if event.tag in (None, "!", _STR) else self.resolve(event)
        else:
            value = self.resolve(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add(value, pos)

    def on_start(self, event: Any, mapping: bool) -> None:
        pos = _pos(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(YamlProblem(*pos, f"nesting deeper than {MAX_DEPTH} levels is refused", fatal=True))
        expected = "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq"
        if event.tag not in (None, "!", expected):
            raise _Stop(YamlProblem(*pos, _TAG_PROBLEM.format(event.tag), fatal=True))
        container = LocDict(pos) if mapping else LocList(pos)
        self.stack.append([container, self.path(), self.expanded, event.anchor, None, None])

    def on_end(self) -> None:
        frame = self.stack.pop()
        container = frame[_CONTAINER]
        if frame[_ANCHOR]:
            self.anchors[frame[_ANCHOR]] = (container, self.expanded - frame[_START])
        self.add(container, container.pos)

    def on_alias(self, event: Any) -> None:
        pos = _pos(event.start_mark)
        if event.anchor not in self.anchors:
            raise _Stop(YamlProblem(*pos, f"unknown alias {event.anchor!r}", fatal=True))
        value, size = self.anchors[event.anchor]
        self.aliases += 1
        self.alias_added += size
        if self.alias_added > ALIAS_BUDGET + ALIAS_FACTOR * self.count:
            raise _Stop(
                YamlProblem(
                    *pos,
                    "aliases expand this file too far (a 'billion laughs' document?); refused",
                    fatal=True,
                )
            )
        self.add(value, pos)

    def on_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop(
                YamlProblem(
                    *_pos(event.start_mark),
                    "only one YAML document per file is read; remove the second '---'",
                )
            )

    def run(self, text: str) -> None:
        scalar, alias, document = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        stream_end = yaml.StreamEndEvent
        locdict, loclist, implicit, resolve, stack = LocDict, LocList, _IMPLICIT, self.resolve, self.stack
        get_event = _Loader(text).get_event
        count = 0
        try:
            while True:
                event: Any = get_event()
                count += 1
                cls = event.__class__
                if cls is scalar:
                    mark = event.start_mark
                    pos = (mark.line + 1, mark.column + 1)
                    if stack and event.anchor is None:
                        # The three common cases inline; on_scalar() has the rest.
                        frame = stack[-1]
                        container = frame[_CONTAINER]
                        value = event.value
                        if event.tag is not None or (event.implicit[0] and value[:1] in implicit):
                            value = None  # resolve below, unless this is a key
                        if container.__class__ is loclist:
                            container.append(resolve(event) if value is None else value)
                            container.item_pos.append(pos)
                            continue
                        key = frame[_KEY]
                        if key is None:
                            if event.tag is None and event.value != "<<":
                                # Keys are kept as written, so `no:` or `on:` stay text.
                                frame[_KEY] = event.value
                                frame[_KEY_POS] = pos
                                continue
                        elif key.__class__ is str and key not in container:
                            container[key] = resolve(event) if value is None else value
                            container.key_pos[key] = frame[_KEY_POS]
                            container.val_pos[key] = pos
                            frame[_KEY] = None
                            continue
                    self.count = count
                    self.on_scalar(event, pos)
                elif cls in ends:
                    frame = stack[-1]
                    container = frame[_CONTAINER]
                    if frame[_ANCHOR] is None and len(stack) > 1:
                        stack.pop()
                        parent = stack[-1]
                        into = parent[_CONTAINER]
                        if into.__class__ is loclist:
                            into.append(container)
                            into.item_pos.append(container.pos)
                            continue
                        key = parent[_KEY]
                        if key.__class__ is str and key not in into:
                            into[key] = container
                            into.key_pos[key] = parent[_KEY_POS]
                            into.val_pos[key] = container.pos
                            parent[_KEY] = None
                            continue
                        stack.append(frame)
                    self.count = count
                    self.on_end()
                elif cls is mapping_start or cls is sequence_start:
                    if event.anchor is None and event.tag is None and 0 < len(stack) < MAX_DEPTH:
                        frame = stack[-1]
                        container = frame[_CONTAINER]
                        mark = event.start_mark
                        pos = (mark.line + 1, mark.column + 1)
                        if container.__class__ is loclist:
                            path = (*frame[_PATH], len(container))
                        else:
                            key = frame[_KEY]
                            path = (*frame[_PATH], key) if key.__class__ is str else frame[_PATH]
                        new = locdict(pos) if cls is mapping_start else loclist(pos)
                        stack.append([new, path, 0, None, None, None])
                        continue
                    self.count = count
                    self.on_start(event, cls is mapping_start)
                elif cls is alias:
                    self.count = count
                    self.on_alias(event)
                elif cls is document:
                    self.on_document(event)
                elif cls is stream_end:
                    break
        finally:
            self.count = count


def _offset_pos(text: str, offset: int) -> Pos:
    """The position of libyaml's byte ``offset`` into the UTF-8 of ``text``."""
    before = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    return (before.count("\n") + 1, len(before) - before.rfind("\n"))


#: What YAML 1.1 (libyaml) counts as line breaks but editors and YAML 1.2 do not.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


def _hide_odd_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """Swap NEL, LS and PS for private-use characters absent from ``text``.

    libyaml would count them as new lines, so every line number after one
    would be off from what an editor shows; as text they are kept (as in
    YAML 1.2) and put back by :func:`_restore`.
    """
    present = [c for c in _ODD_BREAKS if c in text]
    if not present:
        return text, None
    stand_ins = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    forward = {ord(c): next(stand_ins) for c in present}
    backward = {ord(v): chr(k) for k, v in forward.items()}
    return text.translate(forward), backward


def _restore(value: Any, table: dict[int, str]) -> Any:
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, LocList):
        for index, item in enumerate(value):
            value[index] = _restore(item, table)
        return value
    if isinstance(value, LocDict):
        items = [(k, v) for k, v in value.items()]
        key_pos, val_pos = dict(value.key_pos), dict(value.val_pos)
        value.clear()
        value.key_pos.clear()
        value.val_pos.clear()
        for key, item in items:
            new = key.translate(table)
            value[new] = _restore(item, table)
            value.key_pos[new] = key_pos[key]
            value.val_pos[new] = val_pos[key]
        return value
    return value


def read_yaml(text: str) -> YamlResult:
    """Read one YAML document from ``text``; never raises for bad input."""
    text, table = _hide_odd_breaks(text)
    result = _read(text)
    if table is not None and result.value is not None:
        result.value = _restore(result.value, table)
    return result


def _read(text: str) -> YamlResult:
    builder = _Builder()
    result = YamlResult()
    try:
        builder.run(text)
    except _Stop as stop:
        result.problems.extend(builder.problems)
        result.problems.append(stop.problem)
        if not stop.problem.fatal:
            result.value = builder.root
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark is not None else (1, 1)
        message = exc.problem or exc.context or "YAML syntax error"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        if exc.problem == "exceeded maximum nesting depth":
            # libyaml's own limit (1000), met before ours when brackets nest
            message = f"nesting deeper than {MAX_DEPTH} levels is refused"
        else:
            message = f"YAML syntax error: {message}"
        result.problems.extend(builder.problems)
        result.problems.append(YamlProblem(line, col, message, fatal=True))
        return result
    except yaml.reader.ReaderError as exc:
        line, col = _offset_pos(text, exc.position)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        result.problems.extend(builder.problems)
        result.problems.append(
            YamlProblem(line, col, f"the character {char} is not allowed in YAML; remove it", fatal=True)
        )
        return result
    except yaml.YAMLError as exc:
        result.problems.extend(builder.problems)
        result.problems.append(YamlProblem(1, 1, f"YAML error: {exc}", fatal=True))
        return result
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops us first
        result.problems.append(YamlProblem(1, 1, "nesting too deep", fatal=True))
        return result
    result.value = builder.root
    result.problems.extend(builder.problems)
    return result
