"""Public pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from aimonitor.web.fieldwork.models import Wave
from aimonitor.web.public.response import wave_response


def index(request: HttpRequest) -> HttpResponse:
    """The start page: every wave with its response by size class and province."""
    language = (get_language() or "nl")[:2]
    waves = [wave_response(wave, language) for wave in Wave.objects.order_by("-year")]
    any_synthetic = any(item.wave.is_synthetic for item in waves)
    return render(
        request,
        "public/index.html",
        {"waves": waves, "any_synthetic": any_synthetic},
    )
