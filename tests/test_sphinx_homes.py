"""Object homes: description first, else the first table row in reading order."""

from __future__ import annotations

import re
import zlib

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp


def read(app: SphinxTestApp, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_description_directive_is_home(built: SphinxTestApp) -> None:
    described = read(built, "described.html")
    assert re.search(r'<dt class="sig sig-object learnscape" id="learnscape-form-coaching">', described)
    assert "Coaching pairs a learner with a coach." in described
    # no table row on any page claims coaching
    assert 'id="learnscape-form-coaching"' not in read(built, "zeta.html")
    assert 'id="learnscape-form-coaching"' not in read(built, "alpha.html")
    assert 'href="described.html#learnscape-form-coaching"' in read(built, "zeta.html")


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_first_table_in_toctree_order_is_home(built: SphinxTestApp) -> None:
    zeta, alpha = read(built, "zeta.html"), read(built, "alpha.html")
    assert '<tr class="learnscape-row-form row-even" id="learnscape-form-classroom">' in zeta
    assert 'id="learnscape-form-classroom"' not in alpha
    assert 'href="zeta.html#learnscape-form-classroom"' in alpha
    # tools have their only table on alpha
    assert 'id="learnscape-tool-wiki"' in alpha


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_roles_from_a_subfolder(built: SphinxTestApp) -> None:
    page = read(built, "sub/page.html")
    assert 'href="../described.html#learnscape-form-coaching"' in page
    assert re.search(r'href="../zeta.html#learnscape-form-classroom"[^>]*><span[^>]*>The classroom<', page)
    assert 'href="../alpha.html#learnscape-tool-wiki"' in page
    assert 'href="../described.html#learnscape-thinker-kolb"' in page
    assert 'href="../described.html#learnscape-zone-formal"' in page
    assert 'href="../zeta.html#learnscape-form-jobaids"' in page  # :any:


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_homeless_object_is_an_unlinked_label(built: SphinxTestApp) -> None:
    index = read(built, "index.html")
    assert re.search(r"Role to a homeless zone: <span[^>]*>Informal learning</span>", index)


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_general_index_and_inventory(built: SphinxTestApp) -> None:
    genindex = read(built, "genindex.html")
    assert re.search(r'href="described.html#learnscape-form-coaching">Coaching \(learning form\)', genindex)
    assert re.search(
        r'href="zeta.html#learnscape-form-classroom">Classroom training \(learning form\)', genindex
    )
    assert re.search(r'href="alpha.html#learnscape-tool-wiki">Wiki \(tool\)', genindex)
    inventory = (built.outdir / "objects.inv").read_bytes()
    body = zlib.decompress(inventory.split(b"\n", 4)[4]).decode()
    assert "coaching learnscape:form 1 described.html#learnscape-form-$ Coaching" in body
    assert "classroom learnscape:form 2 zeta.html#learnscape-form-$ Classroom training" in body
    assert "informal learnscape:zone" not in body  # no home, no entry


@pytest.mark.sphinx("dirhtml", testroot="homes", freshenv=True)
def test_dirhtml_links(built: SphinxTestApp) -> None:
    page = read(built, "sub/page/index.html")
    assert 'href="../../described/#learnscape-form-coaching"' in page
    data = read(built, "learnscape.json")
    assert '"home": "described/#learnscape-form-coaching"' in data


@pytest.mark.sphinx("singlehtml", testroot="homes", freshenv=True)
def test_singlehtml_links(built: SphinxTestApp) -> None:
    page = read(built, "index.html")
    assert 'href="#learnscape-form-coaching"' in page
    assert page.count('id="learnscape-form-classroom"') == 1
    # never "#document-described#learnscape-...": one page, anchors alone
    # (Sphinx's own toctree entries for object descriptions still are; not ours)
    assert not re.search(
        r'href="#document-[^"]*#learnscape-[^"]*"[^>]*><span class="[^"]*learnscape-ref', page
    )
    assert re.search(r'href="#learnscape-tool-wiki"[^>]*><span class="[^"]*learnscape-ref', page)


def test_two_descriptions_on_one_page(make_app, rootdir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One id per page, and a duplicate warning at the second description."""
    import shutil

    shutil.copytree(rootdir / "test-homes", tmp_path / "src")
    (tmp_path / "src" / "described.rst").write_text(
        "Described\n=========\n\n.. learnscape:form:: coaching\n\n.. learnscape:form:: coaching\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=tmp_path / "src", freshenv=True)
    app.build()
    assert read(app, "described.html").count('id="learnscape-form-coaching"') == 1
    assert re.search(
        r"described\.rst:6: WARNING: form 'coaching' is described more than once", app.warning.getvalue()
    )


def _toc_entries(app: SphinxTestApp, docname: str) -> list[str]:
    toc = app.env.tocs[docname]
    return [
        ref.astext() for ref in toc.findall(nodes.reference) if "#learnscape-" in ref.get("anchorname", "")
    ]


@pytest.mark.sphinx("html", testroot="homes", freshenv=True)
def test_object_descriptions_add_no_toc_entries_by_default(app: SphinxTestApp) -> None:
    app.build()
    assert _toc_entries(app, "described") == []


@pytest.mark.sphinx("html", testroot="homes", freshenv=True, confoverrides={"learnscape_toc_entries": True})
def test_toc_entries_on_request(app: SphinxTestApp) -> None:
    app.build()
    assert "Coaching" in " ".join(_toc_entries(app, "described"))
