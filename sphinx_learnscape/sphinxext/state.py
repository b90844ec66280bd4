"""What the extension keeps: one record pickled with the environment, one for a single build.

:class:`LearnscapeState` is everything that must survive from one build to
the next (the parsed files, the landscape, what changed, the homes, which
maps could not be drawn). It lives in the domain's data, so Sphinx pickles
it with the environment and its ``env_version`` (see :func:`..setup`) is
the only guard of its shape. :class:`BuildState` lives on the domain
instance, which Sphinx makes anew for every build and which parallel
writers inherit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.diagnostics import Diagnostic
from sphinx_learnscape.data.model import Landscape
from sphinx_learnscape.data.results import FileResult
from sphinx_learnscape.sphinxext.config import LearnscapeConfig

if TYPE_CHECKING:
    from sphinx_learnscape.sphinxext.deps import DocRecord, ObjectKey
    from sphinx_learnscape.sphinxext.homes import Home
    from sphinx_learnscape.sphinxext.map.cache import Renderer

#: The domain's name, and the key of its data in ``env.domaindata``.
DOMAIN = "learnscape"


@dataclass
class CachedFile:
    digest: str
    result: FileResult
    #: the bytes parsed, so that an edit re-parses only the record it changed
    data: bytes | None = None


@dataclass
class LearnscapeState:
    """What the environment keeps between builds."""

    #: data file path (relative to srcdir, as matched) -> parsed result
    files: dict[str, CachedFile] = field(default_factory=dict)
    landscape: Landscape = field(default_factory=Landscape)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: (kind, id) -> digest of the object's data, to tell what changed
    digests: dict[ObjectKey, str] = field(default_factory=dict)
    #: configured globs that matched no file (warned about each build)
    empty_globs: list[str] = field(default_factory=list)
    #: kind -> ids in data order, to tell a reordering
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the file list and options the landscape was built from
    signature: tuple[Any, ...] = ()
    #: (kind, id) -> the object's home, as computed at the last ``env-updated``
    homes: dict[ObjectKey, Home] = field(default_factory=dict)
    #: pages whose maps could not be drawn (written again once they can be)
    undrawn: set[str] = field(default_factory=set)
    #: fingerprint of what ``learnscape.json`` was last made of
    export_key: str | None = None


@dataclass
class BuildState:
    """What one build works with and forgets."""

    config: LearnscapeConfig
    #: the maps' engine, failures and cache, once the builder is known
    renderer: Renderer | None = None
    #: whether ``learnscape.json`` from the last build is still right
    export_fresh: bool = False
    #: pages read again because the data they show changed
    reread: set[str] = field(default_factory=set)
    #: whether this build reads any page, and whether an object's data changed
    read_any: bool = False
    data_changed: bool = False


def domain_data(env: BuildEnvironment) -> dict[str, Any]:
    data: dict[str, Any] = env.domaindata[DOMAIN]
    return data


def get_state(env: BuildEnvironment) -> LearnscapeState:
    data = domain_data(env)
    state: LearnscapeState | None = data.get("state")
    if state is None:
        state = data["state"] = LearnscapeState()
    return state


def get_docs(env: BuildEnvironment) -> dict[str, DocRecord]:
    docs: dict[str, DocRecord] = domain_data(env)["docs"]
    return docs


def get_build(env: BuildEnvironment) -> BuildState:
    domain: Any = env.get_domain(DOMAIN)
    build: BuildState | None = getattr(domain, "build", None)
    if build is None:
        build = domain.build = BuildState(LearnscapeConfig.from_sphinx(env.config))
    return build


def get_config(env: BuildEnvironment) -> LearnscapeConfig:
    return get_build(env).config


def get_landscape(env: BuildEnvironment) -> Landscape:
    return get_state(env).landscape


def get_homes(env: BuildEnvironment) -> dict[ObjectKey, Home]:
    return get_state(env).homes
