"""Text sizes without a font: widths estimated from Helvetica's proportions, and wrapping to a width.

The map pins every box itself (see :mod:`.layout`), so it must know how wide
a text will be before Graphviz draws it. Both Graphviz builds and the browser
draw Helvetica, Arial or a sans-serif fallback (DejaVu Sans is the widest of
them); the estimate is Helvetica's advance widths plus :data:`SAFETY`, so
text fits its box in all of them.
"""

from __future__ import annotations

from sphinx_learnscape.render import escape

#: Advance widths in em, by character class (Helvetica's AFM, rounded up).
_NARROW = {c: 0.28 for c in "ijl.,:;'!|`"}
_SLIM = {c: 0.34 for c in 'ftrI()[]{} -/\\"'}
_WIDE = {c: 0.84 for c in "mwMW@%"}
_CAPS = 0.70
_DIGIT = 0.56
_LOWER = 0.56
_OTHER = 0.62
#: DejaVu Sans, the usual fallback, runs about 8 % wider than Helvetica.
SAFETY = 1.08
#: Line height as a multiple of the font size (Graphviz uses 1.2).
LEADING = 1.2


def char_width(char: str) -> float:
    for table in (_NARROW, _SLIM, _WIDE):
        if char in table:
            return table[char]
    if char.isupper():
        return _CAPS
    if char.isdigit():
        return _DIGIT
    if char.isascii() and char.isalpha():
        return _LOWER
    return _OTHER


def text_width(text: str, size: float) -> float:
    """The estimated width of one line of ``text`` at ``size`` points."""
    return sum(char_width(c) for c in text) * size * SAFETY


def line_height(size: float) -> float:
    return size * LEADING


def cut(text: str, width: float, size: float) -> str:
    """``text`` as one line no wider than ``width``, cut at a word boundary with an ellipsis."""
    if text_width(text, size) <= width:
        return text
    # No line holds more characters than the narrowest ones would fill.
    limit = min(len(text), int(width / (min(_NARROW.values()) * size * SAFETY)) + 1)
    while limit > 1 and text_width(text[:limit] + "…", size) > width:
        limit -= 1
    return escape.truncate(text, limit + 1) if limit > 1 else "…"


def _break_word(word: str, width: float, size: float) -> list[str]:
    """A word wider than a line, in pieces that fit (a long URL, a long compound)."""
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: float, size: float, max_lines: int, *, split_words: bool = True) -> list[str]:
    """``text`` (one line of cleaned text) in at most ``max_lines`` lines no wider than ``width``.

    Lines break at spaces, so joining them with spaces gives the text back,
    unless a word is wider than a line (then it is split) or the text needs
    more lines (then the last line ends in an ellipsis and the rest is cut:
    the full text stays in the tooltip and the text alternative). With
    ``split_words=False`` a long word stays whole and overflows its line.
    """
    words: list[str] = []
    for word in escape.clean(text).split(" "):
        long = split_words and text_width(word, size) > width
        words += _break_word(word, width, size) if long else [word]
    lines: list[str] = []
    line = ""
    for index, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if not line or text_width(candidate, size) <= width:
            line = candidate
            continue
        lines.append(line)
        line = word
        if len(lines) == max_lines:
            last = lines.pop()
            rest = " ".join([last, *words[index:]])
            lines.append(cut(rest, max(width, text_width(last, size)), size))
            return lines
    lines.append(line)
    if len(lines) > max_lines:  # pragma: no cover - the loop returns first
        lines = lines[:max_lines]
    return lines or [""]
