"""PDF via LaTeX: learnscape tables break across pages, fit their columns, and lose no text.

The LaTeX source is checked everywhere; the example site is compiled to PDF
once (latexmk, pdflatex) and read back with pdftotext where those exist.
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sphinx_learnscape.data.loader import load_files
from sphinx_learnscape.sphinxext.latextables import colspec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TIMEOUT = 600
TOOLS = ("latexmk", "pdflatex", "pdftotext")


def test_colspec() -> None:
    assert colspec([20, 80], "") == r"\X{20}{100}\X{80}{100}"
    assert colspec([1, 1, 2], "|") == r"|\X{1}{4}|\X{1}{4}|\X{2}{4}|"


def test_learnscape_tables_are_longtables_with_x_columns(
    make_app: Any, rootdir: Path, sphinx_test_tempdir: Path
) -> None:
    srcdir = sphinx_test_tempdir / "latex-tables"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(rootdir / "test-builders", srcdir)
    app = make_app("latex", srcdir=srcdir, freshenv=True)
    app.build()
    tex = (Path(app.outdir) / "builders.tex").read_text(encoding="utf-8")
    # forms, tools, thinkers, matrix, outcomes: each a longtable, columns given
    tables = re.findall(r"\\begin\{(longtable|tabulary|tabular)\}(?:\[[a-z]\])?\{([^\n]*)\}\n", tex)
    assert len(tables) == 5, tables
    for kind, spec in tables:
        assert kind == "longtable"
        assert re.fullmatch(r"(?:\\X\{\d+\}\{\d+\})+", spec), spec
    # the outcomes table (9 columns) in the widths for print, a size smaller
    assert r"\X{13}{110}\X{19}{110}\X{12}{110}" in tex
    assert re.search(r"\\begingroup[^\n]*\\small\s*\\begin\{savenotes\}", tex)
    # a matrix's column headers are upright; the first column's is not
    assert r"\rotatebox{90}{" in tex
    # home anchors sit in the cell's paragraph, not above it
    assert re.search(r"\\sphinxAtStartPar\s*\\index\{Classroom training", tex)


# -- the example site as PDF ------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(pdftotext of the example site's PDF, the last LaTeX log), built once."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (Debian: latexmk texlive-latex-recommended "
            "texlive-latex-extra texlive-fonts-recommended poppler-utils)"
        )
    outdir = tmp_path_factory.mktemp("latex")
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-q", str(EXAMPLES), str(outdir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (tex,) = outdir.glob("*.tex")
    # As Sphinx's own Makefile does (its latexmkrc is in the folder).
    done = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, f"latexmk failed:\n{log[-3000:]}"
    text = subprocess.run(
        ["pdftotext", str(tex.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text, log


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: lines wrap and words break differently in a PDF."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", text)


def test_every_object_and_indicator_is_in_the_pdf(pdf: tuple[str, str]) -> None:
    text = squeeze(pdf[0])
    landscape, _ = load_files(sorted(glob.glob(str(EXAMPLES / "landscape" / "*.yaml"))))
    wanted = [
        (kind, record.title("en"))
        for kind in ("zone", "form", "tool", "thinker")
        for record in landscape.objects(kind)
    ]
    wanted += [("indicator", outcome.indicator.get("en")) for outcome in landscape.outcomes]
    assert len(wanted) > 60
    missing = [f"{kind}: {label}" for kind, label in wanted if squeeze(label) not in text]
    assert not missing, f"{len(missing)} of {len(wanted)} not in the PDF:\n" + "\n".join(missing)


def test_no_overfull_lines(pdf: tuple[str, str]) -> None:
    """Nothing sticks out of its column or the page (there were 500 overfull boxes in the tables)."""
    overfull = re.findall(r"^Overfull \\hbox .*\n.*", pdf[1], flags=re.M)
    assert not overfull, f"{len(overfull)} overfull boxes, e.g.:\n" + "\n".join(overfull[:10])
