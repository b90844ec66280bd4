"""How each builder shows a map.

* HTML (and EPUB): ``<figure class="learnscape-map">`` with the SVG inline —
  never ``<object>``/``<img>``, so nodes are real links that work in html,
  dirhtml, singlehtml and subfolders — or a PNG with a client-side image
  map; then the text alternative in ``<details>`` and the caption.
* LaTeX: the map as a PDF vector graphic in a figure, when the engine can
  make PDF; otherwise the text alternative.
* text, man, texinfo and the rest: caption and text alternative, put in the
  map's place at ``doctree-resolved`` so those writers never meet the node.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import ensuredir

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.sphinxext.i18n import N_, translate
from sphinx_learnscape.sphinxext.labels import label_node
from sphinx_learnscape.sphinxext.links import home_uri
from sphinx_learnscape.sphinxext.map.cache import get_renderer
from sphinx_learnscape.sphinxext.map.nodes import (
    PLACEHOLDER_RE,
    learnscape_map,
    learnscape_map_text,
    map_label,
)
from sphinx_learnscape.sphinxext.map.textalt import outline_html, outline_nodes
from sphinx_learnscape.sphinxext.warning import warn

STATIC_DIR = Path(__file__).resolve().parent.parent.parent / "static"
CSS_FILE = "learnscape.css"
#: Zoom, pan and full screen (progressive enhancement: without it the map scrolls).
JS_FILE = "learnscape-map.js"
IMAGE_DIR = "_images"

_HREF = re.compile(r'\s(?:xlink:)?href="(learnscape-home:[^"]*)"')


def _link(builder: Any, fromdoc: str, placeholder: str) -> str | None:
    match = PLACEHOLDER_RE.fullmatch(placeholder)
    if match is None:
        return None
    return home_uri(builder, fromdoc, match.group(1), match.group(2))


def resolve_svg_links(svg: str, builder: Any, fromdoc: str) -> str:
    """Placeholder hrefs become relative URLs; a homeless node loses its link."""

    return _HREF.sub(lambda m: _href_attribute(m, _link(builder, fromdoc, html.unescape(m.group(1)))), svg)


def _href_attribute(match: re.Match[str], url: str | None) -> str:
    """The matched ``href="placeholder"`` with the real URL, or nothing (no home)."""
    if url is None:
        return ""
    attribute = match.group(0).split("=", 1)[0]
    return f'{attribute}="{html.escape(url, quote=True)}"'


def _is_fallback(node: learnscape_map) -> bool:
    return bool(node.get("learnscape_fallback"))


# -- HTML ------------------------------------------------------------------------


def visit_map_html(self: Any, node: learnscape_map) -> None:
    builder = self.builder
    renderer = get_renderer(builder)
    fmt = renderer.formats[0] if renderer.formats else "svg"
    fromdoc = builder.current_docname
    label = map_label(node)
    attrs: dict[str, str] = {}
    if label:
        attrs["aria-label"] = label
    classes = ["learnscape-map"]
    picture = ""
    svg = _inline(renderer, node, label) if fmt == "svg" else None
    result = renderer.get(node["digest"], fmt) if fmt != "svg" else None
    if svg is not None:
        picture = resolve_svg_links(svg, builder, fromdoc)
    elif result is not None and fmt == "png":
        picture = _png(self, node, result, renderer.key(node["digest"], fmt), label, fromdoc)
    else:
        node["learnscape_fallback"] = True
        classes.append("learnscape-map-fallback")
    self.body.append(self.starttag(node, "figure", "", CLASS=" ".join(classes), **attrs))
    if picture and fmt == "svg" and _scripted(builder):
        self.body.append(_controls(node["map_id"], _language(builder)))
    if picture:
        self.body.append(
            f'<div class="learnscape-map-picture" id="{node["map_id"]}-picture">{picture}</div>\n'
        )


def _inline(renderer: Any, node: learnscape_map, label: str) -> str | None:
    """The map's SVG ready to inline, or None (a warning if Graphviz gave no SVG)."""
    from sphinx_learnscape.render.svg import SvgError

    try:
        svg: str | None = renderer.inline(node["digest"], node["map_id"], label or None)
    except SvgError as exc:
        warn(f"the map could not be drawn: {exc}; the text alternative is shown", Subtype.GRAPHVIZ, node)
        return None
    return svg


