"""The table directives, built by a real Sphinx into HTML."""

from __future__ import annotations

import re

import pytest
from sphinx.testing.util import SphinxTestApp


def tables(html: str) -> list[str]:
    return re.findall(r"<table.*?</table>", html, re.S)


def row_texts(table: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr.*?</tr>", table, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


@pytest.fixture
def built(app: SphinxTestApp) -> str:
    app.build()
    assert app.warning.getvalue() == ""
    return (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_forms_table_classes_caption_and_name(built: str) -> None:
    first = tables(built)[0]
    assert re.search(r'<table class="learnscape-table learnscape-forms striped[^"]*" id="all-forms"', first)
    assert "All learning forms" in first
    rows = row_texts(first)
    assert rows[0] == ["Learning form", "Zone", "Orientation", "Tools", "Thinkers"]
    assert rows[1] == ["Classroom training", "Formal learning", "learning", "Learning platform", "David Kolb"]
    assert [r[0] for r in rows[1:]] == [
        "Classroom training",
        "E-learning module",
        "Coaching",
        "Community of practice",
        "Job aids",
    ]
    assert rows[4][2] == "performance support"
    # numref to the table's :name:
    assert re.search(r'href="#all-forms"[^>]*><span class="std std-numref">Table 1', built)


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_filters_and_columns(built: str) -> None:
    all_tables = tables(built)
    social = row_texts(all_tables[1])
    assert social[0] == ["Learning form", "Description", "Tags"]
    assert [r[0] for r in social[1:]] == ["Coaching", "Community of practice"]
    # zones AND tools; OR inside one option
    assert [r[0] for r in row_texts(all_tables[2])[1:]] == ["Coaching", "Community of practice"]
    assert [r[0] for r in row_texts(all_tables[3])[1:]] == ["Job aids"]


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_tools_thinkers_matrix_outcomes(built: str) -> None:
    all_tables = tables(built)
    tools = row_texts(all_tables[4])
    assert tools[0] == ["Tool", "Category", "Description", "Learning forms"]
    assert tools[3] == ["Wiki", "wiki", "The knowledge base.", "Community of practice, Job aids"]
    # filtered tools: only those of formal forms, with only formal forms listed
    assert row_texts(all_tables[5])[1:] == [
        ["Learning platform", "lms", "", "Classroom training, E-learning module"]
    ]
    thinkers = row_texts(all_tables[6])
    assert thinkers[1][:2] == ["David Kolb", "1939–"]
    matrix = row_texts(all_tables[7])
    assert matrix[0] == ["Learning form", "Learning platform", "Microsoft Teams", "Wiki"]
    assert matrix[4] == ["Community of practice", "", "✓", "✓"]
    assert 'class="learnscape-table learnscape-matrix' in all_tables[7]
    thinker_matrix = row_texts(all_tables[8])
    assert thinker_matrix[0] == ["Learning form", "David Kolb", "Peter Senge", "Etienne Wenger"]
    outcomes = row_texts(all_tables[9])
    assert outcomes[0][:3] == ["Learning form", "Indicator", "Level"]
    assert outcomes[1] == [
        "Classroom training", "Test score", "learning", "quantitative",
        "60 points", "80 points", "70 points", "50%", "",
    ]  # fmt: skip
    # a falling target: errors 40 -> 20, measured 30 is half way
    errors = next(r for r in outcomes if r[1] == "Medication errors")
    assert errors[5] == "20 errors (lower is better)"
    assert errors[7] == "50%"
    assert row_texts(all_tables[10])[1:] == [errors]


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_empty_selection_says_so(built: str) -> None:
    assert 'class="learnscape-empty learnscape-forms"' in built
    assert "Nothing in the landscape matches this selection." in built


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_every_id_in_a_cell_links_home(built: str) -> None:
    # Rows of the first forms table are the homes of forms (no description directives here).
    for form in ("classroom", "elearning", "coaching", "community", "jobaids"):
        assert built.count(f'id="learnscape-form-{form}"') == 1
        assert f'href="#learnscape-form-{form}"' in built
    for tool in ("lms", "teams", "wiki"):
        assert built.count(f'id="learnscape-tool-{tool}"') == 1
    # zones have no home here (no zone directive, no zone table): label unlinked, no warning
    assert "learnscape-zone-formal" not in built
