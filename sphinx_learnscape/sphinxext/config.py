"""The configuration values, declared once, checked at ``config-inited`` and read typed.

Every value is documented in ``docs/configuration.rst``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_learnscape.data.diagnostics import Subtype
from sphinx_learnscape.data.results import DEFAULT_MAX_BYTES, LoadOptions
from sphinx_learnscape.sphinxext.warning import warn

if TYPE_CHECKING:
    from sphinx_learnscape.render.engines import Engine

ENGINES: tuple[Engine, ...] = ("auto", "dot", "wasm")
OutputFormat = Literal["svg", "png"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("svg", "png")


def _is_file_list(value: Any) -> str | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value):
        return None
    return "a list of file names or glob patterns, e.g. ['landscape/*.yaml']"


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(repr(c) for c in choices)

    return check


def _optional_text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, str) and value) else "a language code such as 'nl'"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "the name or path of a program"


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "True or False"


def _positive_int(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else "a positive number of bytes"


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    rebuild: Literal["", "env", "html"]
    types: tuple[type, ...]
    check: Callable[[Any], str | None]
    #: filled in at config-inited when the default depends on other values
    derive: Callable[[Config], Any] | None = None


def _language(config: Config) -> str:
    return str(config.language or "en")


def _dot(config: Config) -> str:
    return str(getattr(config, "graphviz_dot", None) or "dot")


#: Every value, its default, what a change rebuilds, and its check. Data-file
#: lists rebuild "env" so that a new file (or a new glob match) is read.
OPTIONS: tuple[Option, ...] = (
    Option("learnscape_files", [], "env", (list, tuple), _is_file_list),
    Option("learnscape_language", None, "env", (str, type(None)), _optional_text, _language),
    Option("learnscape_dot", None, "html", (str, type(None)), _text, _dot),
    Option("learnscape_engine", "auto", "html", (str,), _one_of(*ENGINES)),
    Option("learnscape_output_format", "svg", "html", (str,), _one_of(*OUTPUT_FORMATS)),
    Option("learnscape_outcome_check", True, "env", (bool,), _bool),
    Option("learnscape_max_file_bytes", DEFAULT_MAX_BYTES, "env", (int,), _positive_int),
    Option("learnscape_toc_entries", False, "env", (bool,), _bool),
)


def check_config(app: Sphinx, config: Config) -> None:
    """Replace a wrong value by its default with a clear warning; fill derived defaults."""
    for option in OPTIONS:
        value = config[option.name]
        if value is None and option.derive is not None:
            config[option.name] = option.derive(config)
            continue
        problem = option.check(value)
        if problem is None:
            continue
        fallback = option.default if option.derive is None else option.derive(config)
        message = f"{option.name} = {value!r} is not valid: expected {problem}; using {fallback!r}"
        warn(message, Subtype.CONFIG)
        config[option.name] = fallback


@dataclass(frozen=True, slots=True)
class LearnscapeConfig:
    """The checked values, typed: the one way the Sphinx layer reads its configuration."""

    files: tuple[str, ...]
    language: str
    dot: str
    engine: Engine
    output_format: OutputFormat
    outcome_check: bool
    max_file_bytes: int
    #: whether object descriptions get entries in the page's table of contents
    toc_entries: bool

    @classmethod
    def from_sphinx(cls, config: Config) -> LearnscapeConfig:
        # check_config has replaced every wrong value and filled the derived ones.
        return cls(
            files=tuple(config.learnscape_files),
            language=str(config.learnscape_language or "en"),
            dot=str(config.learnscape_dot or "dot"),
            engine=config.learnscape_engine,
            output_format=config.learnscape_output_format,
            outcome_check=bool(config.learnscape_outcome_check),
            max_file_bytes=int(config.learnscape_max_file_bytes),
            toc_entries=bool(config.learnscape_toc_entries),
        )

    @property
    def load_options(self) -> LoadOptions:
        return LoadOptions(outcome_check=self.outcome_check, max_file_bytes=self.max_file_bytes)


def setup_config(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types)
    # Early, so every later handler sees checked values.
    app.connect("config-inited", check_config, priority=100)
