"""PDF from Graphviz made reproducible: the same map gives the same bytes.

Graphviz's cairo (1.16, Debian's) stamps every PDF with the time it was
made (``/CreationDate`` in the document information) and ignores
``SOURCE_DATE_EPOCH``. :func:`reproducible_pdf` puts the date
``SOURCE_DATE_EPOCH`` names in its place, or removes it when that is not
set. The file keeps its length, so the cross-reference table's byte
offsets stay right and nothing else needs rewriting.
"""

from __future__ import annotations

import re
import time

#: A date entry of the information dictionary: key and literal string
#: (balanced parentheses do not occur in dates; escapes are allowed).
_DATE_ENTRY = re.compile(rb"/(CreationDate|ModDate)\s*\((?:[^()\\]|\\.)*\)")


def pdf_date(source_date_epoch: str | None) -> bytes | None:
    """``D:19700101000000Z`` for ``"0"``; None when unset or not a whole number of seconds."""
    if source_date_epoch is None:
        return None
    try:
        seconds = int(source_date_epoch.strip())
        stamp = time.gmtime(seconds)
    except (ValueError, OverflowError, OSError):
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", stamp).encode("ascii")


def reproducible_pdf(data: bytes, source_date_epoch: str | None = None) -> bytes:
    """``data`` with its creation and modification dates set to ``source_date_epoch``, or removed.

    Each date entry is replaced by one of the same length, padded with
    spaces (whitespace between dictionary entries is free in PDF); an entry
    the new date does not fit in is blanked out. Data without such entries,
    or that is not a PDF, comes back unchanged.
    """
    if not data.startswith(b"%PDF-"):
        return data
    date = pdf_date(source_date_epoch)

    def replace(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"/" + match.group(1) + b" (" + date + b")" if date is not None else b""
        if len(new) > len(old):
            new = b""
        return new.ljust(len(old), b" ")

    return _DATE_ENTRY.sub(replace, data)
