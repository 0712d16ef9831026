"""The report's HTML as PDF with WeasyPrint (imported lazily), without any network access.

The HTML is self-contained, so the only URLs WeasyPrint may open are inline ``data:`` ones;
anything else stops the rendering with a :class:`ReportError` instead of being fetched.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import ReportError


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Layout allocates millions of short-lived objects; with the charts and estimate tables
    already in memory the garbage collector would walk those again and again (about 10% of
    the PDF time, see bench/RESULTS.md). Freeze what exists now, release it afterwards."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _layout(html: str) -> Any:
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    try:
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    except FatalURLFetchingError as error:
        raise ReportError(f"the report refers to an outside resource: {error}") from None


def render_document(html: str) -> Any:
    """Lay the HTML out on A4 pages: a WeasyPrint ``Document`` (its ``.pages``)."""
    with _frozen_heap():
        return _layout(html)


def pdf_bytes(html: str) -> bytes:
    """The PDF of the HTML document."""
    with _frozen_heap():
        data: bytes = _layout(html).write_pdf()
    return data
