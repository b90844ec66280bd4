"""The project's own docs: they build cleanly, and they cannot fall behind the code.

The docs use the extension on their own landscape, so building them with
``-nW`` is a test of the extension as much as of the docs. The coverage
tests read the names from the code (the JSON Schema, the config table, the
registered directives and roles, the warning subtypes, the CLI parser) and
look for each in the docs' sources, and the command-line outputs shown in
the docs are run again and compared.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import json
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main

import sphinx_learnscape.sphinxext
from sphinx_learnscape.cli import build_parser, main
from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.loader import load_files
from sphinx_learnscape.sphinxext.config import OPTIONS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCHEMA = ROOT / "sphinx_learnscape" / "data" / "schema.json"


def source(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def all_sources() -> str:
    files = sorted(DOCS.glob("*.rst")) + sorted(DOCS.glob("*.md"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


# -- (a) the docs build, nitpicky, without a single warning --------------------------


def test_docs_build_without_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = build_main(["-nW", "--keep-going", "-q", "-b", "html", str(DOCS), str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'class="learnscape-map"' in html and "<svg" in html
    # the docs' data is clean, and every object of it is in the export
    exported = json.loads((tmp_path / "learnscape.json").read_text(encoding="utf-8"))
    assert len(exported["forms"]) == 6
    assert (tmp_path / "schema" / "learnscape-1.json").read_bytes() == SCHEMA.read_bytes()


def test_docs_build_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Builders without pictures get the text alternative, as map.rst shows it."""
    status = build_main(["-nW", "--keep-going", "-q", "-b", "text", str(DOCS), str(tmp_path)])
    assert status == 0, capsys.readouterr().err
    page = source("map.rst")
    start = page.index(".. code-block:: text", page.index("writes the first map of this page as:"))
    shown = []
    for line in page[start:].splitlines()[2:]:
        if line.strip() and not line.startswith("   "):
            break
        shown.append(line[3:])
    assert "\n".join(shown).strip() in (tmp_path / "map.txt").read_text(encoding="utf-8")


def test_docs_data_is_clean() -> None:
    files = sorted(glob.glob(str(DOCS / "landscape" / "*.yaml")))
    assert files
    _, diagnostics = load_files([*files])
    assert diagnostics == []
    _, diagnostics = load_files([DOCS / "_examples" / "everything.yaml"])
    assert diagnostics == []


# -- (b) the YAML reference names every field and value of the JSON Schema ------------

#: object definition -> the label of its section in yaml-reference.rst
SECTION_OF = {
    "(top level)": "yaml-top-level",
    "landscape": "yaml-landscape",
    "history_point": "yaml-history",
}


def schema_objects() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object definition of the schema that has properties."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    yield "(top level)", schema
    yield "landscape", schema["properties"]["landscape"]
    for name, definition in schema["$defs"].items():
        if "properties" in definition:
            yield name, definition


