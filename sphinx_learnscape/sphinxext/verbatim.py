"""Data text reads the same everywhere: kept out of Sphinx's SmartQuotes.

SmartQuotes turns ``"x"`` into curly quotes and reads ``\\-``, ``\\\\`` and
``\\"`` as escapes, so a label like ``Share \\\\fs01\\training [a\\-b] "x"``
would read differently in a table than in the map. Text from the data is
already final: the nodes that hold it are marked as Sphinx's own
``not_smartquotable`` nodes are (``support_smartquotes = False`` holds for
everything inside).
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes

E = TypeVar("E", bound=nodes.Element)


def verbatim(node: E) -> E:
    """``node`` with its text (and its children's) kept as written."""
    node["support_smartquotes"] = False
    return node
