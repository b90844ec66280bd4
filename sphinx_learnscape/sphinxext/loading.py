"""Reading the data files at the start of a build, cached per file by content hash.

Loading happens at ``env-get-outdated`` — before any document is read, in
the main process, so parallel readers inherit the result — and that is
also where we learn which objects changed since the last build
(:func:`load` returns them; :mod:`.incremental` turns them into pages).
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
from collections.abc import Sequence

from sphinx.environment import BuildEnvironment

from sphinx_learnscape.data.files import read_data_file
from sphinx_learnscape.data.model import KINDS, Landscape
from sphinx_learnscape.data.results import FileResult
from sphinx_learnscape.sphinxext.deps import ObjectKey, order_key
from sphinx_learnscape.sphinxext.state import CachedFile, get_config, get_state


def find_files(srcdir: str, patterns: Sequence[str]) -> tuple[list[str], list[str]]:
    """Expand the configured names and globs, in the order given, without repeats.

    Returns the paths (relative to srcdir, '/'-separated; a plain name is
    kept even when missing, so reading it reports that) and the globs that
    matched nothing. The same file under two spellings is read once.
    """
    found: list[str] = []
    seen: set[str] = set()
    empty: list[str] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern, root_dir=srcdir, recursive=True))
            # Folders are no data files; anything else is read (or refused) by name.
            matches = [m for m in matches if not os.path.isdir(os.path.join(srcdir, m))]
            if not matches:
                empty.append(pattern)
        else:
            matches = [pattern]
        for match in matches:
            real = os.path.realpath(os.path.join(srcdir, match))
            if real not in seen:
                seen.add(real)
                found.append(match.replace(os.sep, "/"))
    return found, empty


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _object_digests(landscape: Landscape) -> dict[ObjectKey, str]:
    """One digest per object, over what pages show of it (data incl. source line)."""
    digests: dict[ObjectKey, str] = {}
    for kind in KINDS:
        for record in landscape.objects(kind):
            data = record.as_json()
            data.pop("source", None)  # a line moving is no change pages show
            digests[(kind, record.id)] = _digest(pickle.dumps(data, protocol=4))
    # Outcomes and links show on pages through their form(s).
    for outcome in landscape.outcomes:
        key: ObjectKey = ("form", outcome.form)
        data = outcome.as_json()
        data.pop("source", None)
        digests[key] = _digest((digests.get(key, "") + repr(data)).encode())
    for link in landscape.links:
        for end in (link.source, link.target):
            key = ("form", end)
            data = link.as_json()
            data.pop("source", None)
            digests[key] = _digest((digests.get(key, "") + repr(data)).encode())
    return digests


def _orders(landscape: Landscape) -> dict[str, tuple[str, ...]]:
    """The order each kind is listed in (outcomes: by form and indicator)."""
    orders: dict[str, tuple[str, ...]] = {
        kind: tuple(r.id for r in landscape.objects(kind)) for kind in KINDS
    }
    orders["outcome"] = tuple(f"{o.form}\0{o.id or o.indicator}" for o in landscape.outcomes)
    return orders


def _reordered(old: dict[str, tuple[str, ...]], new: dict[str, tuple[str, ...]]) -> set[ObjectKey]:
    """Kinds whose objects kept in both builds now stand in another order.

    An object added or removed is a change of its own; only a move among
    the others has to re-read every list of the kind, filtered or not.
    """
    moved: set[ObjectKey] = set()
    for kind, ids in new.items():
        before = old.get(kind, ())
        common = set(before) & set(ids)
        if [i for i in before if i in common] != [i for i in ids if i in common]:
            moved.add(order_key("form" if kind == "outcome" else kind))
    return moved


def load(env: BuildEnvironment) -> set[ObjectKey]:
    """(Re)load the data files; return the objects that changed since last build."""
    config = get_config(env)
    state = get_state(env)
    srcdir = str(env.srcdir)
    options = config.load_options
    # The parser (YAML, JSON Schema) loads only when a file changed: a no-op
    # rebuild reads and hashes the files, nothing more.
    paths, empty = find_files(srcdir, config.files)
    state.empty_globs = empty
    results: list[FileResult] = []
    cache: dict[str, CachedFile] = {}
    changed_files = False
    for rel in paths:
        full = os.path.join(srcdir, rel)
        # Only a regular file is opened: a FIFO matched by a glob would hang the build.
        data = read_data_file(full, options.max_file_bytes, name=full)
        if isinstance(data, FileResult):
            results.append(data)  # the reason it was not read, as a ``file`` warning
            changed_files = True
            continue
        digest = _digest(data)
        cached = state.files.get(rel)
        if cached is None or cached.digest != digest:
            from sphinx_learnscape.data.reparse import reparse_bytes

            # After an edit only the changed record is parsed again, when that is safe.
            previous, before = (cached.data, cached.result) if cached is not None else (None, None)
            result = reparse_bytes(previous, before, data, full, options.max_file_bytes)
            cached = CachedFile(digest, result, data)
            changed_files = True
        cache[rel] = cached
        results.append(cached.result)
    signature = (tuple(paths), options)
    if not changed_files and signature == state.signature and cache.keys() == state.files.keys():
        return set()  # a no-op rebuild: nothing parsed, nothing merged
    from sphinx_learnscape.data.loader import merge

    landscape, diagnostics = merge(results, options)
    digests = _object_digests(landscape)
    changed = {
        key for key in digests.keys() | state.digests.keys() if digests.get(key) != state.digests.get(key)
    }
    orders = _orders(landscape)
    changed |= _reordered(state.orders, orders)
    state.orders = orders
    state.files = cache
    state.landscape = landscape
    state.diagnostics = diagnostics
    state.digests = digests
    state.signature = signature
    return changed
