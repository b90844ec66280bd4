"""Diagnostics as values: what is wrong, how bad, and exactly where."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How bad a problem is; errors drop the object they concern."""

    ERROR = "error"
    WARNING = "warning"


class Subtype(str, enum.Enum):
    """The warning subtypes (docs/warnings.rst); Sphinx reports them as ``learnscape.<value>``."""

    #: YAML syntax, tags, aliases, nesting
    YAML = "yaml"
    #: shape, types, unknown fields, bad URL
    SCHEMA = "schema"
    #: the same id twice in one kind
    DUPLICATE = "duplicate"
    #: an id that names nothing
    REF = "ref"
    #: outcomes that measure only activity
    OUTCOMES = "outcomes"
    #: dot missing or failing
    GRAPHVIZ = "graphviz"
    #: missing, unreadable, empty or too large file
    FILE = "file"
    #: a wrong configuration value (Sphinx layer)
    CONFIG = "config"
    #: a wrong directive option value (Sphinx layer)
    OPTION = "option"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the data, at 1-based ``line`` and ``col`` of ``file``.

    ``line`` and ``col`` are 0 when the problem concerns the file as a whole.
    """

    severity: Severity
    subtype: Subtype
    file: str
    line: int
    col: int
    message: str

    def format(self) -> str:
        """The ``FILE:LINE:COL: severity: message [subtype]`` form editors parse."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        return f"{where}: {self.severity.value}: {self.message} [{self.subtype.value}]"

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "subtype": self.subtype.value,
            "message": self.message,
        }
