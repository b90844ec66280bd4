"""Load + validate a stress-size landscape; report time and peak RSS.

    python bench/load_bench.py [--forms 10000 --tools 2000 --thinkers 200 --outcomes 20000]

The data is generated into a temporary folder, split over several files the
way a large organisation would keep it (each under the 5 MB default limit).
Each measurement runs in a fresh child process so peak RSS is the load's own;
the median of ``--runs`` runs is reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from sphinx_learnscape.data import load_files
t1 = time.perf_counter()
landscape, diagnostics = load_files(sys.argv[1:])
t2 = time.perf_counter()
print(json.dumps({
    "import_s": t1 - t0,
    "load_s": t2 - t1,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "forms": len(landscape.forms),
    "outcomes": len(landscape.outcomes),
    "diagnostics": len(diagnostics),
}))
"""

LEVELS = ["activity", "reaction", "learning", "behaviour", "results"]


def generate(folder: Path, forms: int, tools: int, thinkers: int, outcomes: int, per_file: int) -> list[Path]:
    files = []
    zones = ["formal", "nonformal", "social", "informal"]
    head = ["learnscape: 1", "zones:"]
    for i, zone in enumerate(zones):
        head += [
            f"  - id: {zone}",
            f"    label: {{en: Zone {i}, nl: Zone {i}}}",
            "    band: education",
        ]
    head += ["tools:"]
    for t in range(tools):
        head += [
            f"  - id: tool-{t}",
            f"    label: Tool {t}",
            "    category: wiki",
            f"    url: https://example.org/tools/{t}",
        ]
    head += ["thinkers:"]
    for t in range(thinkers):
        head += [
            f"  - id: thinker-{t}",
            f"    label: Thinker {t}",
            f"    born: {1900 + t % 100}",
            "    died: null",
            f"    idea: {{en: Idea number {t}, nl: Idee nummer {t}}}",
        ]
    base = folder / "base.yaml"
    base.write_text("\n".join(head) + "\n", encoding="utf-8")
    files.append(base)
    per_form = max(1, outcomes // max(1, forms))
    for start in range(0, forms, per_file):
        lines = ["learnscape: 1", "forms:"]
        for f in range(start, min(forms, start + per_file)):
            lines += [
                f"  - id: form-{f}",
                f"    label: {{en: Learning form {f}, nl: Leervorm {f}}}",
                f"    zone: {zones[f % len(zones)]}",
                f"    orientation: {'learning' if f % 2 else 'performance'}",
                f"    description: {{en: What form {f} is about., nl: Waar leervorm {f} over gaat.}}",
                f"    tools: [tool-{f % tools}, tool-{(f * 7 + 1) % tools}]",
                f"    thinkers: [thinker-{f % thinkers}]",
                "    tags: [70-20-10:20]",
                "    moments: [apply, solve]",
            ]
        lines += ["links:"]
        for f in range(start + 1, min(forms, start + per_file)):
            lines += [f"  - {{from: form-{f - 1}, to: form-{f}, label: follow-up, kind: sequence}}"]
        lines += ["outcomes:"]
        for f in range(start, min(forms, start + per_file)):
            for k in range(per_form):
                level = LEVELS[(f + k) % len(LEVELS)]
                lines += [
                    f"  - id: outcome-{f}-{k}",
                    f"    form: form-{f}",
                    f"    indicator: {{en: Indicator {k} of form {f}, nl: Indicator {k} van vorm {f}}}",
                    "    kind: quantitative",
                    f"    level: {level}",
                    "    unit: count",
                    "    baseline: 100",
                    "    target: 150",
                    f"    measured: {100 + f % 80}",
                    "    period: 2026-Q2",
                ]
        path = folder / f"forms-{start // per_file:03d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--tools", type=int, default=2_000)
    parser.add_argument("--thinkers", type=int, default=200)
    parser.add_argument("--outcomes", type=int, default=20_000)
    parser.add_argument("--per-file", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), args.forms, args.tools, args.thinkers, args.outcomes, args.per_file)
        size = sum(f.stat().st_size for f in files)
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, *map(str, files)], check=True, capture_output=True, text=True
            )
            runs.append(json.loads(out.stdout))
    load = statistics.median(r["load_s"] for r in runs)
    rss = statistics.median(r["peak_rss_mb"] for r in runs)
    print(
        f"{args.forms} forms, {args.tools} tools, {args.thinkers} thinkers, "
        f"{runs[0]['outcomes']} outcomes in {len(files)} files ({size / 1e6:.1f} MB)"
    )
    each = ", ".join(f"{r['load_s']:.2f}" for r in runs)
    print(f"load + validate: median {load:.2f} s over {args.runs} runs ({each})")
    print(f"peak RSS:        median {rss:.0f} MB (whole process, Python and imports included)")
    print(f"diagnostics:     {runs[0]['diagnostics']}")
    print("target:          <= 3 s and <= 300 MB")


if __name__ == "__main__":
    main()
