"""Parsing and merging: good data survives bad data, every problem at its exact place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_learnscape.data import (
    Diagnostic,
    Form,
    LoadOptions,
    Origin,
    Severity,
    Subtype,
    Text,
    load_files,
    load_texts,
    merge,
    parse_bytes,
    parse_file,
)
from sphinx_learnscape.data.model import Thinker
from sphinx_learnscape.data.parse import url_problem

HEAD = "learnscape: 1\n"
ZONES = HEAD + "zones:\n  - {id: formal, label: Formal}\n  - {id: informal, label: Informal}\n"
TOOLS = HEAD + "tools:\n  - {id: wiki, label: Wiki}\n  - {id: lms, label: LMS}\n"


def lines(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.format() for d in diagnostics]


def form(ident: str, extra: str = "", zone: str = "formal") -> str:
    return f"  - {{id: {ident}, label: {ident.title()}, zone: {zone}, orientation: learning{extra}}}\n"


# The good landscape


def test_good_landscape_loads_clean(good_files: list[Path]) -> None:
    landscape, diagnostics = load_files(good_files)
    assert diagnostics == []
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert [f.id for f in landscape.forms] == ["classroom", "coaching", "community"]
    assert [t.id for t in landscape.tools] == ["lms", "wiki", "teams"]
    assert [t.id for t in landscape.thinkers] == ["senge", "piaget"]
    assert [(link.source, link.target) for link in landscape.links] == [
        ("classroom", "coaching"),
        ("coaching", "community"),
    ]
    assert [o.id for o in landscape.outcomes] == [
        "community-views",
        "community-answers",
        "classroom-errors",
        "coaching-story",
    ]
    assert landscape.meta is not None
    assert landscape.meta.title is not None
    assert landscape.meta.title.get("nl") == "Leerlandschap Zorggroep Noord"
    assert landscape.meta.as_of == "2026-06-30"
    coaching = landscape.get("form", "coaching")
    assert isinstance(coaching, Form)
    assert coaching.origin == Origin(str(good_files[1]), 16, 5)
    assert coaching.tools == ("teams",)
    assert coaching.moments == ("more", "apply")
    assert [f.id for f in landscape.forms_using("tool", "teams")] == ["coaching", "community"]
    assert [f.id for f in landscape.forms_using("thinker", "piaget")] == ["classroom", "community"]
    assert [f.id for f in landscape.forms_in_zone("informal")] == ["coaching", "community"]
    assert [o.id for o in landscape.outcomes_of("community")] == ["community-views", "community-answers"]
    assert landscape.get("tool", "nope") is None
    assert [t.id for t in landscape.objects("thinker")] == ["senge", "piaget"]


def test_records_carry_their_origin() -> None:
    landscape, _ = load_texts({"a.yaml": ZONES})
    assert [z.origin for z in landscape.zones] == [Origin("a.yaml", 3, 5), Origin("a.yaml", 4, 5)]
    assert str(landscape.zones[1].origin) == "a.yaml:4"


# Good data survives bad data


def test_broken_object_is_dropped_and_its_neighbours_kept() -> None:
    text = HEAD + "tools:\n  - {id: a, label: A}\n  - {id: b, label: B, colour: red}\n  - {id: c, label: C}\n"
    landscape, diagnostics = load_texts({"t.yaml": text})
    assert [t.id for t in landscape.tools] == ["a", "c"]
    assert [(d.line, d.col, d.subtype) for d in diagnostics] == [(4, 23, Subtype.SCHEMA)]


def test_each_kind_of_object_is_dropped_alone() -> None:
    text = (
        ZONES
        + "  - {id: Bad, label: Bad}\n"
        + "forms:\n"
        + form("coaching")
        + form("broken", ", tools: wiki")
        + "thinkers:\n  - {id: senge, label: Senge}\n  - {id: x, label: X, born: soon}\n"
        + "links:\n  - {from: coaching, to: coaching}\n  - {from: coaching}\n"
        + "outcomes:\n  - {form: coaching, indicator: I, kind: qualitative, level: learning}\n"
        + "  - {form: coaching, indicator: J, kind: qualitative, level: great}\n"
    )
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert [f.id for f in landscape.forms] == ["coaching"]
    assert [t.id for t in landscape.thinkers] == ["senge"]
    assert len(landscape.links) == 1
    assert [str(o.indicator) for o in landscape.outcomes] == ["I"]
    assert [(d.line, d.subtype) for d in diagnostics] == [(5, Subtype.SCHEMA)] + [
        (line, Subtype.SCHEMA) for line in (8, 11, 14, 17)
    ]


def test_broken_file_never_stops_the_other_files() -> None:
    landscape, diagnostics = load_texts(
        {
            "zones.yaml": ZONES,
            "broken.yaml": HEAD + "tools: [\n",
            "tools.yaml": TOOLS,
            "forms.yaml": HEAD + "forms:\n" + form("coaching", ", tools: [wiki]"),
        }
    )
    assert [t.id for t in landscape.tools] == ["wiki", "lms"]
    assert [f.id for f in landscape.forms] == ["coaching"]
    assert landscape.forms[0].tools == ("wiki",)
    assert [(d.file, d.line, d.col, d.subtype) for d in diagnostics] == [("broken.yaml", 3, 1, Subtype.YAML)]


@pytest.mark.parametrize(
    "bad",
    [
        b"\xff\xfe",
        b"",
        b"# nothing\n",
        b"learnscape: 2\nforms: []\n",
        b"- a list\n",
        b"learnscape: 1\nforms: !!python/name:os.system\n",
    ],
)
def test_a_file_that_yields_nothing_leaves_the_others(bad: bytes) -> None:
    results = [parse_bytes(ZONES.encode(), "zones.yaml"), parse_bytes(bad, "bad.yaml")]
    landscape, diagnostics = merge(results)
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert [d.file for d in diagnostics] == ["bad.yaml"]
    assert diagnostics[0].severity is Severity.ERROR


def test_broken_section_drops_only_that_section() -> None:
    landscape, diagnostics = load_texts({"a.yaml": ZONES + "forms: {id: coaching}\n"})
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert landscape.forms == ()
    assert lines(diagnostics) == ["a.yaml:5:8: error: forms must be a list, not a mapping [schema]"]


def test_broken_landscape_section_is_dropped() -> None:
    landscape, diagnostics = load_texts({"a.yaml": ZONES + "landscape:\n  titel: x\n"})
    assert landscape.meta is None
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert [(d.line, d.col) for d in diagnostics] == [(6, 3)]


def test_duplicate_key_drops_its_object() -> None:
    text = HEAD + "tools:\n  - id: wiki\n    label: Wiki\n    label: Wiki 2\n  - {id: lms, label: LMS}\n"
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert [t.id for t in landscape.tools] == ["lms"]
    assert lines(diagnostics) == [
        "a.yaml:5:5: error: key 'label' is given twice in this mapping (first at line 4) [yaml]"
    ]


def test_second_document_is_ignored_but_the_first_kept() -> None:
    landscape, diagnostics = load_texts({"a.yaml": ZONES + "---\n" + TOOLS})
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert landscape.tools == ()
    assert [(d.line, d.subtype) for d in diagnostics] == [(5, Subtype.YAML)]


def test_file_without_version_is_reported_and_still_read() -> None:
    landscape, diagnostics = load_texts({"a.yaml": ZONES.removeprefix(HEAD)})
    assert [z.id for z in landscape.zones] == ["formal", "informal"]
    assert lines(diagnostics) == [
        "a.yaml:1:1: error: the format version is missing: start the file with 'learnscape: 1' [schema]"
    ]


def test_file_of_another_version_is_not_read_and_only_that_is_said() -> None:
    text = "learnscape: 2\nzones:\n  - {id: formal, label: Formal, shape: round}\n"
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert landscape.zones == ()
    assert lines(diagnostics) == [
        "a.yaml:1:13: error: unsupported format version 2; this sphinx-learnscape reads 'learnscape: 1' [schema]"
    ]


# References


def test_unknown_tool_drops_the_reference_and_keeps_the_form() -> None:
    landscape, diagnostics = load_texts(
        {
            "z.yaml": ZONES,
            "t.yaml": TOOLS,
            "f.yaml": HEAD + "forms:\n" + form("coaching", ", tools: [wiki, wikki, lms]"),
        }
    )
    assert [(f.id, f.tools) for f in landscape.forms] == [("coaching", ("wiki", "lms"))]
    assert lines(diagnostics) == [
        "f.yaml:3:88: error: form 'coaching': unknown tool 'wikki'; did you mean 'wiki'? [ref]"
    ]


def test_unknown_thinker_drops_the_reference_and_keeps_the_form() -> None:
    text = (
        ZONES
        + "thinkers:\n  - {id: senge, label: Senge}\nforms:\n"
        + form("c", ", thinkers: [piaget, senge]")
    )
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert landscape.forms[0].thinkers == ("senge",)
    assert lines(diagnostics) == [
        "a.yaml:8:71: error: form 'c': unknown thinker 'piaget' (known: senge) [ref]"
    ]


def test_unknown_zone_keeps_the_form_without_zone() -> None:
    landscape, diagnostics = load_texts({"a.yaml": ZONES + "forms:\n" + form("coaching", zone="nonformal")})
    assert [(f.id, f.zone) for f in landscape.forms] == [("coaching", None)]
    assert lines(diagnostics) == [
        "a.yaml:6:43: error: form 'coaching': unknown zone 'nonformal'; did you mean 'informal'? [ref]"
    ]
    assert landscape.forms_in_zone(None) == landscape.forms


def test_reference_hint_lists_known_ids_or_says_none() -> None:
    _, diagnostics = load_texts({"a.yaml": HEAD + "forms:\n" + form("c", zone="x")})
    assert diagnostics[0].message == "form 'c': unknown zone 'x' (none are defined)"
    many = HEAD + "zones:\n" + "".join(f"  - {{id: zone{i}, label: Z}}\n" for i in range(10))
    _, diagnostics = load_texts({"a.yaml": many + "forms:\n" + form("c", zone="qqq")})
    assert diagnostics[0].message == (
        "form 'c': unknown zone 'qqq' (known: zone0, zone1, zone2, zone3, zone4, zone5, zone6, zone7, ... (10 in all))"
    )


def test_unknown_link_ends_drop_the_link() -> None:
    text = (
        ZONES
        + "forms:\n"
        + form("a")
        + "links:\n  - {from: a, to: b}\n  - {from: c, to: a}\n  - {from: a, to: a}\n"
    )
    landscape, diagnostics = load_texts({"l.yaml": text})
    assert [(link.source, link.target) for link in landscape.links] == [("a", "a")]
    assert lines(diagnostics) == [
        "l.yaml:8:19: error: link 'a' -> 'b': unknown form 'b'; the link is skipped [ref]",
        "l.yaml:9:12: error: link 'c' -> 'a': unknown form 'c'; the link is skipped [ref]",
    ]


def test_unknown_outcome_form_drops_the_outcome() -> None:
    text = (
        ZONES
        + "forms:\n"
        + form("a")
        + "outcomes:\n  - {form: b, indicator: {en: Views, nl: Weergaven}, kind: quantitative, level: learning}\n"
    )
    landscape, diagnostics = load_texts({"o.yaml": text})
    assert landscape.outcomes == ()
    assert lines(diagnostics) == [
        "o.yaml:8:12: error: outcome 'Views': unknown form 'b'; the outcome is skipped [ref]"
    ]


def test_references_resolve_across_files_in_any_order() -> None:
    landscape, diagnostics = load_texts(
        {"f.yaml": HEAD + "forms:\n" + form("c", ", tools: [lms]"), "z.yaml": ZONES, "t.yaml": TOOLS}
    )
    assert diagnostics == []
    assert landscape.forms[0].tools == ("lms",)


# Duplicates


def test_duplicate_across_files_reports_both_places_and_keeps_the_first() -> None:
    second = HEAD + "zones:\n  - {id: other, label: Other}\n  - {id: formal, label: Formal again}\n"
    landscape, diagnostics = load_texts({"a.yaml": ZONES, "b.yaml": second})
    assert [(z.id, str(z.label)) for z in landscape.zones] == [
        ("formal", "Formal"),
        ("informal", "Informal"),
        ("other", "Other"),
    ]
    assert lines(diagnostics) == [
        "b.yaml:4:5: error: zone id 'formal' is already defined at a.yaml:3; this one is skipped [duplicate]"
    ]


def test_duplicate_in_one_file() -> None:
    _, diagnostics = load_texts({"a.yaml": TOOLS + "  - {id: wiki, label: Wiki 2}\n"})
    assert lines(diagnostics) == [
        "a.yaml:5:5: error: tool id 'wiki' is already defined at a.yaml:3; this one is skipped [duplicate]"
    ]


def test_ids_are_unique_per_kind_only() -> None:
    text = (
        HEAD
        + "zones:\n  - {id: x, label: X}\ntools:\n  - {id: x, label: X}\nthinkers:\n  - {id: x, label: X}\n"
    )
    text += "forms:\n" + form("x", zone="x")
    _, diagnostics = load_texts({"a.yaml": text})
    assert diagnostics == []


def test_duplicate_outcome_id() -> None:
    text = ZONES + "forms:\n" + form("a") + "outcomes:\n"
    text += "  - {id: o, form: a, indicator: I, kind: qualitative, level: learning}\n" * 2
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert len(landscape.outcomes) == 1
    assert lines(diagnostics) == [
        "a.yaml:9:5: error: outcome id 'o' is already defined at a.yaml:8; this one is skipped [duplicate]"
    ]


def test_two_landscape_sections_keep_the_first() -> None:
    landscape, diagnostics = load_texts(
        {"a.yaml": HEAD + "landscape:\n  title: A\n", "b.yaml": HEAD + "landscape:\n  title: B\n"}
    )
    assert landscape.meta is not None
    assert str(landscape.meta.title) == "A"
    assert lines(diagnostics) == [
        "b.yaml:2:1: error: a 'landscape:' section is already given at a.yaml:2; only one file may give it [duplicate]"
    ]


def test_file_named_twice_is_read_once(good_files: list[Path]) -> None:
    landscape, diagnostics = load_files([*good_files, good_files[0]])
    assert diagnostics == []
    assert len(landscape.zones) == 2


# x- keys, URLs, numbers


def test_x_keys_are_kept_and_exported_as_plain_data() -> None:
    text = (
        HEAD
        + "landscape:\n  title: T\n  x-owner: L&D\n"
        + "zones:\n  - id: z\n    label: Z\n    x-shape: {kind: box, sizes: [1, 2]}\n"
        + "forms:\n"
        + form("f", ", x-since: 2019", zone="z")
        + "links:\n  - {from: f, to: f, x-weight: 0.5}\n"
        + "outcomes:\n  - {form: f, indicator: I, kind: qualitative, level: learning, x-source: survey}\n"
    )
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert diagnostics == []
    zone = landscape.zones[0]
    assert zone.extra == {"x-shape": {"kind": "box", "sizes": [1, 2]}}
    assert type(zone.extra["x-shape"]) is dict
    assert type(zone.extra["x-shape"]["sizes"]) is list
    exported = json.loads(json.dumps(landscape.as_json()))
    assert exported["landscape"]["x-owner"] == "L&D"
    assert exported["zones"][0]["x-shape"] == {"kind": "box", "sizes": [1, 2]}
    assert exported["forms"][0]["x-since"] == 2019
    assert exported["links"][0]["x-weight"] == 0.5
    assert exported["outcomes"][0]["x-source"] == "survey"


def test_refused_url_is_dropped_and_its_object_kept() -> None:
    text = (
        HEAD
        + "tools:\n  - {id: a, label: A, url: 'javascript:alert(1)'}\n  - {id: b, label: B, url: /wiki}\n"
    )
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert [(t.id, t.url) for t in landscape.tools] == [("a", None), ("b", "/wiki")]
    assert lines(diagnostics) == [
        "a.yaml:3:28: error: tool 'a': URL scheme 'javascript:' is refused; use http, https, mailto or a relative URL [schema]"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " JaVaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "\x00 javascript:alert(1)",
        "\u00a0javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org",
    ],
)
def test_url_schemes_refused(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert "is refused; use http, https, mailto or a relative URL" in problem


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/a?b#c",
        "mailto:l&d@example.org",
        "/wiki",
        "wiki.html",
        "#top",
        "../x",
        "HTTPS://EXAMPLE.ORG",
    ],
)
def test_url_schemes_allowed(url: str) -> None:
    assert url_problem(url) is None


def test_malformed_url() -> None:
    assert url_problem("http://[::1") == "'http://[::1' is not a valid URL"


def test_non_finite_numbers_drop_the_outcome() -> None:
    text = ZONES + "forms:\n" + form("a") + "outcomes:\n"
    text += (
        "  - {form: a, indicator: I, kind: quantitative, level: learning, baseline: .inf, measured: .nan}\n"
    )
    text += "  - {form: a, indicator: J, kind: quantitative, level: learning, baseline: 1500.5}\n"
    landscape, diagnostics = load_texts({"a.yaml": text})
    assert [(str(o.indicator), o.baseline) for o in landscape.outcomes] == [("J", 1500.5)]
    assert lines(diagnostics) == [
        "a.yaml:8:76: error: outcome #1: baseline must be a finite number, not inf [schema]",
        "a.yaml:8:92: error: outcome #1: measured must be a finite number, not nan [schema]",
    ]


# Texts


def test_text_language_fallback() -> None:
    text = Text.of({"nl": "Coaching (nl)", "en": "Coaching (en)", "pt-BR": "Coaching (pt)"})
    assert text is not None
    assert text.get("nl") == "Coaching (nl)"
    assert text.get("nl_BE") == "Coaching (nl)"
    assert text.get("de") == "Coaching (en)"
    assert text.get(None) == "Coaching (en)"
    assert text.get("pt_BR") == "Coaching (pt)"
    assert text.get("pt-br") == "Coaching (pt)"
    no_english = Text.of({"fr": "Premier", "nl": "Tweede"})
    assert no_english is not None
    assert no_english.get("de") == "Premier"
    assert no_english.get("nl") == "Tweede"
    plain = Text.of("Just this")
    assert plain is not None
    assert (plain.get("nl"), plain.get(None), str(plain)) == ("Just this", "Just this", "Just this")
    assert Text.of(None) is None


def test_text_fallback_on_loaded_data(good_files: list[Path]) -> None:
    landscape, _ = load_files(good_files)
    piaget = landscape.get("thinker", "piaget")
    assert piaget is not None
    assert piaget.title("nl") == "Jean Piaget"
    assert isinstance(piaget, Thinker)
    idea = piaget.idea
    assert idea is not None
    assert (idea.get("fr"), idea.get("nl"), idea.get("en")) == (
        "On apprend en construisant.",
        "Learners construct knowledge.",
        "Learners construct knowledge.",
    )
    assert landscape.forms[0].title("nl") == "Klassikale training"
    assert landscape.forms[0].title("de") == "Classroom training"


# Files and limits


def test_size_limit_boundary() -> None:
    data = ZONES.encode()
    assert parse_bytes(data, "a.yaml", max_bytes=len(data)).diagnostics == ()
    result = parse_bytes(data, "a.yaml", max_bytes=len(data) - 1)
    assert result.zones == ()
    assert [d.format() for d in result.diagnostics] == [
        f"a.yaml: error: the file is {len(data)} bytes, over the limit of {len(data) - 1} "
        "(learnscape_max_file_bytes); it was not read [file]"
    ]


def test_size_limit_option(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(ZONES + "# padding\n" * 500, encoding="utf-8")
    landscape, diagnostics = load_files([path], LoadOptions(max_file_bytes=1000))
    assert landscape.zones == ()
    assert [(d.subtype, d.line, d.col) for d in diagnostics] == [(Subtype.FILE, 0, 0)]
    assert "over the limit of 1,000" in diagnostics[0].message
    landscape, diagnostics = load_texts(
        {"big.yaml": path.read_text(encoding="utf-8")}, LoadOptions(max_file_bytes=1000)
    )
    assert landscape.zones == () and len(diagnostics) == 1
    landscape, diagnostics = load_files([path])
    assert (len(landscape.zones), diagnostics) == (2, [])


def test_missing_unreadable_and_named_files(tmp_path: Path) -> None:
    assert lines(list(parse_file(tmp_path / "none.yaml", name="none.yaml").diagnostics)) == [
        "none.yaml: error: the file does not exist [file]"
    ]
    assert lines(list(parse_file(tmp_path, name="dir").diagnostics)) == [
        "dir: error: this is a directory, not a data file [file]"
    ]
    good = tmp_path / "z.yaml"
    good.write_text(ZONES, encoding="utf-8")
    result = parse_file(good, name="data/z.yaml")
    assert result.file == "data/z.yaml"
    assert result.zones[0].origin.file == "data/z.yaml"


def test_byte_order_mark_and_crlf_are_fine() -> None:
    result = parse_bytes(("\ufeff" + ZONES).replace("\n", "\r\n").encode(), "a.yaml")
    assert result.diagnostics == ()
    assert result.zones[1].origin == Origin("a.yaml", 4, 5)


def test_invalid_utf8_is_placed() -> None:
    result = parse_bytes(b"learnscape: 1\nzones:\n  - {id: caf\xe9, label: x}\n", "a.yaml")
    assert lines(list(result.diagnostics)) == [
        "a.yaml:3:13: error: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8 [file]"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty; start it with 'learnscape: 1'"),
        (b"  \n\n", "the file is empty; start it with 'learnscape: 1'"),
        (b"# just a comment\n", "the file holds no data; start it with 'learnscape: 1'"),
        (b"~\n", "the file holds no data; start it with 'learnscape: 1'"),
    ],
)
def test_empty_files(data: bytes, message: str) -> None:
    assert lines(list(parse_bytes(data, "e.yaml").diagnostics)) == [f"e.yaml:1:1: error: {message} [file]"]


def test_diagnostics_sorted_by_file_order_then_line() -> None:
    _, diagnostics = load_texts(
        {
            "b.yaml": HEAD + "forms:\n" + form("x", zone="q") + "tools:\n  - {id: T, label: T}\n",
            "a.yaml": HEAD + "zonez: []\n",
        }
    )
    assert [(d.file, d.line) for d in diagnostics] == [("b.yaml", 3), ("b.yaml", 5), ("a.yaml", 2)]


def test_diagnostic_format_and_json() -> None:
    diagnostic = Diagnostic(Severity.WARNING, Subtype.OUTCOMES, "a.yaml", 3, 0, "careful")
    assert diagnostic.format() == "a.yaml:3:1: warning: careful [outcomes]"
    assert (
        Diagnostic(Severity.ERROR, Subtype.FILE, "a.yaml", 0, 0, "gone").format()
        == "a.yaml: error: gone [file]"
    )
    assert diagnostic.as_json() == {
        "file": "a.yaml",
        "line": 3,
        "col": 0,
        "severity": "warning",
        "subtype": "outcomes",
        "message": "careful",
    }


def test_parse_results_pickle_for_sphinx_caching() -> None:
    import pickle

    result = parse_bytes((ZONES + "  - {id: x, label: X, x-a: {b: [1]}}\n").encode(), "a.yaml")
    again = pickle.loads(pickle.dumps(result))
    assert again == result


def test_whole_numbers_written_with_a_point_become_integers() -> None:
    landscape, diagnostics = load_texts(
        {"a.yaml": HEAD + "thinkers:\n  - {id: s, label: S, born: 1947.0, died: ~}\n"}
    )
    assert diagnostics == []
    born = landscape.thinkers[0].born
    assert (born, type(born)) == (1947, int)


def test_top_level_x_keys_are_kept_and_exported() -> None:
    landscape, diagnostics = load_texts(
        {"a.yaml": "learnscape: 1\nx-owner: L&D\n", "b.yaml": "learnscape: 1\nx-owner: other\nx-team: [a]\n"}
    )
    assert diagnostics == []
    assert landscape.as_json()["x-owner"] == "L&D"  # the first file wins
    assert landscape.as_json()["x-team"] == ["a"]
