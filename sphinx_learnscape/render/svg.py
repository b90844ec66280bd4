"""Graphviz's SVG and image maps made fit for a page: inlinable, unique ids, human titles.

Graphviz output is regular, but it carries our (escaped) data, so it is
rewritten with an XML parser, never with text substitution. Link targets
(``href``) are copied byte for byte: placeholder URLs that a caller replaces
later pass through unchanged.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_XLINK_TITLE = f"{{{XLINK_NS}}}title"
_G = f"{{{SVG_NS}}}g"
_A = f"{{{SVG_NS}}}a"
_TITLE = f"{{{SVG_NS}}}title"
_POLYGON = f"{{{SVG_NS}}}polygon"
_TEXT = f"{{{SVG_NS}}}text"
_PATH = f"{{{SVG_NS}}}path"
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_POINTS = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?)\s*(pt|px)?\s*")
#: The smallest text a shrunk map may show, in CSS pixels: below this the
#: picture stops shrinking and its figure scrolls sideways instead.
MIN_TEXT_PX = 9.0

# Serialise with the usual prefixes instead of ns0/ns1 (a process-wide, idempotent table).
ET.register_namespace("xlink", XLINK_NS)


class SvgError(ValueError):
    """The engine's output is not the SVG or image map expected."""


def _parse(data: bytes | str) -> ET.Element:
    try:
        # expat reads no external DTD; comments and the prolog are dropped here.
        return ET.fromstring(data.encode("utf-8") if isinstance(data, str) else data)
    except ET.ParseError as exc:
        raise SvgError(f"Graphviz output is not well-formed XML: {exc}") from exc


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def _human_titles(root: ET.Element) -> None:
    """Replace each ``<title>`` (Graphviz puts the DOT node name there) with the label.

    Every object of the map has a tooltip whose first line is its label; an
    object without one (a legend dot) loses its title rather than show a DOT name.
    """
    for group in root.iter(_G):
        if not _classes(group) & {"node", "edge", "cluster"}:
            continue
        title = group.find(_TITLE)
        if title is None:
            continue
        anchor = next((a for a in group.iter(_A) if a.get(_XLINK_TITLE)), None)
        if anchor is None:
            group.remove(title)
        else:
            title.text = _first_line(anchor.get(_XLINK_TITLE, ""))


