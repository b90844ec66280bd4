"""The map on the page: it fits the column, zooms, pans and goes full screen by keyboard, and reads in dark mode.

A copy of the example site, with one more page that colours the map by
evidence, is built with alabaster and furo, served over HTTP and driven in
Debian's chromium (the session's one ``browser``). Screenshots go to
``build/screenshots/``; ``docs/map.rst`` shows some of them.
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from chromium import AVAILABLE

if not AVAILABLE:
    pytest.skip("the browser tests need Debian's chromium and playwright", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect
from test_browser import TEXT_ON_SHAPE_JS, contrast

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SCREENSHOTS = REPO / "build" / "screenshots"
BUILD_TIMEOUT = 300
#: theme -> its content column
COLUMNS = {"alabaster": "div.body", "furo": "article"}
HAS_FURO = importlib.util.find_spec("furo") is not None
MIN_TEXT_PX = 9.0
FIGURE = "figure#fig-landscape"
EVIDENCE_PAGE = """:orphan:

Evidence
========

.. learnscape:map::
   :color: evidence
   :name: fig-evidence
   :caption: The example landscape by evidence.

.. learnscape:map::
   :color: evidence
   :zones: social, informal
   :name: fig-evidence-informal
   :caption: Social and informal learning by evidence.
"""

#: Widths of the column, figure, picture and map, the smallest text on screen, page overflow.
MEASURE_JS = """([figureSelector, columnSelector]) => {
  const figure = document.querySelector(figureSelector);
  const column = document.querySelector(columnSelector);
  const picture = figure.querySelector('.learnscape-map-picture');
  const svg = picture.querySelector('svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  let smallest = Infinity;
  for (const text of svg.querySelectorAll('text')) {
    const size = parseFloat(text.getAttribute('font-size'));
    if (size) smallest = Math.min(smallest, size * scale);
  }
  return {column: column.clientWidth, figure: figure.clientWidth, figureScroll: figure.scrollWidth,
          picture: picture.clientWidth, map: svg.getBoundingClientRect().width, text: smallest,
          page: document.documentElement.scrollWidth, viewport: window.innerWidth,
          natural: svg.viewBox.baseVal.width * 4 / 3};
}"""

#: What the zoom state is: the scale, the map's width, how far the picture is scrolled.
STATE_JS = """(figure) => {
  const picture = figure.querySelector('.learnscape-map-picture');
  return {zoom: figure.getAttribute('data-learnscape-zoom'),
          map: picture.querySelector('svg').getBoundingClientRect().width,
          left: picture.scrollLeft, top: picture.scrollTop,
          full: figure.classList.contains('learnscape-map-full'),
          overlay: figure.classList.contains('learnscape-map-overlay'),
          fullscreen: document.fullscreenElement === figure,
          active: document.activeElement.getAttribute('data-learnscape-action')
                  || document.activeElement.className};
}"""

#: Browsers that refuse the Fullscreen API (some embedded views, iframes without allow=fullscreen).
REFUSE_FULLSCREEN_JS = (
    "Element.prototype.requestFullscreen = function () {"
    " return Promise.reject(new TypeError('fullscreen refused')); };"
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def map_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """theme -> base URL of the example site (plus ``evidence.html``) built with it."""
    source = tmp_path_factory.mktemp("map-view") / "examples"
    shutil.copytree(EXAMPLES, source, ignore=shutil.ignore_patterns("_build"))
    (source / "evidence.rst").write_text(EVIDENCE_PAGE, encoding="utf-8")
    themes = [t for t in COLUMNS if t == "alabaster" or importlib.util.find_spec(t) is not None]
    jobs = {}
    for theme in themes:
        out = tmp_path_factory.mktemp(f"map-view-{theme}")
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-D", f"html_theme={theme}"]
        jobs[theme] = (
            out,
            subprocess.Popen(
                [*command, str(source), str(out)],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
        )
    servers = {}
    for theme, (out, process) in jobs.items():
        log, _ = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, f"building the example site with {theme} failed:\n{log}"
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
        threading.Thread(target=server.serve_forever, name=f"http-map-{theme}", daemon=True).start()
        servers[theme] = server
    yield {theme: f"http://127.0.0.1:{server.server_address[1]}" for theme, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def _open(browser: Browser, width: int = 1280, scale: int = 1, init: str | None = None) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, device_scale_factor=scale, color_scheme="light"
    )
    context.set_default_timeout(10_000)
    if init:
        context.add_init_script(init)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _open(browser)


def site(map_sites: dict[str, str], theme: str) -> str:
    if theme not in map_sites:
        pytest.skip(f"{theme} is not installed (test extra)")
    return map_sites[theme]


def state(page: Page, figure: str = FIGURE) -> dict[str, Any]:
    result: dict[str, Any] = page.locator(figure).evaluate(STATE_JS)
    return result


def tab_to(page: Page, action: str, limit: int = 80) -> None:
    """Press Tab until the map's ``action`` button has focus (as a keyboard user gets there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('data-learnscape-action')") == action:
            return
    pytest.fail(f"Tab never reached the {action!r} button")


def screenshot(page: Page, selector: str, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    page.locator(selector).screenshot(path=str(target))
    assert target.stat().st_size > 1000, f"{target} looks empty"
    print(f"screenshot: {target} ({target.stat().st_size // 1024} kB)")
    return target


# -- fitting the page -----------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("theme", COLUMNS)
def test_the_map_never_widens_the_page_nor_shrinks_its_text(
    map_sites: dict[str, str], browser: Browser, theme: str, width: int
) -> None:
    """Shown in its column, text at least 9 px; a wider map scrolls inside its picture only."""
    for page in _open(browser, width):
        page.goto(f"{site(map_sites, theme)}/index.html")
        m = page.evaluate(MEASURE_JS, [FIGURE, COLUMNS[theme]])
        print(
            f"{theme} at {width} px: column {m['column']} px, figure {m['figure']} px, picture {m['picture']} px,"
            f" map {m['map']:.0f} px (natural {m['natural']:.0f} px), smallest text {m['text']:.2f} px"
        )
        assert m["text"] >= MIN_TEXT_PX - 0.05, m
        assert m["figureScroll"] <= m["figure"], m
        assert m["figure"] <= m["column"], m
        assert m["page"] <= m["viewport"], m
        # Controls are there whenever the map is wider than its picture.
        if m["map"] > m["picture"] + 1:
            expect(page.locator(f"{FIGURE} .learnscape-map-controls")).to_be_visible()


@pytest.mark.parametrize("theme", COLUMNS)
def test_the_example_map_fits_the_column_at_1280(map_sites: dict[str, str], page: Page, theme: str) -> None:
    page.goto(f"{site(map_sites, theme)}/index.html")
    m = page.evaluate(MEASURE_JS, [FIGURE, COLUMNS[theme]])
    assert m["text"] >= MIN_TEXT_PX - 0.05, m
    assert m["map"] <= m["picture"] + 0.5, f"{theme}: the map needs {m['map']:.0f} px of {m['picture']} px"


# -- zoom, pan, full screen -----------------------------------------------------------


def test_zoom_by_keyboard(map_sites: dict[str, str], page: Page) -> None:
    page.goto(f"{site(map_sites, 'alabaster')}/index.html")
    figure = page.locator(FIGURE)
    expect(figure.locator(".learnscape-map-controls")).to_be_visible()
    start = state(page)
    assert start["zoom"] == "1"
    tab_to(page, "in")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    zoomed = state(page)
    assert float(zoomed["zoom"]) == pytest.approx(1.5625, abs=1e-3)
    assert zoomed["map"] == pytest.approx(start["map"] * 1.5625, abs=1)
    page.keyboard.press("Tab")
    assert state(page)["active"] == "out"
    page.keyboard.press("Enter")
    assert float(state(page)["zoom"]) == pytest.approx(1.25, abs=1e-3)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert state(page)["zoom"] == "1" and state(page)["map"] == pytest.approx(start["map"], abs=0.5)

    # On the map itself: + - 0, arrows pan while zoomed.
    figure.locator(".learnscape-map-picture").focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    before = state(page)
    assert float(before["zoom"]) == pytest.approx(1.5625, abs=1e-3)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    after = state(page)
    assert after["left"] > before["left"] and after["top"] > before["top"], (before, after)
    page.keyboard.press("-")
    assert float(state(page)["zoom"]) == pytest.approx(1.25, abs=1e-3)
    page.keyboard.press("0")
    assert state(page)["zoom"] == "1"


def test_full_screen_by_keyboard(map_sites: dict[str, str], page: Page) -> None:
    """Full screen through the Fullscreen API; Escape leaves it, focus back on the button."""
    page.goto(f"{site(map_sites, 'alabaster')}/index.html")
    tab_to(page, "full")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.fullscreenElement !== null")
    shown = state(page)
    assert shown["full"] and shown["fullscreen"] and not shown["overlay"], shown
    box = page.locator(FIGURE).bounding_box()
    assert box is not None and box["width"] >= 1279 and box["height"] >= 899, box
    expect(page.locator(f"{FIGURE} [data-learnscape-action=full]")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.fullscreenElement === null")
    left = state(page)
    assert not left["full"] and left["active"] == "full", left


def test_full_screen_falls_back_to_an_overlay(map_sites: dict[str, str], browser: Browser) -> None:
    """Where the browser refuses full screen, the map covers the window instead."""
    for page in _open(browser, init=REFUSE_FULLSCREEN_JS):
        page.goto(f"{site(map_sites, 'alabaster')}/index.html")
        tab_to(page, "full")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"() => document.querySelector('{FIGURE}').classList.contains('learnscape-map-overlay')"
        )
        shown = state(page)
        assert shown["full"] and not shown["fullscreen"], shown
        figure = page.locator(FIGURE)
        assert figure.evaluate("(f) => getComputedStyle(f).position") == "fixed"
        box = figure.bounding_box()
        assert box is not None and box["x"] == 0 and box["y"] == 0 and box["width"] >= 1279, box
        # Zooming works there too, then Escape closes the overlay.
        page.keyboard.press("+")
        assert float(state(page)["zoom"]) == pytest.approx(1.25, abs=1e-3)
        page.keyboard.press("Escape")
        left = state(page)
        assert not left["full"] and not left["overlay"] and left["active"] == "full", left
        assert left["zoom"] == "1"


def test_after_zooming_a_card_still_lands_home(map_sites: dict[str, str], page: Page) -> None:
    base = site(map_sites, "alabaster")
    page.goto(f"{base}/index.html")
    figure = page.locator(FIGURE)
    figure.locator("[data-learnscape-action=in]").click()
    figure.locator("[data-learnscape-action=in]").click()
    assert float(state(page)["zoom"]) > 1.5
    title = figure.locator("svg a[href$='#learnscape-form-coaching'] text").first
    title.click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == "learnscape-form-coaching")
    assert urlsplit(page.url).path == "/forms.html"


def test_a_drag_pans_and_follows_no_link(map_sites: dict[str, str], page: Page) -> None:
    base = site(map_sites, "alabaster")
    page.goto(f"{base}/index.html")
    figure = page.locator(FIGURE)
    figure.locator(".learnscape-map-picture").focus()
    for _ in range(3):
        page.keyboard.press("+")
    title = figure.locator("svg a[href$='#learnscape-form-coaching'] text").first
    title.scroll_into_view_if_needed()
    box = title.bounding_box()
    assert box is not None
    before = state(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 40, y - 30, steps=5)
    page.mouse.move(x - 80, y - 60, steps=5)
    page.mouse.up()
    page.wait_for_timeout(200)
    after = state(page)
    assert urlsplit(page.url).path == "/index.html" and not urlsplit(page.url).fragment
    assert after["left"] == pytest.approx(before["left"] + 80, abs=2), (before, after)
    assert after["top"] == pytest.approx(before["top"] + 60, abs=2), (before, after)
    # A click that does not move is a click again.
    title.click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == "learnscape-form-coaching")


