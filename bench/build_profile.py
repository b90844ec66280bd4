"""Where a learnscape build spends its time: a profile of the build bench's project.

    python bench/build_profile.py [--forms 1000 --pages 20 --top 25]

Generates the build bench's projects (``build_projects``), then for ours
profiles a cold and a no-op HTML build with cProfile (each in a child process,
with the time spent in garbage collection per generation), and for every
project reports the pickled environment (size, the biggest parts of it, the
time to unpickle it) and the doctrees (files, bytes, nodes). Prints Markdown.
cProfile roughly doubles the time of Python code: read the figures as shares,
and take build times from ``build_bench.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from build_projects import Project, write_all

CHILD_PROFILE = r"""
import cProfile, gc, json, sys, time
from sphinx.cmd.build import build_main
gc_seconds, gc_runs, started = [0.0] * 3, [0] * 3, [0.0]
def on_gc(phase, info):
    # CPU time of this process: on a shared machine wall time counts the waits
    if phase == "start":
        started[0] = time.process_time()
    else:
        gc_seconds[info["generation"]] += time.process_time() - started[0]
        gc_runs[info["generation"]] += 1
gc.callbacks.append(on_gc)
profile = cProfile.Profile() if sys.argv[1] else None
t0, c0 = time.perf_counter(), time.process_time()
if profile:
    profile.enable()
status = build_main(["-b", "html", "-q", sys.argv[2], sys.argv[3]])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
if profile:
    profile.disable()
    profile.dump_stats(sys.argv[1])
print(json.dumps({"status": status, "wall": wall, "cpu": cpu, "gc_seconds": gc_seconds, "gc_runs": gc_runs}))
"""

CHILD_UNPICKLE = r"""
import json, pickle, statistics, sys, time
import sphinx.environment  # the classes the pickle names, imported before timing
for name in sys.argv[2:]:
    __import__(name)
data = open(sys.argv[1], "rb").read()
times = []
for _ in range(5):
    t0 = time.process_time()
    pickle.loads(data)
    times.append(time.process_time() - t0)
print(json.dumps({"median": statistics.median(times), "min": min(times)}))
"""

EXTENSIONS = {"learnscape": ["sphinx_learnscape"], "by hand": [], "sphinx-needs": ["sphinx_needs"]}


def _where(key: tuple[str, int, str]) -> str:
    filename, line, func = key
    for marker in ("site-packages/", "lib/python3", "/work/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"`{func}` {filename}:{line}" if line else f"`{func}`"


def profile_table(stats_path: Path, top: int, sort: str, only: str | None = None) -> list[str]:
    stats = pstats.Stats(str(stats_path))
    entries = stats.stats  # type: ignore[attr-defined]
    rows = []
    for key, (_cc, calls, tottime, cumtime, _callers) in entries.items():
        if only and only not in key[0]:
            continue
        rows.append((key, calls, tottime, cumtime))
    rows.sort(key=lambda r: r[3] if sort == "cumtime" else r[2], reverse=True)
    lines = ["| function | calls | own s | cumulative s |", "|---|---|---|---|"]
    for key, calls, tottime, cumtime in rows[:top]:
        lines.append(f"| {_where(key)} | {calls} | {tottime:.3f} | {cumtime:.3f} |")
    return lines


@dataclass(frozen=True)
class ProfiledBuild:
    status: int
    wall: float
    cpu: float  # of the build's own process (Graphviz runs not included)
    gc_seconds: list[float]  # per generation 0, 1, 2
    gc_runs: list[int]


def run_profiled(project: Project, out: Path, stats_path: Path | None) -> ProfiledBuild:
    """One build in a child, under cProfile unless ``stats_path`` is None; GC time always."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD_PROFILE, str(stats_path or ""), str(project.root), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return ProfiledBuild(**json.loads(done.stdout.strip().splitlines()[-1]))


@dataclass(frozen=True)
class EnvReport:
    pickle_bytes: int
    unpickle_s: float
    parts: list[tuple[str, int]]
    doctrees: int
    doctree_bytes: int
    nodes: int
    top_nodes: list[tuple[str, int]]


