"""``learnscape.json`` in the output of HTML builders: every object, its data, its home's URL."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from sphinx_learnscape import __version__
from sphinx_learnscape.sphinxext.homes import get_homes
from sphinx_learnscape.sphinxext.links import home_uri
from sphinx_learnscape.sphinxext.state import get_landscape, get_state

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


def _wanted(app: Sphinx) -> bool:
    builder = app.builder
    return (
        builder.format == "html" and not builder.name.startswith("epub") and bool(app.config.learnscape_files)
    )


def note_inputs(app: Sphinx, env: BuildEnvironment) -> None:
    """What the export is made of, fingerprinted before the environment is pickled (``env-updated``).

    A build whose data, homes and builder are those of the last one need not
    make the file again.
    """
    if not _wanted(app):
        return
    state = get_state(env)
    homes = sorted((key, home.docname) for key, home in get_homes(env).items())
    fingerprint = hashlib.blake2b(digest_size=16)
    for part in (app.builder.name, repr(sorted(state.digests.items())), repr(state.orders), repr(homes)):
        fingerprint.update(part.encode("utf-8") + b"\0")
    key = fingerprint.hexdigest()
    app._learnscape_export_fresh = key == getattr(env, "learnscape_export_key", None)  # type: ignore[attr-defined]
    env.learnscape_export_key = key  # type: ignore[attr-defined]


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _wanted(app):
        return
    path = os.path.join(app.outdir, FILENAME)
    if getattr(app, "_learnscape_export_fresh", False) and os.path.exists(path):
        return  # same data, same homes: the file from last time is right
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
    # After the homes are computed (priority 400).
    app.connect("env-updated", note_inputs, priority=700)
    app.connect("build-finished", write_export)
