"""Build time of a learnscape site against the same content written by hand.

    python bench/build_bench.py [--forms 200 --pages 20 --runs 5 --no-maps]

Two projects are generated with identical output content:

* ``ext``: YAML data + per page ``learnscape:form::`` homes, a filtered
  ``learnscape:forms`` table and (when the map exists) a filtered
  ``learnscape:map``;
* ``hand``: the same in plain reST: an index entry, a label, a rubric and
  a field list per form, a ``list-table``, and a ``.. graphviz::`` with the
  DOT of the map.

Modes: ``cold`` (fresh output dir), ``noop`` (rebuild, nothing changed),
``j2`` (cold with ``-j 2``) and ``edit`` (one form's label changed: in the
YAML for ``ext``, in the .rst for ``hand``). Runs are interleaved
(ext, hand, ext, hand, ...) so machine noise hits both alike; medians and
the ratio ext/hand are printed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ZONES = ["formal", "blended", "social", "informal"]
TOOLS = [f"tool-{i}" for i in range(12)]
THINKERS = [f"thinker-{i}" for i in range(6)]


def form_data(n: int) -> list[dict[str, object]]:
    forms: list[dict[str, object]] = []
    for i in range(n):
        forms.append(
            {
                "id": f"form-{i}",
                "label": f"Learning form {i}",
                "zone": ZONES[i % len(ZONES)],
                "orientation": "learning" if i % 3 else "performance",
                "tools": [TOOLS[i % len(TOOLS)], TOOLS[(i * 5 + 1) % len(TOOLS)]],
                "thinkers": [THINKERS[i % len(THINKERS)]],
                "description": f"What learning form {i} is for and how people use it.",
                "page": i % PAGES[0],
            }
        )
    return forms


PAGES = [20]


def write_ext(root: Path, forms: list[dict[str, object]], pages: int, maps: bool) -> None:
    (root / "landscape").mkdir(parents=True)
    lines = ["learnscape: 1", "zones:"]
    lines += [f"  - {{id: {z}, label: Zone {z}}}" for z in ZONES]
    lines += ["tools:"] + [f"  - {{id: {t}, label: Tool {t}}}" for t in TOOLS]
    lines += ["thinkers:"] + [f"  - {{id: {t}, label: Thinker {t}}}" for t in THINKERS]
    lines += ["forms:"]
    for f in forms:
        lines += [
            f"  - id: {f['id']}",
            f"    label: {f['label']}",
            f"    zone: {f['zone']}",
            f"    orientation: {f['orientation']}",
            f"    tools: [{', '.join(f['tools'])}]",  # type: ignore[arg-type]
            f"    thinkers: [{', '.join(f['thinkers'])}]",  # type: ignore[arg-type]
            f"    description: {f['description']}",
        ]
    (root / "landscape" / "landscape.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "conf.py").write_text(
        'extensions = ["sphinx_learnscape"]\nlearnscape_files = ["landscape/*.yaml"]\n', encoding="utf-8"
    )
    index = ["Landscape", "=========", "", ".. toctree::", ""] + [f"   page{p}" for p in range(pages)]
    (root / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    for p in range(pages):
        ids = [str(f["id"]) for f in forms if f["page"] == p]
        body = [f"Page {p}", "=" * 12, "", ".. learnscape:forms::", f"   :forms: {', '.join(ids)}", ""]
        if maps:
            body += [".. learnscape:map::", f"   :forms: {', '.join(ids)}", ""]
        for ident in ids:
            body += [f".. learnscape:form:: {ident}", ""]
        (root / f"page{p}.rst").write_text("\n".join(body) + "\n", encoding="utf-8")


def write_hand(
    root: Path, forms: list[dict[str, object]], pages: int, maps: bool, dots: dict[int, str]
) -> None:
    root.mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinx.ext.graphviz"]\n', encoding="utf-8")
    index = ["Landscape", "=========", "", ".. toctree::", ""] + [f"   page{p}" for p in range(pages)]
    (root / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    for p in range(pages):
        mine = [f for f in forms if f["page"] == p]
        body = [f"Page {p}", "=" * 12, "", ".. list-table::", "   :header-rows: 1", ""]
        body += [
            "   * - Learning form",
            "     - Zone",
            "     - Orientation",
            "     - Tools",
            "     - Thinkers",
        ]
        for f in mine:
            body += [
                f"   * - `{f['label']} <#{f['id']}>`__",
                f"     - Zone {f['zone']}",
                f"     - {f['orientation']}",
                "     - " + ", ".join(f"Tool {t}" for t in f["tools"]),  # type: ignore[attr-defined]
                "     - " + ", ".join(f"Thinker {t}" for t in f["thinkers"]),  # type: ignore[attr-defined]
            ]
        body += [""]
        if maps and p in dots:
            body += [".. graphviz::", ""] + ["   " + line for line in dots[p].splitlines()] + [""]
        for f in mine:
            body += [
                f".. index:: single: {f['label']} (learning form)",
                "",
                f".. _{f['id']}:",
                "",
                f".. rubric:: {f['label']}",
                "",
                f"{f['description']}",
                "",
                f":Zone: Zone {f['zone']}",
                f":Orientation: {f['orientation']}",
                ":Tools: " + ", ".join(f"Tool {t}" for t in f["tools"]),  # type: ignore[attr-defined]
                "",
            ]
        (root / f"page{p}.rst").write_text("\n".join(body) + "\n", encoding="utf-8")


def map_dots(ext_root: Path, forms: list[dict[str, object]], pages: int) -> dict[int, str]:
    """The DOT our map directive makes for each page, for the hand-written twin."""
    try:
        from sphinx_learnscape.data import load_files
        from sphinx_learnscape.data.query import Filter
        from sphinx_learnscape.render.dot import map_dot
        from sphinx_learnscape.render.options import MapOptions
    except ImportError:
        return {}
    landscape, _ = load_files([ext_root / "landscape" / "landscape.yaml"])
    dots = {}
    for p in range(pages):
        ids = tuple(str(f["id"]) for f in forms if f["page"] == p)
        options = MapOptions(selection=Filter(forms=ids))
        dots[p] = map_dot(landscape, options, language="en", url_for=lambda kind, ident: f"#{ident}")
    return dots


def sphinx(src: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(src), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def edit_ext(root: Path, undo: bool = False) -> None:
    path = root / "landscape" / "landscape.yaml"
    old, new = "label: Learning form 7\n", "label: Learning form seven\n"
    if undo:
        old, new = new, old
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def edit_hand(root: Path, undo: bool = False) -> None:
    """The same label change by hand: table cell, index entry, rubric and map."""
    page = root / f"page{7 % PAGES[0]}.rst"
    old, new = "Learning form 7", "Learning form seven"
    if undo:
        old, new = new, old
    text = re.sub(re.escape(old) + r"(?!\d)", new, page.read_text(encoding="utf-8"))
    page.write_text(text, encoding="utf-8")


def measure(root: Path, mode: str, editor: object) -> float:
    out = root / "_build"
    if mode in ("cold", "j2"):
        shutil.rmtree(out, ignore_errors=True)
        return sphinx(root, out, *(["-j", "2"] if mode == "j2" else []))
    if not out.exists():
        sphinx(root, out)
    if mode == "noop":
        sphinx(root, out)  # settle anything a previous edit left
        return sphinx(root, out)
    editor(root)  # type: ignore[operator]
    try:
        return sphinx(root, out)
    finally:
        editor(root, undo=True)  # type: ignore[operator]
        sphinx(root, out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=200)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-maps", action="store_true", help="leave maps out of both projects")
    parser.add_argument("--modes", default="cold,noop,j2,edit")
    args = parser.parse_args()
    PAGES[0] = args.pages
    # As pip does on install: our bytecode compiled ahead, like Sphinx's own
    # (with PYTHONDONTWRITEBYTECODE set, an editable checkout has none and
    # every build would compile the extension's source again).
    package = Path(__file__).resolve().parent.parent / "sphinx_learnscape"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    forms = form_data(args.forms)
    with tempfile.TemporaryDirectory() as tmp:
        ext, hand = Path(tmp) / "ext", Path(tmp) / "hand"
        write_ext(ext, forms, args.pages, maps=False)
        dots = {} if args.no_maps else map_dots(ext, forms, args.pages)
        maps = bool(dots)
        if maps:
            shutil.rmtree(ext)
            write_ext(ext, forms, args.pages, maps=True)
        write_hand(hand, forms, args.pages, maps, dots)
        print(
            f"{args.forms} forms over {args.pages} pages; maps: {'yes' if maps else 'no'}; "
            f"median of {args.runs} interleaved runs"
        )
        print(f"{'mode':<6} {'extension':>10} {'by hand':>10} {'ratio':>7}")
        for mode in args.modes.split(","):
            times: dict[str, list[float]] = {"ext": [], "hand": []}
            for _ in range(args.runs):
                times["ext"].append(measure(ext, mode, edit_ext))
                times["hand"].append(measure(hand, mode, edit_hand))
            e, h = statistics.median(times["ext"]), statistics.median(times["hand"])
            print(f"{mode:<6} {e:>9.2f}s {h:>9.2f}s {e / h:>7.3f}")


if __name__ == "__main__":
    main()
