"""The map's DOT: snapshots, determinism, selection, escaping, and layout as rendered."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest
from render_helpers import (
    LANDSCAPE_YAML,
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

from sphinx_learnscape.data import Landscape
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


def cluster_names(dot: str) -> set[str]:
    return set(re.findall(r'^\s*subgraph "([^"]+)" \{', dot, re.MULTILINE))


def node_names(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"([a-z]+:[^"]+)" \[', dot, re.MULTILINE))


def chips(dot: str) -> list[str]:
    """``kind-id`` of every chip, in order."""
    return re.findall(r'id="learnscape-map-chip\d+-((?:tool|thinker)-[^"]+)"', dot)


def test_full_map_objects() -> None:
    dot = dot_of(CASES["full"])
    clusters = cluster_names(dot)
    forms = {"classroom", "coaching", "community", "howto", "lost"}
    assert {f"cluster:form:{f}" for f in forms} <= clusters
    # each card has the invisible box that links start and end at; the legend's link
    # sample has two points; nothing else is a node
    assert node_names(dot) == {f"form:{f}" for f in forms} | {"legend:link:from", "legend:link:to"}
    assert {"cluster:empty:performance:formal", "cluster:empty:learning:informal"} <= clusters
    assert not any(n.startswith("cluster:empty:") and n.endswith(":social") for n in clusters)
    assert "tool-unused" not in chips(dot)  # no shown form uses it


def test_tools_and_thinkers_are_chips_on_their_cards_never_copied_per_zone() -> None:
    dot = dot_of(CASES["full"])
    # one chip per form that uses it: teams serves classroom, coaching and community
    assert sorted(chips(dot)) == sorted(
        [
            "thinker-kolb", "tool-lms", "tool-teams",  # classroom
            "thinker-vygotsky", "tool-teams",  # coaching
            "thinker-wenger", "tool-teams", "tool-wiki",  # community
            "thinker-rosenberg", "tool-wiki",  # howto
        ]
    )  # fmt: skip
    card = cluster_text(dot, "cluster:form:classroom")
    assert (
        'id="learnscape-map-chip1-thinker-kolb"' in card
        and 'URL="thinkers.html#learnscape-thinker-kolb"' in card
    )
    # the only edges are links between forms (and the legend's sample)
    edges = re.findall(r'^\s*"([^"]+)" -> "([^"]+)"', dot, re.MULTILINE)
    assert all(a.startswith(("form:", "legend:")) and b.startswith(("form:", "legend:")) for a, b in edges)
    assert len([e for e in edges if e[0].startswith("form:")]) == 3


def test_filter_keeps_only_tools_and_thinkers_of_kept_forms() -> None:
    dot = dot_of(CASES["filtered"])
    assert {n for n in node_names(dot) if n.startswith("form:")} == {"form:community", "form:howto"}
    # ":tools: wiki" shows that tool only, on both forms that use it
    assert sorted(chips(dot)) == ["thinker-rosenberg", "thinker-wenger", "tool-wiki", "tool-wiki"]


def test_zone_filter_drops_other_zones_and_unplaced() -> None:
    dot = dot_of(CASES["zones"])
    clusters = cluster_names(dot)
    assert "cluster:zone:formal" in clusters and "cluster:zone:informal" in clusters
    assert "cluster:zone:social" not in clusters and "cluster:unplaced" not in clusters


def test_show_subset() -> None:
    forms_tools = dot_of(CASES["show-forms-tools"])
    assert chips(forms_tools) and not any(c.startswith("thinker-") for c in chips(forms_tools))
    assert '"form:classroom" -> ' not in forms_tools  # links hidden
    no_chips = dot_of(MapOptions(show=frozenset({"forms", "links"})))
    assert chips(no_chips) == [] and '"form:classroom" -> "form:coaching"' in no_chips
    resources = dot_of(CASES["show-tools-thinkers"])
    # without forms each zone lists the tools and thinkers of its forms, once
    assert node_names(resources) == set() and "learnscape-cell" not in resources
    zone = cluster_text(resources, "cluster:zone:social")
    assert sorted(re.findall(r'id="learnscape-map-chip\d+-([^"]+)"', zone)) == [
        "thinker-vygotsky", "thinker-wenger", "tool-teams", "tool-wiki",
    ]  # fmt: skip


def test_links_between_the_same_forms_share_one_edge() -> None:
    text = landscape_text_with_links(
        "  - {from: classroom, to: coaching, label: follow-up}\n"
        "  - {from: coaching, to: classroom, label: reports back}\n"
        "  - {from: community, to: howto}\n"
    )
    dot = map_dot(landscape(text), MapOptions(), language="en", url_for=home_urls)
    [pair] = re.findall(r'"form:classroom" -> "form:coaching" \[([^\n]*)\];', dot)
    assert 'dir="both"' in pair and "follow-up; reports back" in pair.replace("\\n", " ")
    assert '"form:coaching" -> "form:classroom"' not in dot
    assert '"form:community" -> "form:howto"' in dot


def cluster_text(dot: str, name: str) -> str:
    """The DOT statements of one cluster, at any depth."""
    start = dot.index(f'subgraph "{name}" {{')
    indent = dot[dot.rindex("\n", 0, start) + 1 : start]
    return dot[start : dot.index(f"\n{indent}}}", start)]


def landscape_text_with_links(links: str) -> str:
    return LANDSCAPE_YAML[: LANDSCAPE_YAML.index("links:")] + "links:\n" + links


def test_unplaced_form_gets_a_trailing_column() -> None:
    dot = dot_of(CASES["full"])
    assert dot.index("cluster:zone:informal") < dot.index("cluster:unplaced") < dot.index('"form:lost"')


def test_every_box_links_and_explains() -> None:
    dot = dot_of(CASES["full"])
    for name in ("cluster:form:", "cluster:chip:", "cluster:zone:"):
        for block in re.split(r'subgraph "', dot)[1:]:
            if not block.startswith(name):
                continue
            attrs = block.split("subgraph", 1)[0]
            assert 'tooltip="' in attrs and 'id="learnscape-map-' in attrs and 'class="learnscape-' in attrs
            if "-unused" not in attrs and "zone:informal" not in block[:30]:
                assert re.search(r'URL="[^"]+"', attrs) and 'target="_top"' in attrs, attrs
    assert 'URL="forms.html#learnscape-form-classroom"' in dot
    assert 'URL="zones.html#learnscape-zone-formal"' in dot
    assert not re.search(r'URL="[^"]', map_dot(landscape(), CASES["full"], language="en", url_for=no_urls))


def test_no_cluster_inherits_a_link_label_or_id() -> None:
    """Subgraphs inherit their parent's attributes in Graphviz; each of ours sets them all."""
    dot = dot_of(CASES["full"])
    for block in re.split(r'subgraph "', dot)[1:]:
        attrs = block.split("subgraph", 1)[0].split("\n  }")[0]
        for key in ("label", "id", "class", "tooltip", "URL", "bb"):
            assert re.search(rf"^\s*{key}=", attrs, re.MULTILINE), (key, block[:40])


