"""The map at 16, 40 and 200 forms: DOT time, layout (Graphviz) time and SVG size, both engines.

    python bench/map_bench.py [--sizes 16,40,200] [--engines dot,wasm] [--runs 3]

The landscapes come from ``tests/landscape_gen.py`` (seeded): zones of eight
forms at most, about one link per form between nearby forms. The median of
``--runs`` runs is reported, one JSON line per size and engine: ``dot_s`` is
the wall time of the DOT (ordering, routing and labels included), ``dot_cpu_s``
its processor time (steadier on a shared machine), ``layout_s`` Graphviz's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from landscape_gen import generate

from sphinx_learnscape.data import load_texts
from sphinx_learnscape.render.dot import map_dot
from sphinx_learnscape.render.engines import GraphvizError, render
from sphinx_learnscape.render.options import MapOptions


def home(kind: str, ident: str) -> str:
    return f"{kind}s.html#learnscape-{kind}-{ident}"


def measure(forms: int, engine: str, runs: int) -> dict[str, object]:
    zones = max(2, min(8, forms // 8))
    landscape, _ = load_texts({"bench.yaml": generate(forms=forms, zones=zones, links=forms)})
    dot_times, cpu_times, layout_times = [], [], []
    size = 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        dot = map_dot(landscape, MapOptions(), language="en", url_for=home)
        middle = time.perf_counter()
        cpu_times.append(time.process_time() - cpu)
        result = render(dot, "svg", engine=engine, timeout=600)
        end = time.perf_counter()
        dot_times.append(middle - start)
        layout_times.append(end - middle)
        size = len(result.data)
    return {
        "forms": forms,
        "zones": zones,
        "links": len(landscape.links),
        "engine": engine,
        "dot_s": round(statistics.median(dot_times), 3),
        "dot_cpu_s": round(statistics.median(cpu_times), 3),
        "layout_s": round(statistics.median(layout_times), 3),
        "svg_kb": round(size / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16,40,200")
    parser.add_argument("--engines", default="dot,wasm")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for forms in (int(s) for s in args.sizes.split(",")):
        for engine in args.engines.split(","):
            try:
                print(json.dumps(measure(forms, engine, args.runs)), flush=True)
            except GraphvizError as exc:
                print(json.dumps({"forms": forms, "engine": engine, "error": str(exc)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
