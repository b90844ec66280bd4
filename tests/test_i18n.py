"""Localized headers and labels, and catalogs that match their sources."""

from __future__ import annotations

import gettext
import io
import re
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from compile_catalogs import LOCALE, compiled  # noqa: E402


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_dutch_headers_and_labels(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r"<th[^>]*><p>Leervorm</p></th>\s*<th[^>]*><p>Zone</p></th>\s*<th[^>]*><p>Oriëntatie</p>", html
    )
    assert "Klassikale training" in html and "Werkinstructies" in html
    assert "ondersteuning bij het werk" in html
    assert "20 errors (lager is beter)" in re.sub(r"<[^>]+>", "", html)
    assert "Medicatiefouten" in html
    assert ">leervorm<" in html  # the kind in the object's signature


@pytest.mark.sphinx(
    "html", testroot="i18n", freshenv=True, confoverrides={"language": "nl", "learnscape_language": "en"}
)
def test_learnscape_language_overrides(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Classroom training" in html
    assert "<p>Learning form</p>" in html


def _messages(mo: bytes) -> dict[str, str]:
    catalog = gettext.GNUTranslations(io.BytesIO(mo))._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in catalog.items() if k}  # without the header (it has a date)


def test_mo_files_are_compiled_from_po() -> None:
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        shipped = _messages(po.with_suffix(".mo").read_bytes())
        assert shipped == _messages(compiled(po)), f"run scripts/compile_catalogs.py for {po}"


def test_every_message_is_in_the_catalog() -> None:
    sources = (ROOT / "sphinx_learnscape").rglob("*.py")
    pattern = re.compile(r"""(?:\bN_|\bself\.t|\btranslate)\(\s*["']([^"']+)["']""")
    messages = {m for path in sources for m in pattern.findall(path.read_text(encoding="utf-8"))}
    from sphinx_learnscape.render import charts
    from sphinx_learnscape.render.messages import english_messages
    from sphinx_learnscape.sphinxext.i18n import KIND_NAMES

    messages |= set(KIND_NAMES.values()) | english_messages() | charts.english_messages()
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        catalog = set(re.findall(r'^msgid(?:_plural)? "(.+)"$', po.read_text(encoding="utf-8"), re.M))
        assert messages - catalog == set(), po


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_dutch_map_says_dutch_band_names(app: SphinxTestApp) -> None:
    """Zone headings, tooltips and the text alternative of an nl map: no English band names."""
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    [figure] = re.findall(r'<figure[^>]*class="learnscape-map[^"]*".*?</figure>', html, re.S)
    picture, text = figure.split("<details", 1)
    # what a reader sees or hears: text, titles and tooltips (not class names)
    words = " ".join(re.findall(r">([^<]+)<", picture) + re.findall(r'title="([^"]*)"', picture))
    if "<svg" in picture:  # drawn: zone headings and tooltips
        assert "70:20:10: opleiding" in words and "Legenda" in words
        assert not re.search(r"\b(education|exposure|experience)\b", words), words
    assert "70:20:10: opleiding" in text and "education" not in text