def test_legend_lists_only_what_is_used() -> None:
    full = dot_of(CASES["full"])
    for key in ("learning", "performance", "tool", "thinker", "empty", "link"):
        assert f'"cluster:legend:{key}"' in full
    assert '"cluster:legend:focus"' not in full
    subset = dot_of(MapOptions(selection=Filter(forms=("coaching",)), show=frozenset({"forms"})))
    assert '"cluster:legend:learning"' in subset and '"cluster:legend:empty"' in subset
    for key in ("performance", "tool", "thinker", "link"):
        assert f'"cluster:legend:{key}"' not in subset
    assert "cluster:legend" not in dot_of(CASES["tb"])


def test_ids_with_every_allowed_character() -> None:
    text = (
        LANDSCAPE_YAML.replace("id: formal", "id: formal_2.0-x")
        .replace("zone: formal", "zone: formal_2.0-x")
        .replace("id: kolb", "id: k_o.l-b")
        .replace("[kolb]", "[k_o.l-b]")
    )
    dot = map_dot(landscape(text), MapOptions(), language="en", url_for=home_urls)
    assert '"cluster:zone:formal_2.0-x"' in dot and 'id="learnscape-map-chip1-thinker-k_o.l-b"' in dot


def test_tooltips_are_truncated() -> None:
    text = landscape_with(description="word " * 200)
    tip = re.search(r'"cluster:form:evil" \{[^}]*?tooltip="([^"]*)"', text)
    assert tip is not None
    assert len(tip.group(1)) < 320 and tip.group(1).endswith("…")


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="show"):
        MapOptions(show=frozenset({"forms", "people"}))
    with pytest.raises(ValueError, match="layout"):
        MapOptions(layout="RL")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="id_prefix"):
        MapOptions(id_prefix='x" onload="')
    with pytest.raises(ValueError, match="depth"):
        MapOptions(focus="coaching", depth=-1)
    with pytest.raises(ValueError, match="depth"):
        MapOptions(depth=True)
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
    """Every evil string in a card's title, tooltip and chip comes out as written."""
    lines = ["learnscape: 1", "zones:", "  - {id: z, label: Zone}", "forms:"]
    for index, evil in enumerate(EVIL):
        lines += [
            f"  - id: f{index}",
            f"    label: {yaml_string(evil)}",
            "    zone: z",
            "    orientation: learning",
            f"    description: {yaml_string('more ' + evil)}",
            f"    tools: [t{index}]",
        ]
    lines += ["tools:"] + [f"  - {{id: t{i}, label: {yaml_string(e)}}}" for i, e in enumerate(EVIL)]
    data = landscape("\n".join(lines) + "\n")
    dot = map_dot(data, MapOptions(legend=False), language="en", url_for=home_urls)
    svg = parse_svg(render(dot, "svg", engine=engine).data)
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script"))
    by_id = {g.get("id"): g for g in groups(svg, "cluster")}
    cards = [i for i in by_id if i and i.startswith("learnscape-map-form-")]
    assert len(cards) == len(EVIL)
    for index, evil in enumerate(EVIL):
        card = by_id[f"learnscape-map-form-f{index}"]
        chip = by_id[f"learnscape-map-chip{index + 1}-tool-t{index}"]
        # SVG clusters are siblings: a card's group holds its title only; a word
        # longer than a line is split over lines, nothing else is added or lost
        assert "".join(texts(card)).replace(" ", "") == escape.clean(evil).replace(" ", "")
        # a chip wraps to at most two lines, the last cut with an ellipsis if need be;
        # its tooltip has the whole name
        assert 1 <= len(texts(chip)) <= 2
        shown = "".join(texts(chip)).replace(" ", "")
        whole = escape.clean(evil).replace(" ", "")
        assert shown == whole or whole.startswith(shown.removesuffix("…"))
        assert tooltip(chip) == escape.clean(evil)
        assert tooltip(card) == f"{escape.clean(evil)}\nmore {escape.clean(evil)}"


