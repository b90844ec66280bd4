"""``learnscape.json`` in the output of HTML builders: every object, its data, its home's URL."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_learnscape import __version__
from sphinx_learnscape.data.model import KINDS, PLURAL_OF
from sphinx_learnscape.sphinxext.links import home_uri
from sphinx_learnscape.sphinxext.state import get_build, get_config, get_landscape, get_state

FILENAME = "learnscape.json"


def landscape_json(app: Sphinx) -> dict[str, Any]:
    env = app.env
    srcdir = str(env.srcdir)
    data = get_landscape(env).as_json()
    data["generator"] = f"sphinx-learnscape {__version__}"
    for kind in KINDS:
        for item in data[PLURAL_OF[kind]]:
            item["home"] = home_uri(app.builder, None, kind, item["id"])
    for section in (*PLURAL_OF.values(), "links", "outcomes"):
        for item in data[section]:
            # Source paths relative to the project, so the file is portable.
            source = item.get("source")
            if source and os.path.isabs(source["file"]):
                source["file"] = os.path.relpath(source["file"], srcdir).replace(os.sep, "/")
    return data


def wanted(app: Sphinx) -> bool:
    """Whether this build makes ``learnscape.json`` (HTML builders other than EPUB, with data)."""
    builder = app.builder
    html = builder.format == "html" and not builder.name.startswith("epub")
    return html and bool(get_config(app.env).files)


def note_inputs(app: Sphinx, env: BuildEnvironment) -> None:
    """What the export is made of, fingerprinted before the environment is pickled (``env-updated``).

    A build whose data, homes and builder are those of the last one need not
    make the file again.
    """
    if not wanted(app):
        return
    state = get_state(env)
    homes = sorted((key, home.docname) for key, home in state.homes.items())
    fingerprint = hashlib.blake2b(digest_size=16)
    for part in (app.builder.name, repr(sorted(state.digests.items())), repr(state.orders), repr(homes)):
        fingerprint.update(part.encode("utf-8") + b"\0")
    key = fingerprint.hexdigest()
    get_build(env).export_fresh = key == state.export_key
    state.export_key = key


def write_export(app: Sphinx) -> None:
    """``learnscape.json`` at the end of a build, unless the last one is still right."""
    if not wanted(app):
        return
    path = os.path.join(app.outdir, FILENAME)
    if get_build(app.env).export_fresh and os.path.exists(path):
        return  # same data, same homes: the file from last time is right
    # One line, no indent: the C encoder, five times faster than an indented dump.
    text = json.dumps(landscape_json(app), ensure_ascii=False) + "\n"
    # Written only when it changed, so a no-op build touches nothing.
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return
    except OSError:
        pass
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
