"""The report's HTML as PDF with WeasyPrint (imported lazily), without any network access.

The HTML is self-contained, so the only URLs WeasyPrint may open are inline ``data:`` ones;
anything else stops the rendering with a :class:`ReportError` instead of being fetched.
"""

from __future__ import annotations

from typing import Any

from .errors import ReportError


def render_document(html: str) -> Any:
    """Lay the HTML out on A4 pages: a WeasyPrint ``Document`` (its ``.pages``)."""
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.urls import FatalURLFetchingError  # type: ignore[import-untyped]

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    try:
        return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    except FatalURLFetchingError as error:
        raise ReportError(f"the report refers to an outside resource: {error}") from None


def pdf_bytes(html: str) -> bytes:
    """The PDF of the HTML document."""
    data: bytes = render_document(html).write_pdf()
    return data