# -- long labels, focus, rendering ---------------------------------------------------------


@needs_dot
def test_a_huge_label_is_cut_in_the_map_and_kept_in_the_text_alternative() -> None:
    """A 16k-character label neither breaks dot 2.43 ("longer than 16384?") nor makes a huge map."""
    from sphinx_learnscape.render.textalt import text_alternative_plain

    huge = "Onboarding " * 1500
    data = landscape(
        LANDSCAPE_YAML.replace("label: Coaching on the job", f"label: {huge.strip()}"),
        expect="characters long, over the 200 a label should keep to",  # check's own warning
    )
    dot = map_dot(data, MapOptions(), language="en", url_for=home_urls)
    assert max(len(line) for line in dot.splitlines()) < 2000
    result = render(dot, "svg", engine="dot")
    assert result.warnings == ""
    width = float(re.match(r'.*?<svg width="([0-9.]+)pt"', result.data.decode(), re.S).group(1))  # type: ignore[union-attr]
    assert width < 900
    assert huge.strip() in text_alternative_plain(data, MapOptions(), "en")


def focus_forms(focus: str, depth: int = 1) -> set[str]:
    dot = map_dot(landscape(), MapOptions(focus=focus, depth=depth), language="en", url_for=home_urls)
    return {n.split(":", 1)[1] for n in node_names(dot) if n.startswith("form:")}


