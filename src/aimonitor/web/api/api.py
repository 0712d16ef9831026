"""The API's endpoints. Every answer is about a published wave only: an unknown wave and a
wave under embargo are both 404, so the API does not tell which waves are being prepared.

Each list answers as JSON (paginated: ``page``, ``page_size``) or, with ``format=csv``, as
one CSV of every matching row; every answer carries an ETag and a ``If-None-Match`` that
matches gets 304. The figures are those of the exports (``estimate_records``: disclosure
rules applied, rounded); the views only filter and page them.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError

from aimonitor.errors import AimonitorError
from aimonitor.indicators import EstimateTable
from aimonitor.indicators.export import SYNTHETIC_NOTICE, estimate_records, write_estimates
from aimonitor.indicators.table import IndicatorRow
from aimonitor.publication import Publication
from aimonitor.questionnaire.codebook import codebook
from aimonitor.web.fieldwork.reads import read_questionnaire
from aimonitor.web.outputs.publish import read_published
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_published_waves

api = NinjaAPI(
    title="AI Monitor",
    version="1",
    description="Published figures of the AI Monitor of Dutch municipalities (read-only).",
    docs_url=None,  # the interactive docs load scripts from a CDN; the schema is enough
    urls_namespace="api",
)

MAX_PAGE_SIZE = 1000


class WaveOut(Schema):
    year: int
    synthetic: bool
    estimates: str
    changes: str | None
    codebook: str


class EstimateOut(Schema):
    variable: str
    option: str
    domain: str
    estimate: float | None
    ci_lower: float | None
    ci_upper: float | None
    n: int | None
    method: str | None
    kind: str
    se: float | None
    df: float | None
    suppressed: bool
    label_nl: str
    label_en: str
    note: str | None
    base: str
    synthetic: bool
    p_value: float | None
    p_adjusted: float | None
    significant: bool | None


class EstimatePage(Schema):
    wave: int
    compared_with: int | None
    synthetic: bool
    notice: str | None
    count: int
    page: int
    pages: int
    rows: list[EstimateOut]


class EstimateFilters(Schema):
    variable: str | None = None
    option: str | None = None
    domain: str | None = None
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)
    format: Literal["json", "csv"] = "json"


class ProblemOut(Schema):
    detail: str | list[dict[str, Any]]


class CodebookValueOut(Schema):
    code: int
    label: str
    special: bool


class CodebookEntryOut(Schema):
    variable: str
    item: str
    theme: str
    type: str
    measurement: str
    label: str
    shown_if: str | None
    codes: list[CodebookValueOut]


def _published(year: int) -> Publication:
    try:
        publication = read_published(year)
    except AimonitorError as error:
        raise HttpError(503, f"the figures of wave {year} cannot be made now: {error}") from None
    if publication is None:
        raise HttpError(404, f"no published wave {year}")
    return publication


def _published_wave(year: int) -> Wave:
    for wave in read_published_waves():
        if wave.year == year:
            return wave
    raise HttpError(404, f"no published wave {year}")


def _answer(request: HttpRequest, body: bytes, content_type: str) -> HttpResponseBase:
    """``body`` with an ETag of its content; 304 when the client has it already."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    unchanged = get_conditional_response(request, etag=etag)
    response: HttpResponseBase = unchanged or HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=300)
    return response


def _json(request: HttpRequest, document: Any) -> HttpResponseBase:
    body = json.dumps(document, ensure_ascii=False, allow_nan=False).encode()
    return _answer(request, body, "application/json; charset=utf-8")


def _keep(filters: EstimateFilters) -> Any:
    def keep(row: IndicatorRow) -> bool:
        return (
            (filters.variable is None or row.variable == filters.variable)
            and (filters.option is None or row.option == filters.option)
            and (filters.domain is None or row.domain == filters.domain)
        )

    return keep


def _rows(
    request: HttpRequest, table: EstimateTable, publication: Publication, filters: EstimateFilters
) -> HttpResponseBase:
    questionnaire = publication.wave.questionnaire
    keep = _keep(filters)
    if filters.format == "csv":
        stream = io.StringIO()
        write_estimates(table, stream, "csv", questionnaire=questionnaire, keep=keep)
        return _answer(request, stream.getvalue().encode(), "text/csv; charset=utf-8")
    records = estimate_records(table, questionnaire=questionnaire, keep=keep)
    pages = max(1, math.ceil(len(records) / filters.page_size))
    if not 1 <= filters.page <= pages:
        raise HttpError(404, f"no page {filters.page}: there are {pages}")
    start = (filters.page - 1) * filters.page_size
    return _json(
        request,
        {
            "wave": table.wave,
            "compared_with": table.compared_with,
            "synthetic": table.synthetic,
            "notice": SYNTHETIC_NOTICE if table.synthetic else None,
            "count": len(records),
            "page": filters.page,
            "pages": pages,
            "rows": records[start : start + filters.page_size],
        },
    )


ERRORS: dict[int, Any] = {404: ProblemOut, 422: ProblemOut, 503: ProblemOut}
CSV = {"responses": {"200": {"content": {"text/csv": {"schema": {"type": "string"}}}}}}


@api.get("/waves", response=list[WaveOut], summary="The published waves, newest first")
def waves(request: HttpRequest) -> HttpResponseBase:
    published = read_published_waves()  # newest first
    document = []
    for index, wave in enumerate(published):
        base = f"/api/waves/{wave.year}"
        document.append(
            {
                "year": wave.year,
                "synthetic": wave.is_synthetic,
                "estimates": f"{base}/estimates",
                "changes": f"{base}/changes" if index + 1 < len(published) else None,
                "codebook": f"{base}/codebook",
            }
        )
    return _json(request, document)


@api.get(
    "/waves/{year}/estimates",
    response={200: EstimatePage, **ERRORS},
    openapi_extra=CSV,
    summary="Every published estimate of a wave: overall, by size class and by province",
)
def estimates(request: HttpRequest, year: int, filters: Query[EstimateFilters]) -> HttpResponseBase:
    publication = _published(year)
    return _rows(request, publication.table, publication, filters)


@api.get(
    "/waves/{year}/changes",
    response={200: EstimatePage, **ERRORS},
    openapi_extra=CSV,
    summary="The change of every estimate since the previous wave, with its significance",
)
def changes(request: HttpRequest, year: int, filters: Query[EstimateFilters]) -> HttpResponseBase:
    publication = _published(year)
    if publication.changes is None:
        raise HttpError(404, f"wave {year} has no earlier wave to compare with")
    return _rows(request, publication.changes, publication, filters)


@api.get(
    "/waves/{year}/codebook",
    response={200: list[CodebookEntryOut], **ERRORS},
    summary="Every variable of the wave's questionnaire with its codes",
)
def wave_codebook(
    request: HttpRequest, year: int, lang: Literal["nl", "en"] = "nl"
) -> HttpResponseBase:
    entries = codebook(read_questionnaire(_published_wave(year)), lang)
    return _json(
        request,
        [
            {
                "variable": e.variable,
                "item": e.item,
                "theme": e.theme,
                "type": e.type,
                "measurement": e.measurement,
                "label": e.label,
                "shown_if": e.shown_if,
                "codes": [
                    {"code": c.code, "label": c.label, "special": c.special} for c in e.codes
                ],
            }
            for e in entries
        ],
    )
