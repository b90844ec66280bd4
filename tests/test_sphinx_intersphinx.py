"""Another project's objects.inv resolves ids the local data lacks."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp


def test_links_into_another_landscape(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    shutil.copytree(rootdir / "test-homes", tmp_path / "other")
    other = make_app("html", srcdir=tmp_path / "other", freshenv=True)
    other.build()
    other.cleanup()
    inventory = Path(other.outdir) / "objects.inv"

    here = tmp_path / "here"
    here.mkdir()
    (here / "conf.py").write_text(
        'extensions = ["sphinx.ext.intersphinx", "sphinx_learnscape"]\n'
        "learnscape_files = []\n"
        f"intersphinx_mapping = {{'other': ('https://other.example.org/', {str(inventory)!r})}}\n"
        "show_warning_types = True\n",
        encoding="utf-8",
    )
    (here / "index.rst").write_text(
        "Here\n====\n\nSee :learnscape:form:`coaching` and :learnscape:form:`nowhere`.\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=here, freshenv=True)
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert 'href="https://other.example.org/described.html#learnscape-form-coaching"' in html
    warnings = app.warning.getvalue()
    assert "unknown learning form id 'nowhere'" in warnings
    assert "'coaching'" not in warnings
