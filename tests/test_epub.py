"""EPUB: the book of the example site is valid EPUB 3 (epubcheck), and nothing of ours is in it by accident."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from sphinx_learnscape.sphinxext.epub import add_svg_properties

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CSS = ROOT / "sphinx_learnscape" / "static" / "learnscape.css"
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
OPF = "{http://www.idpf.org/2007/opf}"
BUILD_TIMEOUT = 300


# -- the package document, without Sphinx ---------------------------------------------


def test_svg_property_added_to_xhtml_items_with_svg() -> None:
    opf = (
        '<manifest>\n<item id="a" href="a.xhtml" media-type="application/xhtml+xml" />\n'
        '<item id="b" href="b.xhtml" media-type="application/xhtml+xml"/>\n'
        '<item id="c" href="sub/c%20d.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
        '<item id="s" href="s.svg" media-type="image/svg+xml" />\n</manifest>'
    )
    with_svg = {"a.xhtml", "sub/c d.xhtml", "s.svg"}
    marked = add_svg_properties(opf, with_svg.__contains__)
    assert '<item id="a" href="a.xhtml" media-type="application/xhtml+xml" properties="svg"/>' in marked
    assert '<item id="b" href="b.xhtml" media-type="application/xhtml+xml"/>' in marked  # no svg there
    assert 'href="sub/c%20d.xhtml" media-type="application/xhtml+xml" properties="nav svg"/>' in marked
    # a picture file is not a page: the property is for documents that embed SVG
    assert '<item id="s" href="s.svg" media-type="image/svg+xml" />' in marked
    assert add_svg_properties(marked, with_svg.__contains__) == marked  # once is enough
    ElementTree.fromstring(marked)


# -- the stylesheet ---------------------------------------------------------------------


def test_stylesheet_uses_only_css3_selectors() -> None:
    """epubcheck (and older EPUB readers) reject selectors level 4: :is(), :where(), :has()."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    assert not re.findall(r":(?:is|where|has|matches)\(", css)


# -- a real build of a test root --------------------------------------------------------


def test_every_page_with_inline_svg_declares_it(make_app, rootdir: Path, sphinx_test_tempdir: Path) -> None:  # type: ignore[no-untyped-def]
    srcdir = sphinx_test_tempdir / "epub-svg"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(rootdir / "test-builders", srcdir)
    app = make_app("epub", srcdir=srcdir, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    manifest = ElementTree.parse(outdir / "content.opf").getroot().find(f"{OPF}manifest")
    assert manifest is not None
    pages = {}
    for item in manifest.iter(f"{OPF}item"):
        if item.get("media-type") == "application/xhtml+xml":
            pages[item.get("href")] = (item.get("properties") or "").split()
    shows_svg = {href: b"<svg" in (outdir / str(href)).read_bytes() for href in pages}
    assert any(shows_svg.values()), "no page with a map in the test root"
    wrong = [href for href, props in pages.items() if ("svg" in props) != shows_svg[href]]
    assert not wrong, f"manifest items whose svg property is wrong: {wrong}"
    # ... and the zipped book has the same package document
    book = next(outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert archive.read("content.opf") == (outdir / "content.opf").read_bytes()


# -- the example site's book, checked by epubcheck ----------------------------------------


def epubcheck_command() -> list[str] | None:
    """Debian's epubcheck: a jar, run with java (its /usr/bin/epubcheck is a link to the jar)."""
    java = shutil.which("java")
    if java and EPUBCHECK_JAR.is_file():
        return [java, "-jar", str(EPUBCHECK_JAR)]
    program = shutil.which("epubcheck")
    if program and not Path(program).resolve().name.endswith(".jar"):
        return [program]
    return None


def build_epub(outdir: Path, doctreedir: Path | None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "epub", "-q", str(EXAMPLES), str(outdir)]
    if doctreedir is not None:
        command[5:5] = ["-d", str(doctreedir)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example site as EPUB, built twice at once: doctrees apart, and Sphinx's default (inside the output)."""
    base = tmp_path_factory.mktemp("epub")
    jobs = {
        "apart": (base / "apart", build_epub(base / "apart", base / "doctrees")),
        "default": (base / "default", build_epub(base / "default", None)),
    }
    books = {}
    for name, (outdir, process) in jobs.items():
        log, _ = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, f"sphinx -b epub ({name}) failed:\n{log}"
        books[name] = next(outdir.glob("*.epub"))
    return books


def test_epubcheck_finds_no_errors(books: dict[str, Path], tmp_path: Path) -> None:
    command = epubcheck_command()
    if command is None:
        pytest.skip(
            f"epubcheck is not installed (Debian: apt install epubcheck, which needs java; {EPUBCHECK_JAR})"
        )
    report = tmp_path / "epubcheck.json"
    done = subprocess.run(
        [*command, str(books["apart"]), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert report.is_file(), (
        f"epubcheck wrote no report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    problems = [
        f"{m['severity']}({m['ID']}) {loc.get('path')}:{loc.get('line')}: {m['message']}"
        for m in messages
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
        for loc in m.get("locations") or [{}]
    ]
    assert not problems, f"epubcheck: {len(problems)} problems:\n" + "\n".join(problems[:40])
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_map_cache_in_the_book(books: dict[str, Path]) -> None:
    with zipfile.ZipFile(books["default"]) as archive:
        cached = [name for name in archive.namelist() if "learnscape-maps" in name]
    assert not cached, f"{len(cached)} cached map files packed into the EPUB, e.g. {cached[:3]}"
