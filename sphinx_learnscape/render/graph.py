"""A tiny DOT writer: statements built only from :data:`~.escape.Dot` values.

Names and attribute values are always quoted; attribute keys are constants of
this package. Together with :mod:`.escape` this is what keeps data out of the
DOT syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sphinx_learnscape.render.escape import Dot, const
from sphinx_learnscape.render.style import Look

Attrs = Mapping[str, Dot]


def look(style: Look, **more: Dot) -> dict[str, Dot]:
    """A style's attributes and classes, then ``more`` (which win)."""
    attrs = {key: const(value) for key, value in style.attrs}
    attrs["class"] = const(style.css)
    attrs.update(more)
    return attrs


class DotWriter:
    """Collects lines of one ``digraph``; :meth:`text` returns the source."""

    def __init__(self, graph_name: Dot) -> None:
        self._lines = [f'digraph "{graph_name}" {{']
        self._depth = 1

    def _emit(self, text: str) -> None:
        self._lines.append("  " * self._depth + text)

    @staticmethod
    def _attrs(attrs: Attrs) -> str:
        return ", ".join(f'{key}="{value}"' for key, value in attrs.items())

    def attr(self, target: str, attrs: Attrs) -> None:
        """Defaults for ``graph``, ``node`` or ``edge``."""
        assert target in ("graph", "node", "edge")
        self._emit(f"{target} [{self._attrs(attrs)}];")

    def set(self, attrs: Attrs) -> None:
        """Attributes of the current graph or subgraph, one per line."""
        for key, value in attrs.items():
            self._emit(f'{key}="{value}";')

    def node(self, name: Dot, attrs: Attrs) -> None:
        self._emit(f'"{name}" [{self._attrs(attrs)}];')

    def edge(self, tail: Dot, head: Dot, attrs: Attrs) -> None:
        self._emit(f'"{tail}" -> "{head}" [{self._attrs(attrs)}];')

    def same_rank(self, names: Iterable[Dot]) -> None:
        quoted = " ".join(f'"{n}";' for n in names)
        if quoted:
            self._emit(f"{{ rank=same; {quoted} }}")

    def open(self, name: Dot) -> None:
        self._emit(f'subgraph "{name}" {{')
        self._depth += 1

    def close(self) -> None:
        self._depth -= 1
        self._emit("}")

    def text(self) -> str:
        return "\n".join([*self._lines, "}"]) + "\n"