# -- dark mode, evidence, screenshots ---------------------------------------------------


def low_contrast(page: Page, figure: str, minimum: float = 4.5) -> list[str]:
    rows = page.locator(figure).evaluate(TEXT_ON_SHAPE_JS)
    assert rows, f"no text on a filled shape found in {figure}"
    return [
        f"{row['where']}: {row['text']!r} {row['fill']} on {row['back']} = {contrast(row['fill'], row['back']):.2f}:1"
        for row in rows
        if contrast(row["fill"], row["back"]) < minimum
    ]


#: Fill of each evidence card, by its level class.
EVIDENCE_FILLS_JS = """(figure) => {
  const fills = {};
  for (const card of figure.querySelectorAll('g.learnscape-form[class*="learnscape-evidence-"]')) {
    const level = [...card.classList].find((c) => c.startsWith('learnscape-evidence-'));
    const shape = card.querySelector('path, polygon');
    if (shape) fills[level] = getComputedStyle(shape).fill;
  }
  return fills;
}"""


@pytest.mark.skipif(
    not HAS_FURO, reason="furo is not installed (test extra); it is the dark-mode theme tested"
)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_evidence_map_and_chips_keep_contrast(
    map_sites: dict[str, str], browser: Browser, theme: str
) -> None:
    for page in _open(browser):
        page.goto(f"{site(map_sites, 'furo')}/evidence.html")
        page.evaluate(f"document.body.dataset.theme = '{theme}'")
        problems = low_contrast(page, "figure#fig-evidence")
        assert not problems, f"evidence map text below 4.5:1 ({theme}):\n" + "\n".join(problems)
        fills = page.locator("figure#fig-evidence").evaluate(EVIDENCE_FILLS_JS)
        # Every level on its own fill (the scale, not the orientation's colour), seven levels.
        assert len(fills) == 7 and len(set(fills.values())) == 7, fills
        page.goto(f"{site(map_sites, 'furo')}/index.html")
        page.evaluate(f"document.body.dataset.theme = '{theme}'")
        chips = page.locator(f"{FIGURE} g.learnscape-chip")
        assert chips.count() > 20
        problems = [p for p in low_contrast(page, FIGURE) if "chip" in p]
        assert not problems, f"chip text below 4.5:1 ({theme}):\n" + "\n".join(problems)


