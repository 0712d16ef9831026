"""The public dashboard of the published waves: an overview per wave and a page per theme with
its national figures, breakdowns by size class and province, and the trend over the waves.

The figures, their words and their charts come from the core (the report model, its
breakdowns and its chart code, through :mod:`aimonitor.web.outputs.publish`); these views pick
what to show and keep the rendered figures of a published wave, so a reader waits for
estimation once per published wave, language, theme and view. Unpublished waves answer 404,
to researchers too: they check a wave in its report before publishing it.
"""

from __future__ import annotations

import functools

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aimonitor.errors import AimonitorError
from aimonitor.i18n import DEFAULT_LANGUAGE, Lang, check_language
from aimonitor.report.model import BreakdownKind, Chapter, Report
from aimonitor.web.outputs.publish import (
    PublicationKey,
    read_publication_key,
    read_published_breakdowns,
    read_published_report,
)
from aimonitor.web.waves.reads import read_published_waves

VIEWS: dict[str, BreakdownKind | None] = {
    "landelijk": None,
    "grootteklasse": "size_class",
    "provincie": "province",
    "trend": "trend",
}
"""The views of a theme page (the ``per`` parameter): the national figures, or a breakdown."""

VIEW_PARAMETER = "per"


def _lang() -> Lang:
    return check_language((get_language() or DEFAULT_LANGUAGE)[:2])


def dashboard_index(request: HttpRequest) -> HttpResponse:
    """``/dashboard/``: the newest published wave, or a page saying nothing is published."""
    waves = read_published_waves()
    if waves:
        return redirect("dashboard-wave", year=waves[0].year)
    return render(request, "public/dashboard/empty.html", status=200)


def _published(year: int) -> tuple[PublicationKey, Report]:
    """The key and report of published wave ``year``; 404 while it is not published.

    Raises :class:`AimonitorError` when it cannot be estimated (a changed frame)."""
    key = read_publication_key(year)
    if key is None:
        raise Http404(f"no published wave {year}")
    return key, read_published_report(key, _lang())


def dashboard_wave(request: HttpRequest, year: int) -> HttpResponse:
    """``/dashboard/<year>/``: the wave's response, its key findings and its themes."""
    try:
        _key, report = _published(year)
    except AimonitorError:
        return _unavailable(request, year)
    return render(
        request,
        "public/dashboard/wave.html",
        {**_frame(report), "report": report},
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
        key, report = _published(year)
        chapter = chapter_of(report, theme)
        if chapter is None:
            raise Http404(f"no theme {theme} in wave {year}")
        figures = _figures(key, _lang(), theme, view)
    except AimonitorError:
        return _unavailable(request, year)
    if getattr(request, "htmx", False):
        return HttpResponse(figures)
    findings = next((g for g in report.key_findings if g.theme == theme), None)
    return render(
        request,
        "public/dashboard/theme.html",
        {
            **_frame(report),
            "report": report,
            "chapter": chapter,
            "findings": findings,
            "view": view,
            "views": _view_labels(),
            "figures": figures,
        },
    )


@functools.lru_cache(maxsize=512)
def _figures(key: PublicationKey, lang: Lang, theme: str, view: str) -> str:
    """The rendered figures of a theme in a view, kept per publication (its ``key`` changes
    when a wave is published, which is what invalidates them)."""
    report = read_published_report(key, lang)
    chapter = chapter_of(report, theme)
    kind = VIEWS[view]
    breakdowns = () if kind is None else read_published_breakdowns(key, lang, theme, kind)
    return render_to_string(
        "public/dashboard/_figures.html",
        {
            "report": report,
            "chapter": chapter,
            "kind": kind,
            "view": view,
            "breakdowns": breakdowns,
            "lang": lang,
        },
    )


def forget_dashboard() -> None:
    """Drop the kept pages (tests, whose databases reuse ids)."""
    _figures.cache_clear()


def _frame(report: Report) -> dict[str, object]:
    """What every dashboard page shows around its content: the wave, its themes, the
    language and the other published waves."""
    return {
        "year": report.wave,
        "chapters": report.chapters,
        "lang": _lang(),
        "published_years": [wave.year for wave in read_published_waves()],
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


def _unavailable(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "public/dashboard/unavailable.html", {"year": year}, status=503)


def chapter_of(report: Report, theme: str) -> Chapter | None:
    """The chapter of ``theme`` in ``report``, ``None`` if it has none."""
    return next((c for c in report.chapters if c.theme == theme), None)
