"""The example site in a real browser: map links land home, accessibility, dark mode.

The example site (``examples/``) is built with the real Sphinx for the html,
dirhtml and singlehtml builders (and once more with furo, when installed),
served over HTTP on 127.0.0.1 and driven with Debian's chromium through
Playwright. axe-core comes from npm (``tests/browser/package.json``).

Screenshots go to ``build/screenshots/`` in the repository root.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from chromium import AVAILABLE, CHROMIUM

if not AVAILABLE:
    pytest.skip(
        f"the browser tests need chromium on PATH ({CHROMIUM}) and playwright", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect

import sphinx_learnscape

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EXAMPLES = REPO / "examples"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
CSS = Path(sphinx_learnscape.__file__).resolve().parent / "static" / "learnscape.css"
SCREENSHOTS = REPO / "build" / "screenshots"

BUILDERS = ("html", "dirhtml", "singlehtml")
HAS_FURO = importlib.util.find_spec("furo") is not None
BUILD_TIMEOUT = 180

#: Sphinx 8.2 stopped rewriting singlehtml's ``#document-x#anchor`` (sphinx-doc/sphinx#14221).

#: Pages of the example site with a map or a learnscape table.
LANDSCAPE_PAGES = (
    "index",
    "zones",
    "forms",
    "tools",
    "thinkers",
    "outcomes",
    "evidence",
    "teams/nursing",
    "myst-page",
)
MAP_DIRECTIVE = re.compile(r"^\s*(?:\.\.\s+learnscape:map::|```+\s*\{learnscape:map\})", re.M)

#: (page, figure id, kind, object id, docname of the object's home)
MAP_CLICKS = [
    ("index", "fig-landscape", "form", "coaching", "forms"),
    ("teams/nursing", "fig-nursing", "form", "coaching", "forms"),
    ("teams/nursing", "fig-nursing", "form", "induction", "zones"),
    ("index", "fig-landscape", "tool", "lms", "tools"),
    ("index", "fig-landscape", "thinker", "vygotsky", "thinkers"),
]


# -- the site ---------------------------------------------------------------------------


@dataclass
class Site:
    """One build of the example site, served over HTTP."""

    builder: str
    root: Path
    log: str = field(repr=False)
    base_url: str = ""
    server: ThreadingHTTPServer | None = field(default=None, repr=False)

    def path(self, docname: str) -> str:
        """The URL path of a page, as this builder lays pages out."""
        if self.builder == "singlehtml":
            return "/index.html"
        if self.builder == "dirhtml":
            return "/" if docname == "index" else f"/{docname}/"
        return f"/{docname}.html"

    def url(self, docname: str) -> str:
        return self.base_url + self.path(docname)

    def file_for(self, url: str) -> Path:
        """The built file that serves ``url`` (a URL of this site)."""
        path = unquote(urlsplit(url).path).lstrip("/")
        target = self.root / path
        return target / "index.html" if path == "" or path.endswith("/") or target.is_dir() else target


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(site: Site) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site.root)))
    threading.Thread(target=server.serve_forever, name=f"http-{site.builder}", daemon=True).start()
    site.server = server
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Site]]:
    """html, dirhtml, singlehtml (and furo, when installed): built once, concurrently, and served."""
    jobs: dict[str, tuple[Path, subprocess.Popen[str]]] = {}
    wanted: list[tuple[str, str, list[str]]] = [(b, b, []) for b in BUILDERS]
    if HAS_FURO:
        wanted.append(("furo", "html", ["-D", "html_theme=furo"]))
    for name, builder, extra in wanted:
        out = tmp_path_factory.mktemp(f"site-{name}")
        command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", *extra, str(EXAMPLES), str(out)]
        jobs[name] = (
            out,
            subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
        )
    built: dict[str, Site] = {}
    failures: list[str] = []
    for name, (out, process) in jobs.items():
        log, _ = process.communicate(timeout=BUILD_TIMEOUT)
        if process.returncode != 0:
            failures.append(f"{name}: sphinx exited {process.returncode}\n{log}")
        built[name] = Site(builder="html" if name == "furo" else name, root=out, log=log)
    if failures:
        pytest.fail("building the example site failed:\n" + "\n".join(failures))
    for site in built.values():
        _serve(site)
    yield built
    for site in built.values():
        if site.server is not None:
            site.server.shutdown()
            site.server.server_close()


def _pages(browser: Browser, scale: int) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, device_scale_factor=scale, color_scheme="light"
    )
    context.set_default_timeout(10_000)
    new = context.new_page()
    errors: list[str] = []
    new.on("pageerror", lambda error: errors.append(str(error)))
    yield new
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _pages(browser, 1)


@pytest.fixture
def hidpi_page(browser: Browser) -> Iterator[Page]:
    """For screenshots: twice the pixels, so the small text of a whole landscape stays legible."""
    yield from _pages(browser, 2)


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core from npm: ``npm ci`` (or ``npm install`` without a lock) when it is not there yet."""
    if AXE_JS.exists():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so axe-core (tests/browser/package.json) cannot be installed")
    verb = "ci" if (HERE / "package-lock.json").exists() else "install"
    result = subprocess.run(
        [npm, verb, "--prefix", str(HERE), "--no-audit", "--no-fund"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"npm {verb} failed:\n{result.stdout}\n{result.stderr}"
    assert AXE_JS.exists(), f"npm {verb} ran but {AXE_JS} is missing"
    return AXE_JS


# -- helpers ----------------------------------------------------------------------------


def map_link(page: Page, figure_id: str, kind: str, ident: str) -> Any:
    """The node's ``<a>`` elements inside the figure's inline SVG (edges and legend carry no href)."""
    return page.locator(f"figure#{figure_id} svg a[href$='#learnscape-{kind}-{ident}']")


def has_id(file: Path, ident: str) -> bool:
    return re.search(rf'\sid="{re.escape(ident)}"', file.read_text(encoding="utf-8")) is not None


#: Everything about the maps of a page that the link and structure tests need.
MAP_FACTS_JS = """() => {
  const figures = [...document.querySelectorAll('figure.learnscape-map')];
  const abs = (value) => new URL(value, document.baseURI).href;
  const facts = {figures: figures.length, inline: 0, framed: [], svgLinks: [], textLinks: [],
                 placeholders: [], emptyLinks: []};
  for (const figure of figures) {
    const svg = figure.querySelector(':scope > .learnscape-map-picture > svg.learnscape-map-svg');
    if (svg && svg.ownerDocument === document && svg.getBoundingClientRect().width > 0) facts.inline += 1;
    for (const el of figure.querySelectorAll('object, iframe, embed, img, frame')) {
      facts.framed.push(`${figure.id}: <${el.tagName.toLowerCase()}>`);
    }
    for (const a of figure.querySelectorAll('svg a, area')) {
      const values = [a.getAttribute('href'), a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')];
      for (const value of values) {
        if (value === null) continue;
        if (value.startsWith('learnscape-home:')) facts.placeholders.push(`${figure.id}: ${value}`);
        else if (value === '' || value === '#') facts.emptyLinks.push(`${figure.id}: ${a.outerHTML.slice(0, 120)}`);
      }
      if (values[0] !== null && values[1] !== null && values[0] !== values[1]) {
        facts.placeholders.push(`${figure.id}: href ${values[0]} != xlink:href ${values[1]}`);
      }
      if (values[0]) facts.svgLinks.push([figure.id, abs(values[0])]);
    }
    for (const a of figure.querySelectorAll('details.learnscape-map-text a[href]')) {
      facts.textLinks.push([figure.id, a.href]);
    }
  }
  return facts;
}"""


def broken_links(site: Site, links: list[list[str]]) -> list[str]:
    """Links whose target page or fragment does not exist in the built site."""
    broken = []
    for figure_id, url in links:
        parts = urlsplit(url)
        file = site.file_for(url)
        if not url.startswith(site.base_url) or not file.is_file():
            broken.append(f"{figure_id}: {url} (no such page)")
        elif not parts.fragment or not has_id(file, unquote(parts.fragment)):
            broken.append(f"{figure_id}: {url} (no element with id {parts.fragment!r} on {file.name})")
    return broken


def pages_for(site: Site) -> list[str]:
    return ["index"] if site.builder == "singlehtml" else list(LANDSCAPE_PAGES)


def source_of(docname: str) -> Path:
    for suffix in (".rst", ".md"):
        if (EXAMPLES / f"{docname}{suffix}").exists():
            return EXAMPLES / f"{docname}{suffix}"
    raise FileNotFoundError(docname)


def css_colours(prop: str) -> tuple[str, str]:
    """The light and the dark value of a custom property in learnscape.css, as rgb()."""
    values = re.findall(rf"{re.escape(prop)}:\s*(#[0-9a-fA-F]{{6}})", CSS.read_text(encoding="utf-8"))
    assert len(values) >= 2, f"{prop} not found twice (light, dark) in {CSS}"
    return rgb(values[0]), rgb(values[1])


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def luminance(colour: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: Each text of the map with its own fill and the fill of the shape it sits on (same <a>).
TEXT_ON_SHAPE_JS = """(figure) => {
  const rows = [];
  for (const a of figure.querySelectorAll('svg a')) {
    const shape = a.querySelector('polygon, path, ellipse, rect');
    if (!shape) continue;
    const back = getComputedStyle(shape).fill;
    if (!back.startsWith('rgb(')) continue;  // none, transparent, rgba(...): no box behind the text
    for (const text of a.querySelectorAll('text')) {
      const group = a.closest('g.node, g.cluster, g.edge');
      rows.push({text: text.textContent, fill: getComputedStyle(text).fill, back,
                 where: group ? group.id : '?'});
    }
  }
  return rows;
}"""


def low_contrast(page: Page, figure_id: str, minimum: float = 4.5) -> list[str]:
    rows = page.locator(f"figure#{figure_id}").evaluate(TEXT_ON_SHAPE_JS)
    assert rows, "no text on a filled shape found in the map"
    return [
        f"{row['where']}: {row['text']!r} {row['fill']} on {row['back']} = {contrast(row['fill'], row['back']):.2f}:1"
        for row in rows
        if contrast(row["fill"], row["back"]) < minimum
    ]


def screenshot(page: Page, selector: str, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    page.locator(selector).screenshot(path=str(target))
    assert target.stat().st_size > 1000, f"{target} looks empty"
    print(f"screenshot: {target}")
    return target


# -- the build --------------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_map_of_the_site_is_drawn(sites: dict[str, Site], page: Page, builder: str) -> None:
    """Each ``learnscape:map`` in the sources is an inline SVG figure on its page."""
    site = sites[builder]
    expected = {
        doc: len(MAP_DIRECTIVE.findall(source_of(doc).read_text(encoding="utf-8"))) for doc in LANDSCAPE_PAGES
    }
    drawn: dict[str, int] = {}
    for doc in pages_for(site):
        page.goto(site.url(doc))
        facts = page.evaluate(MAP_FACTS_JS)
        drawn[doc] = facts["inline"]
    if builder == "singlehtml":
        expected = {"index": sum(expected.values())}
    assert drawn == expected, f"inline SVG maps per page (sphinx output:\n{site.log})"


# -- links ------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize(("start", "figure_id", "kind", "ident", "home"), MAP_CLICKS)
def test_clicking_a_map_node_lands_on_its_home(
    sites: dict[str, Site],
    page: Page,
    builder: str,
    start: str,
    figure_id: str,
    kind: str,
    ident: str,
    home: str,
) -> None:
    site = sites[builder]
    anchor = f"learnscape-{kind}-{ident}"
    page.goto(site.url(start))
    # A tool or thinker sits on many cards; any of its chips goes home.
    link = map_link(page, figure_id, kind, ident).first
    expect(link).to_be_visible()
    # A card's middle may hold its chips (links of their own): click its title.
    (link.locator("text").first if kind == "form" else link).click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == anchor)
    landed = urlsplit(page.url)
    assert landed.fragment == anchor
    assert landed.path == site.path(home) or (
        builder == "dirhtml" and landed.path == site.path(home) + "index.html"
    )
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()


def test_map_links_work_from_the_keyboard(sites: dict[str, Site], page: Page) -> None:
    """A node can be focused and followed with Enter."""
    site = sites["html"]
    page.goto(site.url("index"))
    link = map_link(page, "fig-landscape", "form", "coaching")
    link.focus()
    assert page.evaluate("() => document.activeElement.closest('figure')?.id") == "fig-landscape"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).fragment == "learnscape-form-coaching")
    assert urlsplit(page.url).path == site.path("forms")
    expect(page.locator("#learnscape-form-coaching")).to_be_in_viewport()


@pytest.mark.parametrize("builder", BUILDERS)
def test_map_links_are_real_inline_links(sites: dict[str, Site], page: Page, builder: str) -> None:
    """No placeholder survives, nothing sits in a frame, and every node link has a target."""
    site = sites[builder]
    problems: list[str] = []
    links = 0
    for doc in pages_for(site):
        page.goto(site.url(doc))
        facts = page.evaluate(MAP_FACTS_JS)
        links += len(facts["svgLinks"])
        problems += [f"{doc}: placeholder link {p}" for p in facts["placeholders"]]
        problems += [f"{doc}: map inside a frame {p}" for p in facts["framed"]]
        problems += [f"{doc}: empty link {p}" for p in facts["emptyLinks"]]
        if facts["figures"] != facts["inline"]:
            problems.append(
                f"{doc}: {facts['figures']} map figures but {facts['inline']} visible inline SVGs"
            )
        problems += [f"{doc}: broken link {b}" for b in broken_links(site, facts["svgLinks"])]
    assert links > 50, f"only {links} node links found in the maps"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_text_alternative_links_land_home(sites: dict[str, Site], page: Page, builder: str) -> None:
    """The links in the map's text version (``<details>``) point at existing homes."""
    site = sites[builder]
    problems: list[str] = []
    for doc in pages_for(site):
        page.goto(site.url(doc))
        facts = page.evaluate(MAP_FACTS_JS)
        problems += [f"{doc}: {b}" for b in broken_links(site, facts["textLinks"])]
    assert not problems, f"{len(problems)} broken links, e.g.:\n" + "\n".join(problems[:10])


@pytest.mark.parametrize("builder", BUILDERS)
def test_map_ids_are_unique_on_the_page(sites: dict[str, Site], page: Page, builder: str) -> None:
    """Several maps on one page (singlehtml joins them all) must not repeat an id."""
    site = sites[builder]
    problems: list[str] = []
    for doc in pages_for(site):
        page.goto(site.url(doc))
        ids = page.evaluate(
            "() => [...document.querySelectorAll('figure.learnscape-map [id], figure.learnscape-map')]"
            ".map(e => e.id).filter(Boolean)"
        )
        all_ids = Counter(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
        repeated = sorted({i for i in ids if all_ids[i] > 1})
        if repeated:
            problems.append(f"{doc}: {len(repeated)} ids used more than once, e.g. {repeated[:5]}")
    assert not problems, "\n".join(problems)


# -- accessibility ----------------------------------------------------------------------

AXE_RUN_JS = """async () => {
  const include = ['figure.learnscape-map', 'table.learnscape-table']
    .filter((selector) => document.querySelector(selector)).map((selector) => [selector]);
  if (!include.length) return null;
  const result = await axe.run({include}, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']},
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                 summary: n.failureSummary})),
  }));
}"""

AXE_CASES = [
    *[pytest.param("html", doc, None, id=f"html-{doc}") for doc in LANDSCAPE_PAGES],
    pytest.param("dirhtml", "teams/nursing", None, id="dirhtml-teams/nursing"),
    pytest.param("singlehtml", "index", None, id="singlehtml-index"),
    pytest.param("furo", "index", "dark", id="furo-dark-index"),
    pytest.param("furo", "forms", "dark", id="furo-dark-forms"),
]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements) {v['url']}")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {node['html']}\n      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "doc", "theme"), AXE_CASES)
def test_axe_finds_no_serious_violations(
    sites: dict[str, Site], page: Page, axe_js: Path, name: str, doc: str, theme: str | None
) -> None:
    if name not in sites:
        pytest.skip("furo is not installed (pip install furo) — the dark-mode checks need it")
    site = sites[name]
    page.goto(site.url(doc))
    if theme:
        page.evaluate(f"document.body.dataset.theme = {json.dumps(theme)}")
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(AXE_RUN_JS)
    assert violations is not None, f"no learnscape map or table on {doc}"
    if violations:
        print(f"axe on {name}/{doc}{' (' + theme + ')' if theme else ''}:\n{describe(violations)}")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe: serious or critical violations on {name}/{doc}:\n{describe(bad)}"


# -- light and dark ---------------------------------------------------------------------


def test_light_map_alabaster(sites: dict[str, Site], hidpi_page: Page) -> None:
    """The default theme has no dark mode: the map is drawn in the light colours."""
    page = hidpi_page
    page.goto(sites["html"].url("index"))
    light_fill, _ = css_colours("--ls-learning-fill")
    shape = map_link(page, "fig-landscape", "form", "coaching").first.locator("polygon, path").first
    assert shape.evaluate("(el) => getComputedStyle(el).fill") == light_fill
    screenshot(page, "figure#fig-landscape", "map-alabaster-light.png")


@pytest.mark.skipif(
    not HAS_FURO, reason="furo is not installed (pip install furo); it is the dark-mode theme tested"
)
def test_dark_mode_furo(sites: dict[str, Site], hidpi_page: Page) -> None:
    """furo's ``body[data-theme="dark"]`` switches the map to the dark colours of learnscape.css."""
    page = hidpi_page
    page.goto(sites["furo"].url("index"))
    page.evaluate("document.body.dataset.theme = 'light'")
    light_fill, dark_fill = css_colours("--ls-learning-fill")
    light_text, dark_text = css_colours("--ls-text")
    link = map_link(page, "fig-landscape", "form", "coaching").first
    shape = link.locator("polygon, path").first
    label = link.locator("text").first
    assert shape.evaluate("(el) => getComputedStyle(el).fill") == light_fill
    assert label.evaluate("(el) => getComputedStyle(el).fill") == light_text
    screenshot(page, "figure#fig-landscape", "map-furo-light.png")

    page.evaluate("document.body.dataset.theme = 'dark'")
    expect(shape).to_have_css("fill", dark_fill)
    assert label.evaluate("(el) => getComputedStyle(el).fill") == dark_text
    screenshot(page, "figure#fig-landscape", "map-furo-dark.png")


@pytest.mark.parametrize(
    ("name", "theme"),
    [("html", None), ("furo", "light"), ("furo", "dark")],
    ids=["alabaster", "furo-light", "furo-dark"],
)
def test_map_text_is_readable_on_its_box(
    sites: dict[str, Site], page: Page, name: str, theme: str | None
) -> None:
    """Every label in the map has at least 4.5:1 contrast against the box it sits in (WCAG AA)."""
    if name not in sites:
        pytest.skip("furo is not installed (pip install furo); it is the dark-mode theme tested")
    page.goto(sites[name].url("index"))
    if theme:
        page.evaluate(f"document.body.dataset.theme = {json.dumps(theme)}")
    problems = low_contrast(page, "fig-landscape")
    assert not problems, f"map text below 4.5:1 against its box ({len(problems)}):\n" + "\n".join(problems)
