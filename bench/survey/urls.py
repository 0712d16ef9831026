"""The project's URLs plus ``/bench/bare/``: a view that returns a short response without
touching the database, through the same middleware, the same gunicorn and the same WSGI
application as the survey pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("aimonitor.web.project.urls")),
]
