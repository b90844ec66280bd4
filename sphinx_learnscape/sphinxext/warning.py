"""The one way the Sphinx layer warns: ``type="learnscape"``, a :class:`Subtype`, a place.

Every warning can be silenced with ``suppress_warnings = ["learnscape.<subtype>"]``
and fails a ``-W`` build; see ``docs/warnings.rst``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.util import logging

from sphinx_learnscape.data.diagnostics import Diagnostic, Subtype

logger = logging.getLogger("sphinx_learnscape")

#: What Sphinx accepts as ``location=``: a node, ``(docname, line)``, or a "file:line" string.
Location = Any


def warn(message: str, subtype: Subtype, location: Location = None) -> None:
    """A Sphinx warning of ours. ``message`` is final text (no %-formatting)."""
    logger.warning("%s", message, type="learnscape", subtype=subtype.value, location=location)


def info(message: str, location: Location = None) -> None:
    """Information that is no fault (never fails ``-W``)."""
    logger.info("learnscape: %s", message, location=location)


class FileLocation(str):
    """A warning location that is a file, not a document.

    Sphinx treats a location without ':' as a document name and appends
    the source suffix; a data file with no line must be shown as it is.
    """

    __slots__ = ()

    def __contains__(self, item: object) -> bool:
        return item == ":" or super().__contains__(str(item))


def report(diagnostics: Iterable[Diagnostic]) -> None:
    """Data problems as Sphinx warnings, at the data file and line."""
    for diagnostic in diagnostics:
        location = (
            FileLocation(diagnostic.file) if not diagnostic.line else f"{diagnostic.file}:{diagnostic.line}"
        )
        warn(diagnostic.message, diagnostic.subtype, location)
