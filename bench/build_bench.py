"""Build time of a learnscape site against the same content by hand and in sphinx-needs.

    python bench/build_bench.py [--forms 1000 --pages 20 --runs 5 --modes cold,noop,j2,edit]
    make bench        # in .venv-bench, which also has sphinx-needs (bench/requirements.txt)

Three projects with the same content are generated (see ``build_projects``):
this extension (``learnscape``), the same in plain reST (``by hand``) and
``sphinx-needs`` (skipped, with a note, when the interpreter lacks it).

Modes: ``cold`` (fresh output dir), ``noop`` (rebuild, nothing changed),
``j2`` (cold with ``-j 2``) and ``edit`` (one form's label changed: in the
YAML for learnscape, in the page for the others). Runs are interleaved and
their order rotated (A B C, B C A, C A B, ...) so machine noise and cache
warmth hit every project alike. Printed, as Markdown tables: medians of wall
time and of CPU time (user + system of the build and of the Graphviz runs
and workers it waited for; steadier than wall time on a shared machine) with
the ratios learnscape / by hand and sphinx-needs / learnscape, the median
peak RSS of each build and the number of documents it re-read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from build_projects import Project, write_all
from build_runner import Build, sphinx_build

MODES = ("cold", "noop", "j2", "edit")
MODE_TITLES = {"cold": "cold", "noop": "no-op", "j2": "`-j 2`", "edit": "one form edited"}


def measure(project: Project, mode: str) -> Build:
    out = project.root / "_build"
    # Our map cache leaves an output folder that holds the doctrees: it lives
    # in $XDG_CACHE_HOME, here one folder per project beside it.
    cache = project.root.parent / f"xdg-cache-{project.root.name}"
    os.environ["XDG_CACHE_HOME"] = str(cache)
    if mode in ("cold", "j2"):
        shutil.rmtree(out, ignore_errors=True)
        # A cold build starts without it, as by hand starts without the
        # graphviz extension's images.
        shutil.rmtree(cache, ignore_errors=True)
        return sphinx_build(project.root, out, *(["-j", "2"] if mode == "j2" else []))
    if not out.exists():
        sphinx_build(project.root, out)
    if mode == "noop":
        sphinx_build(project.root, out)  # settle anything a previous mode left
        return sphinx_build(project.root, out)
    project.edit(project.root, False)
    try:
        return sphinx_build(project.root, out)
    finally:
        project.edit(project.root, True)
        sphinx_build(project.root, out)


def _median(builds: list[Build], field: str) -> float:
    return float(statistics.median(getattr(b, field) for b in builds))


def _reread(builds: list[Build]) -> str:
    counts = sorted({b.reread for b in builds})
    # A count that varies between runs is a finding in itself: show all of them.
    return "/".join(str(c) for c in counts)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "—"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def time_table(results: dict[str, dict[str, list[Build]]], names: list[str], field: str) -> list[str]:
    """Medians of ``field`` (wall or CPU seconds) with the two ratios of the issue."""
    ours, hand = names[0], names[1]
    needs = names[2] if len(names) > 2 else None
    unit = "wall s" if field == "seconds" else "CPU s"
    head = ["mode", *(f"{n} ({unit})" for n in names), f"{ours} / {hand}"]
    if needs:
        head.append(f"{needs} / {ours}")
    lines = [_row(head), "|" + "---|" * len(head)]
    for mode, by_name in results.items():
        t = {n: _median(by_name[n], field) for n in names}
        row = [MODE_TITLES[mode], *(f"{t[n]:.2f}" for n in names), _ratio(t[ours], t[hand])]
        if needs:
            row.append(_ratio(t[needs], t[ours]))
        lines.append(_row(row))
    return lines


def memory_table(results: dict[str, dict[str, list[Build]]], names: list[str]) -> list[str]:
    """Median peak RSS per build, and the documents each build re-read."""
    ours, hand = names[0], names[1]
    head = ["mode", *(f"{n} peak RSS (MB)" for n in names), f"RSS {ours} / {hand}"]
    head.append("docs re-read (" + " / ".join(names) + ")")
    lines = [_row(head), "|" + "---|" * len(head)]
    for mode, by_name in results.items():
        rss = {n: _median(by_name[n], "peak_rss_mb") for n in names}
        row = [MODE_TITLES[mode], *(f"{rss[n]:.0f}" for n in names), _ratio(rss[ours], rss[hand])]
        row.append(" / ".join(_reread(by_name[n]) for n in names))
        lines.append(_row(row))
    return lines


def tables(results: dict[str, dict[str, list[Build]]], names: list[str]) -> list[str]:
    return [
        *time_table(results, names, "seconds"),
        "",
        *time_table(results, names, "cpu_seconds"),
        "",
        *memory_table(results, names),
    ]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _dot_version() -> str:
    try:
        done = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False)
    except OSError:
        return "no dot"
    return done.stderr.strip().removeprefix("dot - graphviz version ").split(" ")[0]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=1000, help="items (learning forms); 200: the small case")
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-maps", action="store_true", help="leave the diagrams out of every project")
    parser.add_argument("--no-needs", action="store_true", help="leave sphinx-needs out")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    args = parser.parse_args()
    modes = args.modes.split(",")
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes {sorted(unknown)}; known: {', '.join(MODES)}")
    with_needs = not args.no_needs and find_spec("sphinx_needs") is not None
    if not args.no_needs and not with_needs:
        print("sphinx-needs is not installed here, left out (make bench uses .venv-bench)", file=sys.stderr)
    # As pip does on install: our bytecode compiled ahead, like Sphinx's own
    # (with PYTHONDONTWRITEBYTECODE set, an editable checkout has none and
    # every build would compile the extension's source again).
    package = Path(__file__).resolve().parent.parent / "sphinx_learnscape"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        projects, _ = write_all(folder, args.forms, args.pages, not args.no_maps, with_needs)
        names = [p.name for p in projects]
        results: dict[str, dict[str, list[Build]]] = {}
        for mode in modes:
            results[mode] = {n: [] for n in names}
            for run in range(args.runs):
                k = run % len(projects)
                for project in projects[k:] + projects[:k]:
                    build = measure(project, mode)
                    results[mode][project.name].append(build)
                    print(
                        f"  {mode} run {run + 1}: {project.name} {build.seconds:.2f}s "
                        f"(CPU {build.cpu_seconds:.2f}s) {build.peak_rss_mb:.0f} MB, {build.reread} read",
                        file=sys.stderr,
                        flush=True,
                    )
    print(
        f"{args.forms} forms over {args.pages} pages; diagrams: {'no' if args.no_maps else 'yes'}; "
        f"median of {args.runs} interleaved runs. Sphinx {_version('sphinx')}, "
        f"sphinx-needs {_version('sphinx-needs') if with_needs else 'left out'}, "
        f"docutils {_version('docutils')}, Graphviz {_dot_version()}, "
        f"Python {platform.python_version()}."
    )
    print()
    print("\n".join(tables(results, names)))
    if args.json:
        raw = {m: {n: [asdict(b) for b in bs] for n, bs in r.items()} for m, r in results.items()}
        args.json.write_text(json.dumps({"args": vars(args), "runs": raw}, default=str))


if __name__ == "__main__":
    main()
