"""Public pages: they read through the apps' ``reads`` and leave wording to the core."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language

from aimonitor.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, check_language
from aimonitor.report import open_report_file
from aimonitor.web.accounts.roles import is_signed_in_researcher
from aimonitor.web.fieldwork.reads import read_response
from aimonitor.web.outputs.reports import REPORT_FILES, built_report_languages, report_dir
from aimonitor.web.public.downloads import file_download
from aimonitor.web.waves.reads import read_is_published, read_waves_newest_first

REPORT_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
"""A built report is one self-contained file without scripts: its own ``<style>`` and the
charts' inline SVG (matplotlib writes ``style`` attributes) need inline styles, and nothing
else is allowed, not even a script of this site."""


def report(
    request: HttpRequest, year: int, lang: str, filename: str = "report.html"
) -> HttpResponseBase:
    """A built report of a wave (HTML or PDF), as `aimonitor report` or the demo wrote it,
    with caching validators and byte ranges (:func:`.downloads.file_download`).

    Until the wave is published (the embargo) only a researcher logged in with a second factor
    gets it, to check it before publishing; everyone else is told it does not exist."""
    if lang not in SUPPORTED_LANGUAGES or filename not in REPORT_FILES:
        raise Http404("no such report")
    if not read_is_published(year) and not is_signed_in_researcher(request):
        raise Http404(f"the report of {year} has not been published")
    stream = open_report_file(report_dir(year, check_language(lang)), filename)
    if stream is None:  # not built, or not complete: never serve part of a set
        raise Http404(f"the report of {year} ({lang}) has not been built yet")
    response = file_download(request, stream, REPORT_FILES[filename])
    response["Content-Security-Policy"] = REPORT_CONTENT_SECURITY_POLICY
    return response


def index(request: HttpRequest) -> HttpResponse:
    """The start page: every wave, newest first, with its response and, once it is
    published, its built reports."""
    waves = [
        (wave, read_response(wave), built_report_languages(wave.year) if wave.is_published else [])
        for wave in read_waves_newest_first()
    ]
    return render(
        request,
        "public/index.html",
        {
            "waves": waves,
            "any_synthetic": any(wave.is_synthetic for wave, _, _ in waves),
            "lang": (get_language() or DEFAULT_LANGUAGE)[:2],
        },
    )
