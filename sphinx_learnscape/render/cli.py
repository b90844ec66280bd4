"""``learnscape render``: a map from data files to svg, png, pdf or dot, without Sphinx."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

from sphinx_learnscape.data import Diagnostic, Landscape, load_files
from sphinx_learnscape.data.query import FILTER_OPTIONS, Filter
from sphinx_learnscape.data.results import LoadOptions
from sphinx_learnscape.render.dot import map_dot
from sphinx_learnscape.render.engines import DEFAULT_TIMEOUT, GraphvizError, render
from sphinx_learnscape.render.focus import focus_known
from sphinx_learnscape.render.options import SHOW_PARTS, MapOptions, parse_show
from sphinx_learnscape.render.svg import SvgError, standalone_svg

OUTPUT_FORMATS = ("svg", "png", "pdf", "dot")
_KIND = {"zones": "zone", "forms": "form", "tools": "tool", "thinkers": "thinker"}


DataCommand = Callable[[str, str], argparse.ArgumentParser]


def add_render_command(data_command: object) -> None:
    """Register ``render`` with the CLI's ``data_command(name, help)`` (FILE... and load options).

    Typed ``object`` because :mod:`sphinx_learnscape.cli` hands it over untyped,
    to work whether or not this package is present.
    """
    sub = cast(DataCommand, data_command)(
        "render", "draw the landscape map as svg, png, pdf or dot, without Sphinx"
    )
    sub.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="map.svg, map.png, map.pdf or map.dot (the extension picks the format); - for stdout",
    )
    sub.add_argument(
        "--format", choices=OUTPUT_FORMATS, help="output format, when the file name does not say"
    )
    for name in FILTER_OPTIONS:
        sub.add_argument(
            f"--{name}", default="", metavar="LIST", help=f"keep only these {name} (comma-separated)"
        )
    sub.add_argument(
        "--show",
        default=",".join(SHOW_PARTS),
        metavar="PARTS",
        help=f"what to draw, any of {','.join(SHOW_PARTS)} (default: all)",
    )
    sub.add_argument(
        "--layout", type=str.upper, choices=("LR", "TB"), default="LR", help="zones as columns or rows"
    )
    sub.add_argument(
        "--focus", metavar="ID", help="draw only the neighbourhood of this form, tool, thinker or zone"
    )
    sub.add_argument(
        "--depth", type=int, default=1, metavar="N", help="with --focus: forms up to N links away (default 1)"
    )
    sub.add_argument("--language", default="en", help="language of labels (default: %(default)s)")
    sub.add_argument("--title", help="title above the map (default: the landscape's title)")
    sub.add_argument("--no-title", action="store_true", help="no title above the map")
    sub.add_argument("--no-legend", action="store_true", help="leave the legend out")
    sub.add_argument("--engine", choices=("auto", "dot", "wasm"), default="auto", help="Graphviz to use")
    sub.add_argument("--dot", default="dot", metavar="PATH", help="the Graphviz dot program (default: dot)")
    sub.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S", help=argparse.SUPPRESS)
    sub.set_defaults(func=cmd_render)


def _fail(message: str, code: int = 1) -> int:
    print(f"learnscape render: {message}", file=sys.stderr)
    return code


def _ids(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _selection(args: argparse.Namespace, landscape: Landscape) -> Filter:
    """The filter options; an id that names nothing is reported, not fatal."""
    values = {name: _ids(getattr(args, name)) for name in FILTER_OPTIONS}
    for name, kind in _KIND.items():
        for ident in values[name]:
            if landscape.get(kind, ident) is None:
                print(f"learnscape render: warning: --{name}: unknown {kind} {ident!r}", file=sys.stderr)
    return Filter(**values)


def _format(args: argparse.Namespace) -> str | None:
    if args.format:
        return str(args.format)
    if args.output == "-":
        return "svg"
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return suffix if suffix in OUTPUT_FORMATS else None


def _url_of(landscape: Landscape) -> Callable[[str, str], str | None]:
    """A standalone map links each node to the object's own ``url`` from the data."""

    def url_for(kind: str, ident: str) -> str | None:
        record = landscape.get(kind, ident)
        return record.url if record is not None else None

    return url_for


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def cmd_render(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt is None:
        return _fail(
            f"cannot tell the format of {args.output!r}; end it in .svg, .png, .pdf or .dot or give --format",
            2,
        )
    try:
        show = parse_show(args.show)
    except ValueError as exc:
        return _fail(f"--show: {exc}", 2)
    landscape, diagnostics = load_files(
        args.files, LoadOptions(outcome_check=not args.no_outcome_check, max_file_bytes=args.max_file_bytes)
    )
    # Data problems are reported; the map still shows everything that is good.
    _print(diagnostics)
    title = args.title
    if title is None and not args.no_title and landscape.meta and landscape.meta.title:
        title = landscape.meta.title.get(args.language)
    if args.depth < 0:
        return _fail("--depth: a number of links, 0 or more", 2)
    if args.focus and not focus_known(landscape, args.focus):
        print(f"learnscape render: warning: --focus: unknown id {args.focus!r}", file=sys.stderr)
    options = MapOptions(
        selection=_selection(args, landscape),
        show=show,
        layout=args.layout,
        legend=not args.no_legend,
        title=None if args.no_title else title,
        focus=args.focus or None,
        depth=args.depth,
    )
    dot = map_dot(landscape, options, language=args.language, url_for=_url_of(landscape))
    if fmt == "dot":
        data = dot.encode("utf-8")
    else:
        try:
            result = render(dot, fmt, engine=args.engine, dot_command=args.dot, timeout=args.timeout)
            data = standalone_svg(result.data, title=options.title) if fmt == "svg" else result.data
        except (GraphvizError, SvgError) as exc:
            return _fail(f"cannot draw the map: {exc}")
    try:
        if args.output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            Path(args.output).write_bytes(data)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    return 0
