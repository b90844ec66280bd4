"""``learnscape render``: every output format, filters, and failures without tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import LANDSCAPE_YAML, SVG, WASM_MARKS, groups, needs_dot, needs_wasm, parse_svg

from sphinx_learnscape.cli import main


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "landscape.yaml"
    path.write_text(LANDSCAPE_YAML, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["render", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dot_output_needs_no_graphviz(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.dot"
    code, _, err = run(capsys, str(data), "-o", str(out), "--dot", "/nonexistent/dot")
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('digraph "learnscape_map" {')
    # The standalone map links each node to the object's own url from the data.
    assert 'URL="https://example.org/coaching"' in text and 'URL="https://example.org/lms"' in text
    assert "forms.html" not in text
    assert 'label="Learning landscape Test"' in text
    # Data errors are printed as FILE:LINE:COL and do not fail the render.
    assert f"{data}:" in err and "unknown zone 'nowhere'" in err and "[ref]" in err


@needs_dot
@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF")])
def test_formats_with_dot(
    suffix: str, magic: bytes, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"map{suffix}"
    code, _, _ = run(capsys, str(data), "-o", str(out), "--engine", "dot")
    assert code == 0
    assert out.read_bytes().startswith(magic)


@needs_wasm
def test_svg_with_wasm(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.svg"
    code, stdout, _ = run(capsys, str(data), "-o", str(out), "--engine", "wasm", "--language", "nl")
    assert code == 0 and stdout == ""
    root = parse_svg(out.read_bytes())
    titles = {g.get("id"): g.findtext(f"{SVG}title") for g in groups(root, "cluster")}
    assert titles["learnscape-map-form-classroom"] == "Klassikale training"


@pytest.mark.parametrize("engine", ["auto", pytest.param("wasm", marks=WASM_MARKS)])
def test_filters_show_and_layout(
    engine: str, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.svg"
    code, _, err = run(
        capsys,
        str(data),
        "-o",
        str(out),
        "--engine",
        engine,
        "--tools",
        "wiki",
        "--forms",
        "community,howto,ghost",
        "--show",
        "forms,tools",
        "--layout",
        "tb",
        "--no-legend",
        "--no-title",
    )
    assert code == 0
    assert "warning: --forms: unknown form 'ghost'" in err
    ids = {g.get("id") for g in groups(parse_svg(out.read_bytes()), "cluster")}
    assert {i for i in ids if i and "-form-" in i} == {
        "learnscape-map-form-community",
        "learnscape-map-form-howto",
    }
    assert any(i and i.endswith("-tool-wiki") for i in ids)
    assert not any(i and ("-thinker-" in i or "-legend" in i) for i in ids)


def test_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(data), "-o", "-", "--format", "dot")
    assert code == 0 and out.startswith("digraph")


def test_unknown_format_is_a_usage_error(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, str(data), "-o", str(tmp_path / "map.gif"))
    assert code == 2 and "end it in .svg, .png, .pdf or .dot" in err
    code, _, err = run(capsys, str(data), "-o", str(tmp_path / "map.svg"), "--show", "forms,people")
    assert code == 2 and "people" in err


def test_missing_dot_fails_cleanly(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.png"
    code, _, err = run(capsys, str(data), "-o", str(out), "--engine", "dot", "--dot", "/nonexistent/dot")
    assert code == 1
    assert err.strip().endswith("cannot draw the map: Graphviz program '/nonexistent/dot' not found")
    assert "Traceback" not in err and not out.exists()


@needs_wasm
def test_png_with_wasm_fails_cleanly(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(data), "-o", str(tmp_path / "map.png"), "--engine", "wasm")
    assert code == 1 and "writes only svg" in err and "Traceback" not in err


def test_failing_dot_reports_its_stderr(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = tmp_path / "dot"
    program.write_text("#!/bin/sh\ncat >/dev/null\necho 'Error: layout exploded' >&2\nexit 2\n")
    program.chmod(0o755)
    code, _, err = run(
        capsys, str(data), "-o", str(tmp_path / "map.svg"), "--engine", "dot", "--dot", str(program)
    )
    assert code == 1
    assert "failed with exit code 2: Error: layout exploded" in err


def test_unwritable_output(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(data), "-o", str(tmp_path / "no" / "such" / "map.dot"))
    assert code == 1 and "cannot write" in err


def test_missing_data_file_still_draws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.dot"
    code, _, err = run(capsys, str(tmp_path / "missing.yaml"), "-o", str(out))
    assert code == 0 and "missing.yaml" in err
    assert "nothing to show" in out.read_text(encoding="utf-8")
