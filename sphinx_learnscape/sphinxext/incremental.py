"""What is outdated and what must be written again: every incremental decision, in build order.

A build meets the extension at these events, in this order:

1. ``config-inited`` (:mod:`.config`): values checked, wrong ones replaced.
2. ``env-get-outdated`` -> :func:`on_env_get_outdated`: the data files are
   loaded (:mod:`.loading`) and their problems reported (every build, so
   ``-W`` keeps failing until the data is fixed); the pages that show a
   changed object are read again (:func:`outdated_docs`), and so are pages
   whose map DOT left the map cache.
3. Pages are read (in parallel with ``-j``); directives and roles record
   what each page shows (:mod:`.deps`); in a serial build maps start
   drawing as soon as their DOT is known (:mod:`.map.cache`).
4. ``env-updated`` -> :func:`on_env_updated`, in the main process: homes
   (:mod:`.homes`), then the pictures of every map, finished or drawn now
   (:mod:`.map.cache`), then the export's fingerprint (:mod:`.export`).
   Pages whose links moved with a home, whose map can now be drawn, or
   that an interrupted build left unwritten are written again.
5. Sphinx pickles the environment, then writes the pages
   (``doctree-resolved``: home anchors, maps as text where no picture goes).
6. ``build-finished`` -> :func:`on_build_finished`: ``learnscape.json``;
   the record of pages still to write is cleared.

Why a record of pages to write (:class:`Unwritten`): the environment is
pickled before pages are written, and for Sphinx a page is outdated only
when its source is newer than its output. A page read again because the
*data* changed has an unchanged source, so if the build is interrupted
while writing it would stay stale forever. The record, kept in a file
beside the doctrees until the build finishes, brings those pages back.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.model import Form, Landscape
from sphinx_learnscape.data.query import form_matches
from sphinx_learnscape.sphinxext import export, homes, loading
from sphinx_learnscape.sphinxext.deps import ObjectKey, order_key
from sphinx_learnscape.sphinxext.map.cache import missing_sources, prepare, render_missing
from sphinx_learnscape.sphinxext.state import get_build, get_docs, get_state
from sphinx_learnscape.sphinxext.warning import report, warn


def outdated_docs(env: BuildEnvironment, changed: set[ObjectKey], landscape: Landscape) -> set[str]:
    """Documents whose output changes when the objects in ``changed`` do.

    A page is read again when a changed object is among those it shows,
    belongs to a kind it lists in full, or (for a form) now matches one of
    its filters; a reordering changes every filtered list of its kind.
    """
    changed_kinds = {kind for kind, _ in changed}
    changed_forms = [
        form
        for kind, ident in changed
        if kind == "form" and isinstance(form := landscape.get("form", ident), Form)
    ]
    reordered = any(key in changed for key in (order_key("form"), order_key("tool"), order_key("thinker")))
    outdated = set()
    for docname, record in get_docs(env).items():
        if (
            record.shows & changed
            or record.kinds & changed_kinds
            or (record.filters and reordered)
            or any(form_matches(f, s) for f in changed_forms for s in record.filters)
        ):
            outdated.add(docname)
    return outdated & env.found_docs


#: How the record names ``learnscape.json`` beside the pages (no docname has a NUL).
EXPORT = "\0export"


class Unwritten:
    """Pages (and the export) this build must write, kept on disk until it finishes.

    One file per builder and output directory, beside the doctrees (never in
    the output, which an EPUB would pack).
    """

    def __init__(self, app: Sphinx) -> None:
        where = hashlib.blake2b(f"{app.builder.name}\0{app.outdir}".encode(), digest_size=8).hexdigest()
        self.path = Path(app.doctreedir) / f"learnscape-unwritten-{where}.json"

    def load(self) -> set[str]:
        try:
            names = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        return {str(n) for n in names} if isinstance(names, list) else set()

    def save(self, names: set[str]) -> None:
        if not names:
            self.clear()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(sorted(names)), encoding="utf-8")
        os.replace(temp, self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    changed_objects = loading.load(env)
    state = get_state(env)
    for pattern in state.empty_globs:
        warn(f"learnscape_files: {pattern!r} matches no file in {env.srcdir}", Subtype.FILE)
    report(state.diagnostics)
    reread = outdated_docs(env, changed_objects, state.landscape) if changed_objects else set()
    get_build(env).data_changed = bool(changed_objects)
    prepare(app.builder, parallel=app.parallel > 1)
    # A page whose map DOT left the cache is read again to make it anew.
    reread |= (missing_sources(app.builder) & env.found_docs) - added - changed - removed
    get_build(env).reread = reread
    return sorted(reread)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_build(env).read_any = bool(docnames)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Homes, pictures and export, in that order; the pages to write again."""
    state = get_state(env)
    build = get_build(env)
    # Homes first: the maps' links and the export's URLs point at them.
    moved = homes.update_homes(env, reindex=build.read_any or build.data_changed)
    rewrite: set[str] = set()
    if moved:
        for docname, record in get_docs(env).items():
            if record.shows & moved or any((k, i) in moved for k, i, *_ in record.candidates):
                rewrite.add(docname)
    undrawn = render_missing(app.builder)
    if undrawn is not None:
        # A map that could not be drawn last time may be drawable now.
        rewrite |= state.undrawn - undrawn
        state.undrawn = undrawn
    unwritten = Unwritten(app)
    before = unwritten.load()
    export.note_inputs(app, env)
    if EXPORT in before:
        build.export_fresh = False  # an earlier build made its fingerprint but not the file
    pending = (before | rewrite | build.reread) & env.found_docs
    # Saved before Sphinx pickles the environment and writes: see the module's docstring.
    unwritten.save(pending | ({EXPORT} if export.wanted(app) and not build.export_fresh else set()))
    return sorted(pending - build.reread)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    renderer = get_build(app.env).renderer
    if renderer is not None:
        renderer.close(wait=False)  # a build stopped while reading leaves no drawing queued
    if exception is None:
        Unwritten(app).clear()
        export.write_export(app)


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-updated", on_env_updated)
    app.connect("build-finished", on_build_finished)
