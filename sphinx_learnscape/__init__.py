"""sphinx-learnscape: learning landscapes as YAML, rendered in Sphinx."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point; the Sphinx layer lives in :mod:`.sphinxext`."""
    import gc

    # Importing makes only objects that live as long as the process (modules,
    # classes): no garbage for the collector to find, so it is not run over
    # Sphinx's whole heap meanwhile (see sphinxext.heap).
    enabled = gc.isenabled()
    gc.disable()
    try:
        from sphinx_learnscape.sphinxext import setup as setup_sphinx
    finally:
        if enabled:
            gc.enable()
    return setup_sphinx(app)
