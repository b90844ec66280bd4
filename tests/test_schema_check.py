"""The generated fast schema check matches schema.json."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from compile_schema import DATA, generate  # noqa: E402


def test_generated_check_is_current() -> None:
    shipped = (DATA / "_schema_check.py").read_text(encoding="utf-8")
    assert shipped == generate(), "run scripts/compile_schema.py after editing schema.json"
