"""One ``sphinx-build`` in a child process: wall time, peak RSS, documents re-read.

Peak RSS comes from ``os.wait4`` on the child: Linux reports the largest
resident set of the child and of the processes it waited for, so with
``-j N`` it is the peak of the biggest single process (main or worker), not
their sum.

Documents re-read are counted from the doctree pickles: Sphinx writes
``<outdir>/.doctrees/<docname>.doctree`` for every document it reads, in
serial and parallel builds alike, so the files new or rewritten during the
build are exactly the documents read. This needs no extension in the measured
projects and nothing parsed from Sphinx's output (whose "N changed" is printed
before extensions add the documents that depend on changed data).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Build:
    seconds: float
    #: user + system CPU of sphinx-build and every process it waited for
    #: (Graphviz runs, ``-j`` workers): steadier than wall time on a busy machine
    cpu_seconds: float
    peak_rss_mb: float
    reread: int


class BuildFailed(RuntimeError):
    pass


def _doctree_stamps(outdir: Path) -> dict[str, int]:
    folder = outdir / ".doctrees"
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.doctree")}


def sphinx_build(src: Path, outdir: Path, *extra: str, python: str = sys.executable) -> Build:
    before = _doctree_stamps(outdir)
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(
            [python, "-m", "sphinx", "-b", "html", "-q", *extra, str(src), str(outdir)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if child.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise BuildFailed(f"sphinx-build {src} exited {child.returncode}:\n{tail}")
    after = _doctree_stamps(outdir)
    reread = sum(1 for name, stamp in after.items() if before.get(name) != stamp)
    # ru_maxrss is in KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds=seconds, cpu_seconds=cpu, peak_rss_mb=usage.ru_maxrss / 1024, reread=reread)
