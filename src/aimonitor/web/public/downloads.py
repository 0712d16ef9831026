"""Serving a built file (a report) as a download should: with validators (``ETag``,
``Last-Modified``) for conditional requests (304), ``Cache-Control``, and byte ranges (206)
for resumed or partial downloads of the PDF.

The file is opened once and everything (size, validators, body) comes from that open file,
so a report rebuilt while it is being served cannot mix two versions in one response.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import BinaryIO

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

CACHE_CONTROL = "public, no-cache"
"""Caches may keep a report but must ask again each time (304 if unchanged): a report's URL
stays the same when it is rebuilt."""

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


def _etag(stat: os.stat_result) -> str:
    return f'"{stat.st_ino:x}-{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The one range ``bytes=a-b``, ``bytes=a-`` or ``bytes=-n`` as (first, last) within a
    file of ``size`` bytes; None when not satisfiable. Raises ValueError for what is not a
    single byte range (then the whole file is served, as RFC 9110 allows)."""
    match = _RANGE.match(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        raise ValueError(header)
    first, last = match.group(1), match.group(2)
    if first == "":
        length = int(last)
        if length == 0 or size == 0:
            return None
        return max(size - length, 0), size - 1
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if last != "" and int(last) < start:
        raise ValueError(header)
    if start >= size:
        return None
    return start, end


def _if_range_matches(request: HttpRequest, etag: str, mtime: float) -> bool:
    condition = request.META.get("HTTP_IF_RANGE")
    if not isinstance(condition, str):
        return True
    if condition.startswith('"'):
        return condition == etag
    since = parse_http_date_safe(condition)
    return since is not None and int(mtime) <= since


def _read(handle: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(_CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


def file_download(request: HttpRequest, handle: BinaryIO, content_type: str) -> HttpResponseBase:
    """The open file ``handle`` as the response to ``request``: 200, 206 (a range), 304 (not
    modified), 412 (a failed precondition) or 416 (a range beyond the end). Size, validators
    and body all come from this one open file, so a rebuild cannot mix two versions."""
    stat = os.fstat(handle.fileno())
    etag, last_modified = _etag(stat), stat.st_mtime
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": CACHE_CONTROL,
        "Accept-Ranges": "bytes",
    }
    conditional = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if conditional is not None:
        handle.close()
        for name, value in headers.items():
            conditional[name] = value
        return conditional

    response: HttpResponseBase
    wanted = request.META.get("HTTP_RANGE")
    byte_range: tuple[int, int] | None = (0, stat.st_size - 1)
    partial = False
    if (
        wanted is not None
        and request.method in {"GET", "HEAD"}
        and _if_range_matches(request, etag, last_modified)
    ):
        try:
            byte_range = _byte_range(wanted, stat.st_size)
            partial = True
        except ValueError:
            partial = False
    if partial and byte_range is None:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{stat.st_size}"
    elif partial and byte_range is not None:
        first, last = byte_range
        response = StreamingHttpResponse(
            _read(handle, first, last - first + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {first}-{last}/{stat.st_size}"
        response["Content-Length"] = str(last - first + 1)
    else:
        response = FileResponse(handle, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response
