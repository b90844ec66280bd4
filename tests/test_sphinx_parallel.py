"""Parallel builds give the serial output; two clean builds give the same bytes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp


def build(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp: Path, name: str, parallel: int
) -> dict[str, bytes]:
    srcdir = tmp / name
    shutil.copytree(rootdir / "test-parallel", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    app.build()
    assert app.warning.getvalue() == ""
    if parallel > 1:  # really read and written in chunks by worker processes
        status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
        assert re.search(r"reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+", status)
        assert re.search(r"writing output\.\.\. \[ *\d+%\] \S+ \.\. \S+", status)
    app.cleanup()  # so the next app in this test registers nodes afresh
    out = Path(app.outdir)
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".inv", ".js") and p.name != "searchindex.js"
    }


def test_parallel_equals_serial(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    serial = build(make_app, rootdir, tmp_path, "serial", 1)
    parallel = build(make_app, rootdir, tmp_path, "parallel", 4)
    assert serial.keys() == parallel.keys()
    for name in serial:
        assert serial[name] == parallel[name], name
    assert b"p4-coaching.html#learnscape-form-coaching" in serial["p1-formal.html"]


def test_two_clean_builds_are_byte_identical(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    first = build(make_app, rootdir, tmp_path, "one", 1)
    second = build(make_app, rootdir, tmp_path, "two", 1)
    assert first == second
