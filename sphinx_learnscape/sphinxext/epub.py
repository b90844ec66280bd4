"""EPUB 3: every page that shows an inline SVG says so in the package document.

EPUB 3 requires ``properties="svg"`` on the manifest item of each XHTML
page that holds an ``<svg>`` element (epubcheck: OPF-014). Sphinx's epub
builder never writes that property, and writes ``content.opf`` and zips the
book in one step (``handle_finish``) with no event in between, so the
builder's ``build_content`` is wrapped: once it has written ``content.opf``,
the pages are read back and their items marked, before the book is zipped.
Every page with inline SVG is marked, whoever drew it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from sphinx.application import Sphinx

PACKAGE_DOCUMENT = "content.opf"
XHTML = "application/xhtml+xml"

_ITEM = re.compile(r"<item\b[^>]*>")
_ATTRIBUTE = re.compile(r'\s([a-zA-Z:-]+)="([^"]*)"')
#: An SVG start tag; in XHTML text a literal "<" is always escaped, so this
#: finds elements only.
_SVG_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]")


def add_svg_properties(opf: str, has_svg: Callable[[str], bool]) -> str:
    """``opf`` with ``svg`` added to the ``properties`` of each XHTML item for which ``has_svg(href)``.

    ``href`` is given as the file's path relative to the package document
    (unescaped, unquoted). Items that already carry the property are left
    as they are.
    """

    def mark(match: re.Match[str]) -> str:
        item = match.group(0)
        attributes = dict(_ATTRIBUTE.findall(item))
        if attributes.get("media-type") != XHTML or "href" not in attributes:
            return item
        properties = html.unescape(attributes.get("properties", "")).split()
        if "svg" in properties or not has_svg(unquote(html.unescape(attributes["href"]))):
            return item
        if "properties" in attributes:
            value = html.escape(" ".join([*properties, "svg"]), quote=True)
            return re.sub(r'\sproperties="[^"]*"', f' properties="{value}"', item, count=1)
        end = -2 if item.endswith("/>") else -1
        return f'{item[:end].rstrip()} properties="svg"{item[end:]}'

    return _ITEM.sub(mark, opf)


def page_has_svg(outdir: Path) -> Callable[[str], bool]:
    """A test for :func:`add_svg_properties`: does this page of ``outdir`` hold an ``<svg>``?"""

    def has_svg(href: str) -> bool:
        try:
            return _SVG_TAG.search((outdir / href).read_bytes()) is not None
        except OSError:  # a manifest entry without its file is Sphinx's concern
            return False

    return has_svg


def mark_svg_pages(outdir: Path) -> None:
    """Rewrite ``outdir/content.opf`` so that pages with inline SVG declare it."""
    path = outdir / PACKAGE_DOCUMENT
    opf = path.read_text(encoding="utf-8")
    marked = add_svg_properties(opf, page_has_svg(outdir))
    if marked != opf:
        path.write_text(marked, encoding="utf-8")


def wrap_build_content(app: Sphinx) -> None:
    """At ``builder-inited``: the epub builder marks SVG pages right after writing ``content.opf``."""
    builder = app.builder
    if not builder.name.startswith("epub"):
        return  # and the epub builder's module is not even imported
    from sphinx.builders.epub3 import Epub3Builder

    if not isinstance(builder, Epub3Builder):
        return
    build_content = builder.build_content

    def build_content_marking_svg() -> None:
        build_content()
        mark_svg_pages(Path(builder.outdir))

    builder.build_content = build_content_marking_svg  # type: ignore[method-assign]


def setup_epub(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_build_content)