#: The docs show these: small enough to keep in the repository. (The example map
#: fills furo's 736 px column at 1280 px, 736 x 1056 px of picture: about 240 kB.)
MAX_SCREENSHOT_BYTES = 260_000


@pytest.mark.parametrize(
    ("theme", "mode"),
    [("furo", "light"), ("furo", "dark"), ("alabaster", None)],
    ids=["furo-light", "furo-dark", "alabaster"],
)
def test_screenshots(map_sites: dict[str, str], browser: Browser, theme: str, mode: str | None) -> None:
    """The whole example map and the evidence map, at 1:1, for ``docs/map.rst``."""
    name = f"{theme}-{mode}" if mode else theme
    for page in _open(browser):
        for doc, figure, prefix in (
            ("index", FIGURE, "landscape"),
            ("evidence", "figure#fig-evidence-informal", "evidence"),
        ):
            page.goto(f"{site(map_sites, theme)}/{doc}.html")
            if mode:
                page.evaluate(f"document.body.dataset.theme = '{mode}'")
            # The whole map, also the part that scrolls in its picture.
            page.add_style_tag(content=".learnscape-map-picture { overflow: visible !important; }")
            shot = screenshot(page, f"{figure} svg", f"{prefix}-{name}.png")
            assert shot.stat().st_size <= MAX_SCREENSHOT_BYTES, f"{shot} is {shot.stat().st_size} bytes"
        page.goto(f"{site(map_sites, theme)}/index.html")
        if mode:
            page.evaluate(f"document.body.dataset.theme = '{mode}'")
        page.locator(f"{FIGURE} .learnscape-map-picture").focus()
        page.keyboard.press("+")
        screenshot(page, FIGURE, f"zoomed-{name}.png")
