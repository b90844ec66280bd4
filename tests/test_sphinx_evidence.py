"""The evidence ladder and the outcomes table's charts, built by a real Sphinx.

The root ``test-evidence`` has one form per state of the ladder (its data
file says which); the ladder is on one page, the outcomes on another, so
every link from a cell crosses pages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_learnscape.data.evidence import STATES


def tables(html: str) -> list[str]:
    return re.findall(r"<table.*?</table>", html, re.S)


def cells(table: str) -> list[list[str]]:
    """Each row's cells, as raw HTML (headers included)."""
    return [
        re.findall(r"<t[dh][^>]*>.*?</t[dh]>", row, re.S) for row in re.findall(r"<tr.*?</tr>", table, re.S)
    ]


def text(cell: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()


def ladder_row(html: str, form: str) -> list[str]:
    return next(row for row in cells(tables(html)[0]) if f">Form {form}<" in row[0])


@pytest.fixture
def built(app: SphinxTestApp) -> dict[str, str]:
    app.build()
    assert app.warning.getvalue() == ""
    return {doc: (app.outdir / f"{doc}.html").read_text(encoding="utf-8") for doc in ("ladder", "outcomes")}


#: form -> (level, the state its cell shows there)
STATE_OF_FORM = {
    "met": ("results", "met"),
    "progress": ("learning", "progress"),
    "missed": ("behaviour", "missed"),
    "story": ("behaviour", "story"),
    "measured": ("reaction", "measured"),
    "none": ("activity", "none"),
}
LEVELS = ("activity", "reaction", "learning", "behaviour", "results", "roi")


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
def test_ladder_structure(built: dict[str, str]) -> None:
    ladder = tables(built["ladder"])[0]
    assert re.search(
        r'<table class="learnscape-table learnscape-evidence compact[^"]*" id="evidence-ladder"', ladder
    )
    assert "What each form is shown to yield" in ladder
    rows = cells(ladder)
    assert [text(c) for c in rows[0]] == [
        "Learning form", "activity", "reaction", "learning", "behaviour", "results", "ROI", "Evidence",
    ]  # fmt: skip
    # one row per form, in data order, forms without outcomes included
    assert [text(r[0]) for r in rows[1:]] == [f"Form {f}" for f in (*STATE_OF_FORM, "activity")]
    # the form's cell links to its home (none here: its label, unlinked)
    assert all("learnscape-ref-form" in r[0] for r in rows[1:])
    for row in rows[1:]:
        for level, cell in zip(LEVELS, row[1:7], strict=True):
            state = re.search(r'<td class="learnscape-evidence-([a-z]+)"', cell)
            assert state is not None and state.group(1) in STATES, (level, cell)


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
@pytest.mark.parametrize("form", STATE_OF_FORM)
def test_each_state(built: dict[str, str], form: str) -> None:
    level, state = STATE_OF_FORM[form]
    row = ladder_row(built["ladder"], form)
    cell = row[1 + LEVELS.index(level)]
    assert cell.startswith(f'<td class="learnscape-evidence-{state}">')
    # a mark to see (an SVG shape, hidden from screen readers) and a word to hear
    assert re.search(
        rf'<svg class="learnscape-evidence-mark learnscape-evidence-mark-{state}" aria-hidden="true"', cell
    )
    assert f'<span class="learnscape-evidence-word">{state}</span>' in cell
    if state == "none":
        assert "href" not in cell
        assert text(row[-1]) == "no evidence"
    else:
        # the cell links to its outcome's row in the outcomes table, on the other page
        link = re.search(
            r'<a class="[^"]*learnscape-outcome-link[^"]*" href="outcomes.html#(learnscape-outcome-[^"]+)"',
            cell,
        )
        assert link is not None, cell
        assert built["outcomes"].count(f'id="{link.group(1)}"') == 1


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
def test_best_state_wins_and_summaries(built: dict[str, str]) -> None:
    row = ladder_row(built["ladder"], "met")
    results = row[1 + LEVELS.index("results")]
    # two outcomes at results: the missed one comes first in the data, the met one wins and is linked
    assert text(results) == "met (2)"
    assert 'href="outcomes.html#learnscape-outcome-met-reached"' in results
    assert 'title="Errors: met; Wrong way: missed"' in results
    assert text(row[-1]) == "up to results"
    assert 'class="learnscape-evidence-summary learnscape-summary-beyond-activity"' in row[-1]
    assert text(ladder_row(built["ladder"], "activity")[-1]) == "activity only"
    assert "learnscape-summary-no-evidence" in ladder_row(built["ladder"], "none")[-1]


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
def test_filters_and_empty_selection(built: dict[str, str]) -> None:
    zone_b = tables(built["ladder"])[1]
    assert [text(r[0]) for r in cells(zone_b)[1:]] == [
        "Form story",
        "Form measured",
        "Form none",
        "Form activity",
    ]
    assert 'class="learnscape-empty learnscape-evidence"' in built["ladder"]


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
def test_outcome_rows_are_homes(built: dict[str, str]) -> None:
    page = built["outcomes"]
    # an outcome without an id is keyed by its form and place: the progress form's first outcome
    for key in ("met-missed", "met-reached", "progress-1", "missed-1", "story-1", "measured-1", "activity-1"):
        assert page.count(f'id="learnscape-outcome-{key}"') == 1, key
    # only the first table's rows are homes; the second table's row for the same outcome is not
    second = tables(page)[1]
    assert "learnscape-outcome-" not in second
    assert 'class="learnscape-row-outcome' in tables(page)[0]


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True)
def test_outcomes_chart_column(built: dict[str, str]) -> None:
    first, second = tables(built["outcomes"])[:2]
    rows = cells(first)
    assert [text(c) for c in rows[0]] == ["Learning form", "Indicator", "Level", "Progress", "Period"]
    by_indicator = {text(r[1]).split(" Told")[0]: r for r in rows[1:]}
    errors = by_indicator["Errors"]
    # a bullet chart, labelled in words, drawn right for "lower is better", and the numbers as text
    assert re.search(r'<svg class="learnscape-bullet learnscape-bullet-lower" role="img" aria-label="Lower is better, '
                     r'baseline 40 errors, target 20 errors, measured 18 errors: target reached"', errors[3])  # fmt: skip
    assert text(errors[3]) == "40 → 20 errors (lower is better), now 18 errors (110%, reached)"
    # a history: a sparkline, and progress from the latest value
    score = by_indicator["Test score"]
    assert (
        '<svg class="learnscape-sparkline" role="img" aria-label="History: 2025-Q4: 62 points; 2026-Q1: 70 points'
        in score[3]
    )
    assert text(score[3]) == "60 → 80 points, now 70 points in 2026-Q1 (50%)"
    assert text(by_indicator["Escalations"][3]) == "60 → 80%, now 55% (-25%)"
    assert "learnscape-regressed" in by_indicator["Escalations"][3]
    assert text(by_indicator["Escalations"][4]) == "2026-Q2"
    assert text(by_indicator["Satisfaction"][3]) == "81%"
    assert "<svg" not in by_indicator["Satisfaction"][3]
    # a qualitative outcome says so; its note is a paragraph under the indicator
    story = by_indicator["A success case"]
    assert text(story[3]) == "qualitative"
    assert '<p class="learnscape-note">Told by the team.</p>' in story[1]
    # :columns: picks the separate number columns
    picked = cells(second)
    assert [text(c) for c in picked[0]] == [
        "Learning form", "Indicator", "Kind", "Baseline", "Target", "Measured", "Progress", "Method",
    ]  # fmt: skip
    assert [text(c) for c in picked[2]] == [
        "Form met", "Errors", "quantitative", "40 errors", "20 errors (lower is better)", "18 errors",
        "110% (reached)", "incident register",
    ]  # fmt: skip


