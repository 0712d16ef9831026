"""Every database read of the research portal (``read_*``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from aimonitor.fieldwork.progress import FieldworkProgress, FieldworkState, build_fieldwork_progress
from aimonitor.frame import Municipality, load_frame, load_lineage
from aimonitor.indicators import IndicatorError, Respondent, coverage_inputs
from aimonitor.questionnaire import Questionnaire
from aimonitor.questionnaire.form import missing_answers
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.fieldwork.reads import read_respondents, read_submitted
from aimonitor.web.research.models import Contact, Delivery, MailTemplate
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.survey.links import AMSTERDAM
from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.waves.models import Wave


def read_fieldwork_progress(wave: Wave) -> FieldworkProgress:
    """The cockpit's figures (:func:`read_fieldwork`, without the coverage problem)."""
    return read_fieldwork(wave)[0]


def read_coverage_problem(wave: Wave) -> str | None:
    """Why the submitted responses of ``wave`` cannot all count (a municipality that answered
    itself and is covered by a shared organisation, or is covered twice), or None. The team
    reopens one of the two."""
    return _read_respondent_rows(wave, frozen_questionnaire(wave))[1]


def _read_respondent_rows(
    wave: Wave, questionnaire: Questionnaire
) -> tuple[Sequence[Respondent], str | None]:
    """The respondent rows as the report counts them, or, when two responses claim one
    municipality, the responses themselves without what they cover, and why."""
    try:
        return read_respondents(wave, questionnaire, coverage_inputs(questionnaire)), None
    except IndicatorError as error:
        return read_submitted(wave, coverage_inputs(questionnaire)), str(error)


def read_fieldwork(wave: Wave) -> tuple[FieldworkProgress, str | None]:
    """The cockpit's figures: the respondent rows as the report counts them, and the state of
    every response that is not submitted (awaiting sign-off when nothing the routing asks is
    missing); with the coverage problem (:func:`read_coverage_problem`) read in the same
    pass, or None."""
    questionnaire = frozen_questionnaire(wave)
    respondents, problem = _read_respondent_rows(wave, questionnaire)
    open_responses = dict(
        MunicipalResponse.objects.filter(wave=wave)
        .exclude(status=MunicipalResponse.Status.SUBMITTED)
        .values_list("id", "municipality__code")
    )
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    rows = Answer.objects.filter(response_id__in=list(open_responses)).values_list(
        "response_id", "variable", "value"
    )
    for response_id, variable, value in rows.iterator(chunk_size=5000):
        answers[response_id][variable] = value
    own = {v.name for v in questionnaire.variables() if v.code_list == "cbs_municipality"}
    started: dict[str, FieldworkState] = {}
    for response_id, code in open_responses.items():
        given = answers.get(response_id, {})
        if not set(given) - own:
            continue  # opened, nothing answered beyond the prefilled municipality
        missing = missing_answers(questionnaire, given)
        started[code] = FieldworkState.IN_PROGRESS if missing else FieldworkState.AWAITING_SIGN_OFF
    progress = build_fieldwork_progress(
        wave.year, load_frame(wave.frame_year), respondents, started, lineage=load_lineage()
    )
    return progress, problem


def read_contacts(wave: Wave) -> list[Contact]:
    return list(Contact.objects.filter(wave=wave))


def read_contact_count(wave: Wave) -> int:
    return Contact.objects.filter(wave=wave).count()


def read_fieldwork_log(limit: int = 300) -> list[FieldworkEvent]:
    """The latest ``limit`` events of the fieldwork log, newest first."""
    return list(FieldworkEvent.objects.select_related("wave", "actor").order_by("-at")[:limit])


@dataclass(frozen=True)
class MailSummary:
    invited_at: datetime | None
    reminders: int
    last_at: datetime | None
    last_status: str
    problems: tuple[str, ...]
    """Bounced or failed mails: address and what the server said."""


@dataclass(frozen=True)
class MunicipalityRow:
    """A line of the cockpit's lists and the call list. A municipality a shared
    organisation's contact answers for has that contact, and its mails."""

    municipality: Municipality
    state: FieldworkState
    contacts: tuple[Contact, ...]
    mail: MailSummary
    submitted_at: datetime | None


def read_municipality_rows(wave: Wave, progress: FieldworkProgress) -> list[MunicipalityRow]:
    frame = load_frame(wave.frame_year)
    contacts: dict[str, list[Contact]] = defaultdict(list)
    answered_by: dict[str, str] = {}
    for contact in Contact.objects.filter(wave=wave):
        contacts[contact.municipality_code].append(contact)
        for covered in contact.covers:
            answered_by[covered] = contact.municipality_code
    for covered, lead in answered_by.items():
        # a shared organisation's contact is the one to call for the municipalities it covers
        contacts[covered].extend(c for c in contacts[lead] if c not in contacts[covered])
    deliveries: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in Delivery.objects.filter(wave=wave).order_by("at"):
        deliveries[delivery.municipality_code].append(delivery)
    for covered, lead in answered_by.items():
        deliveries[covered] = sorted([*deliveries[covered], *deliveries[lead]], key=lambda d: d.at)
    submitted = dict(
        MunicipalResponse.objects.filter(
            wave=wave, status=MunicipalResponse.Status.SUBMITTED
        ).values_list("municipality__code", "submitted_at")
    )
    return [
        MunicipalityRow(
            municipality=frame.by_code(code),
            state=state,
            contacts=tuple(contacts.get(code, ())),
            mail=_mail_summary(deliveries.get(code, [])),
            submitted_at=submitted.get(code),
        )
        for code, state in progress.states.items()
    ]


def _mail_summary(deliveries: list[Delivery]) -> MailSummary:
    """What the mails to a municipality's contacts came to; times in Amsterdam time. A mail
    not delivered counts as a problem until a later one to the same address got through."""
    sent = [d for d in deliveries if d.status == Delivery.Status.SENT]
    invitations = [d for d in sent if d.kind == MailTemplate.Kind.INVITATION]
    last = deliveries[-1] if deliveries else None
    delivered_at: dict[str, datetime] = {}
    for delivery in sent:
        delivered_at[delivery.email] = max(
            delivery.at, delivered_at.get(delivery.email, delivery.at)
        )
    return MailSummary(
        invited_at=timezone.localtime(invitations[0].at, AMSTERDAM) if invitations else None,
        reminders=sum(1 for d in sent if d.kind == MailTemplate.Kind.REMINDER),
        last_at=timezone.localtime(last.at, AMSTERDAM) if last else None,
        last_status=last.status if last else "",
        problems=tuple(
            f"{d.email}: {d.get_status_display()} {d.detail}".strip()
            for d in deliveries
            if d.status != Delivery.Status.SENT
            and (d.email not in delivered_at or delivered_at[d.email] < d.at)
        ),
    )
