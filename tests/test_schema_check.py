"""The generated fast schema check matches schema.json."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import fastjsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from compile_schema import DATA, generate, schema_digest  # noqa: E402

SHIPPED = (DATA / "_schema_check.py").read_text(encoding="utf-8")


def test_generated_check_is_made_from_this_schema() -> None:
    """Holds with any fastjsonschema: the module names the schema it was made from."""
    recorded = re.search(r'^SCHEMA_SHA256 = "([0-9a-f]{64})"$', SHIPPED, re.M)
    assert recorded, "run `make schema`: _schema_check.py records no schema digest"
    assert recorded[1] == schema_digest(), "run `make schema` after editing schema.json"


def test_generated_check_is_what_this_generator_makes() -> None:
    """Byte for byte, when the installed generator is the one that made it."""
    made_by = re.search(r'^VERSION = "([^"]+)"$', SHIPPED, re.M)
    assert made_by
    if made_by[1] != fastjsonschema.VERSION:
        # Another generator words the same check differently; the digest test holds.
        pytest.skip(f"made by fastjsonschema {made_by[1]}, installed is {fastjsonschema.VERSION}")
    assert generate() == SHIPPED, "run `make schema` after editing schema.json"
