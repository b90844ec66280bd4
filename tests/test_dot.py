"""The map's DOT: snapshots, determinism, selection, escaping, and layout as rendered."""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
import textwrap

import pytest
from render_helpers import (
    LANDSCAPE_YAML,
    bbox,
    check_snapshot,
    engines,
    groups,
    home_urls,
    landscape,
    needs_dot,
    parse_svg,
    texts,
    tooltip,
)

from sphinx_learnscape.data import load_texts
from sphinx_learnscape.data.query import Filter
from sphinx_learnscape.render import escape
from sphinx_learnscape.render.dot import map_dot, no_urls
from sphinx_learnscape.render.engines import render
from sphinx_learnscape.render.options import MapOptions, parse_show

CASES = {
    "full": MapOptions(title="Learning landscape Test"),
    "filtered": MapOptions(selection=Filter(tools=("wiki",))),
    "zones": MapOptions(selection=Filter(zones=("formal", "informal"))),
    "show-forms-tools": MapOptions(show=frozenset({"forms", "tools"})),
    "show-tools-thinkers": MapOptions(show=frozenset({"tools", "thinkers"})),
    "tb": MapOptions(layout="TB", legend=False),
    "empty": MapOptions(selection=Filter(forms=("no-such-form",))),
}


def dot_of(options: MapOptions, language: str = "en") -> str:
    return map_dot(landscape(), options, language=language, url_for=home_urls)


@pytest.mark.parametrize("name", sorted(CASES))
def test_snapshot(name: str) -> None:
    check_snapshot(f"map-{name}.dot", dot_of(CASES[name]))


def test_snapshot_dutch() -> None:
    check_snapshot("map-full-nl.dot", dot_of(CASES["full"], "nl"))


def test_same_input_same_bytes() -> None:
    assert dot_of(CASES["full"]) == dot_of(CASES["full"])