def test_focus_draws_the_neighbourhood() -> None:
    # links: classroom -> coaching -> community <- howto
    assert focus_forms("classroom", 0) == {"classroom"}
    assert focus_forms("classroom") == {"classroom", "coaching"}
    assert focus_forms("classroom", 2) == {"classroom", "coaching", "community"}
    assert focus_forms("community") == {"coaching", "community", "howto"}
    # a tool or thinker: the forms that share it, then their neighbours
    assert focus_forms("wiki", 0) == {"community", "howto"}
    assert focus_forms("tool:teams", 0) == {"classroom", "coaching", "community"}
    assert focus_forms("kolb", 0) == {"classroom"}
    assert focus_forms("social", 0) == {"coaching", "community"}
    assert focus_forms("zone:informal", 1) == {"howto", "community"}
    # only the zones that hold the neighbourhood, with its own note for an empty cell
    dot = map_dot(landscape(), MapOptions(focus="kolb", depth=0), language="en", url_for=home_urls)
    assert "cluster:zone:formal" in dot and "cluster:zone:social" not in dot
    assert (
        "none in this neighbourhood" in dot
        and 'class="learnscape-thinker learnscape-chip learnscape-focus"' in dot
    )
    assert "cluster:legend:focus" in dot


def test_focus_ids_are_checked_by_a_pure_function() -> None:
    from sphinx_learnscape.render.focus import focus_known, resolve_focus

    data = landscape()
    assert resolve_focus(data, "coaching") == ("form", "coaching")
    assert resolve_focus(data, "wiki") == ("tool", "wiki")
    assert resolve_focus(data, "thinker:kolb") == ("thinker", "kolb")
    assert resolve_focus(data, "tool:kolb") is None and resolve_focus(data, "people:x") is None
    assert focus_known(data, "formal") and not focus_known(data, "nowhere")
    # an unknown focus draws the whole map (the Sphinx layer warns first)
    assert focus_forms("nowhere") == focus_forms("classroom", 9) | {"lost"}


@needs_dot
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_renders_without_warnings(name: str) -> None:
    result = render(dot_of(CASES[name]), "svg", engine="dot")
    assert result.warnings == ""


OUTCOMES = """outcomes:
  - {form: classroom, indicator: Test score, kind: quantitative, level: learning, baseline: 60, target: 80, measured: 70}
  - {form: community, indicator: Posts, kind: quantitative, level: activity, baseline: 100, target: 200, measured: 250}
  - {form: community, indicator: Stories, kind: qualitative, level: behaviour}
  - {form: howto, indicator: Errors, kind: quantitative, level: results, baseline: 40, target: 20, measured: 30}
"""


def evidence_landscape() -> Landscape:
    return landscape(LANDSCAPE_YAML + OUTCOMES)


def test_evidence_colouring() -> None:
    """``:color: evidence``: fill, class and badge per card from the highest level with evidence."""
    from sphinx_learnscape.render.evidence import FILLS
    from sphinx_learnscape.render.textalt import text_alternative_plain

    data = evidence_landscape()
    dot = map_dot(data, MapOptions(color="evidence"), language="en", url_for=home_urls)
    assert 'class="learnscape-form learnscape-learning learnscape-evidence-learning";' in dot
    assert 'class="learnscape-form learnscape-performance learnscape-evidence-results";' in dot
    assert 'class="learnscape-form learnscape-learning learnscape-evidence-none";' in dot
    assert f'fillcolor="{FILLS["behaviour"]}"' in dot
    for badge in ("L2 learning", "L3 behaviour", "L4 results", "no evidence"):
        assert f'label="{badge}";' in dot
    # the legend explains the whole scale, lowest first
    scale = re.findall(r'id="learnscape-map-legend-evidence-([a-z]+)"', dot)
    assert scale == ["none", "activity", "reaction", "learning", "behaviour", "results", "roi"]
    text = text_alternative_plain(data, MapOptions(color="evidence"), "nl")
    assert "[bewijs: L3 gedrag]" in text and "[bewijs: geen bewijs]" in text
    # the default map has none of it
    plain = map_dot(data, MapOptions(), language="en", url_for=home_urls)
    assert "learnscape-evidence" not in plain and "L2 learning" not in plain
    with pytest.raises(ValueError, match="color must be zones or evidence"):
        MapOptions(color="rainbow")  # type: ignore[arg-type]


@pytest.mark.parametrize("engine", engines())
def test_evidence_map_renders_in_both_engines(engine: str) -> None:
    dot = map_dot(evidence_landscape(), MapOptions(color="evidence"), language="en", url_for=home_urls)
    result = render(dot, "svg", engine=engine)
    assert result.warnings == ""
    svg = result.data.decode().replace("&#45;", "-")  # Graphviz writes "-" as an entity
    assert "learnscape-evidence-behaviour" in svg and ">L3 behaviour</text>" in svg
