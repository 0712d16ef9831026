"""The benchmark of a municipality (private): its own answers beside its peers, theme by
theme, with its maturity profile, as a page and as a PDF.

Who sees it: the municipality's own people through a benchmark link (``aimonitor
benchmark-links`` mails one to each coordinator and contributor of the wave) that this
session opened and that still works, and researchers logged in with a second factor.
Anyone else is told it does not exist (the links of another municipality) or how to get in
(no benchmark link). The figures, words and PDF come from the core
(:mod:`aimonitor.report.benchmark`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aimonitor.errors import AimonitorError
from aimonitor.report import ReportError
from aimonitor.report.benchmark import Benchmark, render_benchmark_pdf
from aimonitor.web.accounts.roles import is_signed_in_researcher
from aimonitor.web.fieldwork.reads import read_named_municipalities
from aimonitor.web.language import current_language
from aimonitor.web.municipalities.reads import read_municipalities
from aimonitor.web.outputs.publish import read_benchmark
from aimonitor.web.survey.access import session_links
from aimonitor.web.waves.models import Wave

CHOSEN_PARAMETER = "vergelijk"
"""The query parameter (repeated) of the chosen peers: CBS codes."""

MAX_CHOSEN = 60
CODE = re.compile(r"GM\d{4}")


class NoBenchmarkAccessError(Exception):
    """A visitor without an account: shown how to get in."""


def benchmark_wave(request: HttpRequest, year: int, code: str) -> Wave:
    """The wave whose benchmark of ``code`` this request may see: a researcher's, or that
    of a benchmark link this session opened and that still works (not revoked, not
    expired); 404 for the links of another municipality or wave, an unknown wave or a wave
    still open."""
    if not is_signed_in_researcher(request):
        links = session_links(request, purposes=("benchmark",))
        if not links:
            raise NoBenchmarkAccessError
        if not any(k.wave.year == year and k.municipality_code == code for k in links):
            raise Http404("no such benchmark")
    wave = Wave.objects.filter(
        year=year, status__in=(Wave.Status.CLOSED, Wave.Status.PUBLISHED)
    ).first()
    if wave is None:
        raise Http404(f"no benchmark of {year}: the wave is unknown or still open")
    return wave


def _benchmark_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A visitor without a benchmark link gets the page that says how to get in (403); a
    benchmark that cannot be made now (a changed frame) a page that says so (503)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, year: int, code: str) -> HttpResponse:
        try:
            return view(request, year, code)
        except NoBenchmarkAccessError:
            return render(request, "survey/link_problem.html", {"problem": "benchmark"}, status=403)
        except ReportError:
            raise  # a benchmark that cannot be rendered is a fault of ours, not of the moment
        except AimonitorError:
            return render(request, "survey/benchmark_unavailable.html", {"year": year}, status=503)

    return wrapped


def _chosen(request: HttpRequest) -> tuple[str, ...]:
    """The chosen peers of the query, well-formed codes only, each once."""
    codes = [c.strip().upper() for c in request.GET.getlist(CHOSEN_PARAMETER)]
    return tuple(dict.fromkeys(c for c in codes if CODE.fullmatch(c)))[:MAX_CHOSEN]


def _benchmark(request: HttpRequest, year: int, code: str) -> tuple[Wave, Benchmark]:
    wave = benchmark_wave(request, year, code)
    try:
        return wave, read_benchmark(wave, code, _chosen(request), current_language())
    except ReportError as error:  # the municipality did not respond, or is unknown
        raise Http404(str(error)) from None


@require_GET
@_benchmark_view
def benchmark(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """``/benchmark/<year>/<code>/?vergelijk=GM…``: the benchmark page."""
    wave, document = _benchmark(request, year, code)
    names = read_municipalities(wave.frame_year)
    # Only the answers of a published wave are public: before that, nobody to choose.
    named = read_named_municipalities(wave) if wave.status == Wave.Status.PUBLISHED else ()
    candidates = sorted(
        ((c, names[c].name) for c in named if c in names and c != code),
        key=lambda pair: pair[1],
    )
    response = render(
        request,
        "survey/benchmark.html",
        {
            "b": document,
            "candidates": candidates,
            "chosen": set(_chosen(request)),
            "query": request.GET.urlencode(),
            "published": wave.status == Wave.Status.PUBLISHED,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@_benchmark_view
def benchmark_pdf(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The benchmark as PDF, made by the report's renderer."""
    _wave, document = _benchmark(request, year, code)
    response = HttpResponse(render_benchmark_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="ai-monitor-{year}-benchmark-{code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
