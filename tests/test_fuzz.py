"""Property tests: no input makes the data layer raise, and the quick schema check never lies."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import fastjsonschema
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sphinx_learnscape.data import Diagnostic, load_texts, parse_bytes
from sphinx_learnscape.data.evidence import evidence_ladder
from sphinx_learnscape.data.schema import _quick_check, validate, validator
from sphinx_learnscape.render.charts import bullet_chart, sparkline

GOOD = Path(__file__).parent / "data" / "good"
GOOD_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOOD.glob("*.yaml"))}

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_diagnostics(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], texts: dict[str, str]) -> None:
    """Every diagnostic names a given file and a place inside it."""
    for diagnostic in diagnostics:
        assert diagnostic.file in texts
        assert diagnostic.message
        assert "Traceback" not in diagnostic.message
        lines = texts[diagnostic.file].count("\n") + 1
        assert 0 <= diagnostic.line <= lines + 1, diagnostic
        assert diagnostic.col >= 0
        diagnostic.format()


# Arbitrary text and bytes


@SETTINGS
@given(st.text())
def test_any_text(text: str) -> None:
    result = parse_bytes(text.encode("utf-8"), "any.yaml")
    check_diagnostics(result.diagnostics, {"any.yaml": text})


@SETTINGS
@given(st.binary())
def test_any_bytes(data: bytes) -> None:
    result = parse_bytes(data, "any.yaml")
    check_diagnostics(result.diagnostics, {"any.yaml": data.decode("utf-8", "replace")})


@SETTINGS
@given(st.text(alphabet="-:[]{}&*!|>'\"%@`#,? \n\tabcx0~<=.", max_size=80))
def test_yaml_punctuation_soup(text: str) -> None:
    result = parse_bytes(("learnscape: 1\n" + text).encode(), "soup.yaml")
    check_diagnostics(result.diagnostics, {"soup.yaml": "learnscape: 1\n" + text})


# YAML-ish structures dumped with safe_dump

KEYS = st.sampled_from(
    [
        "learnscape",
        "landscape",
        "zones",
        "forms",
        "tools",
        "thinkers",
        "links",
        "outcomes",
        "id",
        "label",
        "zone",
        "orientation",
        "from",
        "to",
        "form",
        "url",
        "title",
        "born",
        "baseline",
        "target",
        "measured",
        "level",
        "kind",
        "indicator",
        "direction",
        "color",
        "band",
        "tags",
        "moments",
        "en",
        "nl",
        "x-custom",
        "<<",
        "",
    ]
)
SPECIAL = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "~",
        "null",
        "<<",
        "=",
        "!!python/name:os.system",
        "*a",
        "&a",
        "- x",
        ": ",
        "#",
        "'",
        '"',
        "javascript:alert(1)",
        " JaVaScript:x",
        "data:,x",
        "wiki\n",
        "2026-06-30",
        "0x1F",
        "1e3",
        ".nan",
        "1_000",
        "formal",
        "coaching",
        "activity",
        "learning",
        "#fff",
        "\u2028",
        "\x85",
        "\ufeff",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    SPECIAL,
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)


@SETTINGS
@given(TREES)
def test_any_structure(tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    _, diagnostics = load_texts({"tree.yaml": text})
    check_diagnostics(diagnostics, {"tree.yaml": text})


@SETTINGS
@given(st.dictionaries(KEYS, TREES, max_size=6), st.booleans())
def test_any_structure_under_a_version(sections: dict[str, Any], with_good: bool) -> None:
    text = yaml.safe_dump({"learnscape": 1, **sections}, allow_unicode=True, sort_keys=False)
    texts = {**GOOD_TEXTS, "tree.yaml": text} if with_good else {"tree.yaml": text}
    landscape, diagnostics = load_texts(texts)
    check_diagnostics(diagnostics, texts)
    if with_good:  # good data survives whatever sits beside it
        assert {"formal", "informal"} <= {z.id for z in landscape.zones}
        assert {"classroom", "coaching", "community"} <= {f.id for f in landscape.forms}


# Mutations and truncations of a good file

#: raw YAML that safe_dump would quote: tags, anchors, aliases, merge keys
RAW = st.sampled_from(
    ["\n", "  ", "- ", ": ", "{", "}", "[", "]", "&x ", "*x", "<<: *x\n", "? ", "|\n", "---\n", "%YAML 1.1\n"]
    + [
        f"!!{tag} "
        for tag in ("bool", "int", "float", "str", "null", "binary", "set", "timestamp", "python/none")
    ]
    + ["!custom ", "! ", "!!map ", "!!seq "]
)

EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            ["cut", "delete", "insert", "before-value", "duplicate-line", "drop-line", "indent", "dedent"]
        ),
        st.floats(min_value=0, max_value=1),
        st.floats(min_value=0, max_value=1),
        st.one_of(SPECIAL, st.text(max_size=6), RAW),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, edits: list[tuple[str, float, float, str]]) -> str:
    for op, where, extent, insert in edits:
        at = int(where * len(text))
        lines = text.split("\n")
        line = min(int(where * len(lines)), len(lines) - 1)
        if op == "cut":
            text = text[:at]
        elif op == "delete":
            text = text[:at] + text[at + int(extent * 40) :]
        elif op == "insert":
            text = text[:at] + insert + text[at:]
        elif op == "before-value":  # where a tag or an alias changes what a value is
            starts = [i + 2 for i in range(len(text)) if text.startswith(": ", i)]
            if starts:
                at = starts[int(where * (len(starts) - 1))]
                text = text[:at] + insert + text[at:]
        elif op == "duplicate-line":
            text = "\n".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])
        elif op == "drop-line":
            text = "\n".join(lines[:line] + lines[line + 1 :])
        elif op == "indent":
            text = "\n".join([*lines[:line], "  " + lines[line], *lines[line + 1 :]])
        else:
            text = "\n".join([*lines[:line], lines[line].removeprefix("  "), *lines[line + 1 :]])
    return text


@SETTINGS
@given(st.sampled_from(sorted(GOOD_TEXTS)), EDITS)
def test_mutated_good_file(name: str, edits: list[tuple[str, float, float, str]]) -> None:
    texts = dict(GOOD_TEXTS)
    texts[name] = mutate(texts[name], edits)
    _, diagnostics = load_texts(texts)
    check_diagnostics(diagnostics, texts)


# The quick check (fastjsonschema) agrees with jsonschema
#
# Documents near the schema: valid records, a sixth of them with one field
# changed to an edge value (a near-miss id, a boolean for a number, ...), so
# that most documents are valid but for one place, where the two checks
# could differ.

DELETE = object()
GOOD_ID = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,63}", fullmatch=True)
BAD_ID = st.one_of(
    GOOD_ID.map(lambda i: i + "\n"),  # Python's `$` matches before it, ECMA's does not
    GOOD_ID.map(lambda i: "W" + i),
    GOOD_ID.map(lambda i: i + " x"),
    st.sampled_from(["", "-wiki", ".x", "w" * 65, "wiki\r", "wïki", "a/b", "\nwiki"]),
    st.sampled_from([0, 7, True, None, ["wiki"]]),
)
SHORT = st.text(max_size=6)
LANGUAGE = st.sampled_from(["en", "nl", "pt-BR", "zh_Hant", "fil"])
TEXT = st.one_of(SHORT, st.dictionaries(LANGUAGE, SHORT, min_size=1, max_size=3))
BAD_TEXT = st.one_of(
    st.just({}),
    st.dictionaries(
        st.sampled_from(["english", "e", "en\n", "", "EN-", "1", "nl-"]), SHORT, min_size=1, max_size=2
    ),
    st.dictionaries(
        LANGUAGE, st.one_of(st.integers(), st.none(), st.booleans(), st.lists(SHORT)), min_size=1
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(),
    st.lists(SHORT, max_size=2),
)
NUMBER = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.none())
BAD_NUMBER = st.one_of(
    st.booleans(), st.text(max_size=3), st.sampled_from(["1", "1.5", "NaN"]), st.lists(st.integers())
)
INTEGER = st.one_of(st.integers(), st.none(), st.just(1947.0))
BAD_INTEGER = st.one_of(
    st.booleans(), st.floats(allow_nan=False).filter(lambda f: not f.is_integer()), st.text(max_size=3)
)
PLAIN = st.text(max_size=5)
BAD_PLAIN = st.one_of(
    st.integers(), st.booleans(), st.none(), st.lists(PLAIN, max_size=1), st.just({"en": "x"})
)
ID_LIST = st.lists(GOOD_ID, max_size=3, unique=True)
BAD_ID_LIST = st.one_of(
    GOOD_ID.map(lambda i: [i, i]),
    st.lists(BAD_ID, min_size=1, max_size=2),
    GOOD_ID,
    st.just([1, True]),
    st.just([None]),
)


def enum(*values: str) -> tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]:
    edge = st.one_of(
        st.text(max_size=5),
        st.sampled_from([v + "\n" for v in values] + [v.title() for v in values] + [""]),
        BAD_PLAIN,
    )
    return st.sampled_from(values), edge


def near(
    fields: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]], required: tuple[str, ...]
) -> st.SearchStrategy[dict[str, Any]]:
    """A valid object, or one with a single field made wrong, missing or unknown."""
    base = st.fixed_dictionaries(
        {name: fields[name][0] for name in required},
        optional={name: good for name, (good, _) in fields.items() if name not in required},
    )
    change = st.one_of(
        st.sampled_from(sorted(fields)).flatmap(lambda name: fields[name][1].map(lambda v: (name, v))),
        st.sampled_from(required).map(lambda name: (name, DELETE)) if required else st.nothing(),
        st.sampled_from(["lable", "colour", "X-a", "x", "x-ok", "x-"]).map(lambda name: (name, 1)),
    )

    def apply(record: dict[str, Any], edit: tuple[str, Any] | None) -> dict[str, Any]:
        if edit is None:
            return record
        name, value = edit
        record = dict(record)
        if value is DELETE:
            record.pop(name, None)
        else:
            record[name] = value
        return record

    return st.builds(apply, base, st.one_of(*[st.none()] * 5, change))


ID = (GOOD_ID, BAD_ID)
TEXT_FIELD = (TEXT, BAD_TEXT)
PLAIN_FIELD = (PLAIN, BAD_PLAIN)
URL_FIELD = (st.sampled_from(["https://x.org", "/a", "mailto:a@b"]), BAD_PLAIN)
ZONE = near(
    {
        "id": ID,
        "label": TEXT_FIELD,
        "description": TEXT_FIELD,
        "band": enum("education", "exposure", "experience"),
        "color": (
            st.sampled_from(["#fff", "#A0B1C2", "red", "rebeccapurple"]),
            st.one_of(
                st.sampled_from(["#fff\n", "#12", "#12345", "dark blue", "rgb(1,2,3)", "red\n"]), BAD_PLAIN
            ),
        ),
        "url": URL_FIELD,
    },
    ("id", "label"),
)
FORM = near(
    {
        "id": ID,
        "label": TEXT_FIELD,
        "zone": ID,
        "orientation": enum("learning", "performance"),
        "description": TEXT_FIELD,
        "tools": (ID_LIST, BAD_ID_LIST),
        "thinkers": (ID_LIST, BAD_ID_LIST),
        "tags": (
            st.lists(st.text(min_size=1, max_size=4), max_size=3, unique=True),
            st.sampled_from([[""], ["a", "a"], [1], "tag", [None], [True, 1]]),
        ),
        "moments": (
            st.lists(st.sampled_from(["new", "more", "apply", "solve", "change"]), max_size=3, unique=True),
            st.sampled_from([["new", "new"], ["later"], "new", [1], ["New"], ["new\n"]]),
        ),
        "owner": PLAIN_FIELD,
        "audience": PLAIN_FIELD,
        "url": URL_FIELD,
    },
    ("id", "label", "zone", "orientation"),
)
TOOL = near(
    {"id": ID, "label": TEXT_FIELD, "category": PLAIN_FIELD, "url": URL_FIELD, "description": TEXT_FIELD},
    ("id", "label"),
)
THINKER = near(
    {
        "id": ID,
        "label": TEXT_FIELD,
        "born": (INTEGER, BAD_INTEGER),
        "died": (INTEGER, BAD_INTEGER),
        "known_for": TEXT_FIELD,
        "idea": TEXT_FIELD,
        "url": URL_FIELD,
        "description": TEXT_FIELD,
    },
    ("id", "label"),
)
LINK = near({"from": ID, "to": ID, "label": TEXT_FIELD, "kind": PLAIN_FIELD}, ("from", "to"))
HISTORY_POINT = near(
    {
        "period": (
            st.one_of(
                st.sampled_from(["2025", "2025-Q4", "2026-H1", "2026-05", "2026-05-31"]), st.integers()
            ),
            st.one_of(st.sampled_from(["2026-Q5", "2026-02-30", "0000", "spring"]), st.none(), st.floats()),
        ),
        "value": (NUMBER, BAD_NUMBER),
    },
    ("period", "value"),
)
OUTCOME = near(
    {
        "id": ID,
        "form": ID,
        "indicator": TEXT_FIELD,
        "kind": enum("quantitative", "qualitative"),
        "level": enum("activity", "reaction", "learning", "behaviour", "results", "roi"),
        "unit": PLAIN_FIELD,
        "baseline": (NUMBER, BAD_NUMBER),
        "target": (NUMBER, BAD_NUMBER),
        "measured": (NUMBER, BAD_NUMBER),
        "direction": enum("increase", "decrease"),
        "method": PLAIN_FIELD,
        "period": (
            st.one_of(PLAIN, st.integers()),
            st.one_of(st.none(), st.booleans(), st.floats(), st.lists(PLAIN)),
        ),
        "note": TEXT_FIELD,
        "history": (
            st.lists(HISTORY_POINT, max_size=3),
            st.one_of(st.none(), st.just({}), st.integers(), PLAIN),
        ),
    },
    ("form", "indicator", "kind", "level"),
)
LANDSCAPE = near(
    {"title": TEXT_FIELD, "description": TEXT_FIELD, "organisation": PLAIN_FIELD, "as_of": PLAIN_FIELD}, ()
)
SECTION: st.SearchStrategy[object] = st.one_of(st.none(), st.just({}), st.integers(), PLAIN)
DOCUMENT = near(
    {
        "learnscape": (st.just(1), st.sampled_from([2, "1", 1.5, True, None, 0])),
        "landscape": (LANDSCAPE, SECTION),
        "zones": (st.lists(ZONE, max_size=2), SECTION),
        "forms": (st.lists(FORM, max_size=3), SECTION),
        "tools": (st.lists(TOOL, max_size=2), SECTION),
        "thinkers": (st.lists(THINKER, max_size=2), SECTION),
        "links": (st.lists(LINK, max_size=2), SECTION),
        "outcomes": (st.lists(OUTCOME, max_size=3), SECTION),
    },
    ("learnscape",),
)


def quick_valid(document: Any) -> bool:
    try:
        _quick_check()(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example({"learnscape": 1, "tools": [{"id": "wiki\n", "label": "Wiki"}]})
@example({"learnscape": 1, "zones": [{"id": "z", "label": "Z", "color": "red\n"}]})
@example({"learnscape": 1, "tools": [{"id": "w", "label": {"en\n": "Wiki"}}]})
@example({"learnscape": 1, "thinkers": [{"id": "s", "label": "S", "born": 1947.0, "died": True}]})
@example(
    {
        "learnscape": 1,
        "outcomes": [
            {"form": "f", "indicator": "I", "kind": "qualitative", "level": "roi", "baseline": True}
        ],
    }
)
@example(
    {
        "learnscape": 1,
        "forms": [{"id": "f", "label": "F", "zone": "z", "orientation": "learning", "tags": ["1", "1"]}],
    }
)
@example({"learnscape": 1.0})
@example({"learnscape": True})
@given(
    st.one_of(DOCUMENT, st.one_of(st.none(), st.lists(PLAIN, max_size=2), PLAIN, st.integers(), st.floats()))
)
def test_quick_check_agrees_with_jsonschema(document: Any) -> None:
    assert quick_valid(document) == validator().is_valid(document)
    # and every error jsonschema finds becomes a message without raising
    problems = validate(document)
    assert (problems == []) == validator().is_valid(document)


@settings(max_examples=100, deadline=None)
@given(st.lists(FORM, min_size=1, max_size=3), st.lists(OUTCOME, max_size=3))
def test_generated_documents_load(forms: list[dict[str, Any]], outcomes: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"learnscape": 1, "forms": forms, "outcomes": outcomes}, allow_unicode=True)
    texts = {**GOOD_TEXTS, "gen.yaml": text}
    landscape, diagnostics = load_texts(texts)
    check_diagnostics(diagnostics, texts)
    for outcome in landscape.outcomes:  # only checked records come out
        assert outcome.form in landscape.index["form"]
    for form in landscape.forms:
        assert form.zone is None or form.zone in landscape.index["zone"]
        assert all(t in landscape.index["tool"] for t in form.tools)
    # what is drawn from the records never raises either
    for row in evidence_ladder(landscape):
        assert row.summary in ("no-evidence", "activity-only", "beyond-activity")
    for outcome in landscape.outcomes:
        for language in ("en", "nl"):
            for svg in (bullet_chart(outcome, language), sparkline(outcome, language)):
                if svg is not None:
                    ElementTree.fromstring(svg)