@pytest.mark.sphinx("html", testroot="evidence", freshenv=True, confoverrides={"language": "nl"})
def test_dutch(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    ladder = (app.outdir / "ladder.html").read_text(encoding="utf-8")
    assert [text(c) for c in cells(tables(ladder)[0])[0]] == [
        "Leervorm", "activiteit", "reactie", "leren", "gedrag", "resultaten", "ROI", "Bewijs",
    ]  # fmt: skip
    words = {text(c) for row in cells(tables(ladder)[0])[1:] for c in row[1:]}
    assert {"gehaald (2)", "voortgang", "achteruit", "verhaal", "gemeten", "geen"} <= words
    assert {"tot en met resultaten", "alleen activiteit", "geen bewijs"} <= words
    outcomes = (app.outdir / "outcomes.html").read_text(encoding="utf-8")
    assert "40 → 20 errors (lager is beter), nu 18 errors (110%, behaald)" in text(outcomes)
    assert 'aria-label="Lager is beter, beginwaarde 40 errors' in outcomes


@pytest.mark.sphinx("html", testroot="evidence", srcdir="evidence-unknown-column", freshenv=True)
def test_unknown_column_is_an_option_warning(app: SphinxTestApp) -> None:
    (Path(app.srcdir) / "outcomes.rst").write_text(
        "Outcomes\n========\n\n.. learnscape:outcomes::\n   :columns: form, chart, colour\n", encoding="utf-8"
    )
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"outcomes.rst:4: WARNING: learnscape:outcomes: unknown column 'colour' in :columns:; choose from form, "
        r"indicator, .*, method \[learnscape.option\]",
        warnings,
    ), warnings
    html = (app.outdir / "outcomes.html").read_text(encoding="utf-8")
    assert [text(c) for c in cells(tables(html)[0])[0]] == ["Learning form", "Progress"]


