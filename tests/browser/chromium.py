"""One Chromium for every browser test of a session (``conftest.py`` offers the fixture).

Playwright's sync API allows one running instance per thread: test modules
that each started their own would fail when run together.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AVAILABLE = CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not AVAILABLE:
        pytest.skip(f"the browser tests need Debian's chromium at {CHROMIUM} and playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
