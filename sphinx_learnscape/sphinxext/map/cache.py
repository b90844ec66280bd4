"""Rendered maps, cached by content hash, drawn while pages are still being read.

A map's DOT is written once, to ``{digest}.dot`` in the cache, when its
page is read; the page's record and the map's node keep only the digest,
so the environment and the doctrees stay small. In a serial build the
picture is started right then, on a thread, so Graphviz draws while Python
goes on reading; with ``-j`` (reading in forked workers) every picture
still missing is drawn at ``env-updated``, several at once. Either way all
are done before anything is written, and cached files no map uses any more
are removed. Writers only read the cache; a no-op rebuild runs no engine,
and a page whose ``.dot`` is gone is read again (:func:`missing_sources`).

The cache lives in the doctree directory, unless that is inside the output
directory (``sphinx-build src out`` puts it in ``out/.doctrees``): an EPUB
packs every picture it finds there, so the cache moves to the user's cache
directory, one folder per project.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from sphinx_learnscape import __version__
from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.render import engines
from sphinx_learnscape.sphinxext.state import get_build, get_config, get_docs
from sphinx_learnscape.sphinxext.warning import info, warn

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

CACHE_DIRNAME = "learnscape-maps"
#: Raise when :func:`~sphinx_learnscape.render.svg.inline_svg` writes other
#: markup for the same picture: cached inline SVGs of earlier code are then unused.
INLINE_VERSION = 1
#: The suffix of a map's DOT source in the cache.
SOURCE = "dot"
#: The suffix of an SVG made ready to inline (ids, titles, sizing: :func:`.svg.inline_svg`).
INLINE = "inline"


def dot_digest(dot: str) -> str:
    """What names a map's DOT in records, nodes and the cache."""
    return hashlib.blake2b(dot.encode("utf-8"), digest_size=16).hexdigest()


