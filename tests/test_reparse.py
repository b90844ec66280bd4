"""Parsing again after an edit: the short way gives exactly what a full parse gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from landscape_gen import generate

from sphinx_learnscape.data import parse
from sphinx_learnscape.data.reparse import _splice, reparse_bytes
from sphinx_learnscape.data.results import FileResult

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "generated": generate(forms=40, zones=5, links=40).encode("utf-8"),
    "example forms": (ROOT / "examples" / "landscape" / "forms.yaml").read_bytes(),
    "example outcomes": (ROOT / "examples" / "landscape" / "outcomes.yaml").read_bytes(),
    "example people": (ROOT / "examples" / "landscape" / "people-and-tools.yaml").read_bytes(),
    "docs everything": (ROOT / "docs" / "_examples" / "everything.yaml").read_bytes(),
}


def full(data: bytes) -> FileResult:
    return parse.parse_bytes(data, "land.yaml")


def edited(lines: list[str], rng: random.Random) -> list[str]:
    """One random edit an author might make (or a clumsy one)."""
    lines = list(lines)
    where = rng.randrange(len(lines))
    match rng.choice(["append", "comment", "delete", "duplicate", "blank", "retype"]):
        case "append":
            lines[where] += " (changed)"
        case "comment":
            lines.insert(where, " " * rng.choice([0, 2, 4, 6]) + "# a note")
        case "delete":
            del lines[where]
        case "duplicate":
            lines.insert(where, lines[where])
        case "blank":
            lines.insert(where, "")
        case "retype":
            lines[where] = lines[where].replace(":", ": 1", 1)
    return lines


@pytest.mark.parametrize("name", sorted(FILES))
def test_random_edits_give_what_a_full_parse_gives(name: str) -> None:
    data = FILES[name]
    old = full(data)
    assert old.diagnostics == ()
    lines = data.decode("utf-8").split("\n")
    rng = random.Random(name)
    short = 0
    for _ in range(80):
        new = "\n".join(edited(lines, rng)).encode("utf-8")
        spliced = _splice(data, old, new, "land.yaml")
        if spliced is not None:
            short += 1
            assert spliced == full(new)
        assert reparse_bytes(data, old, new, "land.yaml") == full(new)
    # the short way is taken for a good share of edits, or this test proves nothing
    assert short >= 20, short


def test_a_label_edit_parses_one_record(monkeypatch: pytest.MonkeyPatch) -> None:
    data = FILES["generated"]
    old = full(data)
    new = data.replace(b"label: ", b"label: New ", 1)
    expected = full(new)
    calls: list[str] = []
    real = parse._FileParser.parse_text

    def spy(self: parse._FileParser, text: str) -> FileResult:
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(parse._FileParser, "parse_text", spy)
    assert reparse_bytes(data, old, new, "land.yaml") == expected
    [text] = calls
    assert len(text.strip().splitlines()) < 12  # the version, the section and one record


def test_lines_below_an_edit_move_with_it() -> None:
    data = FILES["example forms"]
    old = full(data)
    first = old.forms[0]
    lines = data.decode("utf-8").split("\n")
    at = first.origin.line  # the line after the record's first: still inside it
    lines.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip())) + "# two more")
    lines.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip())) + "# lines")
    new = "\n".join(lines).encode("utf-8")
    spliced = _splice(data, old, new, "land.yaml")
    assert spliced is not None and spliced == full(new)
    assert spliced.forms[0].origin == first.origin
    assert [f.origin.line for f in spliced.forms[1:]] == [f.origin.line + 2 for f in old.forms[1:]]


SLOW = {
    "a record added": lambda text: text.replace(
        "\n  - id: ", "\n  - id: brand-new\n    label: New\n  - id: ", 1
    ),
    "an anchor": lambda text: text.replace("label: ", "label: &name ", 1),
    "the version": lambda text: text.replace("learnscape: 1", "learnscape: 2", 1),
    "a schema problem": lambda text: text.replace("label: ", "label: [", 1),
    "a top-level key": lambda text: text.replace("\n  - id: ", "\nx-note: 1\n  - id: ", 1),
    "a CR": lambda text: text.replace("label: ", "label: a\r", 1),
}


def test_an_anchor_anywhere_in_the_file_means_a_full_parse() -> None:
    # an alias may copy a record's values elsewhere (here into an x- key)
    data = FILES["generated"].replace(b"learnscape: 1\n", b"learnscape: 1\nx-copy: &shared {a: 1}\n", 1)
    old = full(data)
    assert old.diagnostics == ()
    new = data.replace(b"label: ", b"label: New ", 1)
    assert _splice(data, old, new, "land.yaml") is None
    assert reparse_bytes(data, old, new, "land.yaml") == full(new)


@pytest.mark.parametrize("case", sorted(SLOW))
def test_edits_the_short_way_cannot_judge_get_a_full_parse(case: str) -> None:
    data = FILES["generated"]
    old = full(data)
    new = SLOW[case](data.decode("utf-8")).encode("utf-8")
    assert new != data
    assert _splice(data, old, new, "land.yaml") is None
    assert reparse_bytes(data, old, new, "land.yaml") == full(new)


def test_a_file_with_problems_is_parsed_in_full() -> None:
    data = FILES["generated"].replace(b"label: ", b"label: [", 1)
    old = full(data)
    assert old.diagnostics
    new = data.replace(b"label: ", b"label: New ", 2)
    assert _splice(data, old, new, "land.yaml") is None
    assert reparse_bytes(data, old, new, "land.yaml") == full(new)
