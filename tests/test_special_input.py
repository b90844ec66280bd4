"""Input that is not what it seems: special files, bidi controls, colours, very long labels."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sphinx_learnscape.data import FileResult, load_files, load_texts, parse_file, read_data_file
from sphinx_learnscape.data.colors import CSS_COLORS, color_problem
from sphinx_learnscape.data.parse import MAX_LABEL_CHARS
from sphinx_learnscape.data.schema import schema

SCRIPT = Path(sys.executable).with_name("learnscape")
GOOD = "learnscape: 1\nzones: [{id: z, label: Z}]\n"
fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


# -- special files: refused from their stat, never opened ---------------------


@fifo_only
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    run = subprocess.run(
        [str(SCRIPT), "check", "-q", "pipe.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert (run.returncode, run.stdout) == (
        1,
        "pipe.yaml: error: this is a named pipe (FIFO), not a regular file; it was not read [file]\n",
    )


@fifo_only
def test_a_fifo_is_not_even_opened(tmp_path: Path) -> None:
    """A writer waiting on the pipe stays waiting: nobody opened the other end."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    opened: list[int] = []
    writer = threading.Thread(target=lambda: opened.append(os.open(pipe, os.O_WRONLY)), daemon=True)
    writer.start()
    try:
        result = read_data_file(pipe)
        assert isinstance(result, FileResult)
        assert [d.subtype.value for d in result.diagnostics] == ["file"]
        writer.join(0.3)
        assert writer.is_alive() and not opened
    finally:
        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # let the writer go
        writer.join(5)
        os.close(reader)
        for fd in opened:
            os.close(fd)


@fifo_only
def test_a_link_to_a_fifo_is_refused_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "real.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "to-pipe.yaml").symlink_to(tmp_path / "pipe")
    (tmp_path / "to-real.yaml").symlink_to(tmp_path / "real.yaml")
    landscape, diagnostics = load_files([tmp_path / "to-pipe.yaml", tmp_path / "to-real.yaml"])
    assert [d.message for d in diagnostics] == [
        "this is a named pipe (FIFO), not a regular file; it was not read"
    ]
    assert [z.id for z in landscape.zones] == ["z"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this system")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError as exc:  # a path too long for a socket address
            pytest.skip(f"cannot bind a socket here: {exc}")
        result = parse_file(path, name="s.yaml")
    assert [d.format() for d in result.diagnostics] == [
        "s.yaml: error: this is a socket, not a regular file; it was not read [file]"
    ]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_refused() -> None:
    result = parse_file("/dev/null")
    assert [d.message for d in result.diagnostics] == [
        "this is a character device, not a regular file; it was not read"
    ]


def test_a_regular_file_gives_its_bytes_and_a_large_one_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert read_data_file(path) == GOOD.encode()
    big = read_data_file(path, max_bytes=10, name="a.yaml")
    assert isinstance(big, FileResult)
    assert (
        big.diagnostics[0].format().startswith("a.yaml: error: the file is 41 bytes, over the limit of 10 ")
    )
    missing = read_data_file(tmp_path / "nowhere.yaml", name="nowhere.yaml")
    assert isinstance(missing, FileResult) and missing.diagnostics[0].message == "the file does not exist"
    folder = read_data_file(tmp_path)
    assert isinstance(folder, FileResult)
    assert folder.diagnostics[0].message == "this is a directory, not a data file"


# -- bidirectional controls ---------------------------------------------------


def load_one(text: str):  # type: ignore[no-untyped-def]
    return load_texts({"b.yaml": "learnscape: 1\nzones: [{id: z, label: Z}]\n" + text})


def test_controls_are_warned_about_removed_and_the_object_kept() -> None:
    landscape, diagnostics = load_one(
        "forms:\n"
        '  - id: "co\u202eaching"\n'
        '    label: {en: "Coach \u2067ing", nl: Coaching}\n'
        "    zone: z\n"
        "    orientation: learning\n"
        '    x-note: "\\u202Dx"\n'
    )
    assert [(d.line, d.col, d.severity.value, d.subtype.value) for d in diagnostics] == [
        (4, 9, "warning", "schema"),
        (5, 17, "warning", "schema"),
        (8, 13, "warning", "schema"),
    ]
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in diagnostics[0].message
    assert diagnostics[1].message.startswith(
        "form 'coaching': label.en holds the bidirectional control U+2067"
    )
    assert "U+202D (LEFT-TO-RIGHT OVERRIDE)" in diagnostics[2].message
    for diagnostic in diagnostics:  # the message itself must not reorder a terminal's line
        assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in diagnostic.format())
    [form] = landscape.forms
    assert (form.id, form.label.get("en"), form.label.get("nl"), form.extra) == (
        "coaching",
        "Coach ing",
        "Coaching",
        {"x-note": "x"},
    )


