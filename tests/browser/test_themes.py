"""Learnscape tables in five themes, on a desktop and on a phone: none widens the page.

The example site is built once per theme (alabaster, furo,
pydata-sphinx-theme, sphinx-book-theme, sphinx-rtd-theme), served over HTTP
and measured in Debian's chromium at 1280 px and 390 px: every learnscape
table fits the theme's content column, or scrolls inside a box of its own
(the theme's table wrapper, or the table itself) that does.
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

from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BUILD_TIMEOUT = 300

#: theme -> the element that is its content column
THEMES = {
    "alabaster": "div.body",
    "furo": "article",
    "pydata_sphinx_theme": "article.bd-article",
    "sphinx_book_theme": "article.bd-article",
    "sphinx_rtd_theme": "div.rst-content",
}
WIDTHS = (1280, 390)
#: Pages of the example site with learnscape tables.
PAGES = ("zones", "forms", "tools", "thinkers", "outcomes", "teams/nursing", "myst-page")
#: furo's table wrapper has a few pixels of padding beyond the column, by design.
TOLERANCE = 8

MEASURE_JS = """([columnSelector, tolerance]) => {
  const column = document.querySelector(columnSelector);
  if (!column) return null;
  const col = column.getBoundingClientRect();
  const tables = [];
  for (const table of document.querySelectorAll('table.learnscape-table')) {
    // the box it scrolls in: the table itself or the nearest ancestor inside the column
    let box = null;
    for (let el = table; el && el !== column; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') { box = el; break; }
    }
    const outer = (box || table).getBoundingClientRect();
    tables.push({
      kind: [...table.classList].find((c) => c.startsWith('learnscape-') && c !== 'learnscape-table'),
      width: Math.round(box ? box.scrollWidth : outer.width),
      box: box ? Math.round(outer.width) : null,
      scrolls: box !== null && box.scrollWidth > box.clientWidth + 1,
      fits: outer.left >= col.left - tolerance && outer.right <= col.right + tolerance
            && outer.right <= window.innerWidth + 1,
    });
  }
  return {column: Math.round(col.width), tables};
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build(theme: str, out: Path) -> subprocess.Popen[str]:
    # The example's html_theme_options are alabaster's; other themes warn about them, harmlessly.
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-D",
        f"html_theme={theme}",
        str(EXAMPLES),
        str(out),
    ]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def themed_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """theme -> base URL of the example site built with it (two builds at a time: two cores)."""
    installed = [t for t in THEMES if t == "alabaster" or importlib.util.find_spec(t) is not None]
    roots: dict[str, Path] = {}
    for pair in (installed[i : i + 2] for i in range(0, len(installed), 2)):
        jobs = {theme: build(theme, tmp_path_factory.mktemp(f"theme-{theme}")) for theme in pair}
        for theme, process in jobs.items():
            log, _ = process.communicate(timeout=BUILD_TIMEOUT)
            assert process.returncode == 0, f"building the example site with {theme} failed:\n{log}"
            args = process.args
            assert isinstance(args, list)
            roots[theme] = Path(str(args[-1]))
    servers = {}
    for theme, root in roots.items():
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, name=f"http-{theme}", daemon=True).start()
        servers[theme] = server
    yield {theme: f"http://127.0.0.1:{server.server_address[1]}" for theme, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_no_table_widens_the_page(
    themed_sites: dict[str, str], browser: Browser, theme: str, width: int
) -> None:
    if theme not in themed_sites:
        pytest.skip(f"{theme} is not installed (test extra)")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    measured: list[tuple[str, dict[str, Any]]] = []
    column = 0
    try:
        for doc in PAGES:
            page.goto(f"{themed_sites[theme]}/{doc}.html")
            page.wait_for_load_state("load")  # sphinx-rtd-theme wraps tables from its script
            result = page.evaluate(MEASURE_JS, [THEMES[theme], TOLERANCE])
            assert result is not None, f"{theme}: no {THEMES[theme]} on {doc}"
            column = result["column"]
            measured += [(doc, table) for table in result["tables"]]
    finally:
        context.close()
    assert len(measured) >= 14, f"only {len(measured)} learnscape tables found"
    widest = max(table["width"] for _, table in measured)
    scrolling = sum(table["scrolls"] for _, table in measured)
    print(
        f"{theme} at {width} px: column {column} px, {len(measured)} tables, widest {widest} px, {scrolling} scroll in their box"
    )
    wide = [
        f"{doc}: {table['kind']} {table['width']} px"
        + (f" in a {table['box']} px box" if table["box"] else "")
        for doc, table in measured
        if not table["fits"]
    ]
    assert not wide, f"{theme} at {width} px: tables wider than the {column} px column:\n" + "\n".join(wide)