def reference_sections() -> dict[str, str]:
    """yaml-reference.rst split at its ``.. _yaml-...:`` labels."""
    parts = re.split(r"^\.\. _(yaml-[a-z-]+):$", source("yaml-reference.rst"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def table_rows(section: str) -> dict[str, list[str]]:
    """The rows of the list-tables in a section: first cell (a ``literal``) -> all cells."""
    rows: dict[str, list[str]] = {}
    cells: list[str] | None = None
    for line in section.splitlines():
        start = re.match(r"^   \* - ``([^`]+)``$", line)
        if start:
            cells = [start.group(1)]
            rows.setdefault(cells[0], cells)  # the field table comes first
        elif cells is not None and line.startswith("     - "):
            cells.append(line[7:].strip())
        elif cells is not None and line.startswith("       "):
            cells[-1] += " " + line.strip()
        elif line.strip():
            cells = None
    return rows


def enum_values(prop: dict[str, Any]) -> list[Any]:
    values = list(prop.get("enum", []))
    items = prop.get("items", {})
    values += list(items.get("enum", []))
    if "const" in prop:
        values.append(prop["const"])
    return values


def test_reference_covers_every_schema_field() -> None:
    sections = reference_sections()
    problems = []
    for name, definition in schema_objects():
        label = SECTION_OF.get(name, f"yaml-{name}s")
        section = sections.get(label)
        if section is None:
            problems.append(f"{name}: no section '.. _{label}:' in yaml-reference.rst")
            continue
        rows = table_rows(section)
        required = set(definition.get("required", []))
        for prop, spec in definition["properties"].items():
            row = rows.get(prop)
            if row is None or len(row) != 4:
                problems.append(f"{name}.{prop}: no row 'field | type | required | meaning'")
                continue
            says_required = row[2] == "yes"
            if says_required != (prop in required):
                problems.append(f"{name}.{prop}: required is {prop in required}, the page says {row[2]!r}")
            for value in enum_values(spec):
                if f"``{value}``" not in row[1]:
                    problems.append(f"{name}.{prop}: value {value!r} missing from the type column")
                if not re.search(rf"\b{re.escape(str(value))}\b", section.replace(row[1], "")):
                    problems.append(f"{name}.{prop}: value {value!r} never explained")
        # An object schema must allow x- fields, as the page says they are everywhere.
        if "^x-" not in definition.get("patternProperties", {}):
            problems.append(f"{name}: allows no x- fields, but the page says every object does")
    assert not problems, "\n".join(problems)


def test_reference_covers_the_rules() -> None:
    page = " ".join(source("yaml-reference.rst").split())
    for needle in ("1–64 characters", "``x-``", "``http:``", "``https:``", "``mailto:``",
                   "``javascript:``", "aliases", "64 levels", "learnscape_max_file_bytes",
                   "then ``en``, then the", "learnscape schema", "yaml-language-server: $schema="):  # fmt: skip
        assert needle in page, needle


# -- (c) every name in the code appears in the docs -----------------------------------


class _Recorder:
    """Stands in for the Sphinx app to record what ``setup()`` registers."""

    def __init__(self) -> None:
        self.directives: dict[str, Any] = {}
        self.roles: list[str] = []

    def add_directive_to_domain(self, domain: str, name: str, cls: Any, **kwargs: Any) -> None:
        self.directives[f"{domain}:{name}"] = cls

    def add_role_to_domain(self, domain: str, name: str, role: Any, **kwargs: Any) -> None:
        self.roles.append(f"{domain}:{name}")

    def add_directive(self, name: str, cls: Any, **kwargs: Any) -> None:
        self.directives[name] = cls

    def add_role(self, name: str, role: Any, **kwargs: Any) -> None:
        self.roles.append(name)

    def add_domain(self, domain: Any, **kwargs: Any) -> None:
        # The domain class declares its own directives and roles.
        for name, cls in domain.directives.items():
            self.add_directive_to_domain(domain.name, name, cls)
        for name, role in domain.roles.items():
            self.add_role_to_domain(domain.name, name, role)

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


@pytest.fixture(scope="module")
def registered() -> _Recorder:
    recorder = _Recorder()
    sphinx_learnscape.sphinxext.setup(recorder)  # type: ignore[arg-type]
    kinds = ("zone", "form", "tool", "thinker")
    tables = ("map", "forms", "tools", "thinkers", "matrix", "outcomes")
    assert {f"learnscape:{name}" for name in kinds + tables} <= recorder.directives.keys()
    assert {f"learnscape:{kind}" for kind in kinds} <= set(recorder.roles)
    return recorder


def test_every_config_value_is_documented() -> None:
    page = source("configuration.rst")
    for option in OPTIONS:
        assert f".. confval:: {option.name}\n" in page, option.name


def test_every_directive_and_option_is_documented(registered: _Recorder) -> None:
    page = source("directives.rst")
    everywhere = all_sources()
    for name, cls in registered.directives.items():
        assert f"``{name}" in page, name
        assert re.search(rf"(\.\. |```{{){re.escape(name)}(::|}})", everywhere), f"no live example of {name}"
        for option in cls.option_spec:
            assert f"``:{option}:``" in page, f"{name} :{option}:"
            assert re.search(rf"^[ \t]+:{option}:", everywhere, re.M), f"no example with :{option}:"


def test_every_role_is_documented(registered: _Recorder) -> None:
    roles = source("roles.rst")
    myst = source("myst.md")
    for role in registered.roles:
        assert f":{role}:`" in roles, role
        assert f"{{{role}}}`" in myst, role


def test_every_warning_subtype_is_documented() -> None:
    page = source("warnings.rst")
    for subtype in [s.value for s in Subtype] + ["config", "option"]:
        assert f"   * - ``{subtype}``\n" in page, subtype
        assert f"[learnscape.{subtype}]" in page, f"no example message of {subtype}"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the learnscape command has no subcommands")


def test_every_cli_command_and_option_is_documented() -> None:
    page = source("cli.rst")
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert flag in ("-h", "--help") or f"``{flag}" in page, f"learnscape {flag}"
    commands = _subcommands()
    assert {"check", "schema", "export", "render"} <= commands.keys()
    for name, sub in commands.items():
        assert f"``learnscape {name}``\n---" in page, f"no section for learnscape {name}"
        for action in sub._actions:
            if action.help == argparse.SUPPRESS:
                continue
            for flag in action.option_strings:
                if flag not in ("-h", "--help"):
                    assert f"``{flag}" in page, f"learnscape {name} {flag}"


# -- (d) the command-line outputs shown in the docs are the real ones ------------------


def console_sessions() -> Iterator[tuple[str, str, list[str]]]:
    """(page, command, expected output lines) for every ``$ learnscape`` in a console block."""
    for path in sorted(DOCS.glob("*.rst")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if line.strip() != ".. code-block:: console":
                continue
            indent = len(line) - len(line.lstrip()) + 3
            block: list[str] = []
            for body in lines[index + 2 :]:
                if body.strip() and not body.startswith(" " * indent):
                    break
                block.append(body[indent:])
            while block and not block[-1].strip():
                block.pop()
            command: str | None = None
            output: list[str] = []
            for body in [*block, "$ "]:
                if body.startswith("$ "):
                    if command is not None:
                        yield path.name, command, output
                    command, output = body[2:].split("  #")[0].strip(), []
                else:
                    output.append(body)


@contextlib.contextmanager
def _in_dir(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _run(command: str, cwd: Path, last: int) -> tuple[int, str]:
    """Run one documented command in-process, stdout and stderr interleaved as on a terminal."""
    if command == "echo $?":
        return last, f"{last}\n"
    head = re.search(r"\s*\|\s*head -n (\d+)$", command)
    redirect = re.search(r"\s*>\s*(\S+)$", command)
    cut = head or redirect
    command = command[: cut.start()] if cut else command
    words = shlex.split(command)
    if words[:3] == ["python", "-m", "sphinx_learnscape"]:
        words = ["learnscape", *words[3:]]
    args: list[str] = []
    for word in words[1:]:
        args += sorted(glob.glob(word, root_dir=cwd)) if "*" in word else [word]
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    with _in_dir(cwd), contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        try:
            code = main(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
    text = raw.getvalue().decode("utf-8")
    if redirect:
        (cwd / redirect.group(1)).write_text(text, encoding="utf-8")
        text = ""
    if head:
        text = "".join(text.splitlines(keepends=True)[: int(head.group(1))])
    return code, text


SESSIONS = [
    session
    for session in console_sessions()
    if session[1].startswith(("learnscape ", "python -m sphinx_learnscape ")) or session[1] == "echo $?"
]


def test_console_examples_were_found() -> None:
    commands = {command.split()[1] for _, command, _ in SESSIONS if command.startswith("learnscape")}
    assert {"check", "schema", "export", "render"} <= commands


@pytest.mark.parametrize("page", sorted({page for page, _, _ in SESSIONS}))
def test_console_examples_show_real_output(page: str, tmp_path: Path) -> None:
    shutil.copytree(DOCS / "landscape", tmp_path / "landscape")
    shutil.copytree(DOCS / "_examples", tmp_path / "_examples")
    last = 0
    for where, command, expected in SESSIONS:
        if where != page:
            continue
        if " render " in f" {command} " and re.search(r"\.(png|pdf)\b", command) and not shutil.which("dot"):
            continue  # only the system Graphviz writes png and pdf
        last, output = _run(command, tmp_path, last)
        if command == "echo $?":
            assert output.strip() == "\n".join(expected).strip(), f"{page}: {command}"
            continue
        if not any(line.strip() for line in expected):
            assert last == 0, f"{page}: $ {command} exited with {last}\n{output}"
        shown = "\n".join(expected).rstrip()
        assert output.rstrip() == shown, f"{page}: $ {command}\n--- real output ---\n{output}"


# -- (e) the recipes the docs give for CI, Read the Docs and pre-commit are real ---------


def yaml_blocks(name: str) -> list[Any]:
    """Every ``.. code-block:: yaml`` of a page, parsed."""
    import yaml

    blocks = []
    lines = source(name).splitlines()
    for index, line in enumerate(lines):
        if line.strip() != ".. code-block:: yaml":
            continue
        indent = len(line) - len(line.lstrip()) + 3
        body = []
        for text in lines[index + 2 :]:
            if text.strip() and not text.startswith(" " * indent):
                break
            body.append(text[indent:])
        blocks.append(yaml.safe_load("\n".join(body)))
    return blocks


def test_read_the_docs_configuration() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert "graphviz" in config["build"]["apt_packages"]
    assert config["sphinx"]["fail_on_warning"] is True
    assert (ROOT / config["sphinx"]["configuration"]).is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for extra in config["python"]["install"][0]["extra_requirements"]:
        assert re.search(rf"^{extra} = \[", pyproject, flags=re.M), extra
    assert ".. literalinclude:: ../.readthedocs.yaml" in source("installation.rst")


def test_ci_recipes_install_an_engine_and_build_nitpicky() -> None:
    """A CI machine has no Graphviz: every recipe that builds installs one, then builds with -nW."""
    workflows = [
        block for block in yaml_blocks("installation.rst") if isinstance(block, dict) and "jobs" in block
    ]
    steps = [step for workflow in workflows for step in workflow["jobs"]["docs"]["steps"]]
    steps += [step for block in yaml_blocks("tutorial.rst") if isinstance(block, list) for step in block]
    runs = [step.get("run", "") for step in steps]
    assert runs, "no CI steps found"
    builds = [i for i, run in enumerate(runs) if "-m sphinx" in run]
    assert builds and all("-nW" in runs[i] for i in builds)
    engine = [
        i for i, run in enumerate(runs) if "install -y graphviz" in run or "sphinx-learnscape[wasm]" in run
    ]
    assert len(engine) >= 2 and min(engine) < min(builds)


def test_pre_commit_snippet_is_real() -> None:
    (config,) = [
        block for block in yaml_blocks("tutorial.rst") if isinstance(block, dict) and "repos" in block
    ]
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"] == "learnscape check" and hook["language"] == "python"
    assert "sphinx-learnscape" in hook["additional_dependencies"]
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "docs/landscape/forms.yaml") and not re.search(
        hook["files"], "docs/conf.py"
    )
    assert "OWNER" not in source("tutorial.rst") + (ROOT / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"
    )
