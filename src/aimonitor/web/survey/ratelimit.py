"""A fixed-window rate limit on the cache: the token endpoint is not a guessing oracle.

The cache is the database's (settings ``CACHES``), shared by every worker; its increments
are not atomic, so two requests at the same instant may count once: a limit, not a quota."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: behind a trusted proxy (``TRUST_X_FORWARDED_FOR``) the last
    address of X-Forwarded-For, the one the proxy itself appended; else the peer's."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if forwarded[-1]:
            return str(forwarded[-1])
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def over_limit(scope: str, who: str, per_minute: int) -> bool:
    """Count one request of ``who`` in ``scope``; ``True`` once more than ``per_minute``
    arrived in the current minute."""
    key = f"ratelimit:{scope}:{who}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=61):
        return per_minute < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=61)
        count = 1
    return count > per_minute
