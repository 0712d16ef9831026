"""The public dashboard of the published waves: an overview per wave and a page per theme with
its national figures, breakdowns by size class and province, and the trend over the waves.

The figures, their words and their charts come from the core (the report model, its
breakdowns and its chart code, through :mod:`aimonitor.web.outputs.publish`); these views
pick what to show. What a published wave shows is made once for all workers and kept under
its publication key (:mod:`aimonitor.web.outputs.kept`), which publishing another wave
changes; while it is being made a reader is told so (503, with a retry). Unpublished waves
answer 404, to researchers too: they check a wave in its report before publishing it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from aimonitor.errors import AimonitorError
from aimonitor.i18n import SUPPORTED_LANGUAGES, Lang
from aimonitor.report import chart_svg
from aimonitor.report.model import BreakdownKind, Chapter, Chart, Report
from aimonitor.web.language import current_language
from aimonitor.web.outputs.kept import forget_kept, keep_now, kept, peek
from aimonitor.web.outputs.publish import (
    DashboardData,
    PublicationKey,
    read_dashboard_data,
    read_publication_key,
)
from aimonitor.web.waves.reads import read_published_years

VIEWS: dict[str, BreakdownKind | None] = {
    "landelijk": None,
    "grootteklasse": "size_class",
    "provincie": "province",
    "trend": "trend",
}
"""The views of a theme page (the ``per`` parameter): the national figures, or a breakdown."""

VIEW_PARAMETER = "per"
RETRY_SECONDS = 30


def dashboard_index(request: HttpRequest) -> HttpResponse:
    """``/dashboard/``: the newest published wave, or a page saying nothing is published."""
    years = read_published_years()
    if years:
        return redirect("dashboard-wave", year=years[0])
    return render(request, "public/dashboard/empty.html")


class _NotReadyError(Exception):
    """The wave's figures are still being made (by this or another worker)."""


def _data_parts(key: PublicationKey, lang: Lang) -> tuple[object, ...]:
    return ("dashboard-data", key, lang)


def prepare_dashboard(year: int) -> list[str]:
    """Make the dashboard's data of published wave ``year`` in every language now (``make
    demo``, or after publishing), so that its first reader does not wait; what was done."""
    key = read_publication_key(year)
    if key is None:
        return []
    for lang in SUPPORTED_LANGUAGES:
        keep_now(_data_parts(key, lang), lambda lang=lang: read_dashboard_data(key, lang))  # type: ignore[misc]
    return [f"dashboard of wave {year} prepared ({', '.join(SUPPORTED_LANGUAGES)})"]


def _deadline(request: HttpRequest) -> float:
    """When this request stops waiting for what is being made: one deadline for all it
    asks for (:func:`~aimonitor.web.outputs.kept.kept`)."""
    found = getattr(request, "_kept_deadline", None)
    if found is None:
        found = time.monotonic() + float(settings.KEPT_WAIT_SECONDS)
        request._kept_deadline = found  # type: ignore[attr-defined]
    return float(found)


def _data(request: HttpRequest, year: int) -> tuple[PublicationKey, DashboardData]:
    """The key and dashboard data of published wave ``year``; 404 while it is not published.

    Raises :class:`AimonitorError` when it cannot be made (a changed frame) and
    :class:`_NotReadyError` while it is being made."""
    key = read_publication_key(year)
    if key is None:
        raise Http404(f"no published wave {year}")
    lang = current_language()
    data = kept(
        _data_parts(key, lang),
        lambda: read_dashboard_data(key, lang),
        deadline=_deadline(request),
    )
    if data is None:
        raise _NotReadyError
    return key, data


def dashboard_wave(request: HttpRequest, year: int) -> HttpResponse:
    """``/dashboard/<year>/``: the wave's response, its key findings and its themes."""
    try:
        key, data = _data(request, year)
    except _NotReadyError:
        return _not_ready(request, year)
    except AimonitorError:
        return _unavailable(request, year)
    return _page(
        request,
        year,
        ("dashboard-wave-page", key, current_language(), tuple(read_published_years())),
        "public/dashboard/wave.html",
        lambda: {**_frame(data.report), "language_next": reverse("dashboard-wave", args=[year])},
    )


