# Sphinx fixtures: real builds of the projects under tests/roots/test-<case>/.
from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent.resolve() / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
