"""Every database read of the survey portal (``read_*``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from aimonitor.frame import load_lineage
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.models import AccessLink
from aimonitor.web.survey.purposes import ANSWERING_PURPOSES
from aimonitor.web.waves.models import Wave


@dataclass(frozen=True)
class StoredAnswer:
    value: object
    revision: int


@dataclass(frozen=True)
class LastChange:
    """Who last changed an answer, and when (from its history)."""

    by: str
    at: datetime


@dataclass(frozen=True)
class TeamMember:
    name: str
    email: str
    purpose: str
    themes: tuple[str, ...]
    last_used_at: datetime | None
    usable: bool


def read_stored_answers(response: MunicipalResponse) -> dict[str, StoredAnswer]:
    return {
        variable: StoredAnswer(value, revision)
        for variable, value, revision in Answer.objects.filter(response=response).values_list(
            "variable", "value", "revision"
        )
    }


def read_last_change(response: MunicipalResponse, variable: str) -> LastChange | None:
    record = (
        Answer.history.filter(response_id=response.pk, variable=variable)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None:
        return None
    user = record.history_user
    name = (user.get_full_name() or user.username) if user is not None else "?"
    return LastChange(name, record.history_date)


def read_previous_answers(wave: Wave, code: str) -> tuple[str | None, dict[str, object]]:
    """Last year's submitted answers of the municipality: the latest earlier wave (real
    waves only for a real wave), under the same code or, after a merger, of a predecessor.
    Gives the name whose answers they are when it is a predecessor's."""
    earlier = (
        Wave.objects.filter(year__lt=wave.year, is_synthetic=wave.is_synthetic)
        .exclude(status=Wave.Status.DRAFT)
        .order_by("-year")
        .first()
    )
    if earlier is None:
        return None, {}
    candidates = [code, *load_lineage().predecessors(code, wave.frame_year)]
    for candidate in candidates:
        response = (
            MunicipalResponse.objects.filter(
                wave=earlier,
                municipality__code=candidate,
                status=MunicipalResponse.Status.SUBMITTED,
            )
            .select_related("municipality")
            .first()
        )
        if response is not None:
            answers = dict(
                Answer.objects.filter(response=response).values_list("variable", "value")
            )
            name = None if candidate == code else response.municipality.name
            return name, answers
    return None, {}


_NAMES: dict[int, dict[int, str]] = {}


def read_municipality_names(frame_year: int) -> dict[int, str]:
    """Municipality number (363 for GM0363) -> name, in the wave's frame (read once per
    process: a frame year's municipalities are fixed, ADR 0007)."""
    if frame_year not in _NAMES:
        names = {
            int(code[2:]): name
            for code, name in Municipality.objects.filter(frame_year=frame_year).values_list(
                "code", "name"
            )
        }
        if not names:
            return names
        _NAMES[frame_year] = names
    return _NAMES[frame_year]


def read_team(wave: Wave, code: str) -> list[TeamMember]:
    """Everyone invited to answer for the municipality in this wave, newest link per person."""
    now = timezone.now()
    latest: dict[int, AccessLink] = {}
    links = AccessLink.objects.filter(
        wave=wave, municipality_code=code, purpose__in=ANSWERING_PURPOSES
    ).select_related("user")
    for link in links:
        latest[link.user_id] = link
    return [
        TeamMember(
            name=link.user.get_full_name() or link.user.username,
            email=link.user.email,
            purpose=link.purpose,
            themes=tuple(link.themes),
            last_used_at=link.last_used_at,
            usable=link.is_usable(now),
        )
        for link in sorted(latest.values(), key=lambda link: (link.purpose, link.user.username))
    ]


def read_links(ids: list[int]) -> list[AccessLink]:
    return list(AccessLink.objects.filter(pk__in=ids).select_related("wave", "user"))
