"""``make demo`` opens the newest synthetic wave for answering and hands out one link.

The newest demo wave (2025) is closed after generation; the demo reopens it until 60 days
from today, and issues a coordinator link for a municipality that did not submit in 2025
but did in 2024 (so last year's answers show). The link is printed beside the address.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from aimonitor.web.fieldwork.consent import record_naming_consent
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.invitations import link_url
from aimonitor.web.survey.links import issue_link, person_for
from aimonitor.web.waves.models import Wave

DEMO_COORDINATOR = "coordinator@demo.invalid"
OPEN_DAYS = 60


def open_demo_wave(base_url: str) -> list[str]:
    """Reopen the newest synthetic wave and issue a demo coordinator link; what to print."""
    wave = Wave.objects.filter(is_synthetic=True).order_by("-year").first()
    if wave is None or wave.status == Wave.Status.PUBLISHED:
        return []
    with transaction.atomic():
        wave.status = Wave.Status.OPEN
        wave.closes_on = dt.date.today() + dt.timedelta(days=OPEN_DAYS)
        wave.save(update_fields=["status", "closes_on"])
        code = _demo_municipality(wave)
        issued = issue_link(
            wave, code, person_for(DEMO_COORDINATOR, "Demo-coördinator"), "coordinator"
        )
    return [
        f"wave {wave.year} (SYNTHETIC) is open for answering until {wave.closes_on:%Y-%m-%d}",
        f"coordinator link of {code} (a demo municipality): {link_url(issued, base_url)}",
    ]


def _demo_municipality(wave: Wave) -> str:
    submitted_before = set(
        MunicipalResponse.objects.filter(
            wave__year=wave.year - 1,
            wave__is_synthetic=True,
            status=MunicipalResponse.Status.SUBMITTED,
        ).values_list("municipality__code", flat=True)
    )
    submitted_now = set(
        MunicipalResponse.objects.filter(
            wave=wave, status=MunicipalResponse.Status.SUBMITTED
        ).values_list("municipality__code", flat=True)
    )
    codes = Municipality.objects.filter(frame_year=wave.frame_year).order_by("-inhabitants")
    for code in codes.values_list("code", flat=True):
        if code in submitted_before and code not in submitted_now:
            return code
    return str(codes.values_list("code", flat=True).first())


DEMO_CONSENT_SHARE = 0.4
"""The share of the demo's responding municipalities that allow being named in the open data
(synthetic, like everything in the demo waves), so that a chosen comparison group works."""


def prepare_demo_benchmark(base_url: str, seed: int) -> list[str]:
    """The published synthetic wave's dashboard, and a benchmark link for a demo
    municipality that took part in it; what to print."""
    wave = (
        Wave.objects.filter(is_synthetic=True, status=Wave.Status.PUBLISHED)
        .order_by("-year")
        .first()
    )
    if wave is None:
        return []
    responding = list(
        MunicipalResponse.objects.filter(wave=wave, status=MunicipalResponse.Status.SUBMITTED)
        .select_related("municipality")
        .order_by("municipality__code")
    )
    chosen = random.Random(seed).sample(responding, round(len(responding) * DEMO_CONSENT_SHARE))
    with transaction.atomic():
        for response in chosen:
            record_naming_consent(wave, response.municipality, named=True, by=None)
        code = _largest_responding(responding)
        issued = issue_link(
            wave, code, person_for(DEMO_COORDINATOR, "Demo-coördinator"), "benchmark"
        )
    return [
        f"dashboard of wave {wave.year} (SYNTHETIC): {base_url}/dashboard/{wave.year}/",
        f"benchmark link of {code} (a demo municipality): {link_url(issued, base_url)}",
    ]


def _largest_responding(responding: list[MunicipalResponse]) -> str:
    return max(responding, key=lambda r: r.municipality.inhabitants).municipality.code