#: The map's buttons: (action, visible sign, accessible name, key), in toolbar order.
CONTROLS = (
    ("in", "+", N_("Zoom in"), "+"),
    ("out", "\u2212", N_("Zoom out"), "-"),
    ("reset", "1:1", N_("Reset zoom"), "0"),
    # No sign: fonts lack one that reads as "full screen" everywhere.
    ("full", "", N_("Full screen"), ""),
)
#: The buttons' group.
CONTROLS_NAME = N_("Map controls")
#: The picture's name once the script makes it focusable: which keys work there.
KEYS_HINT = N_("Map: + and - zoom, 0 resets, arrow keys move")


def _scripted(builder: Any) -> bool:
    """Whether pages of this builder get the map's script: HTML yes, EPUB never."""
    return builder.format == "html" and not builder.name.startswith("epub")


def _language(builder: Any) -> str:
    return str(builder.config.learnscape_language or builder.config.language or "en")


def _controls(map_id: str, language: str) -> str:
    """The map's buttons, ``hidden`` until the script shows them (no script: no dead buttons)."""
    buttons = []
    for action, sign, name, key in CONTROLS:
        label = html.escape(translate(name, language), quote=True)
        # A sign is named by aria-label; a word names itself. Full screen is a toggle.
        named = f' aria-label="{label}" title="{label} ({key})"' if sign else ""
        pressed = ' aria-pressed="false"' if action == "full" else ""
        buttons.append(
            f'<button type="button" class="learnscape-map-button" data-learnscape-action="{action}"'
            f"{named}{pressed}>{sign or label}</button>"
        )
    name = html.escape(translate(CONTROLS_NAME, language), quote=True)
    hint = html.escape(translate(KEYS_HINT, language), quote=True)
    return (
        f'<div class="learnscape-map-controls" role="group" aria-label="{name}"'
        f' aria-controls="{map_id}-picture" data-learnscape-keys="{hint}" hidden="hidden">'
        + "".join(buttons)
        + "</div>\n"
    )


def _png(self: Any, node: learnscape_map, result: Any, key: str, label: str, fromdoc: str) -> str:
    builder = self.builder
    name = f"learnscape-map-{key}.png"
    target = Path(builder.outdir) / IMAGE_DIR / name
    ensuredir(str(target.parent))
    if not target.exists():
        target.write_bytes(result.data)
    from sphinx_learnscape.render.svg import image_map

    map_name = f"{node['map_id']}-imagemap"
    area_map = image_map(result.cmapx or "<map/>", name=map_name, id_prefix=node["map_id"])
    area_map = _HREF.sub(
        lambda m: _href_attribute(m, _link(builder, fromdoc, html.unescape(m.group(1)))), area_map
    )
    alt = html.escape(label or "", quote=True)
    # imgpath: the page's own way to _images (differs in dirhtml and subfolders)
    src = f"{builder.imgpath}/{name}"
    return f'<img src="{html.escape(src)}" usemap="#{map_name}" alt="{alt}" />\n{area_map}'


def depart_map_html(self: Any, node: learnscape_map) -> None:
    if any(isinstance(child, nodes.caption) for child in node.children):
        # docutils leaves <figcaption> open for a legend; its depart_figure
        # would close it, but ours replaces that.
        self.body.append("</figcaption>\n")
    self.body.append("</figure>\n")


def visit_map_text_html(self: Any, node: learnscape_map_text) -> None:
    parent = node.parent
    open_ = " open" if isinstance(parent, learnscape_map) and _is_fallback(parent) else ""
    ident = f' id="{parent["map_id"]}-text"' if isinstance(parent, learnscape_map) else ""
    summary = html.escape(node.get("summary", ""))
    self.body.append(f'<details class="learnscape-map-text"{ident}{open_}><summary>{summary}</summary>\n')
    builder, fromdoc = self.builder, self.builder.current_docname
    self.body.append(
        outline_html(node.get("outline", ()), lambda kind, ident: home_uri(builder, fromdoc, kind, ident))
    )
    self.body.append("</details>\n")
    raise nodes.SkipNode


