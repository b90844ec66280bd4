"""Reading a data file's bytes safely: only a regular file is opened, never past a size.

Light to import (no YAML, no JSON Schema): the Sphinx layer reads every
data file through :func:`read_data_file` on every build, and parses only
those whose bytes changed.
"""

from __future__ import annotations

import os
import stat

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.results import DEFAULT_MAX_BYTES, FileResult

#: Opening must never wait: a FIFO swapped in after the check still opens at once.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is, in words, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a directory, not a data file"
    kinds = (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    what = next((what for test, what in kinds if test(mode)), "something else")
    return f"this is {what}, not a regular file; it was not read"


def read_data_file(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> bytes | FileResult:
    """The bytes of one data file, or a :class:`FileResult` with the ``file`` error that kept it unread.

    Only a regular file is opened. Reading a FIFO waits for a writer that
    may never come, and opening a device can act on it, so anything else is
    refused from its ``stat`` alone; so is a file over ``max_bytes``.
    ``name`` is the file as messages call it (default: ``path``).
    """
    file = name if name is not None else os.fspath(path)
    try:
        info = os.stat(path)
        problem = _not_regular(info.st_mode)
        if problem is not None:
            return _file_error(file, problem)
        if info.st_size > max_bytes:
            return too_large(file, info.st_size, max_bytes)
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as handle:
            # The path may have changed hands since the stat.
            problem = _not_regular(os.fstat(handle.fileno()).st_mode)
            if problem is not None:
                return _file_error(file, problem)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return _file_error(file, "the file does not exist")
    except IsADirectoryError:
        return _file_error(file, "this is a directory, not a data file")
    except OSError as exc:
        return _file_error(file, f"the file cannot be read: {exc.strerror or exc}")
    if len(data) > max_bytes:  # it grew since the stat
        return too_large(file, len(data), max_bytes)
    return data


def _file_error(file: str, message: str) -> FileResult:
    return FileResult(file, (Diagnostic(Severity.ERROR, Subtype.FILE, file, 0, 0, message),))


def too_large(file: str, size: int, max_bytes: int) -> FileResult:
    """The ``file`` error of a file over ``max_bytes``."""
    return _file_error(
        file,
        f"the file is {size:,} bytes, over the limit of {max_bytes:,} "
        "(learnscape_max_file_bytes); it was not read",
    )
