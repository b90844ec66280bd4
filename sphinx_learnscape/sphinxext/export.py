"""``learnscape.json`` in the output of HTML builders: every object, its data, its home's URL."""

from __future__ import annotations

import json
import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_learnscape import __version__
from sphinx_learnscape.sphinxext.links import home_uri
from sphinx_learnscape.sphinxext.state import get_landscape

logger = logging.getLogger(__name__)

FILENAME = "learnscape.json"


def landscape_json(app: Sphinx) -> dict[str, Any]:
    env = app.env
    landscape = get_landscape(env)
    srcdir = str(env.srcdir)
    data = landscape.as_json()
    data["generator"] = f"sphinx-learnscape {__version__}"
    for section, kind in (("zones", "zone"), ("forms", "form"), ("tools", "tool"), ("thinkers", "thinker")):
        for item in data[section]:
            item["home"] = home_uri(app.builder, None, kind, item["id"])
            # Source paths relative to the project, so the file is portable.
            source = item.get("source")
            if source and os.path.isabs(source["file"]):
                source["file"] = os.path.relpath(source["file"], srcdir).replace(os.sep, "/")
    for section in ("links", "outcomes"):
        for item in data[section]:
            source = item.get("source")
            if source and os.path.isabs(source["file"]):
                source["file"] = os.path.relpath(source["file"], srcdir).replace(os.sep, "/")
    return data


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    if not app.config.learnscape_files:
        return
    path = os.path.join(app.outdir, FILENAME)
    text = json.dumps(landscape_json(app), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    # Written only when it changed, so a no-op build touches nothing.
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_export)
