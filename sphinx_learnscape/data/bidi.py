"""Bidirectional control characters in data text: found, reported and removed.

An unterminated U+202E (RIGHT-TO-LEFT OVERRIDE) in a label reverses the rest
of the sentence around the role that shows it ("Trojan Source",
CVE-2021-42574), in every builder and in a terminal. The embedding, override
and isolate controls are never needed in a label, since the output isolates
each data text itself; the marks U+200E, U+200F and U+061C only set the
direction of the characters next to them, cannot leak and are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sphinx_learnscape.data.yamlread import LocDict, LocList, Pos

#: LRE RLE PDF LRO RLO, LRI RLI FSI PDI
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: the controls written out, or as YAML double-quoted escapes (\u202E, \U0000202E)
_ANYWHERE = re.compile(r"[\u202a-\u202e\u2066-\u2069]|\\(?:u|U0000)20(?:2[a-eA-E]|6[6-9])")

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class BidiFind:
    """Controls removed from one text: where the text stands and which ones it held."""

    path: Path
    pos: Pos
    #: ``U+202E (RIGHT-TO-LEFT OVERRIDE)``, one per distinct control, in text order
    names: tuple[str, ...]
    #: the controls stood in a mapping key, not in a value
    in_key: bool = False


def may_hold_controls(text: str) -> bool:
    """A quick look at the file's text: False means no value can hold a control."""
    return _ANYWHERE.search(text) is not None


def strip_controls(document: Any) -> list[BidiFind]:
    """Remove the controls from every text of a read document, in place; say where they were."""
    finds: list[BidiFind] = []
    _walk(document, (), finds)
    return finds


def _names(text: str) -> tuple[str, ...]:
    seen = dict.fromkeys(_CONTROL.findall(text))
    return tuple(f"U+{ord(c):04X} ({unicodedata.name(c)})" for c in seen)


def _walk(node: Any, path: Path, finds: list[BidiFind]) -> None:
    if isinstance(node, LocDict):
        for key in list(node):
            value = node[key]
            # Messages name the field without the controls, or they would act there.
            child = (*path, _CONTROL.sub("", key) if isinstance(key, str) else key)
            if isinstance(key, str) and _CONTROL.search(key):
                finds.append(BidiFind(child, node.key_pos[key], _names(key), in_key=True))
            if isinstance(value, str) and _CONTROL.search(value):
                finds.append(BidiFind(child, node.val_pos[key], _names(value)))
                node[key] = _CONTROL.sub("", value)
            else:
                _walk(value, child, finds)
        _rename_keys(node)
    elif isinstance(node, LocList):
        for index, value in enumerate(node):
            child = (*path, index)
            if isinstance(value, str) and _CONTROL.search(value):
                finds.append(BidiFind(child, node.item_pos[index], _names(value)))
                node[index] = _CONTROL.sub("", value)
            else:
                _walk(value, child, finds)


def _rename_keys(node: LocDict) -> None:
    """Keys lose their controls too, keeping order and positions (a clash keeps the first)."""
    if not any(isinstance(k, str) and _CONTROL.search(k) for k in node):
        return
    items = [(k, node[k], node.key_pos[k], node.val_pos[k]) for k in node]
    node.clear()
    node.key_pos.clear()
    node.val_pos.clear()
    for key, value, key_pos, val_pos in items:
        clean = _CONTROL.sub("", key) if isinstance(key, str) else key
        if clean in node:
            continue
        node[clean] = value
        node.key_pos[clean] = key_pos
        node.val_pos[clean] = val_pos
