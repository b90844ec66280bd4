"""The landscape data layer: reading, validating and querying YAML landscapes.

Plain Python with no Sphinx import, shared by the CLI and the Sphinx layer.
Names load on first use (PEP 562): a Sphinx build with unchanged data never
imports the YAML reader or the schema validators.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from sphinx_learnscape.data.diagnostics import Diagnostic as Diagnostic
    from sphinx_learnscape.data.diagnostics import Severity as Severity
    from sphinx_learnscape.data.diagnostics import Subtype as Subtype
    from sphinx_learnscape.data.files import read_data_file as read_data_file
    from sphinx_learnscape.data.loader import load_files as load_files
    from sphinx_learnscape.data.loader import load_texts as load_texts
    from sphinx_learnscape.data.loader import merge as merge
    from sphinx_learnscape.data.model import Form as Form
    from sphinx_learnscape.data.model import HistoryPoint as HistoryPoint
    from sphinx_learnscape.data.model import Landscape as Landscape
    from sphinx_learnscape.data.model import Link as Link
    from sphinx_learnscape.data.model import Meta as Meta
    from sphinx_learnscape.data.model import Origin as Origin
    from sphinx_learnscape.data.model import Outcome as Outcome
    from sphinx_learnscape.data.model import Text as Text
    from sphinx_learnscape.data.model import Thinker as Thinker
    from sphinx_learnscape.data.model import Tool as Tool
    from sphinx_learnscape.data.model import Zone as Zone
    from sphinx_learnscape.data.parse import parse_bytes as parse_bytes
    from sphinx_learnscape.data.parse import parse_file as parse_file
    from sphinx_learnscape.data.results import FileResult as FileResult
    from sphinx_learnscape.data.results import LoadOptions as LoadOptions

_WHERE = {
    "Diagnostic": "diagnostics",
    "Severity": "diagnostics",
    "Subtype": "diagnostics",
    "load_files": "loader",
    "load_texts": "loader",
    "merge": "loader",
    "Form": "model",
    "HistoryPoint": "model",
    "Landscape": "model",
    "Link": "model",
    "Meta": "model",
    "Origin": "model",
    "Outcome": "model",
    "Text": "model",
    "Thinker": "model",
    "Tool": "model",
    "Zone": "model",
    "parse_bytes": "parse",
    "parse_file": "parse",
    "read_data_file": "files",
    "FileResult": "results",
    "LoadOptions": "results",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