def test_same_bytes_in_another_process() -> None:
    """Nothing depends on set or dict order under another hash seed."""
    script = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from render_helpers import home_urls, landscape
        from sphinx_learnscape.render.dot import map_dot
        from sphinx_learnscape.render.options import MapOptions
        sys.stdout.write(map_dot(landscape(), MapOptions(title="Learning landscape Test"),
                                 language="en", url_for=home_urls))
        """
    )
    here = os.path.dirname(__file__)
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, here],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "4242")
    }
    assert outputs == {dot_of(CASES["full"])}


# -- what the selection keeps ---------------------------------------------------


def node_names(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"([a-z]+:[^"]+)" \[', dot, re.MULTILINE))


def test_full_map_objects() -> None:
    names = node_names(dot_of(CASES["full"]))
    assert {"form:classroom", "form:coaching", "form:community", "form:howto", "form:lost"} <= names
    assert {"tool:lms", "tool:teams", "tool:wiki", "thinker:kolb", "thinker:wenger"} <= names
    assert "tool:unused" not in names  # no shown form uses it: nothing to sit beside
    assert {"empty:performance:formal", "empty:learning:informal"} <= names
    assert not any(n.startswith("empty:") and n.endswith(":social") for n in names)


def test_filter_keeps_only_tools_and_thinkers_of_kept_forms() -> None:
    dot = dot_of(CASES["filtered"])
    names = node_names(dot)
    assert {n for n in names if n.startswith("form:")} == {"form:community", "form:howto"}
    # Each zone draws its own copy of a shared tool: wiki serves a form in two zones.
    assert {n for n in names if n.startswith(("tool:", "thinker:"))} == {
        "tool:wiki",
        "tool:wiki:2",
        "thinker:wenger",
        "thinker:rosenberg",
    }
    # Zones stay (empty cells are information); links only between kept forms.
    assert "cluster:zone:formal" in dot
    assert '"form:howto" -> "form:community"' in dot
    assert '"form:classroom" -> "form:coaching"' not in dot


def test_zone_filter_drops_other_zones_and_unplaced() -> None:
    dot = dot_of(CASES["zones"])
    assert "cluster:zone:social" not in dot
    assert "cluster:unplaced" not in dot
    assert "form:lost" not in dot


def test_show_subset() -> None:
    dot = dot_of(CASES["show-forms-tools"])
    assert "thinker:" not in dot
    assert 'class="learnscape-edge learnscape-link' not in dot
    assert '"form:classroom" -> "tool:lms"' in dot
    without_forms = dot_of(CASES["show-tools-thinkers"])
    assert "form:" not in without_forms
    # Each zone holds the tools and thinkers of its own forms; a shared one in each.
    zone = without_forms[without_forms.index('subgraph "cluster:zone:social"') :]
    zone = zone[: zone.index("\n  }")]
    assert '"tool:teams:2" [' in zone and '"tool:wiki" [' in zone and '"thinker:wenger" [' in zone
    assert '"tool:lms"' not in zone


def test_links_within_a_column_share_one_edge() -> None:
    """Two links between forms of one column: one flat edge, arrows at both ends."""
    text = landscape_text_with_links(
        "  - {from: coaching, to: community, label: joins}\n  - {from: community, to: coaching, label: coaches}\n"
    )
    dot = map_dot(landscape(text), MapOptions(), language="en", url_for=home_urls)
    edges = [
        line
        for line in dot.splitlines()
        if "learnscape-link" in line and "->" in line and "legend" not in line
    ]
    assert len(edges) == 1
    assert 'dir="both"' in edges[0] and 'xlabel="joins; coaches"' in edges[0]
    assert "Coaching on the job → Communities of practice: joins\\nCommunities of practice" in edges[0]


def landscape_text_with_links(links: str) -> str:
    return LANDSCAPE_YAML[: LANDSCAPE_YAML.index("links:")] + "links:\n" + links


def test_unplaced_form_gets_a_trailing_column() -> None:
    dot = dot_of(CASES["full"])
    assert dot.index("cluster:zone:informal") < dot.index("cluster:unplaced") < dot.index('"form:lost"')


def test_every_visible_node_links_and_explains() -> None:
    dot = dot_of(CASES["full"])
    for line in dot.splitlines():
        if re.match(r'\s*"(form|tool|thinker):', line) and "->" not in line:
            assert 'tooltip="' in line and 'id="learnscape-map-' in line and 'class="learnscape-' in line
            if '"tool:unused"' not in line:
                assert 'URL="' in line and 'target="_top"' in line, line
    assert 'URL="forms.html#learnscape-form-classroom"' in dot
    assert 'URL="zones.html#learnscape-zone-formal"' in dot
    assert "URL=" not in map_dot(landscape(), CASES["full"], language="en", url_for=no_urls)


def test_legend_lists_only_what_is_used() -> None:
    full = dot_of(CASES["full"])
    for key in ("learning", "performance", "tool", "thinker", "empty", "uses", "inspires", "link"):
        assert f'"legend:{key}"' in full
    subset = dot_of(MapOptions(selection=Filter(forms=("coaching",)), show=frozenset({"forms"})))
    assert '"legend:learning"' in subset and '"legend:empty"' in subset
    for key in ("performance", "tool", "thinker", "uses", "inspires", "link"):
        assert f'"legend:{key}"' not in subset
    assert '"legend' not in dot_of(CASES["tb"])


def test_ids_with_every_allowed_character() -> None:
    text = (
        LANDSCAPE_YAML.replace("id: formal", "id: formal_2.0-x")
        .replace("zone: formal", "zone: formal_2.0-x")
        .replace("id: kolb", "id: k_o.l-b")
        .replace("[kolb]", "[k_o.l-b]")
    )
    dot = map_dot(landscape(text), MapOptions(), language="en", url_for=home_urls)
    assert '"cluster:zone:formal_2.0-x"' in dot and 'id="learnscape-map-thinker-k_o.l-b"' in dot


def test_tooltips_are_truncated() -> None:
    text = landscape_with(description="word " * 200)
    tip = re.search(r'"form:evil" \[[^\n]*tooltip="([^"]*)"', text)
    assert tip is not None
    assert len(tip.group(1)) < 320 and tip.group(1).endswith("…")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="show"):
        MapOptions(show=frozenset({"forms", "people"}))
    with pytest.raises(ValueError, match="layout"):
        MapOptions(layout="RL")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="id_prefix"):
        MapOptions(id_prefix='x" onload="')
    assert parse_show(" forms , links ") == {"forms", "links"}
    with pytest.raises(ValueError, match="people"):
        parse_show("forms,people")


# -- escaping ----------------------------------------------------------------------

EVIL = [
    'say "hi"',
    "back\\slash",
    "ends in \\",
    "\\N \\G \\L \\E \\T \\H \\n \\l \\r",
    "];",
    "<b>bold</b>",
    "&amp; &lt; &#92; & x",
    "{a|b} <port>",
    '"] ; evil [label="x',
    "</title><script>alert(1)</script>",
    "\\\\double",
]


def test_escape_functions() -> None:
    assert escape.label('a"b') == 'a\\"b'
    assert escape.label("a\\b") == "a\\\\b"
    assert escape.label("{x|y}") == "\\{x\\|y\\}"
    assert escape.label(["one", "two"]) == "one\\ntwo"
    assert escape.label("line\nbreak\r\n  here") == "line break here"
    assert escape.label("a & b") == "a &amp; b"
    assert escape.tooltip("a\\N") == "a\\\\\\\\N"
    assert escape.url('x" y\\z') == "x%22%20y%5Cz"
    assert escape.url("learnscape-home:form:a.b_c-d") == "learnscape-home:form:a.b_c-d"
    assert escape.url("https://x.org/a?b=1&c=%20#frag") == "https://x.org/a?b=1&amp;c=%20#frag"
    assert escape.color("#ABC") == "#aabbcc"
    assert escape.color("HoneyDew") == "honeydew"
    assert escape.color('red" penwidth="9') is None
    with pytest.raises(ValueError):
        escape.name('form:x"')


def landscape_with(label: str = "Evil", description: str = "", tool: str = "Tool") -> str:
    text = "\n".join(
        [
            "learnscape: 1",
            "zones:",
            "  - {id: z, label: Zone}",
            "forms:",
            "  - id: evil",
            f"    label: {yaml_string(label)}",
            "    zone: z",
            "    orientation: learning",
            f"    description: {yaml_string(description or label)}",
            "    tools: [t]",
            "tools:",
            f"  - {{id: t, label: {yaml_string(tool)}}}",
        ]
    )
    return map_dot(landscape(text), MapOptions(), language="en", url_for=home_urls)


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.mark.parametrize("evil", EVIL)
def test_data_cannot_add_statements(evil: str) -> None:
    dot = landscape_with(evil, evil, evil)
    # Exactly the statements of a clean map: same number of lines, nodes and edges.
    clean = landscape_with("Evil", "Evil", "Tool")
    assert dot.count("\n") == clean.count("\n")
    assert len(node_names(dot)) == len(node_names(clean))


@pytest.mark.parametrize("engine", engines())
def test_evil_text_renders_literally(engine: str) -> None:
    """Every evil string in a label, tooltip and tool label comes out as written."""
    lines = ["learnscape: 1", "zones:", "  - {id: z, label: Zone}", "forms:"]
    for index, evil in enumerate(EVIL):
        lines += [
            f"  - id: f{index}",
            f"    label: {yaml_string(evil)}",
            "    zone: z",
            "    orientation: learning",
            f"    description: {yaml_string('more ' + evil)}",
        ]
    data = landscape("\n".join(lines) + "\n")
    dot = map_dot(data, MapOptions(legend=False), language="en", url_for=home_urls)
    svg = parse_svg(render(dot, "svg", engine=engine).data)
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script"))
    nodes = groups(svg, "node")
    # the evil forms, one placeholder (no performance support), nothing more
    assert len(nodes) == len(EVIL) + 1
    by_id = {g.get("id"): g for g in nodes}
    for index, evil in enumerate(EVIL):
        node = by_id[f"learnscape-map-form-f{index}"]
        assert " ".join(texts(node)) == escape.clean(evil)
        assert tooltip(node) == f"{escape.clean(evil)}\nmore {escape.clean(evil)}"


# -- layout, as the engines draw it ----------------------------------------------------


def layout_boxes(engine: str, options: MapOptions) -> dict[str, tuple[float, float, float, float]]:
    dot = dot_of(options)
    svg = parse_svg(render(dot, "svg", engine=engine).data)
    return {g.get("id", ""): bbox(g) for g in groups(svg, "cluster") + groups(svg, "node")}


@pytest.mark.parametrize("engine", engines())
def test_zones_are_columns_in_order_learning_above_performance(engine: str) -> None:
    boxes = layout_boxes(engine, MapOptions())
    zones = ["formal", "social", "informal"]
    lefts = [boxes[f"learnscape-map-zone-{z}"][0] for z in zones] + [boxes["learnscape-map-unplaced"][0]]
    assert lefts == sorted(lefts)
    for a, b in itertools.pairwise(zones):  # columns do not overlap
        assert boxes[f"learnscape-map-zone-{a}"][2] < boxes[f"learnscape-map-zone-{b}"][0]
    for zone in zones:
        learning = boxes[f"learnscape-map-band-learning-{zone}"]
        performance = boxes[f"learnscape-map-band-performance-{zone}"]
        assert learning[3] <= performance[1]  # SVG y grows downwards
    # The empty cells are drawn.
    assert "learnscape-map-empty-performance-formal" in boxes
    # The boxes start level: they hang from one line, whatever links pass above or below.
    tops = [boxes[f"learnscape-map-zone-{z}"][1] for z in zones] + [boxes["learnscape-map-unplaced"][1]]
    assert max(tops) - min(tops) < 3, tops
    # The legend lies under the last column: it adds height, not width.
    legend, last = boxes["learnscape-map-legend"], boxes["learnscape-map-unplaced"]
    assert legend[1] > last[3]
    assert legend[0] > boxes["learnscape-map-zone-informal"][2]


def cluster_text(dot: str, name: str) -> str:
    """The DOT statements of one top-level cluster."""
    text = dot[dot.index(f'  subgraph "{name}" {{') :]
    return text[: text.index("\n  }")]


def test_shared_tools_and_thinkers_are_drawn_in_each_zone() -> None:
    """A copy beside the forms of each zone: no form reaches out of its zone for a tool."""
    dot = dot_of(CASES["full"])
    formal, social = cluster_text(dot, "cluster:zone:formal"), cluster_text(dot, "cluster:zone:social")
    assert '"tool:teams" [' in formal and 'id="learnscape-map-tool-teams"' in formal
    assert '"tool:teams:2" [' in social and 'id="learnscape-map-tool2-teams"' in social
    # every copy is a link home with the same tooltip
    assert dot.count('URL="tools.html#learnscape-tool-teams"') == 2
    assert '"form:classroom" -> "tool:teams" [' in dot and '"form:coaching" -> "tool:teams:2" [' in dot
    assert '"form:community" -> "tool:teams:2" [' in dot and '"form:community" -> "tool:teams" [' not in dot
    # the first zone of a tool has the plain id, whichever zone that is
    informal = cluster_text(dot, "cluster:zone:informal")
    assert '"tool:wiki:2" [' in informal and 'id="learnscape-map-tool2-wiki"' in informal


@pytest.mark.parametrize("engine", engines())
def test_tools_and_thinkers_sit_in_the_zone_of_their_forms(engine: str) -> None:
    svg = parse_svg(render(dot_of(MapOptions()), "svg", engine=engine).data)
    zones = {g.get("id"): bbox(g) for g in groups(svg, "cluster") if "learnscape-zone" in g.get("class", "")}

    def zone_of(box: tuple[float, float, float, float]) -> str | None:
        inside = [
            z for z, (x0, y0, x1, y1) in zones.items()
            if x0 - 1 <= box[0] and box[2] <= x1 + 1 and y0 - 1 <= box[1] and box[3] <= y1 + 1
        ]  # fmt: skip
        return inside[0] if len(inside) == 1 else None

    resources = [
        g for g in groups(svg, "node") if re.match(r"learnscape-map-(tool|thinker)\d*-", g.get("id", ""))
    ]
    assert len(resources) == 9  # lms, teams twice, wiki twice; kolb, vygotsky, wenger, rosenberg
    for node in resources:
        assert zone_of(bbox(node)), node.get("id")
    edges = [
        g for g in groups(svg, "edge")
        if {"learnscape-uses", "learnscape-inspires"} & set(g.get("class", "").split())
        and "legend" not in g.get("id", "")
    ]  # fmt: skip
    assert len(edges) == 10
    for edge in edges:
        assert zone_of(bbox(edge)), edge.get("id")


@pytest.mark.parametrize("engine", engines())
def test_tb_layout_zones_are_rows(engine: str) -> None:
    boxes = layout_boxes(engine, CASES["tb"])
    tops = [boxes[f"learnscape-map-zone-{z}"][1] for z in ("formal", "social", "informal")]
    assert tops == sorted(tops)
    for zone in ("formal", "social", "informal"):
        learning = boxes[f"learnscape-map-band-learning-{zone}"]
        performance = boxes[f"learnscape-map-band-performance-{zone}"]
        assert learning[2] <= performance[0]  # learning left of performance


@needs_dot
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_renders_without_warnings(name: str) -> None:
    result = render(dot_of(CASES[name]), "svg", engine="dot")
    assert result.warnings == ""


def random_landscape(seed: int) -> str:
    """A tangled landscape: shared tools and thinkers, links back, sideways and inside cells."""
    rng = random.Random(seed)
    zones = [f"z{i}" for i in range(rng.randint(2, 4))]
    tools = [f"t{i}" for i in range(6)]
    thinkers = [f"p{i}" for i in range(5)]
    lines = ["learnscape: 1", "zones:"] + [f"  - {{id: {z}, label: Zone {z}}}" for z in zones]
    lines += ["forms:"]
    forms = [f"f{i}" for i in range(rng.randint(3, 12))]
    for form in forms:
        zone = rng.choice([*zones, "gone"]) if rng.random() < 0.1 else rng.choice(zones)
        lines += [
            f"  - id: {form}",
            f"    label: Form {form}",
            f"    zone: {zone}",
            f"    orientation: {rng.choice(['learning', 'performance'])}",
            f"    tools: [{', '.join(rng.sample(tools, rng.randint(0, 3)))}]",
            f"    thinkers: [{', '.join(rng.sample(thinkers, rng.randint(0, 2)))}]",
        ]
    lines += ["tools:"] + [f"  - {{id: {t}, label: Tool {t}}}" for t in tools]
    lines += ["thinkers:"] + [f"  - {{id: {p}, label: Thinker {p}}}" for p in thinkers]
    lines += ["links:"] + [
        f"  - {{from: {rng.choice(forms)}, to: {rng.choice(forms)}, label: link {i}}}"
        for i in range(rng.randint(0, 8))
    ]
    return "\n".join(lines) + "\n"


@needs_dot
@pytest.mark.parametrize("layout", ["LR", "TB"])
def test_tangled_landscapes_render_in_order(layout: str) -> None:
    """dot 2.43 accepts every map (no "trouble in init_rank"), keeps the cell order,
    starts the zone boxes level and puts the legend after the last one."""
    for seed in (*range(24), 79, 86):  # 11, 22, 79, 86 once broke dot 2.43
        data, _ = load_texts({"random.yaml": random_landscape(seed)})
        dot = map_dot(data, MapOptions(layout=layout), language="en", url_for=home_urls)  # type: ignore[arg-type]
        result = render(dot, "svg", engine="dot")
        assert result.warnings == "", (seed, result.warnings)
        svg = parse_svg(result.data)
        boxes = {g.get("id", ""): bbox(g) for g in groups(svg, "cluster")}
        across, down = (0, 1) if layout == "LR" else (1, 0)
        for zone in data.zones:
            learning = boxes[f"learnscape-map-band-learning-{zone.id}"]
            performance = boxes[f"learnscape-map-band-performance-{zone.id}"]
            assert learning[down + 2] <= performance[down], (seed, zone.id)
        columns = [boxes[f"learnscape-map-zone-{z.id}"] for z in data.zones]
        columns += [boxes["learnscape-map-unplaced"]] if "learnscape-map-unplaced" in boxes else []
        if layout == "LR":  # in TB a title wider than its box's contents widens the box either way
            # The boxes start level, and so do their first cells.
            for starts in (
                [box[down] for box in columns],
                [boxes[f"learnscape-map-band-learning-{z.id}"][down] for z in data.zones],
            ):
                assert max(starts) - min(starts) < 4, (seed, starts)
        assert all(a[across + 2] < b[across] for a, b in itertools.pairwise(columns)), seed
        assert boxes["learnscape-map-legend"][down] > columns[-1][down + 2], seed
