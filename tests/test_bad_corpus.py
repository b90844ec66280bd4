"""Every file of tests/data/bad through ``learnscape check``: exactly the diagnostics it announces.

Each corpus file starts with ``# expect: LINE:COL SUBTYPE SEVERITY: MESSAGE-PART``
lines (or ``# expect: nothing``). A folder of the corpus is one case whose
files are checked together, in name order, for problems across files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_learnscape.cli import main

BAD = Path(__file__).parent / "data" / "bad"
SCRIPT = Path(sys.executable).with_name("learnscape")

EXPECT = re.compile(r"# expect: (?:nothing|(\d+):(\d+) (\w+) (error|warning): (.*))$")
PRINTED = re.compile(r"^(.+?):(\d+):(\d+): (error|warning): (.*) \[(\w+)\]$")

#: (file, line, col, subtype, severity, part of the message)
Expected = tuple[str, int, int, str, str, str]


def _cases() -> list[list[str]]:
    singles = [[p.name] for p in sorted(BAD.glob("*.yaml"))]
    folders = [
        sorted(f"{d.name}/{p.name}" for p in d.glob("*.yaml")) for d in sorted(BAD.iterdir()) if d.is_dir()
    ]
    return singles + folders


CASES = _cases()


def expected(files: list[str]) -> list[Expected]:
    found: list[Expected] = []
    for name in files:
        # latin-1: the header is ASCII even where the rest is not UTF-8
        lines = (BAD / name).read_bytes().decode("latin-1").splitlines()
        header = [line for line in lines if line.startswith("# expect:")]
        assert header, f"{name} states no '# expect:' line"
        assert lines[: len(header)] == header, f"{name}: '# expect:' lines must come first"
        for line in header:
            match = EXPECT.match(line)
            assert match, f"{name}: malformed {line!r}"
            if match[1]:
                found.append((name, int(match[1]), int(match[2]), match[3], match[4], match[5]))
    return found


def assert_output(stdout: str, want: list[Expected]) -> None:
    lines = stdout.splitlines()
    got = []
    for line in lines:
        match = PRINTED.match(line)
        assert match, f"not a FILE:LINE:COL: severity: message [subtype] line: {line!r}"
        got.append(match)
    assert [(m[1], int(m[2]), int(m[3]), m[6], m[4]) for m in got] == [w[:5] for w in want], stdout
    for match, want_one in zip(got, want, strict=True):
        assert want_one[5] in match[5], f"{want_one[5]!r} not in {match[5]!r}"


def test_corpus_is_complete() -> None:
    """The kinds of bad data the issue names each have a corpus file."""
    names = {p.name for p in BAD.rglob("*.yaml")} | {p.parent.name for p in BAD.rglob("*.yaml")}
    for needed in (
        "yaml-syntax.yaml",
        "unknown-field.yaml",
        "missing-id.yaml",
        "duplicate-id.yaml",
        "dup-across",
        "ref-form-zone.yaml",
        "ref-form-tools.yaml",
        "ref-form-thinkers.yaml",
        "ref-link-from.yaml",
        "ref-link-to.yaml",
        "ref-outcome-form.yaml",
        "url-javascript.yaml",
        "url-data.yaml",
        "url-vbscript.yaml",
        "url-javascript-mixed-case.yaml",
        "id-uppercase.yaml",
        "id-space.yaml",
        "id-leading-dash.yaml",
        "id-65-chars.yaml",
        "type-label-number.yaml",
        "type-tools-string.yaml",
        "type-born-text.yaml",
        "type-baseline-text.yaml",
        "version-2.yaml",
        "version-missing.yaml",
        "top-level-list.yaml",
        "top-level-scalar.yaml",
        "duplicate-key.yaml",
        "tag-python-apply.yaml",
        "tag-python-name.yaml",
        "alias-bomb.yaml",
        "deep-nesting-flow.yaml",
        "deep-nesting-block.yaml",
        "invalid-utf8.yaml",
        "comments-only.yaml",
        "two-landscapes",
        "bad-colour.yaml",
        "bad-band.yaml",
        "bad-orientation.yaml",
        "bad-level.yaml",
        "multiple-documents.yaml",
        "merge-key.yaml",
        "bad-colour-name.yaml",
        "bad-colour-alpha.yaml",
        "bidi-override.yaml",
        "label-too-long.yaml",
        "history-bad-period.yaml",
        "history-bad-value.yaml",
        "history-not-a-list.yaml",
        "lint-history-order.yaml",
        "lint-moments.yaml",
    ):
        assert needed in names


@pytest.mark.parametrize("files", CASES, ids=["+".join(c) for c in CASES])
def test_check_in_process(
    files: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(BAD)
    assert main(["check", *files]) == 1
    out, err = capsys.readouterr()
    assert_output(out, expected(files))
    assert "Traceback" not in out + err
    assert err.startswith(f"{len(files)} file(s): ")


#: The console script itself, on a few cases: one of each way a file fails
#: (syntax, schema, references across files, bytes that are not UTF-8). The
#: whole corpus runs in-process above; starting a Python for each case
#: would cost most of the suite's time and test nothing more.
SMOKE = [c for c in CASES if c[0] in ("yaml-syntax.yaml", "unknown-field.yaml", "invalid-utf8.yaml")] + [
    c for c in CASES if c[0].startswith("dup-across/")
]


@pytest.mark.parametrize("files", SMOKE, ids=["+".join(c) for c in SMOKE])
def test_check_console_script(files: list[str]) -> None:
    assert SCRIPT.exists(), f"the console script is not installed beside {sys.executable}"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    run = subprocess.run(
        [str(SCRIPT), "check", "--quiet", *files],
        cwd=BAD,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stderr == ""
    assert "Traceback" not in run.stdout
    assert_output(run.stdout, expected(files))


# Cases too large or too empty to keep as files: made here.


def _check(path: Path, *options: str) -> tuple[int, str, str]:
    run = subprocess.run(
        [str(SCRIPT), "check", "--quiet", *options, path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in run.stdout + run.stderr
    return run.returncode, run.stdout, run.stderr


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert _check(path) == (
        1,
        "empty.yaml:1:1: error: the file is empty; start it with 'learnscape: 1' [file]\n",
        "",
    )


def test_blank_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    path.write_bytes(b"\n  \n\t\n")
    code, out, _ = _check(path)
    assert (code, out) == (
        1,
        "blank.yaml:1:1: error: the file is empty; start it with 'learnscape: 1' [file]\n",
    )


def test_oversize_file_with_option(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("learnscape: 1\n" + "# padding\n" * 200, encoding="utf-8")
    code, out, _ = _check(path, "--max-file-bytes", "1000")
    assert code == 1
    assert out == (
        "big.yaml: error: the file is 2,014 bytes, over the limit of 1,000 "
        "(learnscape_max_file_bytes); it was not read [file]\n"
    )


def test_oversize_file_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("learnscape: 1\n")
        handle.write("# " + "x" * (5_000_001 - 14 - 3) + "\n")
    assert path.stat().st_size == 5_000_001
    code, out, _ = _check(path)
    assert code == 1
    assert out.startswith("huge.yaml: error: the file is 5,000,001 bytes, over the limit of 5,000,000 ")
    assert out.endswith("[file]\n")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    run = subprocess.run(
        [str(SCRIPT), "check", "-q", "nowhere.yaml", "folder.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "nowhere.yaml: error: the file does not exist [file]",
        "folder.yaml: error: this is a directory, not a data file [file]",
    ]
