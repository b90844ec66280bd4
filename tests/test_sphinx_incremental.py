"""Incremental builds: an edit re-reads and re-writes only the pages it changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_learnscape.data import parse

ALL_DOCS = {"index", "formal", "informal", "all", "tools", "role", "plain"}


class Recorder:
    """Which documents a build read and wrote."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.read: set[str] = set()
        self.written: set[str] = set()
        app.connect("env-before-read-docs", lambda app, env, docnames: self.read.update(docnames))
        app.connect("html-page-context", self.page)

    def page(self, app: Any, pagename: str, *args: Any) -> None:
        if pagename in ALL_DOCS:
            self.written.add(pagename)


@pytest.fixture
def rebuild(make_app: Callable[..., SphinxTestApp], app: SphinxTestApp) -> Callable[[], Recorder]:
    """Build once from scratch, then return a function doing one more build with a kept env."""
    first = Recorder(app)
    app.build()
    assert first.read == ALL_DOCS

    def again() -> Recorder:
        next_app = make_app("html", srcdir=app.srcdir)
        recorder = Recorder(next_app)
        next_app.build()
        assert "Traceback" not in next_app.warning.getvalue()
        # nothing of ours looks like a configuration change to Sphinx
        assert "html_static_path" not in next_app.status.getvalue()
        return recorder

    return again


