"""Compile the .po message catalogs to the .mo files the package ships.

    python scripts/compile_catalogs.py

Run after editing a .po file; tests/test_i18n.py fails while a .mo is stale.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "sphinx_learnscape" / "locale"


def compiled(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def main() -> None:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"compiled {po.relative_to(LOCALE)}")


if __name__ == "__main__":
    main()
