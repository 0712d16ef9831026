"""Results kept for every worker: made once, by one worker, and read by all.

The public outputs of a published wave never change (a new publication has a new key), but
making them takes seconds (estimation, charts). :func:`kept` returns a result from this
process's memory, else from the shared cache (the database cache every gunicorn worker
reads), else makes it: in a background thread of one worker (elected by an atomic
``cache.add`` of a lock), waiting at most ``KEPT_WAIT_SECONDS`` for it, well inside
gunicorn's worker timeout, so that a slow first reader never gets its worker killed halfway
and the next reader does not start over. ``None``: not ready yet (the caller says so, 503).

With ``KEPT_IN_BACKGROUND`` false (the tests, whose data a thread's own database connection
cannot see inside the test's transaction) the request makes it itself.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation

import aimonitor
from aimonitor.errors import AimonitorError
from aimonitor.paths import data_dir

T = TypeVar("T")

VERSION = 1
"""Part of every key: raise it when a kept result's type changes."""

KEEP_SECONDS = 30 * 24 * 3600
"""How long a result stays in the shared cache unread by a new key; what a publication
shows never changes, so this only bounds what earlier versions of the code left behind."""


@functools.cache
def code_fingerprint() -> str:
    """A digest of the project's installed files and its data (names, sizes, modification
    times): part of every key, so a deployment of other code, templates, frames or
    questionnaires never serves what was made before it."""
    digest = hashlib.sha256()
    for root in (Path(aimonitor.__file__).resolve().parent, data_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".css", ".yaml", ".mo", ".csv"):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


LOCK_SECONDS = 300
"""How long a worker may take to make a result before another one may try."""

_LOCAL: dict[str, tuple[float, Any]] = {}
_LOCAL_LIMIT = 1024
LOCAL_SECONDS = 300
"""How long a worker trusts its own copy before it asks the shared cache again: what the
cache lost (cleared, culled, expired) is made again within this time, charts included."""


def _key(parts: tuple[object, ...]) -> str:
    digest = hashlib.sha256(repr((code_fingerprint(), parts)).encode()).hexdigest()
    return f"kept:v{VERSION}:{digest}"


def kept(
    parts: tuple[object, ...], make: Callable[[], T], *, deadline: float | None = None
) -> T | None:
    """The result ``make`` gives, kept under ``parts`` (their ``repr`` must say everything
    the result depends on); ``None`` while another worker, or a thread of this one, is
    still making it after the wait.

    ``deadline`` (``time.monotonic()``): when the request stops waiting, shared by the
    results one request asks for (by default ``KEPT_WAIT_SECONDS`` from now), so that waits
    in a row never add up past gunicorn's worker timeout.

    Raises :class:`AimonitorError` when making it failed (for a minute: then it is tried
    again), with the reason ``make`` gave."""
    key = _key(parts)
    found = _read(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    failed = cache.get(key + ":failed")
    if failed is not None:
        raise AimonitorError(str(failed))
    if not getattr(settings, "KEPT_IN_BACKGROUND", True):
        return _store(key, make())
    if deadline is None:
        deadline = time.monotonic() + float(getattr(settings, "KEPT_WAIT_SECONDS", 20))
    if cache.add(key + ":making", 1, timeout=LOCK_SECONDS):
        # The thread makes it as this request would: in its language, with its script
        # prefix (both are per thread in Django).
        made_as = (translation.get_language(), get_script_prefix())
        worker = threading.Thread(target=_make, args=(key, make, made_as), daemon=True)
        worker.start()
        worker.join(max(0.0, deadline - time.monotonic()))
    else:
        while time.monotonic() < deadline and cache.get(key + ":making") is not None:
            time.sleep(0.25)
    found = _read(key)
    if found is None and (failed := cache.get(key + ":failed")) is not None:
        raise AimonitorError(str(failed))
    return found  # type: ignore[no-any-return]


def keep_now(parts: tuple[object, ...], make: Callable[[], T]) -> T:
    """Make the result kept under ``parts`` now, in this thread (a command preparing what
    readers will ask for), and keep it."""
    return _store(_key(parts), make())


def peek(parts: tuple[object, ...]) -> Any:
    """The result kept under ``parts``, ``None`` if none is (nothing is made)."""
    return _read(_key(parts))


def _read(key: str) -> Any:
    local = _LOCAL.get(key)
    if local is not None and time.monotonic() - local[0] < LOCAL_SECONDS:
        return local[1]
    found = cache.get(key)
    if found is not None:
        _remember(key, found)
    return found


def _store(key: str, value: T) -> T:
    cache.set(key, value, timeout=KEEP_SECONDS)
    _remember(key, value)
    return value


def _remember(key: str, value: Any) -> None:
    if len(_LOCAL) >= _LOCAL_LIMIT:
        _LOCAL.clear()
    _LOCAL[key] = (time.monotonic(), value)


FAILURE_SECONDS = 60


def _make(key: str, make: Callable[[], Any], made_as: tuple[str | None, str]) -> None:
    language, prefix = made_as
    set_script_prefix(prefix)
    try:
        with translation.override(language):
            _store(key, make())
    except AimonitorError as error:
        cache.set(key + ":failed", str(error), timeout=FAILURE_SECONDS)
    except Exception as error:
        cache.set(key + ":failed", f"{type(error).__name__}: {error}", timeout=FAILURE_SECONDS)
        raise
    finally:
        cache.delete(key + ":making")
        connection.close()  # this thread's own connection


def forget_kept() -> None:
    """Drop what this process keeps in memory (tests, whose databases reuse ids; what the
    shared cache keeps goes with a test's transaction, or with ``cache.clear()``)."""
    _LOCAL.clear()
