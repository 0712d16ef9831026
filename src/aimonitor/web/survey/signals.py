"""The fieldwork log hears of reopenings: a response that goes from submitted back to in
progress (in the admin or the research portal) is logged with who did it and why (from the
response's history: its user and change reason)."""

from __future__ import annotations

from typing import Any

from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.survey.models import FieldworkEvent


def log_reopening(
    sender: type[MunicipalResponse], instance: MunicipalResponse, **kwargs: Any
) -> None:
    if instance.status == MunicipalResponse.Status.SUBMITTED or kwargs.get("created"):
        return
    records = list(instance.history.order_by("-history_id")[:2])
    if len(records) == 2 and records[1].status == MunicipalResponse.Status.SUBMITTED:
        FieldworkEvent.objects.create(
            kind=FieldworkEvent.Kind.REOPENED,
            wave_id=instance.wave_id,
            municipality_code=instance.municipality.code,
            actor=records[0].history_user,
            detail=(records[0].history_change_reason or "")[:300],
        )