def dashboard_theme(request: HttpRequest, year: int, theme: str) -> HttpResponse:
    """``/dashboard/<year>/<theme>/?per=…``: a theme's figures in one of :data:`VIEWS`. With
    htmx (the filter form changed) only the figures are sent, to replace the ones shown."""
    view = request.GET.get(VIEW_PARAMETER, "landelijk")
    if view not in VIEWS:
        return HttpResponseBadRequest(
            _("Unknown view %(view)s: choose one of %(views)s.")
            % {"view": view[:40], "views": ", ".join(VIEWS)},
            content_type="text/plain; charset=utf-8",
        )
    try:
        key, data = _data(request, year)
        chapter = chapter_of(data.report, theme)
        if chapter is None:
            raise Http404(f"no theme {theme} in wave {year}")
        lang = current_language()
        figures = kept(
            ("dashboard-figures", key, lang, theme, view),
            lambda: _render_figures(key, data, lang, theme, view),
            deadline=_deadline(request),
        )
        if figures is None:
            raise _NotReadyError
    except _NotReadyError:
        return _not_ready(request, year)
    except AimonitorError:
        return _unavailable(request, year)
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        # The filter changed: only the figures, and where the language form returns to
        # (this view). Going back in history htmx asks for the whole page again (it keeps
        # no copies: historyCacheSize 0).
        fragment = kept(
            ("dashboard-fragment", key, lang, theme, view),
            lambda: (
                figures
                + render_to_string(
                    "public/dashboard/_language_next.html",
                    {"next": _theme_address(year, theme, view)},
                )
            ),
            deadline=_deadline(request),
        )
        if fragment is None:
            return _not_ready(request, year)
        response = HttpResponse(fragment)
        patch_vary_headers(response, ("HX-Request",))
        return response
    report = data.report
    response = _page(
        request,
        year,
        ("dashboard-theme-page", key, lang, theme, view, tuple(read_published_years())),
        "public/dashboard/theme.html",
        lambda: {
            **_frame(report),
            "chapter": chapter,
            "findings": next((g for g in report.key_findings if g.theme == theme), None),
            "view": view,
            "views": _view_labels(),
            "figures": figures,
            "language_next": _theme_address(year, theme, view),
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


def _theme_address(year: int, theme: str, view: str) -> str:
    """The address of a theme's view: where the language form returns to. Asked only when a
    page or fragment is made, not on every request."""
    return reverse("dashboard-theme", args=[year, theme]) + f"?{VIEW_PARAMETER}={view}"


CSRF_PLACEHOLDER = "csrf-token-of-the-request"


def _page(
    request: HttpRequest,
    year: int,
    parts: tuple[object, ...],
    template: str,
    context: Callable[[], dict[str, object]],
) -> HttpResponse:
    """A dashboard page rendered once per publication, language and view and kept (the
    figures alone are not enough: rendering the page around them cost as much again); each
    request puts in its own CSRF token (the language form)."""
    html = kept(
        parts,
        deadline=_deadline(request),
        make=lambda: render_to_string(
            template,
            {**context(), "request": request, "csrf_token": CSRF_PLACEHOLDER},
        ),
    )
    if html is None:
        return _not_ready(request, year)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def _render_figures(
    key: PublicationKey, data: DashboardData, lang: Lang, theme: str, view: str
) -> str:
    """The figures of a theme in a view (what htmx swaps in), their charts drawn and kept
    for :func:`dashboard_chart`."""
    report = data.report
    kind = VIEWS[view]
    chapter = chapter_of(report, theme)
    assert chapter is not None
    breakdowns = () if kind is None else data.breakdowns[(theme, kind)]
    charts = [
        chart
        for chart in (
            [c for section in chapter.sections for c in section.charts]
            if kind is None
            else [b.chart for b in breakdowns]
        )
        if chart is not None
    ]
    for chart in charts:
        keep_now(_chart_parts(key, chart_name(chart, lang)), lambda c=chart: chart_svg(c, lang))  # type: ignore[misc]
    return render_to_string(
        "public/dashboard/_figures.html",
        {
            "report": report,
            "year": report.wave,
            "chapter": chapter,
            "kind": kind,
            "breakdowns": breakdowns,
            "lang": lang,
        },
    )


CHART_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""A chart is an SVG document drawn by matplotlib, which styles with ``style`` attributes;
it holds no script and loads nothing."""


def _chart_parts(key: PublicationKey, name: str) -> tuple[object, ...]:
    """A chart is kept with the publication it belongs to: no other year's address shows it."""
    return ("dashboard-chart", key, name)


def chart_name(chart: Chart, lang: Lang) -> str:
    """The name of a drawn chart: a digest of what it shows, so a name never changes its
    picture and readers' browsers may keep it for good."""
    return hashlib.sha256(repr((chart, lang)).encode()).hexdigest()[:32]


def dashboard_chart(request: HttpRequest, year: int, name: str) -> HttpResponse:
    """``/dashboard/<year>/grafiek/<name>.svg``: a chart of a page of the dashboard (drawn
    when the page's figures were made)."""
    key = read_publication_key(year)
    if key is None:
        raise Http404(f"no published wave {year}")
    svg = peek(_chart_parts(key, name))
    if not isinstance(svg, str):
        raise Http404("no such chart")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Security-Policy"] = CHART_CONTENT_SECURITY_POLICY
    return response


def forget_dashboard() -> None:
    """Drop the kept pages and data, in this process and the shared cache (tests, whose
    databases reuse ids)."""
    forget_kept()
    cache.clear()


def chapter_of(report: Report, theme: str) -> Chapter | None:
    """The chapter of ``theme`` in ``report``, ``None`` if it has none."""
    return next((c for c in report.chapters if c.theme == theme), None)


def _frame(report: Report) -> dict[str, object]:
    """What every dashboard page shows around its content: the wave, its themes, the
    language and the other published waves."""
    return {
        "report": report,
        "year": report.wave,
        "chapters": report.chapters,
        "lang": current_language(),
        "published_years": read_published_years(),
        "synthetic": report.synthetic,
        "synthetic_label": report.synthetic_label,
    }


def _view_labels() -> list[tuple[str, str]]:
    return [
        ("landelijk", _("National")),
        ("grootteklasse", _("By size class")),
        ("provincie", _("By province")),
        ("trend", _("Over the waves")),
    ]


def _not_ready(request: HttpRequest, year: int) -> HttpResponse:
    response = render(
        request,
        "public/dashboard/not_ready.html",
        {"year": year, "retry": RETRY_SECONDS},
        status=503,
    )
    response["Retry-After"] = str(RETRY_SECONDS)
    return response


def _unavailable(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "public/dashboard/unavailable.html", {"year": year}, status=503)