def test_direction_marks_are_left_alone() -> None:
    label = "\u05e9\u05dc\u05d5\u05dd\u200f (1)\u200e \u061c"
    landscape, diagnostics = load_one(f'tools: [{{id: t, label: "{label}"}}]\n')
    assert diagnostics == []
    assert landscape.tools[0].label.get() == label


def test_a_control_in_a_key_is_reported_at_the_key_and_removed() -> None:
    landscape, diagnostics = load_one('tools:\n  - {id: t, label: T, "x-\u2066k": 1}\n')
    assert [(d.line, d.col) for d in diagnostics] == [(4, 23)]
    assert diagnostics[0].message.startswith("tool 't': x-k (the field's name) holds")
    assert landscape.tools[0].extra == {"x-k": 1}


# -- zone colours -------------------------------------------------------------


def test_every_css_colour_name_in_any_case_is_a_colour() -> None:
    assert len(CSS_COLORS) == 148 and CSS_COLORS["rebeccapurple"] == "#663399"
    assert CSS_COLORS["green"] == "#008000"  # CSS's green, not X11's
    for name in CSS_COLORS:
        assert color_problem(name) is None and color_problem(name.upper()) is None
    for good in ("#abc", "#ABCDEF", "LightGoldenrodYellow"):
        assert color_problem(good) is None
    for bad in (
        "notacolor",
        "transparent",
        "currentcolor",
        "#12",
        "#abcd",
        "#aabbccdd",
        "red ",
        "rgb(1,2,3)",
    ):
        assert color_problem(bad) is not None, bad
    longest = max(map(len, CSS_COLORS))
    assert f"{{3,{longest}}}" in schema()["$defs"]["zone"]["properties"]["color"]["pattern"]


def test_a_bad_colour_costs_the_colour_not_the_zone() -> None:
    landscape, diagnostics = load_texts(
        {
            "c.yaml": "learnscape: 1\n"
            "zones:\n"
            "  - {id: a, label: A, color: notacolor}\n"
            "  - {id: b, label: B, color: '#12345'}\n"
            "  - {id: c, label: C, color: 12}\n"
            "  - {id: d, label: D, color: HoneyDew}\n"
            "forms: [{id: f, label: F, zone: a, orientation: learning}]\n"
        }
    )
    assert [(d.line, d.subtype.value) for d in diagnostics] == [(3, "schema"), (4, "schema"), (5, "schema")]
    assert [(z.id, z.color) for z in landscape.zones] == [
        ("a", None),
        ("b", None),
        ("c", None),
        ("d", "HoneyDew"),
    ]
    assert landscape.forms[0].zone == "a"


# -- label length -------------------------------------------------------------


def test_a_label_over_the_limit_is_a_warning_and_kept_whole() -> None:
    assert MAX_LABEL_CHARS == 200
    fine, long = "x" * MAX_LABEL_CHARS, "y" * (MAX_LABEL_CHARS + 1)
    landscape, diagnostics = load_texts(
        {
            "l.yaml": "learnscape: 1\n"
            f"tools:\n  - {{id: a, label: {fine}}}\n  - {{id: b, label: {{en: B, nl: {long}}}}}\n"
            f"links: []\nthinkers:\n  - id: c\n    label: {long}\n"
        }
    )
    assert [d.format() for d in diagnostics] == [
        "l.yaml:4:32: warning: tool 'b': label.nl is 201 characters long, over the 200 a label should "
        "keep to; maps cut it short, so move the rest into the description [schema]",
        "l.yaml:8:12: warning: thinker 'c': label is 201 characters long, over the 200 a label should "
        "keep to; maps cut it short, so move the rest into the description [schema]",
    ]
    assert landscape.tools[1].label.get("nl") == long and landscape.thinkers[0].label.get() == long
