"""Public pages."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from aimonitor.i18n import SUPPORTED_LANGUAGES
from aimonitor.web.fieldwork.models import Wave
from aimonitor.web.public.response import wave_response
from aimonitor.web.publishing import report_dir

REPORT_FILES = {"report.html": "text/html; charset=utf-8", "report.pdf": "application/pdf"}


def report(
    request: HttpRequest, year: int, lang: str, filename: str = "report.html"
) -> HttpResponse:
    """A built report of a wave (HTML or PDF), as `aimonitor report` or the demo wrote it."""
    if lang not in SUPPORTED_LANGUAGES or filename not in REPORT_FILES:
        raise Http404("no such report")
    path = report_dir(year, lang) / filename
    if not path.is_file():
        raise Http404(f"the report of {year} ({lang}) has not been built yet")
    return FileResponse(path.open("rb"), content_type=REPORT_FILES[filename])


def index(request: HttpRequest) -> HttpResponse:
    """The start page: every wave with its response by size class and province."""
    language = (get_language() or "nl")[:2]
    waves = [wave_response(wave, language) for wave in Wave.objects.order_by("-year")]
    reports = {
        item.wave.year: [
            lang
            for lang in SUPPORTED_LANGUAGES
            if (report_dir(item.wave.year, lang) / "report.html").is_file()
        ]
        for item in waves
    }
    any_synthetic = any(item.wave.is_synthetic for item in waves)
    return render(
        request,
        "public/index.html",
        {"waves": waves, "any_synthetic": any_synthetic, "reports": reports},
    )
