"""A fixed-window rate limit on the cache: the token endpoint is not a guessing oracle."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
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
