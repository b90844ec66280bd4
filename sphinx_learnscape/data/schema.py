"""The JSON Schema of the format, and its errors as diagnostics at file:line:col.

``schema.json`` beside this module is the single definition of the format;
this module only loads it and turns jsonschema's errors into messages an
L&D author can act on, placed at the key or value they concern.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from sphinx_learnscape.data.yamlread import LocDict, LocList, Pos

#: top-level list name -> the kind of object it holds, for messages
SECTIONS = {
    "zones": "zone",
    "forms": "form",
    "tools": "tool",
    "thinkers": "thinker",
    "links": "link",
    "outcomes": "outcome",
}

Path = tuple[str | int, ...]


@functools.cache
def schema_text() -> str:
    return resources.files("sphinx_learnscape.data").joinpath("schema.json").read_text("utf-8")


@functools.cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text())
    return data


@functools.cache
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


@functools.cache
def _quick_check() -> Any:
    """The same schema compiled to Python code: ~10x faster on valid data.

    jsonschema stays the judge of what is wrong and where; this only lets
    a valid document skip the slow, thorough pass.
    """
    return fastjsonschema.compile(schema())


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    line: int
    col: int
    message: str
    #: the path of the value the problem spoils, for dropping broken objects
    path: Path


def position(document: Any, path: Path, *, key: bool = False) -> Pos:
    """The deepest known position along ``path``; ``key`` picks the key's own."""
    node = document
    pos: Pos = getattr(document, "pos", (1, 1))
    for step in path:
        if isinstance(node, LocDict) and isinstance(step, str) and step in node:
            pos = node.key_pos[step] if key and step == path[-1] else node.val_pos[step]
            node = node[step]
        elif isinstance(node, LocList) and isinstance(step, int) and step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
    return pos


def describe(document: Any, path: Path) -> str:
    """Name the object a path points into: ``form 'coaching'`` or ``forms[3]``."""
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        section = str(path[0])
        kind = SECTIONS[section]
        try:
            item = document[section][path[1]]
        except (KeyError, IndexError, TypeError):
            item = None
        ident = item.get("id") if isinstance(item, dict) else None
        if isinstance(ident, str) and ident:
            return f"{kind} {ident!r}"
        return f"{kind} #{path[1] + 1}"
    if path and path[0] == "landscape":
        return "landscape"
    return "file"


def _field(path: Path) -> str:
    names = [str(p) for p in path[2:] if isinstance(p, str)] if len(path) > 2 else []
    if path and path[0] == "landscape":
        names = [str(p) for p in path[1:] if isinstance(p, str)]
    return ".".join(names)


def _known_fields(error: ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return list(props)


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


_TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty (null)",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
}


def _messages(document: Any, error: ValidationError) -> Iterator[SchemaProblem]:
    path: Path = tuple(error.absolute_path)
    what = describe(document, path)
    field = _field(path)
    subject = f"{what}: {field}" if field else what
    keyword = error.validator

    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        known = _known_fields(error)
        for key in error.instance:
            if key in known or str(key).startswith("x-"):
                continue
            hint = difflib.get_close_matches(str(key), known, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            where = "at the top level" if not path else f"in {subject}"
            line, col = position(document, (*path, key), key=True)
            yield SchemaProblem(
                line,
                col,
                f"unknown field {key!r} {where}{suggestion} "
                f"(known: {', '.join(known)}; custom fields start with 'x-')",
                (*path, key),
            )
        return

    line, col = position(document, path)
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        for name in missing:
            if not path:
                message = "the format version is missing: start the file with 'learnscape: 1'"
            else:
                message = f"{what} is missing the required field {name!r}"
            yield SchemaProblem(line, col, message, path)
        return
    if keyword == "const" and path == ("learnscape",):
        message = (
            f"unsupported format version {error.instance!r}; "
            "this sphinx-learnscape reads 'learnscape: 1'"
        )
    elif keyword == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        message = f"{subject} must be {words}, not {_type_name(error.instance)}"
        if not path:
            message = f"the file must be a mapping (learnscape: 1, forms: ...), not {_type_name(error.instance)}"
    elif keyword == "pattern" and error.validator_value == schema()["$defs"]["id"]["pattern"]:
        message = (
            f"{subject}: {error.instance!r} is not a valid id; use 1-64 characters of "
            "a-z 0-9 - _ . starting with a letter or digit"
        )
    elif keyword == "pattern" and path and path[-1] == "color":
        message = f"{subject}: {error.instance!r} is not a colour; use #rgb, #rrggbb or a CSS colour name"
    elif keyword == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        message = f"{subject}: {error.instance!r} is not one of {choices}"
    elif keyword == "anyOf":
        message = (
            f"{subject} must be a text or a mapping of language codes to texts "
            f"(en: ..., nl: ...), not {_type_name(error.instance)}"
        )
    elif keyword == "uniqueItems":
        seen: set[str] = set()
        dupes = []
        for item in error.instance:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                dupes.append(item)
            seen.add(key)
        message = f"{subject}: {', '.join(repr(d) for d in dupes)} listed more than once"
    elif keyword == "minProperties":
        message = f"{subject} must not be empty"
    else:
        message = f"{subject}: {error.message}"
    yield SchemaProblem(line, col, message, path)


def validate(document: Any) -> list[SchemaProblem]:
    """All schema problems of one read document, in file order."""
    try:
        _quick_check()(document)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems: list[SchemaProblem] = []
    for error in validator().iter_errors(document):
        problems.extend(_messages(document, error))
    problems.sort(key=lambda p: (p.line, p.col))
    return problems
