"""The safe YAML reader: values with positions, and every refusal at its exact place."""

from __future__ import annotations

import time

import pytest

from sphinx_learnscape.data.yamlread import MAX_DEPTH, LocDict, LocList, YamlProblem, read_yaml


def only_problem(text: str) -> YamlProblem:
    result = read_yaml(text)
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def test_values_and_positions() -> None:
    result = read_yaml("learnscape: 1\nforms:\n  - id: coaching\n    tags: [a, b]\n")
    assert result.problems == []
    doc = result.value
    assert isinstance(doc, LocDict)
    assert doc == {"learnscape": 1, "forms": [{"id": "coaching", "tags": ["a", "b"]}]}
    assert doc.pos == (1, 1)
    assert doc.key_pos == {"learnscape": (1, 1), "forms": (2, 1)}
    assert doc.val_pos["learnscape"] == (1, 13)
    forms = doc["forms"]
    assert isinstance(forms, LocList)
    assert forms.pos == (3, 3)
    assert forms.item_pos == [(3, 5)]
    form = forms[0]
    assert form.key_pos["tags"] == (4, 5)
    assert form.val_pos["tags"] == (4, 11)
    assert form["tags"].item_pos == [(4, 12), (4, 15)]


def test_scalars_follow_yaml_1_1_like_safe_load() -> None:
    text = (
        "a: 12\nb: 1.5\nc: yes\nd: ~\ne: '12'\nf: 2026-06-30\ng: 0x1f\nh: null\ni: text\n"
        "j: !!str 5\nk: ! 5\nl: .inf\n"
    )
    doc = read_yaml(text).value
    assert doc == {
        "a": 12,
        "b": 1.5,
        "c": True,
        "d": None,
        "e": "12",
        "f": "2026-06-30",  # dates stay text
        "g": 31,
        "h": None,
        "i": "text",
        "j": "5",
        "k": "5",
        "l": float("inf"),
    }


def test_keys_are_kept_as_written() -> None:
    # `no:` would be False and `1:` the number 1 under PyYAML's safe_load
    doc = read_yaml("no: a\n1: b\nnull: c\n").value
    assert list(doc) == ["no", "1", "null"]


def test_explicit_tag_with_a_value_it_cannot_hold_keeps_the_text() -> None:
    result = read_yaml('a: !!bool maybe\nb: !!int ""\nc: !!float x\nd: !!int 12\n')
    assert result.problems == []
    assert result.value == {"a": "maybe", "b": "", "c": "x", "d": 12}


def test_a_number_too_long_for_python_stays_text() -> None:
    digits = "7" * 5000
    assert read_yaml(f"a: {digits}\n").value == {"a": digits}


