"""Every warning subtype, with its location, from a real build."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.fixture
def warnings(app: SphinxTestApp) -> list[str]:
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def find(warnings: list[str], pattern: str) -> str:
    hits = [w for w in warnings if re.search(pattern, w)]
    assert len(hits) == 1, (pattern, warnings)
    return hits[0]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_data_warnings_at_file_and_line(app: SphinxTestApp, warnings: list[str]) -> None:
    find(warnings, r"data/a\.yaml:10: WARNING: form 'coaching': unknown tool 'wikki' .*\[learnscape\.ref\]$")
    find(
        warnings,
        r"data/a\.yaml:11: WARNING: form id 'coaching' is already defined at .*a\.yaml:6.*\[learnscape\.duplicate\]$",
    )
    find(warnings, r"data/a\.yaml:15: WARNING: .*'Bad Id' is not a valid id.*\[learnscape\.schema\]$")
    find(
        warnings, r"data/a\.yaml:23: WARNING: .*URL scheme 'javascript:' is refused.*\[learnscape\.schema\]$"
    )
    find(
        warnings, r"data/a\.yaml:25: WARNING: form 'good' has only activity counts.*\[learnscape\.outcomes\]$"
    )
    find(warnings, r"data/b\.yaml:3: WARNING: YAML syntax error.*\[learnscape\.yaml\]$")
    find(
        warnings,
        r"data/c\.yaml: WARNING: the file is 3,017 bytes, over the limit of 2,000.*\[learnscape\.file\]$",
    )
    find(warnings, r"missing\.yaml: WARNING: the file does not exist \[learnscape\.file\]$")
    find(
        warnings, r"WARNING: learnscape_files: 'nothing/\*\.yaml' matches no file in .*\[learnscape\.file\]$"
    )


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_document_warnings_at_document_line(app: SphinxTestApp, warnings: list[str]) -> None:
    find(
        warnings,
        r"index\.rst:4: WARNING: learnscape:forms: :zones: names unknown zone 'nowhere' \[learnscape\.ref\]$",
    )
    find(
        warnings,
        r"index\.rst:7: WARNING: unknown learning form id 'nope' in :learnscape:form: role \[learnscape\.ref\]$",
    )
    find(warnings, r"index\.rst:9: WARNING: learnscape:tool:: unknown tool id 'hammer'.*\[learnscape\.ref\]$")
    find(
        warnings,
        r"index\.rst:13: WARNING: learnscape:forms: unknown column .colour. in :columns:.*\[learnscape\.option\]$",
    )
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Content still shows." in html


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_config_warning(warnings: list[str]) -> None:
    find(
        warnings,
        r"learnscape_engine = 'magic' is not valid: expected one of 'auto', 'dot', 'wasm'; using 'auto'",
    )


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_good_data_survives(app: SphinxTestApp, warnings: list[str]) -> None:
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Coaching" in html and "Good form" in html
    assert "Coaching again" not in html and "Broken" not in html
    assert "javascript:" not in html
    assert "Traceback" not in "\n".join(warnings)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_warnings_are_reported_once_per_build(app: SphinxTestApp) -> None:
    app.build()
    first = app.warning.getvalue()
    assert first.count("unknown tool 'wikki'") == 1
    # A second build with the kept environment reports the data problems again
    # (so -W keeps failing until the data is fixed), still once.
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    assert app.warning.getvalue().count("unknown tool 'wikki'") == 1


@pytest.mark.sphinx(
    "html", testroot="warnings", freshenv=True, confoverrides={"suppress_warnings": ["learnscape.outcomes"]}
)
def test_suppress_warnings_by_subtype(warnings: list[str]) -> None:
    assert not [w for w in warnings if "learnscape.outcomes" in w]
    assert [w for w in warnings if "learnscape.ref" in w]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True, confoverrides={"learnscape_files": []})
def test_no_data_files_configured_is_a_config_warning_at_each_directive(warnings: list[str]) -> None:
    """Without it, an empty map or table would pass ``-W`` silently."""
    for line, name in ((4, "learnscape:forms"), (9, "learnscape:tool"), (13, "learnscape:forms")):
        find(
            warnings,
            rf"index\.rst:{line}: WARNING: {name}: learnscape_files names no data files in conf\.py.*"
            r"\[learnscape\.config\]$",
        )
    # the cause, not its symptoms
    assert not [w for w in warnings if "unknown tool id" in w or "names unknown zone" in w]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("pattern", ["pipe.yaml", "*.yaml"])
def test_a_fifo_among_the_data_files_is_a_file_warning_not_a_hang(
    make_app: Any, tmp_path: Path, rootdir: Path, pattern: str
) -> None:
    """A FIFO named in learnscape_files, or matched by a glob, is refused without being opened."""
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-maps", src, symlinks=False)
    os.mkfifo(src / "pipe.yaml")
    app = make_app("html", srcdir=src, confoverrides={"learnscape_files": ["landscape.yaml", pattern]})
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    find(
        warnings,
        r"pipe\.yaml: WARNING: this is a named pipe \(FIFO\), not a regular file.*\[learnscape\.file\]$",
    )
    assert "Coaching" in (app.outdir / "index.html").read_text(encoding="utf-8")  # the good data stays
