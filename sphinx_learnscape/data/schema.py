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


@dataclass(frozen=True)
class _Failure:
    """One jsonschema error, with the words messages about it share."""

    document: Any
    error: ValidationError
    path: Path
    #: the object it concerns ("form 'coaching'", "file")
    what: str
    #: the field inside that object, or ""
    field: str

    @classmethod
    def of(cls, document: Any, error: ValidationError) -> _Failure:
        path: Path = tuple(error.absolute_path)
        return cls(document, error, path, describe(document, path), field_name(path))

    @property
    def subject(self) -> str:
        """The field as a message names it: "form 'coaching': label", or the bare field of the file."""
        if self.what == "file":
            return self.field or self.what
        return f"{self.what}: {self.field}" if self.field else self.what

    @property
    def keyword(self) -> str:
        return str(self.error.validator)

    @property
    def instance(self) -> Any:
        return self.error.instance

    @property
    def rule(self) -> Any:
        return self.error.validator_value


def _messages(document: Any, error: ValidationError) -> Iterator[SchemaProblem]:
    """The problems one jsonschema error stands for, in plain words, at the value they concern."""
    failure = _Failure.of(document, error)
    if failure.keyword == "additionalProperties" and isinstance(failure.instance, dict):
        yield from _unknown_fields(failure)
        return
    if failure.keyword == "required":
        yield from _missing_fields(failure)
        return
    line, col = position(document, failure.path)
    message, spot = _one_message(failure)
    if spot is not None:
        line, col = spot
    yield SchemaProblem(line, col, message, failure.path)


def _unknown_fields(failure: _Failure) -> Iterator[SchemaProblem]:
    """One problem per unknown key, at the key, with the nearest known name."""
    known = _known_fields(failure.error)
    where = "at the top level" if not failure.path else f"in {failure.subject}"
    for key in failure.instance:
        if key in known or str(key).startswith("x-"):
            continue
        hint = difflib.get_close_matches(str(key), known, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        line, col = position(failure.document, (*failure.path, key), key=True)
        yield SchemaProblem(
            line,
            col,
            f"unknown field {key!r} {where}{suggestion} "
            f"(known: {', '.join(known)}; custom fields start with 'x-')",
            (*failure.path, key),
        )


def _missing_fields(failure: _Failure) -> Iterator[SchemaProblem]:
    line, col = position(failure.document, failure.path)
    for name in (n for n in failure.rule if n not in failure.instance):
        if not failure.path:
            message = "the format version is missing: start the file with 'learnscape: 1'"
        elif failure.field and failure.what != "file":  # inside an object: a history point
            message = f"{failure.what}: {failure.field} is missing the required field {name!r}"
        else:
            message = f"{failure.what} is missing the required field {name!r}"
        yield SchemaProblem(line, col, message, failure.path)


def _one_message(failure: _Failure) -> tuple[str, Pos | None]:
    """The message for a keyword that makes one problem, and a better place for it if there is one."""
    keyword, path, subject, instance = failure.keyword, failure.path, failure.subject, failure.instance
    if keyword == "const" and path == ("learnscape",):
        return f"unsupported format version {instance!r}; this sphinx-learnscape reads 'learnscape: 1'", None
    if keyword == "type":
        return _type_message(failure), None
    if keyword == "pattern":
        return _pattern_message(failure), None
    if keyword in ("minimum", "maximum") and path and path[-1] == "period":
        return f"{subject}: {instance!r} is not a period; use {PERIOD_FORMS}", None
    if keyword == "enum":
        return f"{subject}: {instance!r} is not one of {', '.join(str(v) for v in failure.rule)}", None
    if keyword == "anyOf":
        message, inner, key = _text_message(subject, instance)
        spot = position(failure.document, (*path, inner), key=key) if inner is not None else None
        return message, spot
    if keyword == "uniqueItems":
        return _repeated_items(failure)
    if keyword == "minLength":
        return f"{subject} must not be an empty text", None
    return f"{subject}: {failure.error.message}", None


def _type_message(failure: _Failure) -> str:
    instance = failure.instance
    if not failure.path:
        return f"the file must be a mapping (learnscape: 1, forms: ...), not {_type_name(instance)}"
    names: list[str] = failure.rule if isinstance(failure.rule, list) else [failure.rule]
    words = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
    message = f"{failure.subject} must be {words}, not {_type_name(instance)}"
    if "string" in names and isinstance(instance, (bool, int, float)):
        message += _QUOTE_HINT
    return message


def _pattern_message(failure: _Failure) -> str:
    path, subject, instance = failure.path, failure.subject, failure.instance
    if failure.rule == schema()["$defs"]["id"]["pattern"]:
        return (
            f"{subject}: {instance!r} is not a valid id; use 1-64 characters of "
            "a-z 0-9 - _ . starting with a letter or digit"
        )
    if path and path[-1] == "color":
        return f"{subject}: {color_problem(instance) or failure.error.message}"
    if path and path[-1] == "period":
        return f"{subject}: {instance!r} is not a period; use {PERIOD_FORMS}"
    return f"{subject}: {failure.error.message}"


def _repeated_items(failure: _Failure) -> tuple[str, Pos | None]:
    """Items listed twice, placed at the first repeat."""
    seen: set[str] = set()
    dupes: list[Any] = []
    spot: Pos | None = None
    for index, item in enumerate(failure.instance):
        text = json.dumps(item, sort_keys=True, default=str)
        if text in seen:
            if not dupes:
                spot = position(failure.document, (*failure.path, index))
            dupes.append(item)
        seen.add(text)
    return f"{failure.subject}: {', '.join(repr(d) for d in dupes)} listed more than once", spot


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