def _plain_hrefs(root: ET.Element) -> None:
    """Add SVG 2's ``href`` beside ``xlink:href``; the value is copied unchanged."""
    for anchor in root.iter(_A):
        href = anchor.get(_XLINK_HREF)
        if href is not None:
            anchor.set("href", href)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Give every id the map's prefix, so several maps can share a page.

    Ids we set already start with it; Graphviz's own (``node3``, ``a_<id>``
    around links) get it. References by ``url(#...)`` follow; hrefs are never
    touched, since ``#...`` there is a link into the page, not into the SVG.
    """
    renamed: dict[str, str] = {}
    for element in root.iter():
        old = element.get("id")
        # Graphviz 16 names unnamed objects "<graph id>_node3": already prefixed.
        if old is None or old == prefix or old.startswith((f"{prefix}-", f"{prefix}_")):
            continue
        if old.startswith("a_") and old[2:].startswith(f"{prefix}-"):
            new = f"{old[2:]}-a"
        else:
            new = f"{prefix}-{old}"
        renamed[old] = new
        element.set("id", new)
    if not renamed:
        return
    for element in root.iter():
        for key, value in element.attrib.items():
            if "url(#" in value and key != "href" and key != _XLINK_HREF:
                element.set(
                    key, _URL_REF.sub(lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value)
                )


def _edge_labels_on_top(root: ET.Element) -> None:
    """Draw the labels of edges after every node, so that no box hides one.

    Graphviz draws edges first (``outputorder=edgesfirst``: lines pass under
    boxes) and an edge's label with it; an ``xlabel`` placed near a box then
    vanishes under it. Each label moves, with its link and tooltip, into a
    group at the end of the drawing that carries its edge's classes (minus
    ``edge``), so styles still find it.
    """
    graph = root.find(_G)
    if graph is None:
        return
    moved = []
    for edge in graph.findall(_G):
        classes = edge.get("class", "").split()
        if "edge" not in classes:
            continue
        labels = [
            child
            for child in edge
            if child.tag == _TEXT
            or (
                child.tag == _G
                and child.find(f".//{_TEXT}") is not None
                and child.find(f".//{_PATH}") is None
            )
        ]
        if not labels:
            continue
        wrapper = ET.Element(_G, {"class": " ".join(c for c in classes if c != "edge") + " learnscape-label"})
        for label in labels:
            edge.remove(label)
            wrapper.append(label)
        moved.append(wrapper)
    graph.extend(moved)


def _root_title(root: ET.Element, title: str | None) -> None:
    graph = root.find(_G)
    if graph is None:
        return
    old = graph.find(_TITLE)
    if old is not None:
        graph.remove(old)
    if title:
        new = ET.Element(_TITLE)
        new.text = title
        graph.insert(0, new)
    # The page background: themes recolour it (dark mode) by this class.
    for polygon in graph.findall(_POLYGON)[:1]:
        polygon.set("class", "learnscape-background")


def _serialise(root: ET.Element) -> str:
    """The tree as text with SVG as the default namespace.

    ElementTree cannot combine a default namespace with plain attribute
    names, so SVG tags are written unqualified under an explicit ``xmlns``.
    """
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{SVG_NS}}}"):
            element.tag = element.tag[len(SVG_NS) + 2 :]
    root.set("xmlns", SVG_NS)
    return ET.tostring(root, encoding="unicode")


def _fix(data: bytes | str, title: str | None) -> ET.Element:
    root = _parse(data)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgError(f"expected an <svg> document, got <{root.tag}>")
    _human_titles(root)
    _edge_labels_on_top(root)
    _plain_hrefs(root)
    _root_title(root, title)
    return root


def inline_svg(data: bytes | str, *, id_prefix: str | None = None, title: str | None = None) -> str:
    """SVG text to put straight into HTML.

    - no XML prolog, DOCTYPE or comments;
    - every ``id`` starts with ``id_prefix`` (Graphviz's own ids are renamed);
      by default the map's own, :attr:`MapOptions.id_prefix`, read from the graph;
    - each node, edge and zone's ``<title>`` is its label; the picture's
      ``<title>`` is ``title`` (or absent);
    - edges' labels are drawn last, above every box;
    - every ``<a xlink:href>`` also has ``href``, with the same value, byte for byte;
    - no fixed size: ``viewBox`` stays and ``style`` caps the width at the
      natural size, so the map shrinks with the page, but never so far that
      its smallest text falls below :data:`MIN_TEXT_PX` (a ``min-width``).
    """
    root = _fix(data, title)
    graph = root.find(_G)
    prefix = id_prefix or (graph.get("id") if graph is not None else None) or "learnscape-map"
    _prefix_ids(root, prefix)
    width = root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("style", _sizing(root, width))
    root.set("class", "learnscape-map-svg")
    return _serialise(root)


def _pixels(length: str | None) -> float | None:
    """A Graphviz width (``"940pt"``) in CSS pixels; None if unreadable."""
    match = _POINTS.fullmatch(length or "")
    if match is None:
        return None
    value = float(match.group(1))
    return value if match.group(2) == "px" else value * 4 / 3


def _sizing(root: ET.Element, width: str | None) -> str:
    """Shrink with the page down to where the smallest text is :data:`MIN_TEXT_PX`.

    ``max-width`` is the natural size, ``width: 100%`` follows the column, and
    ``min-width`` keeps every label readable: a wider map scrolls in its figure.
    """
    if not width:
        return "height: auto;"
    style = f"max-width: {width}; width: 100%; height: auto;"
    natural = _pixels(width)
    try:
        units = float(root.get("viewBox", "").split()[2])
    except (IndexError, ValueError):
        return style
    sizes = []
    for text in root.iter(_TEXT):
        try:
            sizes.append(float(text.get("font-size", "")))
        except ValueError:
            continue
    if natural and units > 0 and sizes and min(sizes) > 0:
        # The smallest text, in pixels, at the natural size.
        smallest = min(sizes) * natural / units
        if smallest > MIN_TEXT_PX:
            style += f" min-width: {natural * MIN_TEXT_PX / smallest:.0f}px;"
    return style


def standalone_svg(data: bytes | str, *, title: str | None = None) -> bytes:
    """An SVG file: size and ids as Graphviz made them, human titles, ``href`` added."""
    root = _fix(data, title)
    body = _serialise(root)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode("utf-8")


def image_map(cmapx: str, *, name: str, id_prefix: str) -> str:
    """Graphviz's ``<map>`` for a png, named ``name`` (for ``usemap="#name"``).

    Area ids get ``id_prefix``; an area's empty ``alt`` becomes the first line
    of its title (its label), so that screen readers name each link.
    """
    # Graphviz writes a title's line breaks raw here, which XML would read as
    # spaces; as character references they survive (and between tags are harmless).
    root = _parse(cmapx.strip().replace("\r", "").replace("\n", "&#10;"))
    if root.tag != "map":
        raise SvgError(f"expected a <map>, got <{root.tag}>")
    root.set("id", name)
    root.set("name", name)
    for area in root.iter("area"):
        old = area.get("id")
        if old and not old.startswith(f"{id_prefix}-"):
            area.set("id", f"{id_prefix}-{old}")
        if not area.get("alt"):
            area.set("alt", _first_line(area.get("title", "")))
    return ET.tostring(root, encoding="unicode")