def _write_atomic(final: Path, data: bytes) -> None:
    # Written under a temporary name and renamed: parallel readers and
    # writers never see half a file.
    temp = final.with_name(f"{final.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, final)
    except OSError:
        temp.unlink(missing_ok=True)
        raise


@dataclass
class Renderer:
    """One build's engine choice, failures, pictures in progress, and access to the cache."""

    cache: Path
    engine: str | None
    dot_command: str
    #: what the builder shows a map as (:func:`formats_for`), once known
    formats: tuple[str, ...] = ()
    #: why no engine could be used, warned about at ``env-updated`` if a page has a map
    engine_error: str | None = None
    #: key -> reason, for maps that could not be drawn (warned about once)
    failed: dict[str, str] = field(default_factory=dict)
    #: the process that may start pictures early: not a forked reader
    owner: int = field(default_factory=os.getpid)
    #: pictures started while reading: key -> outcome (None, or why it failed)
    started: dict[str, Future[str | None]] = field(default_factory=dict)
    pool: ThreadPoolExecutor | None = None
    #: whether pictures may be started while reading (serial reads only)
    early: bool = False

    def key(self, digest: str, fmt: str) -> str:
        hasher = hashlib.blake2b(digest_size=16)
        for part in (fmt, self.engine or "", digest):
            hasher.update(part.encode("utf-8") + b"\0")
        return hasher.hexdigest()

    def path(self, key: str, fmt: str) -> Path:
        return self.cache / f"{key}.{fmt}"

    def source_path(self, digest: str) -> Path:
        return self.cache / f"{digest}.{SOURCE}"

    def store(self, dot: str, digest: str) -> bool:
        """Keep a map's DOT (whose :func:`dot_digest` is ``digest``) in the cache, once; whether it is there.

        A cache that cannot be written (a full disk, a read-only folder) is no
        error while a page is read: the map is reported undrawn at
        ``env-updated``, and its page is read again by the next build.
        """
        path = self.source_path(digest)
        if path.exists():
            return True
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, dot.encode("utf-8"))
        except OSError:
            return False
        return True

    def source(self, digest: str) -> str | None:
        try:
            return self.source_path(digest).read_text(encoding="utf-8")
        except OSError:
            return None

    def start(self, digest: str, dot: str, map_id: str, title: str | None) -> None:
        """Begin drawing a map the builder will need, on a thread, if this build reads serially.

        An SVG is also made ready to inline right there, so the writer only
        puts in its links (and the heap churn of parsing it happens while
        reading, whose small objects fill the space it frees).
        """
        if not self.early or self.engine is None or os.getpid() != self.owner:
            return
        for fmt in self.formats:
            key = self.key(digest, fmt)
            inline = (map_id, title) if fmt == "svg" else None
            if key in self.started:
                continue
            if self.path(key, fmt).exists() and (inline is None or self.inline_path(key, *inline).exists()):
                continue
            if self.pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self.pool = ThreadPoolExecutor(
                    max_workers=os.cpu_count() or 2, thread_name_prefix="learnscape-map"
                )
            self.started[key] = self.pool.submit(_attempt, self, dot, digest, fmt, inline)

    def finish(self) -> dict[str, str | None]:
        """Wait for the pictures started early; key -> None or why it failed. The threads end."""
        try:
            return {key: future.result() for key, future in self.started.items()}
        finally:
            self.started.clear()
            self.close(wait=True)

    def close(self, wait: bool) -> None:
        """End the drawing threads: waiting (no thread may outlive ``env-updated``:
        parallel writers are forked next), or dropping what has not started (a build that stopped)."""
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=not wait)
            self.pool = None

    def cached(self, digest: str, fmt: str) -> engines.RenderResult | None:
        path = self.path(self.key(digest, fmt), fmt)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        cmapx = None
        if fmt == "png":
            try:
                cmapx = path.with_suffix(".cmapx").read_text(encoding="utf-8")
            except OSError:
                return None
        return engines.RenderResult(data, self.engine or "", cmapx)

    def make(self, dot: str, digest: str, fmt: str) -> engines.RenderResult:
        """Render and store; raises GraphvizError."""
        if self.engine is None:
            raise engines.EngineUnavailable("no Graphviz engine")
        result = engines.render(dot, fmt, engine=self.engine, dot_command=self.dot_command)
        key = self.key(digest, fmt)
        self.cache.mkdir(parents=True, exist_ok=True)
        if fmt == "png":
            # The image map first: a picture without it is not a cache hit.
            _write_atomic(self.path(key, "cmapx"), (result.cmapx or "").encode("utf-8"))
        _write_atomic(self.path(key, fmt), result.data)
        return result

    def get(self, digest: str, fmt: str) -> engines.RenderResult | None:
        """The picture for a writer: from the cache, else made now; None if it cannot be."""
        key = self.key(digest, fmt)
        if self.engine is None or key in self.failed:
            return None
        result = self.cached(digest, fmt)
        if result is not None:
            return result
        dot = self.source(digest)
        if dot is None:
            self.failed[key] = _NO_SOURCE
            return None
        try:
            return self.make(dot, digest, fmt)
        except engines.GraphvizError as exc:
            self.failed[key] = str(exc)
            return None

    def inline_path(self, key: str, map_id: str, title: str | None) -> Path:
        # The map's id is in its DOT already; its title (alt or summary) is
        # not, nor the version of the code that makes it ready to inline.
        extra = f"{INLINE_VERSION}\0{__version__}\0{map_id}\0{title or ''}"
        return self.cache / f"{key}-{hashlib.blake2b(extra.encode(), digest_size=8).hexdigest()}.{INLINE}"

    def inline(self, digest: str, map_id: str, title: str | None) -> str | None:
        """The SVG ready to inline (placeholder links still in): cached, else made now; None if undrawn.

        Raises :class:`~sphinx_learnscape.render.svg.SvgError` for a picture
        that is no SVG; it is then dropped from the cache and not used again
        in this build.
        """
        from sphinx_learnscape.render.svg import SvgError

        key = self.key(digest, "svg")
        path = self.inline_path(key, map_id, title)
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        result = self.get(digest, "svg")
        if result is None:
            return None
        try:
            return self.store_inline(path, result.data, map_id, title)
        except SvgError as exc:
            self.failed[key] = str(exc)
            self.path(key, "svg").unlink(missing_ok=True)  # drawn again by the next build
            raise

    def store_inline(self, path: Path, svg: bytes, map_id: str, title: str | None) -> str:
        from sphinx_learnscape.render.svg import inline_svg

        text = inline_svg(svg, id_prefix=map_id, title=title)
        with contextlib.suppress(OSError):  # a read-only cache: made again next time
            _write_atomic(path, text.encode("utf-8"))
            # One inline SVG per picture: an older title's goes.
            for other in self.cache.glob(f"{path.name.split('-', 1)[0]}-*.{INLINE}"):
                if other != path:
                    other.unlink(missing_ok=True)
        return text