def depart_map_text_html(self: Any, node: learnscape_map_text) -> None:
    pass  # never called: the visitor writes the whole element


# -- LaTeX -----------------------------------------------------------------------


def visit_map_latex(self: Any, node: learnscape_map) -> None:
    builder = self.builder
    renderer = get_renderer(builder)
    result = renderer.get(node["digest"], "pdf")
    if result is None:
        # Shown as text instead: the caption as a paragraph (a \caption needs a float).
        node["learnscape_fallback"] = True
        _to_text(node)
        self.body.append("\n" + self.hypertarget_to(node))
        return
    name = f"learnscape-map-{renderer.key(node['digest'], 'pdf')}.pdf"
    target = Path(builder.outdir) / name
    if not target.exists():
        target.write_bytes(result.data)
    self.body.append("\n\\begin{figure}[htbp]\n\\centering\n")
    if not any(isinstance(child, nodes.caption) for child in node.children):
        # With a caption, Sphinx's depart_caption writes the label itself.
        self.body.append(self.hypertarget_to(node))
    self.body.append(
        f"\\sphinxincludegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]{{{name}}}\n"
    )


def depart_map_latex(self: Any, node: learnscape_map) -> None:
    if not _is_fallback(node):
        self.body.append("\\end{figure}\n")


def visit_map_text_latex(self: Any, node: learnscape_map_text) -> None:
    if isinstance(node.parent, learnscape_map) and not _is_fallback(node.parent):
        raise nodes.SkipNode


def depart_map_text_latex(self: Any, node: learnscape_map_text) -> None:
    pass


def visit_passthrough(self: Any, node: nodes.Element) -> None:
    pass


def depart_passthrough(self: Any, node: nodes.Element) -> None:
    pass


def _to_text(node: learnscape_map) -> None:
    """Caption as an emphasised paragraph: what non-picture outputs show."""
    for caption in list(node.findall(nodes.caption)):
        if caption.parent is node:
            para = nodes.paragraph("", "", nodes.emphasis("", "", *caption.children), classes=["caption"])
            node.replace(caption, para)


def expand_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every builder but HTML gets the text alternative as lists, with resolved links (``doctree-resolved``).

    Builders without a map picture then get the caption and text
    alternative in the map's place; LaTeX keeps the map node and shows the
    list only when no picture could be drawn.
    """
    builder = app.builder
    if builder.format == "html":
        return
    domain: Any = app.env.get_domain("learnscape")

    def ref(kind: str, ident: str, label: str) -> nodes.Node:
        contnode = label_node(label, kind)
        return domain._resolve(builder, docname, kind, ident, contnode) or contnode

    for text in doctree.findall(learnscape_map_text):
        if not text.children:
            text += outline_nodes(text.get("outline", ()), ref)
    if builder.format == "latex":
        return
    for node in list(doctree.findall(learnscape_map)):
        _to_text(node)
        container = nodes.container("", classes=["learnscape-map", "learnscape-map-fallback"])
        container["ids"] = list(node["ids"])
        for child in node.children:
            if isinstance(child, learnscape_map_text):
                container.extend(child.children)
            else:
                container += child
        node.replace_self(container)


# -- CSS -------------------------------------------------------------------------


def add_static_path(app: Sphinx, config: Any) -> None:
    """Our stylesheet's folder, at ``config-inited``.

    Later (at ``builder-inited``) the change would be pickled with the
    environment and every next build would report a changed configuration.
    """
    path = str(STATIC_DIR)
    if path not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, path]


def add_css(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The stylesheet only on pages that show landscape output; the map's script only with a map.

    The script is deferred (it only enhances maps already on the page) and
    never goes to EPUB, whose pages stay script-free XHTML.
    """
    if doctree is None:
        return
    has_map = any(True for _ in doctree.findall(learnscape_map))
    if has_map or any("learnscape-table" in node.get("classes", ()) for node in doctree.findall(nodes.table)):
        app.add_css_file(CSS_FILE)
    if has_map and _scripted(app.builder):
        app.add_js_file(JS_FILE, loading_method="defer")
