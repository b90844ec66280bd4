"""The JSON Schema and its friendly messages, one test per message branch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from sphinx_learnscape.cli import main
from sphinx_learnscape.data.schema import (
    SchemaProblem,
    _messages,
    _quick_check,
    describe,
    position,
    schema,
    schema_text,
    validate,
    validator,
)
from sphinx_learnscape.data.yamlread import read_yaml

HEAD = "learnscape: 1\n"
ZONE = "zones:\n  - id: formal\n    label: Formal\n"


def problems(text: str) -> list[tuple[int, int, str]]:
    document = read_yaml(text).value
    return [(p.line, p.col, p.message) for p in validate(document)]


def one(text: str) -> tuple[int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# The schema itself


def test_schema_command_prints_a_valid_draft_2020_12_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    Draft202012Validator.check_schema(printed)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed == schema()
    assert printed["required"] == ["learnscape"]


def test_schema_ships_as_package_data() -> None:
    shipped = Path(__file__).parents[1] / "sphinx_learnscape" / "data" / "schema.json"
    assert schema_text() == shipped.read_text(encoding="utf-8")


def test_good_data_passes_both_checks(good_files: list[Path]) -> None:
    for path in good_files:
        document = read_yaml(path.read_text(encoding="utf-8")).value
        _quick_check()(document)  # raises when invalid
        assert validator().is_valid(document)
        assert validate(document) == []


def test_problems_come_in_file_order() -> None:
    text = HEAD + "tools:\n  - id: B\n    label: 1\n  - id: c\n    lable: x\n"
    assert [(line, col) for line, col, _ in problems(text)] == [(3, 9), (4, 12), (5, 5), (6, 5)]


# Unknown fields


def test_unknown_field_with_suggestion() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label: Wiki\n    catgory: wiki\n") == (
        5,
        5,
        "unknown field 'catgory' in tool 'wiki'; did you mean 'category'? "
        "(known: id, label, category, url, description; custom fields start with 'x-')",
    )


def test_unknown_field_without_suggestion() -> None:
    line, col, message = one(HEAD + "tools:\n  - id: wiki\n    label: Wiki\n    zzz: 1\n")
    assert (line, col) == (5, 5)
    assert message.startswith("unknown field 'zzz' in tool 'wiki' (known: id, label,")


def test_unknown_field_at_top_level() -> None:
    line, col, message = one(HEAD + "form: []\n")
    assert (line, col) == (2, 1)
    assert message.startswith("unknown field 'form' at the top level; did you mean 'forms'?")


def test_unknown_field_in_landscape_section() -> None:
    line, col, message = one(HEAD + "landscape:\n  titel: x\n")
    assert (line, col) == (3, 3)
    assert message.startswith("unknown field 'titel' in landscape; did you mean 'title'?")


def test_unknown_field_in_nameless_object_names_its_number() -> None:
    line, col, message = one(HEAD + ZONE + "  - label: Informal\n    idd: informal\n    id: informal\n")
    assert (line, col) == (6, 5)
    assert message.startswith("unknown field 'idd' in zone 'informal'; did you mean 'id'?")
    line, col, message = one(HEAD + "links:\n  - {from: a, to: b, lable: x}\n")
    assert message.startswith("unknown field 'lable' in link #1; did you mean 'label'?")


def test_x_fields_are_allowed_everywhere() -> None:
    text = (
        HEAD
        + "x-top: 1\nlandscape:\n  x-a: [1]\n"
        + "zones:\n  - {id: z, label: Z, x-colour-name: sky}\n"
        + "links:\n  - {from: a, to: b, x-weight: 2}\n"
    )
    assert problems(text) == []


# Required fields and the version


def test_missing_required_field_once_each() -> None:
    text = HEAD + "outcomes:\n  - form: coaching\n    indicator: Sessions\n"
    assert problems(text) == [
        (3, 5, "outcome #1 is missing the required field 'kind'"),
        (3, 5, "outcome #1 is missing the required field 'level'"),
    ]


def test_missing_id() -> None:
    assert one(HEAD + "tools:\n  - label: Wiki\n") == (3, 5, "tool #1 is missing the required field 'id'")


def test_missing_version() -> None:
    assert one("tools: []\n") == (1, 1, "the format version is missing: start the file with 'learnscape: 1'")


@pytest.mark.parametrize(("value", "shown"), [("2", "2"), ("'1'", "'1'"), ("1.1", "1.1")])
def test_other_version(value: str, shown: str) -> None:
    assert one(f"learnscape: {value}\n") == (
        1,
        13,
        f"unsupported format version {shown}; this sphinx-learnscape reads 'learnscape: 1'",
    )


# Types


def test_top_level_must_be_a_mapping() -> None:
    assert one("- a\n") == (1, 1, "the file must be a mapping (learnscape: 1, forms: ...), not a list")
    assert one("just text\n") == (
        1,
        1,
        "the file must be a mapping (learnscape: 1, forms: ...), not the text 'just text'",
    )


def test_section_must_be_a_list() -> None:
    assert one(HEAD + "forms: {id: coaching}\n") == (2, 8, "forms must be a list, not a mapping")
    assert one(HEAD + "zones:\n") == (2, 7, "zones must be a list, not nothing (null)")


def test_type_of_a_field() -> None:
    assert one(HEAD + "thinkers:\n  - {id: senge, label: Senge, born: 'in 1947'}\n") == (
        3,
        37,
        "thinker 'senge': born must be a whole number or empty (null), not the text 'in 1947'",
    )
    assert one(HEAD + "tools:\n  - {id: wiki, label: Wiki, category: [a]}\n") == (
        3,
        39,
        "tool 'wiki': category must be a text, not a list",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("007", "the number 7"),
        ("yes", "the boolean true"),
        ("1.5", "the number 1.5"),
        ("no", "the boolean false"),
    ],
)
def test_values_yaml_reads_as_numbers_get_a_quote_hint(value: str, shown: str) -> None:
    assert one(HEAD + f"tools:\n  - id: {value}\n    label: Tool\n") == (
        3,
        9,
        f"tool #1: id must be a text, not {shown}; put the value in quotes to keep it as text",
    )


def test_type_of_a_list_item_names_the_item() -> None:
    assert one(HEAD + "forms:\n  - {id: f, label: F, zone: z, orientation: learning, tags: [a, 5]}\n") == (
        3,
        65,
        "form 'f': tags (item 2) must be a text, not the number 5; put the value in quotes to keep it as text",
    )


def test_landscape_field_type() -> None:
    assert one(HEAD + "landscape:\n  organisation: [a, b]\n") == (
        3,
        17,
        "landscape: organisation must be a text, not a list",
    )


# Texts (the anyOf of text or language mapping)


def test_text_of_the_wrong_type() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label: [Wiki]\n") == (
        4,
        12,
        "tool 'wiki': label must be a text or a mapping of language codes to texts (en: ..., nl: ...), not a list",
    )


def test_text_that_yaml_read_as_a_number() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label: 42\n") == (
        4,
        12,
        "tool 'wiki': label must be a text or a mapping of language codes to texts (en: ..., nl: ...), "
        "not the number 42; put the value in quotes to keep it as text",
    )


def test_empty_language_mapping() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label: {}\n") == (
        4,
        12,
        "tool 'wiki': label must not be empty; give a text or at least one language (en: ...)",
    )


def test_bad_language_code_points_at_the_key() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label:\n      en: Wiki\n      english: Wiki\n") == (
        6,
        7,
        "tool 'wiki': label: 'english' is not a language code; use codes such as en, nl or pt-BR",
    )


@pytest.mark.parametrize("code", ["en", "nl", "pt-BR", "zh_Hant", "fil"])
def test_language_codes_accepted(code: str) -> None:
    assert problems(HEAD + f"tools:\n  - id: wiki\n    label: {{{code}: Wiki}}\n") == []


def test_non_text_translation_points_at_the_value() -> None:
    assert one(HEAD + "tools:\n  - id: wiki\n    label:\n      en: Wiki\n      nl: [Wiki]\n") == (
        6,
        11,
        "tool 'wiki': label.nl must be a text, not a list",
    )
    assert one(HEAD + "tools:\n  - id: wiki\n    label: {en: Wiki, nl: 3}\n") == (
        4,
        27,
        "tool 'wiki': label.nl must be a text, not the number 3; put the value in quotes to keep it as text",
    )


def test_landscape_title_text() -> None:
    assert one(HEAD + "landscape:\n  title: {}\n") == (
        3,
        10,
        "landscape: title must not be empty; give a text or at least one language (en: ...)",
    )


# Patterns, enums, lists


@pytest.mark.parametrize(
    ("value", "col"),
    [
        ("Wiki", 9),
        ("the wiki", 9),
        ("'-wiki'", 9),
        ("'.wiki'", 9),
        ("w" * 65, 9),
        ('"wiki\\n"', 9),
        ("''", 9),
        ("wiki/two", 9),
        ("wïki", 9),
    ],
)
def test_invalid_ids(value: str, col: int) -> None:
    line, at, message = one(HEAD + f"tools:\n  - id: {value}\n    label: Wiki\n")
    assert (line, at) == (3, col)
    assert message.endswith(
        "is not a valid id; use 1-64 characters of a-z 0-9 - _ . starting with a letter or digit"
    )


@pytest.mark.parametrize("value", ["w", "w" * 64, "0-wiki", "a.b_c-d", "2026"])
def test_valid_ids(value: str) -> None:
    assert problems(HEAD + f"tools:\n  - id: '{value}'\n    label: Wiki\n") == []


def test_invalid_reference_id_uses_the_same_message() -> None:
    line, col, message = one(HEAD + "links:\n  - {from: Coaching, to: b}\n")
    assert (line, col) == (3, 12)
    assert message.startswith("link #1: from: 'Coaching' is not a valid id;")


@pytest.mark.parametrize("colour", ["'#12345'", "'#ggg'", "'rgb(1,2,3)'", "'dark blue'", "'#fff\\n'"])
def test_bad_colour(colour: str) -> None:
    line, col, message = one(HEAD + f'zones:\n  - {{id: z, label: Z, color: "{colour[1:-1]}"}}\n')
    assert (line, col) == (3, 30)
    assert message.startswith("zone 'z': color: ")
    assert message.endswith("is not a colour; use #rgb, #rrggbb or a CSS colour name")


@pytest.mark.parametrize("colour", ["'#fff'", "'#A0b1C2'", "rebeccapurple", "red"])
def test_good_colour(colour: str) -> None:
    assert problems(HEAD + f"zones:\n  - {{id: z, label: Z, color: {colour}}}\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ZONE.replace("Formal\n", "Formal\n    band: work\n"),
            (5, 11, "zone 'formal': band: 'work' is not one of education, exposure, experience"),
        ),
        (
            "forms:\n  - {id: f, label: F, zone: z, orientation: knowing}\n",
            (3, 45, "form 'f': orientation: 'knowing' is not one of learning, performance"),
        ),
        (
            "forms:\n  - {id: f, label: F, zone: z, orientation: learning, moments: [new, later]}\n",
            (3, 70, "form 'f': moments (item 2): 'later' is not one of new, more, apply, solve, change"),
        ),
        (
            "outcomes:\n  - {form: f, indicator: I, kind: counted, level: activity}\n",
            (3, 35, "outcome #1: kind: 'counted' is not one of quantitative, qualitative"),
        ),
        (
            "outcomes:\n  - {form: f, indicator: I, kind: qualitative, level: happy}\n",
            (
                3,
                55,
                "outcome #1: level: 'happy' is not one of activity, reaction, learning, behaviour, results, roi",
            ),
        ),
        (
            "outcomes:\n  - {id: o, form: f, indicator: I, kind: qualitative, level: roi, direction: up}\n",
            (3, 78, "outcome 'o': direction: 'up' is not one of increase, decrease"),
        ),
    ],
)
def test_enums(text: str, expected: tuple[int, int, str]) -> None:
    assert one(HEAD + text) == expected


def test_repeated_list_items_point_at_the_first_repeat() -> None:
    text = HEAD + "forms:\n  - id: f\n    label: F\n    zone: z\n    orientation: learning\n"
    assert one(text + "    tools: [wiki, lms, wiki, lms]\n") == (
        7,
        24,
        "form 'f': tools: 'wiki', 'lms' listed more than once",
    )


def test_empty_tag() -> None:
    text = HEAD + "forms:\n  - {id: f, label: F, zone: z, orientation: learning, tags: [a, '']}\n"
    assert one(text) == (3, 65, "form 'f': tags (item 2) must not be an empty text")


def test_other_keywords_fall_back_to_jsonschema_message() -> None:
    # Not reachable with the shipped schema: the safety net for a future keyword.
    document = read_yaml(HEAD + "tools:\n  - {id: wiki, label: Wiki}\n").value
    error = next(Draft202012Validator({"maxLength": 2}).iter_errors("wiki"))
    error.path.extend(["tools", 0, "id"])
    assert list(_messages(document, error)) == [
        SchemaProblem(3, 10, "tool 'wiki': id: 'wiki' is too long", ("tools", 0, "id"))
    ]


# Helpers that place and name problems


def test_position_prefers_key_or_value_and_stops_at_the_deepest_known() -> None:
    document = read_yaml(HEAD + "tools:\n  - id: wiki\n    label: Wiki\n").value
    assert position(document, ("tools", 0, "label")) == (4, 12)
    assert position(document, ("tools", 0, "label"), key=True) == (4, 5)
    assert position(document, ("tools", 0, "nothing")) == (3, 5)
    assert position(document, ("tools", 7)) == (3, 3)
    assert position(document, ()) == (1, 1)
    assert position("not a document", ("a",)) == (1, 1)


def test_describe() -> None:
    document = read_yaml(HEAD + "tools:\n  - id: wiki\n  - label: x\n  - 5\n").value
    assert describe(document, ("tools", 0, "label")) == "tool 'wiki'"
    assert describe(document, ("tools", 1)) == "tool #2"
    assert describe(document, ("tools", 2)) == "tool #3"
    assert describe(document, ("landscape", "title")) == "landscape"
    assert describe(document, ("learnscape",)) == "file"
    assert describe(document, ()) == "file"


@pytest.mark.parametrize(
    "document",
    [
        {"learnscape": 1, "tools": [{"id": "wiki\n", "label": "W"}]},
        {"learnscape": 1, "zones": [{"id": "z", "label": "Z", "color": "#fff\n"}]},
        {"learnscape": 1, "tools": [{"id": "wiki", "label": {"en\n": "W"}}]},
    ],
)
def test_both_checks_treat_dollar_as_end_of_text(document: dict[str, Any]) -> None:
    # Python's `$` also matches before a final newline; JSON Schema's does not.
    assert not validator().is_valid(document)
    with pytest.raises(fastjsonschema.JsonSchemaException):
        _quick_check()(document)
    assert len(validate(document)) == 1


def test_validate_reports_what_jsonschema_finds_when_the_quick_check_fails() -> None:
    document = read_yaml(HEAD + "tools:\n  - {id: wiki, label: Wiki, category: 3}\n").value
    with pytest.raises(fastjsonschema.JsonSchemaException):
        _quick_check()(document)
    errors = list(validator().iter_errors(document))
    assert [e.validator for e in errors] == ["type"]
    assert isinstance(errors[0], ValidationError)
    assert [p.path for p in validate(document)] == [("tools", 0, "category")]