#: Why a map whose DOT left the cache is not drawn (its page is read again next build).
_NO_SOURCE = "its DOT source is not in the map cache; the page is read again in the next build"


def formats_for(builder: Builder, engine: str | None) -> tuple[str, ...]:
    """What the builder shows a map as, drawn by ``engine``."""
    if builder.format == "latex":
        return ("pdf",)
    if builder.format == "html":
        if builder.name.startswith("epub"):
            return ("svg",)
        fmt = get_config(builder.env).output_format
        if fmt == "png" and engine == "wasm":
            return ("svg",)  # the embedded Graphviz draws only SVG
        return (fmt,)
    return ()


def cache_dir(doctreedir: Path, outdir: Path) -> Path:
    """Where rendered maps are kept between builds (see the module's docstring)."""
    doctrees, out = doctreedir.resolve(), outdir.resolve()
    if not doctrees.is_relative_to(out):
        return doctrees / CACHE_DIRNAME
    project = hashlib.blake2b(str(doctrees).encode("utf-8"), digest_size=8).hexdigest()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for root in (base, tempfile.gettempdir()):
        folder = Path(root) / "sphinx-learnscape" / CACHE_DIRNAME / project
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue  # a read-only home: the temporary directory still caches this build
        return folder
    return doctrees / CACHE_DIRNAME


def get_renderer(builder: Builder) -> Renderer:
    """The build's renderer (on the per-build state, so parallel workers inherit it).

    Made once per build: the engine is resolved here (cheap: no Graphviz
    runs), and why none can be used is kept for :func:`render_missing`,
    which warns only when a page has a map.
    """
    build = get_build(builder.env)
    if build.renderer is None:
        renderer = Renderer(
            cache_dir(Path(builder.doctreedir), Path(builder.outdir)),
            None,
            build.config.dot,
        )
        if builder.format in ("html", "latex"):
            try:
                renderer.engine = engines.resolve_engine(build.config.engine, renderer.dot_command)
            except (ValueError, engines.EngineUnavailable) as exc:
                renderer.engine_error = str(exc)
        renderer.formats = formats_for(builder, renderer.engine)
        build.renderer = renderer
    return build.renderer


def prepare(builder: Builder, parallel: bool) -> None:
    """Before reading (``env-get-outdated``): pictures may start early unless readers are forked.

    Threads and ``fork`` do not mix (a forked reader could inherit a lock a
    drawing thread holds), so with ``-j`` nothing starts before ``env-updated``.
    """
    get_renderer(builder).early = not parallel


def missing_sources(builder: Builder) -> set[str]:
    """Pages with a map whose DOT is no longer in the cache (deleted by hand): they are read again."""
    renderer = get_renderer(builder)
    return {
        docname
        for docname, record in get_docs(builder.env).items()
        if any(not renderer.source_path(digest).exists() for digest, _line in record.maps)
    }


def _has_maps(env: BuildEnvironment) -> bool:
    return any(record.maps for record in get_docs(env).values())


def _jobs(env: BuildEnvironment) -> Iterator[tuple[str, str, int]]:
    docs = get_docs(env)
    for docname in sorted(docs):
        for digest, line in docs[docname].maps:
            yield docname, digest, line


