"""The landscape data layer: reading, validating and querying YAML landscapes.

Plain Python with no Sphinx import, shared by the CLI and the Sphinx layer.
"""

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.loader import LoadOptions, load_files, load_texts, merge
from sphinx_learnscape.data.model import (
    Form,
    Landscape,
    Link,
    Meta,
    Origin,
    Outcome,
    Text,
    Thinker,
    Tool,
    Zone,
)
from sphinx_learnscape.data.parse import FileResult, parse_bytes, parse_file

__all__ = [
    "Diagnostic",
    "FileResult",
    "Form",
    "Landscape",
    "Link",
    "LoadOptions",
    "Meta",
    "Origin",
    "Outcome",
    "Severity",
    "Subtype",
    "Text",
    "Thinker",
    "Tool",
    "Zone",
    "load_files",
    "load_texts",
    "merge",
    "parse_bytes",
    "parse_file",
]
