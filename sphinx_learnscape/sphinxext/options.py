"""Directive options shared by tables and maps: filters, caption, name, class."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import KIND_OF, Kind, Landscape
from sphinx_learnscape.data.query import FILTER_OPTIONS, Filter
from sphinx_learnscape.sphinxext.deps import note_shows
from sphinx_learnscape.sphinxext.state import get_config, get_landscape
from sphinx_learnscape.sphinxext.warning import warn


def id_list(argument: str | None) -> tuple[str, ...]:
    """``a, b c`` -> ("a", "b", "c"): commas and/or spaces separate."""
    if not argument:
        return ()
    parts = [p.strip() for chunk in argument.split(",") for p in chunk.split()]
    return tuple(dict.fromkeys(p for p in parts if p))


FILTER_SPEC: dict[str, Callable[[str], Any]] = {name: id_list for name in FILTER_OPTIONS}
COMMON_SPEC: dict[str, Callable[[str], Any]] = {
    "caption": directives.unchanged_required,
    "name": directives.unchanged,
    "class": directives.class_option,
}


def warn_no_data(directive: SphinxDirective) -> bool:
    """A ``config`` warning at the directive when ``learnscape_files`` names no data; whether it did.

    Without it an empty map or table would pass ``-W`` silently.
    """
    if get_config(directive.env).files:
        return False
    warn(
        f"{directive.name}: learnscape_files names no data files in conf.py, so there is nothing to show",
        Subtype.CONFIG,
        directive.get_location(),
    )
    return True


#: filter option -> the kind whose ids it lists (``:tags:`` lists free text)
_FILTERED_KINDS: dict[str, Kind] = {plural: kind for plural, kind in KIND_OF.items()}


class LandscapeDirective(SphinxDirective):
    """Base of every directive that shows a selection of the landscape."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {**FILTER_SPEC, **COMMON_SPEC}

    @property
    def landscape(self) -> Landscape:
        return get_landscape(self.env)

    @property
    def language(self) -> str:
        return get_config(self.env).language

    def warn(self, message: str, subtype: Subtype = Subtype.REF) -> None:
        warn(message, subtype, self.get_location())

    def selection(self) -> Filter:
        """The filter options, with unknown ids warned about and dropped.

        An option whose ids are all unknown keeps one impossible id, so the
        directive shows nothing rather than everything.
        """
        no_data = warn_no_data(self)
        values: dict[str, tuple[str, ...]] = {}
        for option in FILTER_OPTIONS:
            given = self.options.get(option, ())
            kind = _FILTERED_KINDS.get(option)
            if kind is None or not given:
                values[option] = given
                continue
            known = tuple(i for i in given if self.landscape.get(kind, i) is not None)
            # Known or not: when an id given here appears, changes or goes,
            # this page must be read again.
            note_shows(self.env, [(kind, i) for i in given])
            for ident in given:
                if ident not in known and not no_data:  # without data, the cause was named
                    self.warn(f"{self.name}: :{option}: names unknown {kind} {ident!r}")
            values[option] = known or ("\0none",)
        return Filter(**values)

    def caption(self, node_class: type[nodes.TextElement]) -> nodes.TextElement | None:
        """``:caption:`` parsed as inline markup, as a table ``title`` or a figure ``caption``."""
        text = self.options.get("caption")
        if not text:
            return None
        parsed, messages = self.state.inline_text(text, self.lineno)
        node = node_class(text, "", *parsed, *messages)
        self.set_source_info(node)
        return node

    def finish(self, node: nodes.Element, table_kind: str) -> None:
        """Classes, ``:name:`` for references, and the CSS hooks of docs/directives.rst."""
        node["classes"] += ["learnscape-table", f"learnscape-{table_kind}", *self.options.get("class", [])]
        self.add_name(node)