def render_missing(builder: Builder) -> set[str] | None:
    """Finish the pictures, draw what the cache lacks, drop what no map uses (``env-updated``).

    Returns the pages with a map that cannot be drawn in this build, or
    None when the builder shows no pictures at all.
    """
    renderer = get_renderer(builder)
    early = renderer.finish()
    if renderer.engine_error is not None and _has_maps(builder.env):
        warn(f"{renderer.engine_error}; maps are shown as their text alternative", Subtype.GRAPHVIZ)
    formats = renderer.formats
    digests = {digest for _docname, digest, _line in _jobs(builder.env)}
    if not formats:
        _remove_stale(renderer, digests, set(), formats)
        return None
    needed: dict[str, tuple[str, str, list[tuple[str, int]]]] = {}
    for docname, digest, line in _jobs(builder.env):
        for fmt in formats:
            key = renderer.key(digest, fmt)
            needed.setdefault(key, (digest, fmt, []))[2].append((docname, line))
    if renderer.engine is not None:
        outcomes = dict(early)
        missing = [
            (key, digest, fmt)
            for key, (digest, fmt, _places) in needed.items()
            if key not in outcomes and not renderer.path(key, fmt).exists()
        ]
        workers = min(len(missing), os.cpu_count() or 2)
        if workers:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="learnscape-map") as pool:
                done = pool.map(lambda job: _attempt_cached(renderer, job[1], job[2]), missing)
                outcomes.update(zip((key for key, _d, _f in missing), done, strict=True))
        for key, error in sorted(outcomes.items()):
            if error is None or key not in needed:
                continue
            renderer.failed[key] = error
            _digest, fmt, places = needed[key]
            for docname, line in places:
                _warn_failed(error, fmt, docname, line)
    _remove_stale(renderer, digests, needed.keys(), formats)
    return {
        docname
        for key, (_digest, _fmt, places) in needed.items()
        if renderer.engine is None or key in renderer.failed
        for docname, _line in places
    }


def _attempt(
    renderer: Renderer, dot: str, digest: str, fmt: str, inline: tuple[str, str | None] | None = None
) -> str | None:
    """Draw and cache one picture (and its inline SVG); None, or why it could not be drawn."""
    from sphinx_learnscape.render.svg import SvgError

    try:
        key = renderer.key(digest, fmt)
        cached = renderer.cached(digest, fmt)
        result = cached if cached is not None else renderer.make(dot, digest, fmt)
        if inline is not None:
            with contextlib.suppress(SvgError):  # the writer meets it again and reports it
                renderer.store_inline(renderer.inline_path(key, *inline), result.data, *inline)
    except engines.GraphvizError as exc:
        return str(exc)
    except OSError as exc:  # a full disk or a read-only cache: the page shows its text instead
        return f"the map cache {renderer.cache} could not be written ({exc.strerror or exc})"
    except Exception as exc:  # a bug of ours must not stop the build: the map shows as text
        return f"{type(exc).__name__}: {exc}"
    return None


def _attempt_cached(renderer: Renderer, digest: str, fmt: str) -> str | None:
    dot = renderer.source(digest)
    return _NO_SOURCE if dot is None else _attempt(renderer, dot, digest, fmt)


def _warn_failed(error: str, fmt: str, docname: str, line: int) -> None:
    if fmt == "pdf":
        # LaTeX shows the text alternative instead; that is information, not a fault.
        info(f"map not drawn for PDF ({error}); the text alternative is shown", (docname, line))
        return
    message = f"the map could not be drawn: {error}; the text alternative is shown"
    warn(message, Subtype.GRAPHVIZ, (docname, line))


def _remove_stale(
    renderer: Renderer, digests: set[str], keys: Iterable[str], formats: tuple[str, ...]
) -> None:
    """Remove the DOT no page has, and (with an engine) this builder's pictures no map uses."""
    if not renderer.cache.is_dir():
        return
    wanted = set(keys)
    # Without an engine the picture keys differ: keep what a later build can use.
    suffixes = {f".{fmt}" for fmt in formats} if renderer.engine is not None else set()
    if "png" in formats and suffixes:
        suffixes.add(".cmapx")
    if ".svg" in suffixes:
        suffixes.add(f".{INLINE}")
    for path in renderer.cache.iterdir():
        if path.suffix == f".{SOURCE}":
            if path.stem not in digests:
                path.unlink(missing_ok=True)
        elif path.suffix in suffixes and path.stem.split("-", 1)[0] not in wanted:
            path.unlink(missing_ok=True)
