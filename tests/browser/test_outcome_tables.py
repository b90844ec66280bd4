"""The outcomes table and the evidence ladder fit the content column of alabaster and furo at 1280 px.

``test_themes.py`` checks that no table widens the page (a wide table may
scroll in a box of its own); these two must do better: at a desktop width
they fit the column without any sideways scroll. The example site is built
with each theme, served over HTTP and measured in Debian's chromium; the
pages are also photographed (``build/screenshots/``), light and dark.
"""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from chromium import AVAILABLE, CHROMIUM

if not AVAILABLE:
    pytest.skip(
        f"the browser tests need chromium on PATH ({CHROMIUM}) and playwright", allow_module_level=True
    )

from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SCREENSHOTS = REPO / "build" / "screenshots"
BUILD_TIMEOUT = 300

#: theme -> the element that is its content column
THEMES = {"alabaster": "div.body", "furo": "article"}
WIDTH = 1280
#: page -> the table kinds it must show
PAGES = {"outcomes": ("outcomes",), "evidence": ("evidence", "outcomes")}
#: furo's table wrapper has a few pixels of padding beyond the column, by design.
TOLERANCE = 8

MEASURE_JS = """([columnSelector, kinds]) => {
  const column = document.querySelector(columnSelector);
  if (!column) return null;
  const col = column.getBoundingClientRect();
  const tables = [];
  for (const kind of kinds) {
    for (const table of document.querySelectorAll('table.learnscape-' + kind)) {
      // every box between the table and the column that could scroll sideways
      let scrolls = false;
      let right = table.getBoundingClientRect().right;
      for (let el = table; el && el !== column; el = el.parentElement) {
        const overflow = getComputedStyle(el).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
          scrolls = true;
        }
        right = Math.max(right, el.getBoundingClientRect().right);
      }
      tables.push({
        kind,
        id: table.id || (table.querySelector('caption') || {}).textContent || '',
        width: Math.round(table.scrollWidth),
        right: Math.round(right - col.left),
        scrolls,
      });
    }
  }
  return {column: Math.round(col.width), page: document.documentElement.scrollWidth, tables};
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _build(theme: str, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", f"html_theme={theme}"]
    return subprocess.Popen(
        [*command, str(EXAMPLES), str(out)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """theme -> base URL of the example site built with it (both at once: two cores)."""
    installed = [t for t in THEMES if t == "alabaster" or importlib.util.find_spec(t) is not None]
    jobs = {theme: (_build(theme, out := tmp_path_factory.mktemp(theme)), out) for theme in installed}
    servers = {}
    for theme, (process, out) in jobs.items():
        log, _ = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, f"building the example site with {theme} failed:\n{log}"
        handler = functools.partial(_QuietHandler, directory=str(out))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, name=f"http-{theme}", daemon=True).start()
        servers[theme] = server
    yield {theme: f"http://127.0.0.1:{server.server_address[1]}" for theme, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Twice the pixels, so the screenshots stay legible.
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, device_scale_factor=2)
    yield context.new_page()
    context.close()


def _site(sites: dict[str, str], theme: str) -> str:
    if theme not in sites:
        pytest.skip(f"{theme} is not installed (test extra)")
    return sites[theme]


@pytest.mark.parametrize("doc", PAGES)
@pytest.mark.parametrize("theme", THEMES)
def test_fits_the_column_without_scrolling(sites: dict[str, str], page: Page, theme: str, doc: str) -> None:
    page.goto(f"{_site(sites, theme)}/{doc}.html")
    page.wait_for_load_state("load")
    result = page.evaluate(MEASURE_JS, [THEMES[theme], list(PAGES[doc])])
    assert result is not None, f"{theme}: no {THEMES[theme]} on {doc}"
    tables = result["tables"]
    assert {t["kind"] for t in tables} == set(PAGES[doc]), tables
    column = result["column"]
    for table in tables:
        print(f"{theme} {doc}: {table['kind']} {table['width']} px in the {column} px column")
    wide = [t for t in tables if t["scrolls"] or t["right"] > column + TOLERANCE]
    assert not wide, f"{theme} at {WIDTH} px, {doc}: wider than the {column} px column: {wide}"
    assert result["page"] <= WIDTH, f"{theme}: the page scrolls sideways ({result['page']} px)"


def _shoot(page: Page, selector: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    page.locator(selector).first.screenshot(path=str(target))
    assert target.stat().st_size > 1000, f"{target} looks empty"
    print(f"screenshot: {target}")


def test_screenshots(sites: dict[str, str], page: Page) -> None:
    """The ladder and the outcomes with their charts, in alabaster and in furo's light and dark."""
    page.goto(f"{_site(sites, 'alabaster')}/evidence.html")
    _shoot(page, "table.learnscape-evidence", "evidence-alabaster.png")
    _shoot(page, "table.learnscape-outcomes", "outcomes-alabaster.png")
    page.goto(f"{_site(sites, 'furo')}/evidence.html")
    # furo's "back to top" button floats over whatever is scrolled to
    page.add_style_tag(content=".back-to-top { display: none !important; }")
    for theme in ("light", "dark"):
        page.evaluate(f"document.body.dataset.theme = '{theme}'")
        _shoot(page, "table.learnscape-evidence", f"evidence-furo-{theme}.png")
        _shoot(page, "table.learnscape-outcomes", f"outcomes-furo-{theme}.png")


def test_dark_mode_recolours_the_charts(sites: dict[str, str], page: Page) -> None:
    """furo's dark theme gives the bullet chart's track and the marks the dark colours of learnscape.css."""
    page.goto(f"{_site(sites, 'furo')}/evidence.html")
    track = page.locator("svg.learnscape-bullet .learnscape-bullet-track").first
    page.evaluate("document.body.dataset.theme = 'light'")
    light = track.evaluate("(el) => getComputedStyle(el).fill")
    page.evaluate("document.body.dataset.theme = 'dark'")
    dark = track.evaluate("(el) => getComputedStyle(el).fill")
    assert light != dark, (light, dark)