# -- incremental builds ------------------------------------------------------------------


def build_again(make_app: Any, srcdir: Path) -> tuple[set[str], str]:
    """One more build with the kept environment: the pages it read, and the ladder page."""
    app = make_app("html", srcdir=srcdir)
    read: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.build()
    # (a second app in one process warns that Sphinx's own nodes are registered again)
    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings and "[learnscape." not in warnings, warnings
    return read, (Path(app.outdir) / "ladder.html").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.sphinx("html", testroot="evidence", srcdir="evidence-edit-outcome", freshenv=True)
def test_an_outcome_edit_rereads_the_ladder(app: SphinxTestApp, make_app: Any) -> None:
    app.build()
    row = ladder_row((app.outdir / "ladder.html").read_text(encoding="utf-8"), "missed")
    assert row[1 + LEVELS.index("behaviour")].startswith('<td class="learnscape-evidence-missed">')
    # the escalations went up past their target: missed becomes met
    edit(
        Path(app.srcdir) / "landscape.yaml",
        "baseline: 60, target: 80, measured: 55",
        "baseline: 60, target: 80, measured: 85",
    )
    read, ladder = build_again(make_app, app.srcdir)
    assert read == {"ladder", "outcomes"}  # the index shows no form: not read again
    row = ladder_row(ladder, "missed")
    assert row[1 + LEVELS.index("behaviour")].startswith('<td class="learnscape-evidence-met">')
    assert text(row[-1]) == "up to behaviour"


