"""Writing the project's output files safely.

:func:`write_text_atomically` writes a regular file through a temporary file in the same
folder and :func:`os.replace`: the old file is never truncated, a failure (full or read-only
disk) leaves it as it was, and a device file, a folder or a symbolic link at the target is
refused instead of replaced or followed.

:func:`spreadsheet_safe` neutralises a text cell that a spreadsheet would read as a formula
(OWASP "CSV injection"): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading single quote, unless the whole cell is a plain number (``-0.5``, ``-9``),
which a spreadsheet reads as that number.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from aimonitor.errors import AimonitorError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


class OutputError(AimonitorError):
    """An output file cannot be written where the user asked; the old file is untouched."""


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would take it for a formula."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_text_atomically(path: Path, write: Callable[[TextIO], None], *, what: str) -> None:
    """Call ``write`` with a stream on a new file that replaces ``path`` as a whole once
    complete. ``what`` names the output in the one-line error (e.g. "the estimates")."""
    problem = _unfit_target(path)
    if problem:
        raise OutputError(f"cannot write {what} to {path}: {problem}")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write {what} to {path}: {reason(error)}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise OutputError(f"cannot write {what} to {path}: {reason(error)}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def _unfit_target(path: Path) -> str | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return reason(error)
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link (give the path of a regular file)"
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder (give a file name)"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file (a device, pipe or socket)"
    return None


def reason(error: OSError) -> str:
    """A short reason for a failed write, without a path or a traceback."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EFBIG: "the file is too large for the disk",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EEXIST: "a part of the path is not a folder",
        errno.EISDIR: "it is a folder",
        errno.ENOENT: "no such folder",
    }
    return reasons.get(error.errno or 0, error.strerror or type(error).__name__)