@pytest.fixture
def full_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed in full (``parse.parse_bytes``) from now on."""
    parsed: list[str] = []
    real = parse.parse_bytes

    def spy(data: bytes, name: str, *args: Any) -> Any:
        parsed.append(name)
        return real(data, name, *args)

    monkeypatch.setattr(parse, "parse_bytes", spy)
    return parsed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-noop-rebuild-reads-nothing", freshenv=True
)
def test_noop_rebuild_reads_nothing(
    app: SphinxTestApp, rebuild: Callable[[], Recorder], full_parses: list[str]
) -> None:
    parsed = full_parses
    export = app.outdir / "learnscape.json"
    before = export.stat().st_mtime_ns
    result = rebuild()
    assert result.read == set()
    assert result.written == set()
    assert parsed == []
    assert export.stat().st_mtime_ns == before  # not even the export is made again


@pytest.mark.sphinx(
    "html",
    testroot="incremental",
    srcdir="incremental-edit-one-form-rereads-only-pages-showing-it",
    freshenv=True,
)
def test_edit_one_form_rereads_only_pages_showing_it(
    app: SphinxTestApp, rebuild: Callable[[], Recorder]
) -> None:
    edit(
        app.srcdir / "landscape.yaml",
        "{en: Job aids, nl: Werkinstructies}",
        "{en: Bedside job aids, nl: Werkinstructies}",
    )
    result = rebuild()
    # informal lists jobaids; all lists every form; tools shows only lms (not used by jobaids)
    assert result.read == {"informal", "all"}
    # index is written by Sphinx itself: its toctree shows the re-read pages.
    assert result.written == {"informal", "all", "index"}
    assert "Bedside job aids" in (app.outdir / "informal.html").read_text(encoding="utf-8")
    assert "Bedside job aids" in (app.outdir / "learnscape.json").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-edit-label-rereads-pages-with-roles", freshenv=True
)
def test_edit_label_rereads_pages_with_roles(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    edit(
        app.srcdir / "landscape.yaml", "{en: Coaching, nl: Coaching}", "{en: Team coaching, nl: Teamcoaching}"
    )
    result = rebuild()
    assert result.read == {"all", "role"}
    assert "Team coaching" in (app.outdir / "role.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-form-moving-into-a-filter-is-picked-up", freshenv=True
)
def test_form_moving_into_a_filter_is_picked_up(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    # jobaids moves from informal to formal: both filtered pages change.
    path = app.srcdir / "landscape.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: jobaids")
    end = text.index("orientation", start)
    edit(path, text[start:end], text[start:end].replace("zone: informal", "zone: formal"))
    result = rebuild()
    assert result.read == {"formal", "informal", "all"}
    assert "Job aids" in (app.outdir / "formal.html").read_text(encoding="utf-8")
    assert "Job aids" not in (app.outdir / "informal.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-new-data-file-is-read", freshenv=True)
def test_new_data_file_is_read(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    (app.srcdir / "more").mkdir(exist_ok=True)
    (app.srcdir / "more" / "extra.yaml").write_text(
        "learnscape: 1\nforms:\n  - {id: webinar, label: Webinar, zone: formal, orientation: learning, tools: [lms]}\n",
        encoding="utf-8",
    )
    result = rebuild()
    assert result.read == {"formal", "all", "tools"}
    assert "Webinar" in (app.outdir / "formal.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-home-moving-rewrites-linking-pages", freshenv=True
)
def test_home_moving_rewrites_linking_pages(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    (app.srcdir / "plain.rst").write_text("Plain\n=====\n\n.. learnscape:form:: coaching\n", encoding="utf-8")
    result = rebuild()
    assert result.read == {"plain"}
    # pages linking to coaching or holding its old home row are written again
    assert {"all", "role", "plain"} <= result.written
    assert "formal" not in result.written
    assert 'href="plain.html#learnscape-form-coaching"' in (app.outdir / "role.html").read_text(
        encoding="utf-8"
    )
    assert 'id="learnscape-form-coaching"' not in (app.outdir / "all.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-reordering-forms-rereads-their-lists", freshenv=True
)
def test_reordering_forms_rereads_their_lists(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    path = app.srcdir / "landscape.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: classroom")
    second = text.index("  - id: elearning")
    third = text.index("  - id: coaching")
    path.write_text(text[:first] + text[second:third] + text[first:second] + text[third:], encoding="utf-8")
    result = rebuild()
    assert result.read == {"formal", "informal", "all", "tools"}
    html = (app.outdir / "formal.html").read_text(encoding="utf-8")
    assert html.index("E-learning module") < html.index("Classroom training")


@pytest.mark.sphinx(
    "html",
    testroot="incremental",
    srcdir="incremental-filter-naming-a-missing-id-is-read-when-it-appears",
    freshenv=True,
)
def test_filter_naming_a_missing_id_is_read_when_it_appears(
    app: SphinxTestApp, rebuild: Callable[[], Recorder]
) -> None:
    (app.srcdir / "plain.rst").write_text(
        "Plain\n=====\n\n.. learnscape:forms::\n   :forms: webinar\n", encoding="utf-8"
    )
    rebuild()
    (app.srcdir / "more").mkdir(exist_ok=True)
    (app.srcdir / "more" / "extra.yaml").write_text(
        "learnscape: 1\nforms:\n  - {id: webinar, label: Webinar, zone: formal, orientation: learning}\n",
        encoding="utf-8",
    )
    result = rebuild()
    assert "plain" in result.read
    assert "Webinar" in (app.outdir / "plain.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-any-role", freshenv=True)
def test_any_role_depends_on_its_object(app: SphinxTestApp, rebuild: Callable[[], Recorder]) -> None:
    (app.srcdir / "plain.rst").write_text("Plain\n=====\n\nSee :any:`coaching`.\n", encoding="utf-8")
    rebuild()
    edit(
        app.srcdir / "landscape.yaml", "{en: Coaching, nl: Coaching}", "{en: Team coaching, nl: Teamcoaching}"
    )
    result = rebuild()
    assert "plain" in result.read
    assert "Team coaching" in (app.outdir / "plain.html").read_text(encoding="utf-8")


@pytest.mark.sphinx(
    "html", testroot="incremental", srcdir="incremental-edit-parses-only-the-record", freshenv=True
)
def test_an_edit_parses_only_its_record_and_moves_the_lines_below(
    app: SphinxTestApp, rebuild: Callable[[], Recorder], full_parses: list[str]
) -> None:
    import json

    def lines(app_: SphinxTestApp) -> dict[str, int]:
        export = json.loads((app_.outdir / "learnscape.json").read_text(encoding="utf-8"))
        return {form["id"]: form["source"]["line"] for form in export["forms"]}

    before = lines(app)
    full = full_parses
    path = app.srcdir / "landscape.yaml"
    edit(
        path,
        "    label: {en: Classroom training, nl: Klassikale training}\n",
        "    label: {en: Classroom course, nl: Klassikale training}\n    # renamed in 2026\n",
    )
    result = rebuild()
    assert full == []  # the file was not parsed in full
    assert result.read == {"formal", "all", "tools"}  # the pages that show classroom
    after = lines(app)
    assert after["classroom"] == before["classroom"]
    assert all(after[f] == before[f] + 1 for f in before if before[f] > before["classroom"])
    assert "Classroom course" in (app.outdir / "learnscape.json").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-index-entries-kept", freshenv=True)
def test_index_entries_survive_noop_and_partial_builds(
    app: SphinxTestApp, rebuild: Callable[[], Recorder]
) -> None:
    import re

    def entries() -> list[str]:
        genindex = (app.outdir / "genindex.html").read_text(encoding="utf-8")
        return sorted(re.findall(r'href="([^"]*#learnscape-[^"]*)"', genindex))

    first = entries()
    assert first  # every object with a home is in the general index
    assert rebuild().read == set()  # a no-op build keeps them without making them again
    assert entries() == first
    (app.srcdir / "plain.rst").touch()  # a page without objects read again
    assert rebuild().read == {"plain"}
    assert entries() == first
    edit(
        app.srcdir / "landscape.yaml",
        "{en: Job aids, nl: Werkinstructies}",
        "{en: Checklists, nl: Werkinstructies}",
    )
    rebuild()
    assert entries() == first
    assert "Checklists (learning form)" in (app.outdir / "genindex.html").read_text(encoding="utf-8")
