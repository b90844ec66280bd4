"""The ``learnscape`` command: check, schema, export and render without Sphinx."""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_learnscape import __version__
from sphinx_learnscape.data import Diagnostic, Severity, load_files
from sphinx_learnscape.data.results import LoadOptions
from sphinx_learnscape.data.schema import schema_text


def _print_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        json.dump([d.as_json() for d in diagnostics], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for diagnostic in diagnostics:
        print(diagnostic.format())


def _options(args: argparse.Namespace) -> LoadOptions:
    return LoadOptions(
        outcome_check=not getattr(args, "no_outcome_check", False),
        max_file_bytes=getattr(args, "max_file_bytes", LoadOptions().max_file_bytes),
    )


def cmd_check(args: argparse.Namespace) -> int:
    _, diagnostics = load_files(args.files, _options(args))
    _print_diagnostics(diagnostics, args.format)
    if args.format == "text" and not args.quiet:
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        summary = f"{len(args.files)} file(s): {errors} error(s), {warnings} warning(s)"
        print(summary, file=sys.stderr)
    return 1 if diagnostics else 0


def cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    landscape, diagnostics = load_files(args.files, _options(args))
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    text = json.dumps(landscape.as_json(), indent=2, ensure_ascii=False) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"learnscape: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnscape",
        description="Check, export and draw learning landscapes kept as YAML.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("files", nargs="+", metavar="FILE", help="YAML data files, merged in order")
        sub.add_argument(
            "--no-outcome-check",
            action="store_true",
            help="skip the lint of outcomes that measure only activity",
        )
        sub.add_argument(
            "--max-file-bytes",
            type=int,
            default=LoadOptions().max_file_bytes,
            metavar="N",
            help="refuse data files larger than N bytes (default: %(default)s)",
        )
        return sub

    check = data_command("check", "validate and lint data files; exit 1 on any problem")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    check.set_defaults(func=cmd_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of the data format")
    schema.set_defaults(func=cmd_schema)

    export = data_command("export", "write the merged landscape as JSON")
    export.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    export.set_defaults(func=cmd_export)

    _add_render(commands, data_command)
    return parser


def _add_render(commands: argparse._SubParsersAction, data_command: object) -> None:  # type: ignore[type-arg]
    """The ``render`` command arrives with the map (see :mod:`.render`)."""
    try:
        from sphinx_learnscape.render.cli import add_render_command
    except ImportError:
        return
    add_render_command(data_command)


def expand(files: Sequence[str]) -> list[str]:
    """Glob patterns given quoted (as pre-commit ``args`` are) expand here, in order.

    A name that exists is kept as it is; a pattern that matches nothing is
    kept too, so the missing file is reported.
    """
    out: list[str] = []
    for name in files:
        matches = (
            sorted(glob.glob(name, recursive=True))
            if glob.has_magic(name) and not os.path.exists(name)
            else []
        )
        for match in matches or [name]:
            if match not in out:
                out.append(match)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Messages quote the data (ids, labels, file names); a terminal that
        # cannot show a character gets an escape, not a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "files", None):
        args.files = expand(args.files)
    try:
        result: int = args.func(args)
    except BrokenPipeError:  # `learnscape check ... | head`
        return 1
    except KeyboardInterrupt:
        return 130
    return result
