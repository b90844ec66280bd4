"""A build stopped at any point after a data edit, then built again, gives the clean build's output.

Sphinx pickles the environment before it writes pages, and writes a page
again only when its source is newer than its output: a page re-read for a
data edit would stay stale after an interrupted build. Each case edits the
data, stops the build at one point (Ctrl-C in-process; once also
``kill -9`` of a real ``sphinx-build``), builds again and compares every
page and ``learnscape.json`` with a clean build of the edited project.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-interrupted"
PHASES = ("reading", "maps", "writing", "finishing")

#: edit name -> (old, new) text in landscape.yaml
EDITS = {
    # a label: every page that shows coaching must say the new one
    "label": ("label: {en: Coaching, nl: Coaching}", "label: {en: Team coaching, nl: Teamcoaching}"),
    # an id: the old one's links break, the new one has a home
    "id": ("- id: coaching\n", "- id: coach\n"),
}

MakeApp = Callable[..., SphinxTestApp]


def copy_root(target: Path, edit: str | None = None) -> Path:
    shutil.copytree(ROOT, target, symlinks=False)
    if edit is not None:
        apply(target, edit)
    return target


def apply(src: Path, edit: str) -> None:
    path = src / "landscape.yaml"
    old, new = EDITS[edit]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pages(out: Path) -> dict[str, str]:
    """Every page and the export, as a reader gets them."""
    found = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    found["learnscape.json"] = (out / "learnscape.json").read_text(encoding="utf-8")
    return found


def build(make_app: MakeApp, src: Path, monkeypatch: pytest.MonkeyPatch, stop: str = "") -> Path:
    monkeypatch.setenv("LEARNSCAPE_TEST_STOP", stop)
    app = make_app("html", srcdir=src)
    if stop:
        with pytest.raises(KeyboardInterrupt):
            app.build()
    else:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
    return Path(app.outdir)


_clean: dict[str, dict[str, str]] = {}


def clean_pages(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> dict[str, str]:
    if edit not in _clean:
        _clean[edit] = pages(build(make_app, copy_root(tmp_path / "clean", edit), monkeypatch))
    return _clean[edit]


def assert_clean(got: dict[str, str], want: dict[str, str], phase: str) -> None:
    assert got.keys() == want.keys()
    stale = sorted(name for name in want if got[name] != want[name])
    assert stale == [], f"stale after a build stopped at {phase}: {stale}"


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_rebuild_after_an_interrupted_build_is_clean(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, phase: str
) -> None:
    src = copy_root(tmp_path / "src")
    build(make_app, src, monkeypatch)
    apply(src, edit)
    build(make_app, src, monkeypatch, stop=f"{phase}:interrupt")
    out = build(make_app, src, monkeypatch)
    assert_clean(pages(out), clean_pages(make_app, tmp_path, monkeypatch, edit), phase)


def sphinx_build(src: Path, stop: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEARNSCAPE_TEST_STOP": stop}
    out, doctrees = src / "_build" / "html", src / "_build" / "doctrees"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(doctrees), str(src), str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_rebuild_after_kill_9_while_writing_is_clean(tmp_path: Path) -> None:
    src = copy_root(tmp_path / "src")
    assert sphinx_build(src).returncode == 0
    apply(src, "id")
    killed = sphinx_build(src, stop="writing:kill")
    assert killed.returncode == 9, f"the build was not killed: {killed.stderr}"
    again = sphinx_build(src)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    clean = copy_root(tmp_path / "clean", "id")
    assert sphinx_build(clean).returncode == 0
    assert_clean(pages(src / "_build" / "html"), pages(clean / "_build" / "html"), "writing")
