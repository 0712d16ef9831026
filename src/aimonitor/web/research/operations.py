"""What a researcher changes: a wave's life (draft, dates, open, close) and reopening a
submitted response. Each change is checked by the models (ADR 0008) and logged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aimonitor.errors import AimonitorError
from aimonitor.frame import load_frame
from aimonitor.questionnaire import load_questionnaire
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.research.models import MailTemplate
from aimonitor.web.survey.links import link_expiry
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.survey.purposes import ANSWERING_PURPOSES
from aimonitor.web.waves.models import Wave

REASON_LENGTH = 100
"""Characters of a reopening's reason: the history's change reason holds no more."""


class OperationError(AimonitorError):
    """A change a researcher asked for that cannot be made, and why."""


def create_wave(
    year: int,
    questionnaire_file: Path,
    frame_year: int,
    opens_on: dt.date,
    closes_on: dt.date,
    *,
    by: User | None,
) -> Wave:
    """A draft wave with a copy of the questionnaire (frozen when it opens)."""
    instrument = load_questionnaire(questionnaire_file)
    load_frame(frame_year)  # a frame that cannot be read is an error now, not when opening
    with transaction.atomic():
        wave = Wave.objects.create(
            year=year,
            status=Wave.Status.DRAFT,
            frame_year=frame_year,
            questionnaire_id=instrument.id,
            questionnaire_version=instrument.version,
            questionnaire=instrument.to_dict(),
            opens_on=opens_on,
            closes_on=closes_on,
        )
        _log(wave, by, f"created from {questionnaire_file.name}, frame {frame_year}")
    return wave


def set_dates(wave: Wave, opens_on: dt.date, closes_on: dt.date, *, by: User | None) -> None:
    if wave.status in (Wave.Status.PUBLISHED,):
        raise OperationError(
            _("Wave %(year)s is published: its dates are fixed.") % {"year": wave.year}
        )
    if wave.status == Wave.Status.OPEN and closes_on < timezone.localdate():
        raise OperationError(_("An open wave cannot close in the past: close it instead."))
    wave.opens_on, wave.closes_on = opens_on, closes_on
    with transaction.atomic():
        wave.save(update_fields=["opens_on", "closes_on"])
        _refresh_link_expiry(wave)
        _log(wave, by, f"dates {opens_on:%Y-%m-%d} to {closes_on:%Y-%m-%d}")


def open_wave(wave: Wave, *, by: User | None) -> None:
    """Open a draft (or reopen a closed wave): the questionnaire and frame are frozen."""
    if wave.status not in (Wave.Status.DRAFT, Wave.Status.CLOSED):
        raise OperationError(
            _("Wave %(year)s is %(status)s.")
            % {"year": wave.year, "status": wave.get_status_display()}
        )
    if wave.closes_on is None or wave.closes_on < timezone.localdate():
        raise OperationError(
            _("Wave %(year)s has no closing date from today on: set its dates first.")
            % {"year": wave.year}
        )
    wave.status = Wave.Status.OPEN
    with transaction.atomic():
        wave.save()
        _refresh_link_expiry(wave)
        _log(wave, by, "opened")


def close_wave(wave: Wave, *, by: User | None) -> None:
    if wave.status != Wave.Status.OPEN:
        raise OperationError(_("Wave %(year)s is not open.") % {"year": wave.year})
    wave.status = Wave.Status.CLOSED
    with transaction.atomic():
        wave.save()
        _log(wave, by, "closed")


def reopen_response(wave: Wave, code: str, reason: str, *, by: User | None) -> None:
    """Put a submitted response back in progress; the fieldwork log records who and why
    (from the response's history, :mod:`aimonitor.web.survey.signals`)."""
    if wave.status != Wave.Status.OPEN:
        raise OperationError(
            _("Wave %(year)s is not open: open it before reopening responses.")
            % {"year": wave.year}
        )
    if not reason.strip():
        raise OperationError(_("Say why the response is reopened."))
    response = MunicipalResponse.objects.filter(
        wave=wave, municipality__code=code, status=MunicipalResponse.Status.SUBMITTED
    ).first()
    if response is None:
        raise OperationError(
            _("%(code)s has no submitted response in wave %(year)s.")
            % {"code": code, "year": wave.year}
        )
    response.status = MunicipalResponse.Status.IN_PROGRESS
    # the history's change reason holds 100 characters (simple-history); the form says so
    response._change_reason = reason.strip()[:REASON_LENGTH]  # type: ignore[attr-defined]
    if by is not None:
        response._history_user = by  # type: ignore[attr-defined]
    with transaction.atomic():
        response.save()


def save_mail_text(wave: Wave, kind: str, language: str, subject: str, body: str) -> None:
    """The wave's own text of ``kind`` in ``language`` (checked by the form that took it)."""
    MailTemplate.objects.update_or_create(
        wave=wave,
        kind=kind,
        language=language,
        defaults={"subject": subject, "body": body},
    )


def _refresh_link_expiry(wave: Wave) -> None:
    """The personal links of the wave that are not revoked work until its (new) closing day:
    moving the closing day or reopening the wave keeps the links people have."""
    AccessLink.objects.filter(
        wave=wave, revoked_at__isnull=True, purpose__in=ANSWERING_PURPOSES
    ).update(expires_at=link_expiry(wave))


def _log(wave: Wave, by: User | None, detail: str) -> None:
    FieldworkEvent.objects.create(
        kind=FieldworkEvent.Kind.WAVE_CHANGED, wave=wave, actor=by, detail=detail[:300]
    )
