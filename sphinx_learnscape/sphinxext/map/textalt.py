"""The map's text alternative in a page: an outline kept on the node, written late.

While a page is read the directive turns :func:`~sphinx_learnscape.render.textalt.text_alternative`
into an :data:`Outline` — plain tuples of words and object references, in the
map's language — and keeps it on the :class:`~.nodes.learnscape_map_text` node.
No docutils list is built then: a 50-form map's list is some 700 nodes and 200
cross-references that every transform, pickle and resolver pass would walk.

* HTML writes the outline straight out (:func:`outline_html`), linking each
  object home as a resolved cross-reference would;
* LaTeX and the other builders get real docutils lists with resolved
  references (:func:`outline_nodes`) at ``doctree-resolved``.

Both read the same outline, so every output says the same.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_learnscape.render.messages import message
from sphinx_learnscape.sphinxext.i18n import N_, translate

if TYPE_CHECKING:  # the map's own modules load when a map is read, not with the extension
    from sphinx_learnscape.render.textalt import ZoneEntry

#: An object named in the text: (kind, id, label).
Ref = tuple[str, str, str]
#: A line of the outline: words and objects in order.
Line = tuple["str | Ref", ...]
#: An entry with its line and the entries under it.
Item = tuple[Line, tuple["Item", ...]]
Outline = tuple[Item, ...]

WITH = {"tool": N_("tools"), "thinker": N_("thinkers")}
ORIENTATION_BANDS = {
    "learning": N_("Learning (knowledge)"),
    "performance": N_("Performance support (information)"),
}
NONE = N_("none")


def outline(entries: list[ZoneEntry], language: str) -> Outline:
    """Zones -> their two bands -> forms with tools, thinkers and links.

    It says what the picture says, empty cells included.
    """

    def t(text: str) -> str:
        return translate(text, language)

    def refs(kind: str, idents: tuple[str, ...], labels: tuple[str, ...], prefix: str) -> list[str | Ref]:
        if not idents:
            return []
        out: list[str | Ref] = [f"{prefix}{t(WITH[kind])}: "]
        for index, (ident, label) in enumerate(zip(idents, labels, strict=True)):
            if index:
                out.append(", ")
            out.append((kind, ident, label))
        return out

    zones: list[Item] = []
    for zone in entries:
        head: list[str | Ref] = [("zone", zone.id, zone.label) if zone.id is not None else zone.label]
        if zone.band_label:
            head.append(f" ({zone.band_label})")
        head += refs("tool", zone.tools, zone.tool_labels, " — ")
        head += refs("thinker", zone.thinkers, zone.thinker_labels, "; ")
        bands: list[Item] = []
        for band, forms in (("learning", zone.learning), ("performance", zone.performance)):
            if not zone.forms and (zone.tools or zone.thinkers):
                break  # forms hidden by :show:
            listed: list[Item] = []
            for form in forms:
                line: list[str | Ref] = [("form", form.id, form.label)]
                if form.evidence:
                    # the map's own word (render/messages.py), as on the picture's legend
                    line.append(f" ({message('text.evidence', language)}: {form.evidence})")
                line += refs("tool", form.tools, form.tool_labels, " — ")
                line += refs("thinker", form.thinkers, form.thinker_labels, "; ")
                for link in form.links:
                    line.append(f"; → {link.label + ': ' if link.label else ''}")
                    line.append(("form", link.target, link.target_label))
                listed.append((_joined(line), ()))
            band_line = f"{t(ORIENTATION_BANDS[band])}: " + ("" if forms else t(NONE))
            bands.append(((band_line,), tuple(listed)))
        zones.append((_joined(head), tuple(bands)))
    return tuple(zones)


def _joined(line: list[str | Ref]) -> Line:
    """Neighbouring words as one string: fewer pieces to store and write."""
    out: list[str | Ref] = []
    for piece in line:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        elif piece != "":
            out.append(piece)
    return tuple(out)


def refs_in(items: Outline) -> Iterator[tuple[str, str]]:
    """Every (kind, id) the outline names: what its page shows."""
    for line, children in items:
        for piece in line:
            if not isinstance(piece, str):
                yield piece[0], piece[1]
        yield from refs_in(children)


# -- HTML --------------------------------------------------------------------------


def outline_html(items: Outline, link: Callable[[str, str], str | None]) -> str:
    """The outline as nested ``<ul>``; ``link(kind, id)`` is an object's URL, or None (no home).

    The markup is that of a resolved cross-reference around a label
    (:mod:`..labels`), so styles and scripts see one kind of link.
    """
    out: list[str] = []
    _list_html(items, link, out, ' class="learnscape-map-zones simple"')
    return "".join(out)


def _list_html(items: Outline, link: Callable[[str, str], str | None], out: list[str], attrs: str) -> None:
    out.append(f"<ul{attrs}>\n")
    for line, children in items:
        out.append("<li><p>")
        for piece in line:
            out.append(html.escape(piece, quote=False) if isinstance(piece, str) else _ref_html(piece, link))
        out.append("</p>")
        if children:
            out.append("\n")
            _list_html(children, link, out, "")
        out.append("</li>\n")
    out.append("</ul>\n")


def _ref_html(ref: Ref, link: Callable[[str, str], str | None]) -> str:
    kind, ident, label = ref
    text = html.escape(label, quote=False)
    span = f'<span class="learnscape-ref learnscape-ref-{kind}" dir="auto">{text}</span>'
    url = link(kind, ident)
    if url is None:
        return span
    return (
        f'<a class="reference internal" href="{html.escape(url, quote=True)}"'
        f' title="{html.escape(label, quote=True)}">{span}</a>'
    )


# -- docutils ----------------------------------------------------------------------


def outline_nodes(items: Outline, ref: Callable[[str, str, str], nodes.Node]) -> nodes.bullet_list:
    """The outline as docutils lists; ``ref(kind, id, label)`` makes each object's link."""
    return _list_nodes(items, ref, ["learnscape-map-zones"])


def _list_nodes(
    items: Outline, ref: Callable[[str, str, str], nodes.Node], classes: list[str]
) -> nodes.bullet_list:
    listed = nodes.bullet_list(classes=classes)
    for line, children in items:
        para = nodes.paragraph()
        for piece in line:
            para += nodes.Text(piece) if isinstance(piece, str) else ref(*piece)
        item = nodes.list_item("", para)
        if children:
            item += _list_nodes(children, ref, [])
        listed += item
    return listed
