"""sphinx-learnscape: learning landscapes as YAML, rendered in Sphinx."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point; the Sphinx layer lives in :mod:`.sphinxext`."""
    from sphinx_learnscape.sphinxext import setup as setup_sphinx

    return setup_sphinx(app)
