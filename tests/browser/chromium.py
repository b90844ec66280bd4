"""One Chromium for every browser test of a session (``conftest.py`` offers the fixture).

Playwright's sync API allows one running instance per thread: test modules
that each started their own would fail when run together.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Debian's chromium as PATH finds it: hidden from PATH (scripts/without.sh), the tests skip
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AVAILABLE = shutil.which("chromium") is not None and importlib.util.find_spec("playwright") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not AVAILABLE:
        pytest.skip(f"the browser tests need Debian's chromium at {CHROMIUM} and playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
