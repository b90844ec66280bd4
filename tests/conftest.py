# data-layer fixtures
from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def good_files() -> list[Path]:
    """The valid bilingual landscape of tests/data/good, in merge order."""
    return [DATA / "good" / "landscape.yaml", DATA / "good" / "forms.yaml"]


@pytest.fixture(autouse=True, scope="session")
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds whose doctrees sit inside their output cache maps under XDG_CACHE_HOME: not the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


# Sphinx fixtures: real builds of the projects under tests/roots/test-<case>/.

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent.resolve() / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
