"""Packaging: the wheel has the package and its data, the sdist is enough to run the tests, twine agrees.

Wheel and sdist are built once with ``python -m build``: without build
isolation where this environment has the build backend (fast, offline),
else in the isolated environment pip sets up.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600

#: What must ship in the wheel besides the Python modules.
WHEEL_DATA = [
    "sphinx_learnscape/py.typed",
    "sphinx_learnscape/data/schema.json",
    "sphinx_learnscape/static/learnscape.css",
    "sphinx_learnscape/locale/nl/LC_MESSAGES/sphinx_learnscape.mo",
]
#: Folders of the repository the test suite reads, all of which the sdist holds.
SDIST_TREES = ["tests", "docs", "examples", "scripts"]
SDIST_FILES = [
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "pyproject.toml",
    ".readthedocs.yaml",
    ".pre-commit-hooks.yaml",
    "sphinx_learnscape/py.typed",
]
NEVER = ("__pycache__", "node_modules", "/_build/", ".pyc")


def has_backend() -> bool:
    """setuptools recent enough for pyproject's build-system (>= 68) in this environment."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    from importlib.metadata import version

    major = int(version("setuptools").split(".")[0])
    return major >= 68 and (major >= 71 or importlib.util.find_spec("wheel") is not None)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the packaging tests need the build package (test extra)")
    out = tmp_path_factory.mktemp("dist")
    # Built from a copy: a build leaves build/ and *.egg-info behind.
    source = tmp_path_factory.mktemp("source") / "sphinx-learnscape"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", ".matrix", "build", "dist", "_build", "node_modules", "*.egg-info", "__pycache__"
        ),
    )
    command = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(source)]
    if has_backend():
        command.insert(3, "--no-isolation")
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def sdist_names(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


def repository_files(tree: str) -> list[str]:
    """The files of ``tree`` the repository tracks (or, outside a git checkout, that are there)."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = subprocess.run([git, "ls-files", tree], cwd=ROOT, capture_output=True, text=True, check=True)
        return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]
    return [
        str(path.relative_to(ROOT))
        for path in (ROOT / tree).rglob("*")
        if path.is_file() and not any(part in str(path) for part in NEVER)
    ]


def test_wheel_has_the_package_and_its_data(dist: dict[str, Path]) -> None:
    with zipfile.ZipFile(dist["wheel"]) as archive:
        names = set(archive.namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "sphinx_learnscape").rglob("*.py")}
    missing = sorted((modules | set(WHEEL_DATA)) - names)
    assert not missing, f"not in the wheel: {missing}"
    assert not [n for n in names if n.startswith(("tests/", "docs/", "examples/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(dist["wheel"]) as archive:
        assert "learnscape = sphinx_learnscape.cli:main" in archive.read(entry_points).decode()


def test_sdist_holds_what_the_tests_read(dist: dict[str, Path]) -> None:
    names = set(sdist_names(dist["sdist"]))
    wanted = set(SDIST_FILES)
    for tree in SDIST_TREES:
        wanted |= {name for name in repository_files(tree) if not any(part in name for part in NEVER)}
    assert {"tests/conftest.py", "tests/render_helpers.py"} <= wanted
    missing = sorted(wanted - names)
    assert not missing, f"{len(missing)} files not in the sdist, e.g. {missing[:10]}"
    junk = sorted(n for n in names if any(part in n for part in NEVER))
    assert not junk, f"in the sdist by mistake: {junk[:10]}"


def test_twine_check_is_clean(dist: dict[str, Path]) -> None:
    if importlib.util.find_spec("twine") is None:
        pytest.skip("twine is not installed (test extra)")
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist["wheel"]), str(dist["sdist"])],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_tests_run_from_the_unpacked_sdist(dist: dict[str, Path], tmp_path: Path) -> None:
    """A few test files that need the roots, the data corpus and the snapshots, run inside the sdist."""
    with tarfile.open(dist["sdist"]) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            archive.extractall(tmp_path, filter="data")
        else:
            archive.extractall(tmp_path)
    (unpacked,) = tmp_path.iterdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "tests/test_loader.py",  # tests/data and conftest's fixtures
            "tests/test_dot.py",  # render_helpers and the snapshots
            "tests/test_sphinx_tables.py",  # tests/roots
        ],
        cwd=unpacked,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout, done.stdout