def environment_report(project: Project, out: Path) -> EnvReport:
    path = out / ".doctrees" / "environment.pickle"
    timed = subprocess.run(
        [sys.executable, "-c", CHILD_UNPICKLE, str(path), *EXTENSIONS[project.name]],
        capture_output=True,
        text=True,
        check=True,
    )
    unpickle = json.loads(timed.stdout)
    # Which parts make it big: every attribute of the environment, and every
    # domain's data, pickled on its own (shared objects count in each).
    with path.open("rb") as handle:
        env = pickle.load(handle)  # our own build's output, read back
    parts: Counter[str] = Counter()
    for name, value in vars(env).items():
        if name == "settings":  # holds the environment itself
            continue
        if name == "domaindata":
            for domain, data in value.items():
                parts[f"domaindata[{domain!r}]"] = len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        else:
            try:
                parts[name] = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
            except Exception:  # an attribute Sphinx does not pickle either
                continue
    doctrees = sorted((out / ".doctrees").glob("*.doctree"))
    nodes: Counter[str] = Counter()
    for tree_path in doctrees:
        with tree_path.open("rb") as handle:
            tree = pickle.load(handle)
        nodes.update(type(node).__name__ for node in tree.findall())
    return EnvReport(
        pickle_bytes=path.stat().st_size,
        unpickle_s=float(unpickle["median"]),
        parts=parts.most_common(6),
        doctrees=len(doctrees),
        doctree_bytes=sum(p.stat().st_size for p in doctrees),
        nodes=sum(nodes.values()),
        top_nodes=nodes.most_common(8),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--keep", type=Path, help="generate the projects and profiles here and keep them")
    args = parser.parse_args()
    package = Path(__file__).resolve().parent.parent / "sphinx_learnscape"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    with_needs = find_spec("sphinx_needs") is not None
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        projects, _ = write_all(folder / "projects", args.forms, args.pages, True, with_needs)
        ours = projects[0]
        out = ours.root / "_build"
        shutil.rmtree(out, ignore_errors=True)
        print(f"# Profile of a learnscape build: {args.forms} forms over {args.pages} pages\n")
        for mode in ("cold", "no-op"):
            if mode == "no-op":  # settle first, as the bench does
                subprocess.run(
                    [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(ours.root), str(out)],
                    check=True,
                    capture_output=True,
                )
            stats_path = folder / f"{mode}.prof"
            result = run_profiled(ours, out, stats_path)
            gc_s = ", ".join(f"{x:.2f}" for x in result.gc_seconds)
            print(f"## {mode} (profiled: wall {result.wall:.2f} s, CPU {result.cpu:.2f} s)\n")
            print(f"Garbage collection: {gc_s} s CPU in {result.gc_runs} runs (generations 0, 1, 2).\n")
            print(f"Top {args.top} by cumulative time:\n")
            print("\n".join(profile_table(stats_path, args.top, "cumtime")) + "\n")
            print(f"Top {args.top} by own time:\n")
            print("\n".join(profile_table(stats_path, args.top, "tottime")) + "\n")
            print(f"Top {args.top} of sphinx_learnscape by cumulative time:\n")
            print("\n".join(profile_table(stats_path, args.top, "cumtime", "sphinx_learnscape")) + "\n")
            print(f"Top {args.top} of sphinx_learnscape by own time:\n")
            print("\n".join(profile_table(stats_path, args.top, "tottime", "sphinx_learnscape")) + "\n")
        print("## Every project: a cold build without profiler, its environment and doctrees\n")
        print(
            "| project | cold wall s | process CPU s | GC CPU s (gen 0/1/2) | full collections "
            "| environment.pickle | unpickle CPU (median of 5) | doctrees | doctree bytes | nodes |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        reports = {}
        for project in projects:
            project_out = project.root / "_build"
            shutil.rmtree(project_out, ignore_errors=True)
            built = run_profiled(project, project_out, None)
            gc_s = "/".join(f"{x:.2f}" for x in built.gc_seconds)
            r = reports[project.name] = environment_report(project, project_out)
            print(
                f"| {project.name} | {built.wall:.2f} | {built.cpu:.2f} | {gc_s} | {built.gc_runs[2]} "
                f"| {r.pickle_bytes:,} B | {r.unpickle_s * 1000:.0f} ms "
                f"| {r.doctrees} | {r.doctree_bytes:,} | {r.nodes:,} |"
            )
        print()
        for name, r in reports.items():
            print(f"- {name}: biggest parts of the environment (bytes pickled alone): {r.parts}")
            print(f"  most frequent doctree nodes: {r.top_nodes}")


if __name__ == "__main__":
    main()
