"""The JSON Schema of the format, and its errors as diagnostics at file:line:col.

``schema.json`` beside this module is the single definition of the format;
this module only loads it and turns jsonschema's errors into messages an
L&D author can act on, placed at the key or value they concern.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from sphinx_learnscape.data.colors import color_problem
from sphinx_learnscape.data.periods import PERIOD_FORMS
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


if TYPE_CHECKING:  # jsonschema and fastjsonschema load on first use: a
    # Sphinx build whose data files are unchanged never needs them.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_DOLLAR = re.compile(r"(?<!\\)\$")


@functools.cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA-262, where ``$`` never matches before a
    # final newline; Python's does, which would let ``id: "wiki\n"`` pass.
    # fastjsonschema makes the same substitution, so both checks agree.
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def validator() -> Draft202012Validator:
    """Draft 2020-12 with ECMA-262 end-of-string semantics for ``pattern``."""
    from jsonschema import Draft202012Validator, validators

    extended = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return extended(schema())  # type: ignore[no-any-return]


@functools.cache
def _quick_check() -> Any:
    """The same schema compiled to Python code: ~10x faster on valid data.

    jsonschema stays the judge of what is wrong and where; this only lets a
    valid document skip the slow, thorough pass. The code is generated ahead
    (scripts/compile_schema.py), so no build pays for compiling it.
    """
    from sphinx_learnscape.data import _schema_check

    return _schema_check.validate_https___sphinx_learnscape_readthedocs_io_schema_learnscape_1_json  # type: ignore[attr-defined]


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


def field_name(path: Path) -> str:
    """The field a path names inside its object: ``label.en``, or ``forms`` at the top."""
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        rest = path[2:]
    elif path and path[0] == "landscape":
        rest = path[1:]
    else:
        rest = path
    name = ""
    for step in rest:
        if isinstance(step, int):
            name += f" (item {step + 1})"
        else:
            name += f".{step}" if name else step
    return name


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


#: Added when YAML read an unquoted value as a number or boolean where a
#: text belongs (``id: 007``, ``label: yes``).
_QUOTE_HINT = "; put the value in quotes to keep it as text"

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
    field = field_name(path)
    subject = (field or what) if what == "file" else (f"{what}: {field}" if field else what)
    keyword = error.validator
    instance: Any = error.instance
    rule: Any = error.validator_value

    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = _known_fields(error)
        for key in instance:
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
        missing = [name for name in rule if name not in instance]
        for name in missing:
            if not path:
                message = "the format version is missing: start the file with 'learnscape: 1'"
            elif field and what != "file":  # inside an object: a history point
                message = f"{what}: {field} is missing the required field {name!r}"
            else:
                message = f"{what} is missing the required field {name!r}"
            yield SchemaProblem(line, col, message, path)
        return
    if keyword == "const" and path == ("learnscape",):
        message = f"unsupported format version {instance!r}; this sphinx-learnscape reads 'learnscape: 1'"
    elif keyword == "type":
        names: list[str] = rule if isinstance(rule, list) else [rule]
        words = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        message = f"{subject} must be {words}, not {_type_name(instance)}"
        if "string" in names and isinstance(instance, (bool, int, float)):
            message += _QUOTE_HINT
        if not path:
            message = f"the file must be a mapping (learnscape: 1, forms: ...), not {_type_name(instance)}"
    elif keyword == "pattern" and rule == schema()["$defs"]["id"]["pattern"]:
        message = (
            f"{subject}: {instance!r} is not a valid id; use 1-64 characters of "
            "a-z 0-9 - _ . starting with a letter or digit"
        )
    elif keyword == "pattern" and path and path[-1] == "color":
        message = f"{subject}: {color_problem(instance) or error.message}"
    elif keyword in ("pattern", "minimum", "maximum") and path and path[-1] == "period":
        message = f"{subject}: {instance!r} is not a period; use {PERIOD_FORMS}"
    elif keyword == "enum":
        choices = ", ".join(str(v) for v in rule)
        message = f"{subject}: {instance!r} is not one of {choices}"
    elif keyword == "anyOf":
        message, inner, key = _text_message(subject, instance)
        if inner is not None:
            line, col = position(document, (*path, inner), key=key)
    elif keyword == "uniqueItems":
        seen: set[str] = set()
        dupes: list[Any] = []
        for index, item in enumerate(instance):
            text = json.dumps(item, sort_keys=True, default=str)
            if text in seen:
                if not dupes:
                    line, col = position(document, (*path, index))
                dupes.append(item)
            seen.add(text)
        message = f"{subject}: {', '.join(repr(d) for d in dupes)} listed more than once"
    elif keyword == "minLength":
        message = f"{subject} must not be an empty text"
    else:
        message = f"{subject}: {error.message}"
    yield SchemaProblem(line, col, message, path)


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*\Z")


def _text_message(subject: str, value: Any) -> tuple[str, str | None, bool]:
    """Why ``value`` is not a text (the schema's one ``anyOf``).

    Returns the message and, when the fault lies inside a language
    mapping, the language key to point at and whether to point at the key.
    """
    if isinstance(value, dict):
        if not value:
            return f"{subject} must not be empty; give a text or at least one language (en: ...)", None, False
        for language, text in value.items():
            if not _LANGUAGE.match(str(language)):
                message = (
                    f"{subject}: {str(language)!r} is not a language code; use codes such as en, nl or pt-BR"
                )
                return message, language, True
            if not isinstance(text, str):
                hint = _QUOTE_HINT if isinstance(text, (bool, int, float)) else ""
                return f"{subject}.{language} must be a text, not {_type_name(text)}{hint}", language, False
    hint = _QUOTE_HINT if isinstance(value, (bool, int, float)) else ""
    message = (
        f"{subject} must be a text or a mapping of language codes to texts "
        f"(en: ..., nl: ...), not {_type_name(value)}{hint}"
    )
    return message, None, False


def validate(document: Any) -> list[SchemaProblem]:
    """All schema problems of one read document, in file order."""
    from fastjsonschema import JsonSchemaException

    try:
        _quick_check()(document)
        return []
    except JsonSchemaException:
        pass
    problems: dict[SchemaProblem, None] = {}
    for error in validator().iter_errors(document):
        # jsonschema gives one ``required`` error per missing field and each
        # names them all; a dict keeps the first of equal problems, in order.
        problems.update(dict.fromkeys(_messages(document, error)))
    return sorted(problems, key=lambda p: (p.line, p.col))
