"""What loading produces and is configured with, kept light to import.

The Sphinx layer keeps these in its pickled environment; defining them apart
from the parser means unpickling them never imports YAML or JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sphinx_learnscape.data.diagnostics import Diagnostic
from sphinx_learnscape.data.model import Form, Link, Meta, Outcome, Thinker, Tool, Zone

#: Larger data files are refused (``learnscape_max_file_bytes``).
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class LoadOptions:
    outcome_check: bool = True
    max_file_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class FileResult:
    """The records one file holds, in file order, and what was wrong with it."""

    file: str
    diagnostics: tuple[Diagnostic, ...] = ()
    #: top-level ``x-`` keys, kept and exported as written
    extra: dict[str, Any] = field(default_factory=dict)
    meta: Meta | None = None
    zones: tuple[Zone, ...] = ()
    forms: tuple[Form, ...] = ()
    tools: tuple[Tool, ...] = ()
    thinkers: tuple[Thinker, ...] = ()
    links: tuple[Link, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    #: (kind, index in this file) -> field path -> (line, col), for messages
    #: about references that only the merge can judge
    spots: dict[tuple[str, int], dict[str, tuple[int, int]]] = field(default_factory=dict)
