"""Map PDFs are reproducible: the same map gives the same bytes, dated by SOURCE_DATE_EPOCH or not at all."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from render_helpers import needs_dot

from sphinx_learnscape.render.engines import render
from sphinx_learnscape.render.pdf import pdf_date, reproducible_pdf

DOT = 'digraph { rankdir=LR; a [label="Coaching"]; b [label="Community"]; a -> b }'


def tiny_pdf(info: bytes) -> bytes:
    """A well-formed one-page PDF whose information dictionary is ``info``, with a true xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        info,
    ]
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def xref_is_true(data: bytes) -> bool:
    """Every offset of the (last) xref table points at its object, and startxref at the table."""
    start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    if not data[start:].startswith(b"xref"):
        return False
    entries = re.findall(rb"(\d{10}) \d{5} n", data[start:])
    return all(re.match(rb"\d+ 0 obj", data[int(offset) :]) for offset in entries)


CAIRO_INFO = (
    b"<< /Producer (cairo 1.16.0 (https://cairographics.org))\n   /CreationDate (D:20261202061502Z)\n>>"
)


def test_date_from_source_date_epoch() -> None:
    assert pdf_date("0") == b"D:19700101000000Z"
    assert pdf_date("1700000000") == b"D:20231114221320Z"
    assert pdf_date(None) is None
    assert pdf_date("yesterday") is None


def test_date_replaced_in_place() -> None:
    data = tiny_pdf(CAIRO_INFO)
    assert xref_is_true(data)
    fixed = reproducible_pdf(data, "0")
    assert len(fixed) == len(data) and xref_is_true(fixed)
    assert b"/CreationDate (D:19700101000000Z)" in fixed
    assert b"20261202" not in fixed
    # a time zone makes the old date longer: the new one is padded
    zoned = tiny_pdf(CAIRO_INFO.replace(b"061502Z", b"071502+01'00'"))
    fixed = reproducible_pdf(zoned, "0")
    assert len(fixed) == len(zoned) and xref_is_true(fixed)
    assert b"/CreationDate (D:19700101000000Z)     " in fixed


def test_date_removed_without_source_date_epoch() -> None:
    data = tiny_pdf(CAIRO_INFO.replace(b">>", b"   /ModDate (D:20261202061502Z)\n>>"))
    for epoch in (None, "not a number"):
        fixed = reproducible_pdf(data, epoch)
        assert len(fixed) == len(data) and xref_is_true(fixed)
        assert b"Date" not in fixed and b"20261202" not in fixed
        assert b"/Producer (cairo 1.16.0 (https://cairographics.org))" in fixed


def test_not_a_pdf_is_left_alone() -> None:
    svg = b"<svg><text>/CreationDate (D:20261202061502Z)</text></svg>"
    assert reproducible_pdf(svg, "0") == svg


@needs_dot
@pytest.mark.parametrize("epoch", [None, "1700000000"], ids=["unset", "source-date-epoch"])
def test_the_same_map_twice_gives_the_same_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, epoch: str | None
) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    first = render(DOT, "pdf", engine="dot").data
    time.sleep(1.1)  # Graphviz stamps the second it ran
    second = render(DOT, "pdf", engine="dot").data
    assert first == second
    assert xref_is_true(first)
    if epoch is None:
        assert b"/CreationDate" not in first
    else:
        assert b"/CreationDate (D:20231114221320Z)" in first
    if shutil.which("pdftotext"):  # still a PDF that readers open
        (tmp_path / "map.pdf").write_bytes(first)
        text = subprocess.run(["pdftotext", str(tmp_path / "map.pdf"), "-"], capture_output=True, text=True)
        assert text.returncode == 0 and "Coaching" in text.stdout
