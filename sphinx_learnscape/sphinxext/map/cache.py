"""Rendered maps, cached by content hash and made concurrently before writing.

Every page records the DOT of its maps while it is read. After reading
(``env-updated``, in the main process) every picture the builder will need
and the cache lacks is rendered — several at once, so both cores work — and
cached files no map uses any more are removed. Writers then only read the
cache; a no-op rebuild runs no engine at all.

The cache lives in the doctree directory, unless that is inside the output
directory (``sphinx-build src out`` puts it in ``out/.doctrees``): an EPUB
packs every picture it finds there, so the cache moves to the user's cache
directory, one folder per project.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.render import engines
from sphinx_learnscape.sphinxext.state import get_build, get_config, get_docs
from sphinx_learnscape.sphinxext.warning import info, warn

CACHE_DIRNAME = "learnscape-maps"


@dataclass
class Renderer:
    """One build's engine choice, failures, and access to the cache."""

    cache: Path
    engine: str | None
    dot_command: str
    #: key -> reason, for maps that could not be drawn (warned about once)
    failed: dict[str, str] = field(default_factory=dict)

    def key(self, dot: str, fmt: str) -> str:
        digest = hashlib.blake2b(digest_size=16)
        for part in (fmt, self.engine or "", dot):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def path(self, key: str, fmt: str) -> Path:
        return self.cache / f"{key}.{fmt}"

    def cached(self, dot: str, fmt: str) -> engines.RenderResult | None:
        key = self.key(dot, fmt)
        path = self.path(key, fmt)
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

    def make(self, dot: str, fmt: str) -> engines.RenderResult:
        """Render and store; raises GraphvizError."""
        if self.engine is None:
            raise engines.EngineUnavailable("no Graphviz engine")
        result = engines.render(dot, fmt, engine=self.engine, dot_command=self.dot_command)
        key = self.key(dot, fmt)
        self.cache.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed: parallel writers never
        # see half a file.
        for suffix, data in ((fmt, result.data), ("cmapx", (result.cmapx or "").encode("utf-8"))):
            if suffix == "cmapx" and fmt != "png":
                continue
            final = self.path(key, suffix)
            temp = final.with_name(f"{final.name}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, final)
        return result

    def get(self, dot: str, fmt: str) -> engines.RenderResult | None:
        """The picture for a writer: from the cache, else made now; None if it cannot be."""
        if self.engine is None or self.key(dot, fmt) in self.failed:
            return None
        result = self.cached(dot, fmt)
        if result is not None:
            return result
        try:
            return self.make(dot, fmt)
        except engines.GraphvizError as exc:
            self.failed[self.key(dot, fmt)] = str(exc)
            return None


def formats_for(builder: Builder) -> tuple[str, ...]:
    """What the builder shows a map as."""
    if builder.format == "latex":
        return ("pdf",)
    if builder.format == "html":
        if builder.name.startswith("epub"):
            return ("svg",)
        fmt = get_config(builder.env).output_format
        if fmt == "png" and get_renderer(builder).engine == "wasm":
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
    """The build's renderer (on the per-build state, so parallel writers inherit it)."""
    build = get_build(builder.env)
    if build.renderer is None:
        build.renderer = Renderer(
            cache_dir(Path(builder.doctreedir), Path(builder.outdir)),
            None,
            build.config.dot,
        )
    return build.renderer


def choose_engine(builder: Builder) -> None:
    """Resolve the engine once per build; with none, one warning for the build."""
    renderer = get_renderer(builder)
    if builder.format not in ("html", "latex"):
        return
    try:
        renderer.engine = engines.resolve_engine(get_config(builder.env).engine, renderer.dot_command)
    except (ValueError, engines.EngineUnavailable) as exc:
        renderer.engine = None
        if _has_maps(builder.env):
            warn(f"{exc}; maps are shown as their text alternative", Subtype.GRAPHVIZ)


def _has_maps(env: BuildEnvironment) -> bool:
    return any(record.maps for record in get_docs(env).values())


def _jobs(env: BuildEnvironment) -> Iterator[tuple[str, str, int]]:
    docs = get_docs(env)
    for docname in sorted(docs):
        for dot, line in docs[docname].maps:
            yield docname, dot, line


def render_missing(builder: Builder) -> set[str] | None:
    """Render what the cache lacks, concurrently; drop what no map uses (``env-updated``).

    Returns the pages with a map that cannot be drawn in this build, or
    None when the builder shows no pictures at all.
    """
    choose_engine(builder)
    renderer = get_renderer(builder)
    formats = formats_for(builder)
    if not formats:
        return None
    needed: dict[str, tuple[str, str, list[tuple[str, int]]]] = {}
    for docname, dot, line in _jobs(builder.env):
        for fmt in formats:
            key = renderer.key(dot, fmt)
            needed.setdefault(key, (dot, fmt, []))[2].append((docname, line))
    if renderer.engine is not None:
        missing = [job for key, job in needed.items() if not renderer.path(key, job[1]).exists()]
        workers = min(len(missing), os.cpu_count() or 2)
        if workers:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="learnscape-map") as pool:
                outcomes = list(pool.map(lambda job: _attempt(renderer, job[0], job[1]), missing))
            for (dot, fmt, places), error in zip(missing, outcomes, strict=False):
                if error is None:
                    continue
                renderer.failed[renderer.key(dot, fmt)] = error
                for docname, line in places:
                    _warn_failed(error, fmt, docname, line)
    _remove_stale(renderer, needed.keys(), formats)
    return {
        docname
        for key, (_dot, _fmt, places) in needed.items()
        if renderer.engine is None or key in renderer.failed
        for docname, _line in places
    }


def _attempt(renderer: Renderer, dot: str, fmt: str) -> str | None:
    try:
        renderer.make(dot, fmt)
    except engines.FormatUnsupported as exc:
        return str(exc)
    except engines.GraphvizError as exc:
        return str(exc)
    return None


def _warn_failed(error: str, fmt: str, docname: str, line: int) -> None:
    if fmt == "pdf":
        # LaTeX shows the text alternative instead; that is information, not a fault.
        info(f"map not drawn for PDF ({error}); the text alternative is shown", (docname, line))
        return
    message = f"the map could not be drawn: {error}; the text alternative is shown"
    warn(message, Subtype.GRAPHVIZ, (docname, line))


def _remove_stale(renderer: Renderer, keep: Any, formats: tuple[str, ...]) -> None:
    if renderer.engine is None or not renderer.cache.is_dir():
        return  # without an engine the keys differ; keep what a later build can use
    wanted = set(keep)
    suffixes = {f".{fmt}" for fmt in formats} | ({".cmapx"} if "png" in formats else set())
    for path in renderer.cache.iterdir():
        if path.suffix in suffixes and path.stem not in wanted:
            path.unlink(missing_ok=True)
