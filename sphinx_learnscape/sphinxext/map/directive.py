"""The ``learnscape:map`` directive.

While a page is read, the directive makes the map's DOT (with placeholder
URLs, since homes are known only later), hands it to the map cache
(:mod:`.cache`: stored once, drawn on a thread) and makes its text
alternative (an outline whose entries link home). The writers live in
:mod:`.writers`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import KINDS
from sphinx_learnscape.sphinxext.deps import doc_record, note_selection, note_shows
from sphinx_learnscape.sphinxext.i18n import translate
from sphinx_learnscape.sphinxext.map.cache import dot_digest
from sphinx_learnscape.sphinxext.map.nodes import (
    PLACEHOLDER_RE,
    learnscape_map,
    learnscape_map_text,
    map_label,
    placeholder_url,
)
from sphinx_learnscape.sphinxext.map.textalt import outline, refs_in
from sphinx_learnscape.sphinxext.options import LandscapeDirective, id_list
from sphinx_learnscape.sphinxext.state import get_build

if TYPE_CHECKING:
    from sphinx_learnscape.render.options import Coloring, Layout, MapOptions


def page_token(docname: str) -> str:
    """The page's part of a map's id: unique across the site, not only the page.

    singlehtml and LaTeX put every page into one document, so ``a_b``,
    ``a-b`` and ``a/b`` must not meet: every character other than ASCII
    letters, digits and ``-`` is written as ``_{hex}_``.
    """
    return "".join(c if c.isascii() and (c.isalnum() or c == "-") else f"_{ord(c):x}_" for c in docname)


class MapDirective(LandscapeDirective):
    """``.. learnscape:map::``: filters, ``:show:``, ``:layout:``, ``:focus:``, ``:depth:``, ``:alt:``."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **LandscapeDirective.option_spec,
        "show": id_list,
        "layout": directives.unchanged,
        "focus": directives.unchanged_required,
        "depth": directives.unchanged_required,
        "alt": directives.unchanged,
        "color": directives.unchanged,
    }

    def focus(self) -> str | None:
        """The ``:focus:`` id, or None (also when it names nothing: a ``ref`` warning, the whole map)."""
        from sphinx_learnscape.render.focus import focus_known

        focus = (self.options.get("focus") or "").strip()
        if not focus:
            return None
        if not focus_known(self.landscape, focus):
            self.warn(f"{self.name}: :focus: names no form, tool, thinker or zone {focus!r}", Subtype.REF)
            return None
        return focus

    def depth(self) -> int:
        text = (self.options.get("depth") or "1").strip()
        if text.isdigit():
            return int(text)
        self.warn(f"{self.name}: :depth: is a number of links (0, 1, 2, ...), not {text!r}", Subtype.OPTION)
        return 1

    def show(self) -> frozenset[str]:
        from sphinx_learnscape.render.options import SHOW_PARTS

        asked = self.options.get("show") or SHOW_PARTS
        for part in asked:
            if part not in SHOW_PARTS:
                choices = ", ".join(SHOW_PARTS)
                message = f"{self.name}: unknown part {part!r} in :show:; choose from {choices}"
                self.warn(message, Subtype.OPTION)
        return frozenset(p for p in asked if p in SHOW_PARTS) or frozenset(SHOW_PARTS)

    def layout(self) -> Layout:
        layout = (self.options.get("layout") or "LR").strip().upper()
        if layout == "TB":
            return "TB"
        if layout != "LR":
            self.warn(
                f"{self.name}: :layout: is LR (zones left to right) or TB, not {layout!r}", Subtype.OPTION
            )
        return "LR"

    def color(self) -> Coloring:
        color = (self.options.get("color") or "zones").strip().lower()
        if color == "evidence":
            return "evidence"
        if color != "zones":
            self.warn(
                f"{self.name}: :color: is zones (the default) or evidence, not {color!r}", Subtype.OPTION
            )
        return "zones"

    def run(self) -> list[nodes.Node]:
        # Loaded here, not at import: a build whose maps are all up to date
        # never needs the DOT writer.
        from sphinx_learnscape.render.dot import map_dot
        from sphinx_learnscape.render.options import MapOptions
        from sphinx_learnscape.render.textalt import aria_summary

        selection = self.selection()
        record = doc_record(self.env)
        number = f"{page_token(self.env.docname)}-{len(record.maps) + 1}"
        focus = self.focus()
        options = MapOptions(
            selection=selection,
            show=self.show(),
            layout=self.layout(),
            focus=focus,
            depth=self.depth(),
            color=self.color(),
            id_prefix=f"learnscape-map-{number}",
        )
        note_selection(self.env, KINDS, selection)
        if not selection.zones:
            # Every zone is a column, filtered map or not: a new zone shows.
            record.kinds.add("zone")
        if focus is not None:
            # Any form's links may bring it into the neighbourhood, or take it out.
            record.kinds.add("form")
        dot = map_dot(self.landscape, options, language=self.language, url_for=placeholder_url)
        note_shows(self.env, [(m.group(1), m.group(2)) for m in PLACEHOLDER_RE.finditer(dot)])
        # The DOT goes to the map cache once; record and node keep its digest.
        # The renderer is made at env-get-outdated, before any page is read;
        # without one the map is reported undrawn (no DOT in the cache).
        renderer = get_build(self.env).renderer
        digest = dot_digest(dot)
        record.maps.append((digest, self.lineno))

        node = learnscape_map(
            "",
            digest=digest,
            alt=self.options.get("alt", ""),
            map_id=options.id_prefix,
        )
        node["classes"] += ["learnscape-map", *self.options.get("class", [])]
        node["summary"] = aria_summary(self.landscape, options, self.language)
        if renderer is not None and renderer.store(dot, digest):
            renderer.start(digest, dot, options.id_prefix, map_label(node) or None)
        self.set_source_info(node)
        # The caption comes last: HTML wants a figcaption first or last.
        node += self.text_alternative(options)
        caption = self.caption(nodes.caption)
        if caption is not None:
            node += caption
        self.add_name(node)
        return [node]

    def text_alternative(self, options: MapOptions) -> learnscape_map_text:
        """The text alternative as an outline on its node: lists are made when written (:mod:`.textalt`)."""
        from sphinx_learnscape.render.textalt import text_alternative

        entries = text_alternative(self.landscape, options, self.language)
        items = outline(entries, self.language)
        note_shows(self.env, refs_in(items))
        container = learnscape_map_text(classes=["learnscape-map-text"], outline=items)
        container["summary"] = translate("Text version of the map", self.language)
        return container