@pytest.mark.parametrize(
    ("text", "pos", "tag"),
    [
        (
            "a: !!python/object/apply:os.system ['ls']\n",
            (1, 4),
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("a: !!python/name:os.system\n", (1, 4), "tag:yaml.org,2002:python/name:os.system"),
        (
            "a:\n  b: !!python/object:collections.OrderedDict {}\n",
            (2, 6),
            "tag:yaml.org,2002:python/object:collections.OrderedDict",
        ),
        ("a: !!binary aGVsbG8=\n", (1, 4), "tag:yaml.org,2002:binary"),
        ("a: !!set {x, y}\n", (1, 4), "tag:yaml.org,2002:set"),
        ("a: !!omap [x: 1]\n", (1, 4), "tag:yaml.org,2002:omap"),
        ("a: !include other.yaml\n", (1, 4), "!include"),
        ("- !custom\n  x: 1\n", (1, 3), "!custom"),
    ],
)
def test_tags_are_refused(text: str, pos: tuple[int, int], tag: str) -> None:
    result = read_yaml(text)
    assert result.value is None
    assert result.problems == [
        YamlProblem(*pos, f"tag {tag!r} is not allowed; only plain YAML data is read", fatal=True)
    ]


def test_plain_tags_of_the_core_schema_are_allowed() -> None:
    result = read_yaml("a: !!int 3\nb: !!map {x: 1}\nc: !!seq [1]\nd: !!null ''\ne: !!bool true\n")
    assert result.problems == []
    assert result.value == {"a": 3, "b": {"x": 1}, "c": [1], "d": None, "e": True}


def test_duplicate_key_reports_the_second_and_keeps_the_first() -> None:
    result = read_yaml("forms:\n  - id: a\n    label: A\n    label: B\n")
    assert result.problems == [
        YamlProblem(
            4, 5, "key 'label' is given twice in this mapping (first at line 3)", ("forms", 0, "label")
        )
    ]
    assert result.value == {"forms": [{"id": "a", "label": "A"}]}


def test_duplicate_top_level_key() -> None:
    problem = only_problem("learnscape: 1\nzones: []\nzones: []\n")
    assert (problem.line, problem.col, problem.path, problem.fatal) == (3, 1, ("zones",), False)


def test_merge_key_is_refused_and_skipped() -> None:
    result = read_yaml("base: &b {x: 1}\nitems:\n  - <<: *b\n    y: 2\n")
    assert result.problems == [YamlProblem(3, 5, "merge keys ('<<') are not supported", ("items", 0))]
    assert result.value["items"] == [{"y": 2}]


def test_collection_as_key_is_refused() -> None:
    result = read_yaml("? [a, b]\n: 1\nc: 2\n")
    assert result.problems == [YamlProblem(1, 3, "a key must be a plain text, not a collection", ())]
    assert result.value == {"c": 2}


def test_aliases_expand_within_budget() -> None:
    text = "x-base: &b [1, 2, 3]\nitems:\n" + "".join("  - *b\n" for _ in range(200))
    result = read_yaml(text)
    assert result.problems == []
    assert result.value["items"] == [[1, 2, 3]] * 200
    # positions of an alias are those of the alias, not of the anchor
    assert result.value["items"].item_pos[1] == (4, 5)


def test_unknown_alias_is_fatal() -> None:
    result = read_yaml("a: 1\nb: *nope\n")
    assert result.value is None
    assert result.problems == [YamlProblem(2, 4, "unknown alias 'nope'", fatal=True)]


def test_billion_laughs_is_refused_quickly() -> None:
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    start = time.perf_counter()
    result = read_yaml(text)
    assert time.perf_counter() - start < 1
    assert result.value is None
    assert result.problems == [
        YamlProblem(
            5, 8, "aliases expand this file too far (a 'billion laughs' document?); refused", fatal=True
        )
    ]


def test_nesting_up_to_the_limit_is_read() -> None:
    result = read_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert result.problems == []


def test_nesting_past_the_limit_is_refused_where_it_starts() -> None:
    depth = MAX_DEPTH + 1
    result = read_yaml("[" * depth + "]" * depth)
    assert result.value is None
    assert result.problems == [
        YamlProblem(1, depth, f"nesting deeper than {MAX_DEPTH} levels is refused", fatal=True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "x:\n" + "- " * 10_000 + "bottom\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_ten_thousand_levels_are_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    result = read_yaml(text)
    assert time.perf_counter() - start < 1
    assert result.value is None
    [problem] = result.problems
    assert problem.fatal
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels is refused"
    assert problem.line in (1, 2)


def test_second_document_is_reported_and_the_first_kept() -> None:
    result = read_yaml("a: 1\n---\nb: 2\n")
    assert result.value == {"a": 1}
    assert result.problems == [
        YamlProblem(2, 1, "only one YAML document per file is read; remove the second '---'")
    ]


def test_explicit_single_document_is_fine() -> None:
    result = read_yaml("---\na: 1\n...\n")
    assert (result.value, result.problems) == ({"a": 1}, [])


def test_syntax_error_is_fatal_with_position() -> None:
    result = read_yaml("a: [1, 2\nb: 3\n")
    assert result.value is None
    [problem] = result.problems
    assert (problem.line, problem.col, problem.fatal) == (2, 2, True)
    assert problem.message.startswith("YAML syntax error: did not find expected ',' or ']'")


def test_problems_before_a_fatal_one_are_kept() -> None:
    result = read_yaml("a: 1\na: 2\nb: [\n")
    assert [(p.line, p.fatal) for p in result.problems] == [(2, False), (4, True)]
    assert result.value is None


@pytest.mark.parametrize(
    ("text", "pos", "char"),
    [
        ("a: b\x00\n", (1, 5), "U+0000"),
        ("a: 1\néé: \x07\n", (2, 5), "U+0007"),  # positions count characters, not bytes
        ("a: \ufffe\n", (1, 4), "U+FFFE"),
    ],
)
def test_control_characters_are_placed(text: str, pos: tuple[int, int], char: str) -> None:
    result = read_yaml(text)
    assert result.value is None
    assert result.problems == [
        YamlProblem(*pos, f"the character {char} is not allowed in YAML; remove it", fatal=True)
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_no_data_is_none_without_problems(text: str) -> None:
    result = read_yaml(text)
    assert (result.value, result.problems) == (None, [])
