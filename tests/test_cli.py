"""The ``learnscape`` command: check, schema, export; exit codes and output formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_learnscape import __version__
from sphinx_learnscape.cli import main
from sphinx_learnscape.data import load_files

ACTIVITY_ONLY = (
    "learnscape: 1\n"
    "zones:\n  - {id: z, label: Z}\n"
    "forms:\n  - {id: f, label: F, zone: z, orientation: learning}\n"
    "outcomes:\n  - {form: f, indicator: Views, kind: quantitative, level: activity}\n"
)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_learnscape", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=60,
    )


# check


def test_check_clean_exits_0(good_files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *map(str, good_files)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "2 file(s): 0 error(s), 0 warning(s)\n"


def test_check_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", "learnscape: 1\ntools:\n  - {id: Wiki, label: W}\n")
    assert main(["check", path]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:3:10: error: tool 'Wiki': id: 'Wiki' is not a valid id; use 1-64 characters of "
        "a-z 0-9 - _ . starting with a letter or digit [schema]"
    ]
    assert err == "1 file(s): 1 error(s), 0 warning(s)\n"


def test_check_warnings_alone_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", ACTIVITY_ONLY)
    assert main(["check", path]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}:7:5: warning: form 'f' has only activity counts")
    assert out.endswith(" [outcomes]\n")
    assert err == "1 file(s): 0 error(s), 1 warning(s)\n"


def test_check_without_outcome_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", ACTIVITY_ONLY)
    assert main(["check", "--no-outcome-check", "-q", path]) == 0
    assert capsys.readouterr() == ("", "")


def test_check_max_file_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yaml", ACTIVITY_ONLY)
    assert main(["check", "-q", "--no-outcome-check", "--max-file-bytes", "50", path]) == 1
    out, _ = capsys.readouterr()
    assert out == (
        f"{path}: error: the file is {len(ACTIVITY_ONLY):,} bytes, over the limit of 50 "
        "(learnscape_max_file_bytes); it was not read [file]\n"
    )


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "a.yaml", "learnscape: 1\nforms: [\n")
    warn = write(tmp_path, "b.yaml", ACTIVITY_ONLY)
    assert main(["check", "--format", "json", bad, warn]) == 1
    out, err = capsys.readouterr()
    assert err == ""  # the summary would spoil machine-read output
    data = json.loads(out)
    assert [(d["file"], d["line"], d["col"], d["severity"], d["subtype"]) for d in data] == [
        (bad, 3, 1, "error", "yaml"),
        (warn, 7, 5, "warning", "outcomes"),
    ]
    assert data[0]["message"].startswith("YAML syntax error: ")
    assert set(data[1]) == {"file", "line", "col", "severity", "subtype", "message"}


def test_check_json_clean(good_files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", *map(str, good_files)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_keeps_non_ascii_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "é.yaml", "learnscape: 1\ntools:\n  - {id: café, label: Café}\n")
    assert main(["check", "--format", "json", path]) == 1
    out = capsys.readouterr().out
    assert "'café' is not a valid id" in out
    assert json.loads(out)[0]["file"] == path


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["check"], ["nonsense"], ["check", "--format", "xml", "a.yaml"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert "usage: learnscape" in capsys.readouterr().err


# schema


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("sphinx-learnscape landscape file")


# export


def test_export_round_trips_the_data(good_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "landscape.json"
    assert main(["export", *map(str, good_files), "-o", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    landscape, _ = load_files(good_files)
    assert exported == landscape.as_json()
    assert [f["id"] for f in exported["forms"]] == ["classroom", "coaching", "community"]
    assert exported["landscape"]["title"] == {
        "nl": "Leerlandschap Zorggroep Noord",
        "en": "Learning landscape Zorggroep Noord",
    }
    assert exported["landscape"]["x-owner"] == "Team L&D"
    community = exported["forms"][2]
    assert community["x-since"] == 2019
    assert community["tools"] == ["wiki", "teams"]
    assert community["source"] == {"file": str(good_files[1]), "line": 24}
    errors = next(o for o in exported["outcomes"] if o["id"] == "classroom-errors")
    assert (errors["baseline"], errors["target"], errors["measured"], errors["progress"]) == (40, 10, 25, 0.5)
    assert exported["links"][0] == {
        "from": "classroom",
        "to": "coaching",
        "label": {"nl": "vervolg", "en": "follow-up"},
        "kind": "sequence",
        "source": {"file": str(good_files[1]), "line": 33},
    }


def test_export_to_stdout(good_files: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", *map(str, good_files)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["zones"][0]["id"] == "formal"
    assert err == ""
    assert main(["export", *map(str, good_files), "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["zones"][1]["color"] == "honeydew"


def test_export_with_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warn = write(tmp_path, "w.yaml", ACTIVITY_ONLY)
    out = tmp_path / "x.json"
    assert main(["export", warn, "-o", str(out)]) == 0  # warnings do not fail an export
    assert "warning: form 'f' has only activity counts" in capsys.readouterr().err
    bad = write(tmp_path, "b.yaml", ACTIVITY_ONLY.replace("id: f,", "id: F,"))
    assert main(["export", bad, "-o", str(out)]) == 1
    _, err = capsys.readouterr()
    assert "'F' is not a valid id" in err
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["forms"] == [] and exported["zones"][0]["id"] == "z"  # the good data is still exported


# the real programs


def test_python_dash_m(good_files: list[Path]) -> None:
    result = run("check", *map(str, good_files))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "2 file(s): 0 error(s), 0 warning(s)\n"
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"learnscape {__version__}")


def test_python_dash_m_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "learnscape: 1\nlearnscape: 1\n")
    result = run("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "a.yaml:2:1: error: key 'learnscape' is given twice in this mapping (first at line 1) [yaml]\n"
    )
    assert "Traceback" not in result.stderr


def test_console_script_schema_is_json() -> None:
    script = Path(sys.executable).with_name("learnscape")
    result = subprocess.run([str(script), "schema"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_export_to_an_unwritable_place(good_files: list[Path], tmp_path: Path) -> None:
    result = run("export", str(good_files[0]), "-o", str(tmp_path / "missing" / "x.json"))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"learnscape: cannot write {tmp_path / 'missing' / 'x.json'}: No such file or directory\n"
    )
    result = run("export", str(good_files[0]), "-o", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_terminal_that_cannot_show_the_data(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "learnscape: 1\ntools:\n  - {id: café, label: Café}\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_learnscape", "check", "a.yaml"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.decode("ascii").startswith(
        "a.yaml:3:10: error: tool 'caf\\xe9': id: 'caf\\xe9' is not"
    )
    assert b"Traceback" not in result.stderr


def test_quoted_globs_expand_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit passes ``args`` unexpanded: ``learnscape check "landscape/*.yaml"``."""
    from sphinx_learnscape.cli import expand

    (tmp_path / "landscape").mkdir()
    for name in ("b.yaml", "a.yaml"):
        (tmp_path / "landscape" / name).write_text("learnscape: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert expand(["landscape/*.yaml"]) == ["landscape/a.yaml", "landscape/b.yaml"]
    assert expand(["landscape/b.yaml", "landscape/*.yaml"]) == ["landscape/b.yaml", "landscape/a.yaml"]
    assert expand(["missing/*.yaml"]) == ["missing/*.yaml"]  # reported as missing