@pytest.mark.sphinx("html", testroot="evidence", srcdir="evidence-moved-home", freshenv=True)
def test_links_follow_a_moved_outcome_home(app: SphinxTestApp, make_app: Any) -> None:
    app.build()
    assert 'href="outcomes.html#learnscape-outcome-met-reached"' in (app.outdir / "ladder.html").read_text(
        encoding="utf-8"
    )
    # an outcomes table on a page read before the others: the outcomes' homes move there
    srcdir = Path(app.srcdir)
    (srcdir / "first.rst").write_text(
        "First\n=====\n\n.. learnscape:outcomes::\n   :forms: met\n", encoding="utf-8"
    )
    edit(srcdir / "index.rst", "   ladder\n", "   first\n   ladder\n")
    _, ladder = build_again(make_app, srcdir)
    assert 'href="first.html#learnscape-outcome-met-reached"' in ladder
    # outcomes without a row on the new page keep their home
    assert 'href="outcomes.html#learnscape-outcome-missed-1"' in ladder
    outcomes = (Path(app.outdir) / "outcomes.html").read_text(encoding="utf-8")
    assert 'id="learnscape-outcome-met-reached"' not in outcomes
    assert 'id="learnscape-outcome-missed-1"' in outcomes


# -- every builder ------------------------------------------------------------------------

#: builder -> the output files that hold the pages
BUILDERS = {
    "html": "*.html",
    "dirhtml": "*.html",
    "singlehtml": "index.html",
    "epub": "*.xhtml",
    "latex": "*.tex",
    "text": "*.txt",
    "man": "*.1",
    "texinfo": "*.texi",
}
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "epub")


@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_every_builder(builder: str, make_app: Any, rootdir: Path, sphinx_test_tempdir: Path) -> None:
    srcdir = sphinx_test_tempdir / f"evidence-{builder}"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(rootdir / "test-evidence", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "WARNING" not in warnings and "unknown node" not in warnings.lower(), warnings
    files = sorted(p for p in Path(app.outdir).rglob(BUILDERS[builder]) if "genindex" not in p.name)
    out = "\n".join(p.read_text(encoding="utf-8") for p in files)
    html = builder in HTML_BUILDERS
    words = flatten(builder, out)
    # every builder has the word of every state, the summaries, the numbers
    for word in (
        "met (2)",
        "progress",
        "missed",
        "story",
        "measured",
        "none",
        "up to results",
        "activity only",
    ):
        assert word in words, word
    figures = "40 → 20 errors (lower is better), now 18 errors (110%, reached)"
    if builder != "text":  # the text builder wraps it inside its column
        assert figures in words
    if html:
        assert "learnscape-evidence-mark" in out and 'class="learnscape-bullet' in out
        assert re.search(r'href="[^"]*#learnscape-outcome-met-reached"', out)
        # the history is the sparkline's label, not text
        assert "history: 2025-Q4" not in words
    else:
        # no pictures and no marks outside HTML: the numbers (and the history) in words
        assert "<svg" not in out and "learnscape-evidence-mark" not in out
        assert "2025-Q4: 62 points;" in words and "history:" in words
    if builder == "latex":
        # the ladder is a longtable in the widths for print, a size smaller (8 columns)
        assert re.search(r"\\begin\{longtable\}(\[[a-z]\])?\{\\X\{20\}\{102\}\\X\{11\}\{102\}", out)
        assert r"\label{\detokenize{outcomes:learnscape-outcome-met-reached}}" in out
        assert r"\hyperref[\detokenize{outcomes:learnscape-outcome-met-reached}]" in out
    if builder == "singlehtml":
        assert 'href="#learnscape-outcome-met-reached"' in out


def flatten(builder: str, out: str) -> str:
    """The words of an output, markup taken out, whitespace squeezed."""
    if builder in HTML_BUILDERS:
        out = re.sub(r"<[^>]+>", "", out)
    elif builder == "latex":
        out = out.replace(r"\(\rightarrow\)", "→").replace(r"\sphinxhyphen{}", "-")
        out = re.sub(r"\\DUrole\{[^}]*\}", "", out)
        out = re.sub(r"\\[a-zA-Z]+(\[[^\]]*\])?", "", out).replace("{", "").replace("}", "").replace("\\", "")
    elif builder == "man":
        out = out.replace("\\-", "-").replace("\\(->", "→")
    elif builder == "text":
        out = out.replace("|", " ")
    return re.sub(r"\s+", " ", out)
