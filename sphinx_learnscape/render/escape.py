"""Turning data text into DOT: the only door through which YAML text enters the graph.

Every value written into the DOT source is a :data:`Dot` made by one of these
functions, so nothing from the data can close a string, add an attribute or a
node, or trigger Graphviz's escape sequences (``\\N``, ``\\G``, ``\\L`` ...).
The rules were found by round-tripping through Graphviz 2.43 and 16 (see
``tests/test_dot.py``): labels and tooltips unescape backslashes differently.
"""

from __future__ import annotations

import re
from typing import NewType

#: A string that is safe to put between double quotes in DOT source.
Dot = NewType("Dot", str)

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_SAFE_CLASS = re.compile(r"[A-Za-z][A-Za-z0-9_ -]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEX3 = re.compile(r"#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])")
_HEX6 = re.compile(r"#[0-9A-Fa-f]{6}")
_COLOR_NAME = re.compile(r"[A-Za-z]{3,30}")
# Characters a URL may not carry into DOT as they are: quote and backslash would
# escape the string or expand \N; whitespace and angle brackets are never valid.
_URL_UNSAFE = re.compile(r'["\\<>\s\x00-\x1f\x7f]')


def clean(text: str) -> str:
    """One line of text: runs of whitespace (newlines too) become one space."""
    return " ".join(_CONTROL.sub("", text).split())


def _common(text: str) -> str:
    # Graphviz decodes HTML entities in labels and keeps them in tooltips, so a
    # literal "&amp;" must be written "&amp;amp;". A double quote ends the string
    # unless escaped; that is the DOT lexer's only escape.
    return text.replace("&", "&amp;").replace('"', '\\"')


def label(lines: list[str] | str) -> Dot:
    """A label: each line cleaned and escaped, lines joined by DOT's ``\\n``.

    In labels ``\\\\`` is one backslash. Braces, pipes and angle brackets are
    escaped too although no record shape is used: should one ever be, data
    still cannot create fields or ports.
    """
    if isinstance(lines, str):
        lines = [lines]
    out = []
    for line in lines:
        text = clean(line).replace("\\", "\\\\")
        text = re.sub(r"([{}|<>])", r"\\\1", text)
        out.append(_common(text))
    return Dot("\\n".join(out))


def tooltip(lines: list[str] | str) -> Dot:
    """A tooltip: like :func:`label`, but a backslash needs four backslashes.

    Tooltips go through Graphviz's object substitution first (which does not
    treat ``\\\\`` as a pair, so ``\\\\N`` would become the node name) and are
    unescaped afterwards; four backslashes survive both as one.
    """
    if isinstance(lines, str):
        lines = [lines]
    return Dot("\\n".join(_common(clean(line).replace("\\", "\\\\\\\\")) for line in lines))


def url(value: str) -> Dot:
    """A URL, percent-encoding what could break out of DOT or expand escapes.

    ``&`` is written ``&amp;``: Graphviz 2.43 copies URLs into SVG unescaped
    (a bare ``&`` makes the SVG ill-formed), while 16 and the image maps keep
    an entity as it is; either way the ``href`` a browser reads is the URL.
    Everything else is kept byte for byte, so placeholder URLs that a caller
    replaces after rendering (letters, digits and ``:/._-#?=%{}~``) pass
    unchanged into the SVG and image map.
    """
    encoded = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)
    return Dot(encoded.replace("&", "&amp;"))


def name(value: str) -> Dot:
    """A node name, cluster name or ``id`` made by us from a kind and a data id."""
    if not _SAFE_NAME.fullmatch(value):
        raise ValueError(f"unsafe DOT name {value!r}")
    return Dot(value)


def classes(value: str) -> Dot:
    """A ``class`` attribute: space-separated CSS class names made by us."""
    if not _SAFE_CLASS.fullmatch(value):
        raise ValueError(f"unsafe class list {value!r}")
    return Dot(value)


def color(value: str | None) -> Dot | None:
    """A zone colour as Graphviz reads it (``#rgb`` widened), or None if unusable."""
    if value is None:
        return None
    value = value.strip()
    short = _HEX3.fullmatch(value)
    if short:
        return Dot("#" + "".join(c * 2 for c in short.groups()).lower())
    if _HEX6.fullmatch(value):
        return Dot(value.lower())
    if _COLOR_NAME.fullmatch(value):
        # CSS colour names: Graphviz's "svg" colour scheme holds them (set on
        # the cluster), where its default X11 scheme differs (green, grey...).
        return Dot(value.lower())
    return None


def const(value: str) -> Dot:
    """A constant written in this package (shape names, styles, colours)."""
    if '"' in value or "\\" in value:
        raise ValueError(f"constant needs escaping: {value!r}")
    return Dot(value)


def slug(value: str) -> str:
    """A CSS-class-safe form of a free-text word such as a link's ``kind``."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "other"


def truncate(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
