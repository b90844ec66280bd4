"""Focus maps: the neighbourhood of one form, tool, thinker or zone.

``:focus: ID`` names a form, tool, thinker or zone (looked up in that order;
``tool:wiki`` names the kind when one id is used by two kinds). The map then
shows the *seed* forms (the form itself, the forms that use the tool or stand
on the thinker, or the forms of the zone) and every form within ``depth``
links of them, either way, in their own grid cells.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx_learnscape.data.model import Form, Landscape, Link

#: The kinds a focus may name, in the order a bare id is looked up.
FOCUS_KINDS: tuple[str, ...] = ("form", "tool", "thinker", "zone")


def resolve_focus(landscape: Landscape, focus: str) -> tuple[str, str] | None:
    """``"coaching"`` -> ``("form", "coaching")``; ``"tool:wiki"`` -> ``("tool", "wiki")``; None if unknown.

    The Sphinx layer calls this (or :func:`focus_known`) to warn about an
    unknown ``:focus:`` at the directive.
    """
    text = focus.strip()
    kind, sep, ident = text.partition(":")
    if sep:
        if kind in FOCUS_KINDS and landscape.get(kind, ident) is not None:
            return kind, ident
        return None
    for kind in FOCUS_KINDS:
        if landscape.get(kind, text) is not None:
            return kind, text
    return None


def focus_known(landscape: Landscape, focus: str) -> bool:
    """Whether ``focus`` names a form, tool, thinker or zone of ``landscape``."""
    return resolve_focus(landscape, focus) is not None


def seeds(forms: Iterable[Form], kind: str, ident: str) -> set[str]:
    """The forms a focus starts from."""
    if kind == "form":
        return {f.id for f in forms if f.id == ident}
    if kind == "tool":
        return {f.id for f in forms if ident in f.tools}
    if kind == "thinker":
        return {f.id for f in forms if ident in f.thinkers}
    return {f.id for f in forms if f.zone == ident}


def neighbourhood(
    forms: Iterable[Form], links: Iterable[Link], kind: str, ident: str, depth: int
) -> set[str]:
    """Ids of the seed forms and of every form within ``depth`` links of them (either direction)."""
    forms = tuple(forms)
    known = {f.id for f in forms}
    near: dict[str, set[str]] = {}
    for link in links:
        if link.source in known and link.target in known:
            near.setdefault(link.source, set()).add(link.target)
            near.setdefault(link.target, set()).add(link.source)
    found = seeds(forms, kind, ident)
    frontier = set(found)
    for _ in range(max(depth, 0)):
        frontier = {n for f in frontier for n in near.get(f, ())} - found
        if not frontier:
            break
        found |= frontier
    return found
