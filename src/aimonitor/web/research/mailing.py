"""Invitations and reminders to the contacts of a wave, over SMTP, each recorded.

Every mail carries a new personal link (part 1 of the fieldwork: only a token's hash is
stored, so a reminder cannot repeat the invitation's link; the earlier links keep working).
The link is issued in the same transaction as the mail is handed to the SMTP server: when
the server refuses the address (bounced) or cannot be reached (failed), no link is left
behind, and the :class:`~aimonitor.web.research.models.Delivery` records what happened. The
cockpit shows those.

Texts: the wave's own :class:`~aimonitor.web.research.models.MailTemplate` in the contact's
language, else the shipped default (``research/mail/<kind>.<lang>.txt``; the first line is
the subject). They may use ``{{ name }}``, ``{{ municipality }}``, ``{{ organisation }}``,
``{{ also_for }}`` (the municipalities a shared organisation also answers for),
``{{ coordinator }}`` (true for a coordinator), ``{{ link }}``, ``{{ closes_on }}`` and
``{{ year }}``, and a reminder ``{{ last_call }}`` (true for the last one before the closing
day: ``{% if last_call %}...{% endif %}``).
"""

from __future__ import annotations

import datetime as dt
import smtplib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import get_template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork.progress import FieldworkProgress
from aimonitor.fieldwork.reminders import ReminderCadence, ReminderKind, due_reminder
from aimonitor.i18n import Lang
from aimonitor.web.research.models import Contact, Delivery, MailTemplate
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.survey.invitations import link_url
from aimonitor.web.survey.links import (
    AMSTERDAM,
    ResearcherAddressError,
    issue_link,
    person_for,
)
from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.waves.models import Wave

PLACEHOLDERS = (
    "name",
    "municipality",
    "organisation",
    "also_for",
    "coordinator",
    "link",
    "closes_on",
    "year",
    "last_call",
)
_ENGINE = Engine(autoescape=False)


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def load_mail_text(kind: str, lang: Lang) -> MailText:
    """The shipped default text of ``kind`` in ``lang`` (its file's first line: the subject)."""
    source = get_template(f"research/mail/{kind}.{lang}.txt").template.source  # type: ignore[attr-defined]
    subject, _, body = source.partition("\n")
    return MailText(subject.strip(), body.strip() + "\n")


def read_mail_text(wave: Wave, kind: str, lang: Lang) -> MailText:
    """The wave's text of ``kind`` in ``lang``, or the default."""
    own = MailTemplate.objects.filter(wave=wave, kind=kind, language=lang).first()
    return MailText(own.subject, own.body) if own else load_mail_text(kind, lang)


SAMPLE_LINK = "https://example.invalid/link/voorbeeld/"
_SAMPLE = {
    "name": "Anna de Vries",
    "municipality": "Amsterdam",
    "organisation": "Amsterdam",
    "also_for": "",
    "coordinator": True,
    "link": SAMPLE_LINK,
    "closes_on": "29 mei 2026",
    "year": 2026,
    "last_call": True,
}
_FORBIDDEN_TAGS = (
    "{% debug",
    "{% include",
    "{% extends",
    "{% load",
    "{% url",
    "{% lorem",
    "{% ssi",
)


def check_mail_text(text: MailText) -> str | None:
    """What is wrong with a text a researcher wrote (``None``: nothing): it must be a
    template that renders with the placeholders only (no tags that reach beyond them) and
    put the personal link in the mail."""
    source = " ".join((text.subject + " " + text.body).split())
    for tag in _FORBIDDEN_TAGS:
        if tag in source.replace("{%  ", "{% "):
            return _("The text may use the placeholders and if-blocks only, not %(tag)s.") % {
                "tag": tag + " %}"
            }
    try:
        rendered = render_mail(text, _SAMPLE)
    except Exception as error:  # a template error of any kind is the researcher's to fix
        return _("The text is not a valid template: %(error)s") % {"error": error}
    if SAMPLE_LINK not in rendered.body:
        return _("The text must contain {{ link }}: the personal link.")
    return None


def render_mail(text: MailText, values: dict[str, Any]) -> MailText:
    context = Context(values, autoescape=False)
    subject = " ".join(_ENGINE.from_string(text.subject).render(context).split())
    return MailText(subject, _ENGINE.from_string(text.body).render(context))


ROUND_LOCK_SECONDS = 15 * 60
"""A round that died without letting go of its lock frees it after this long."""


class RoundBusyError(AimonitorError):
    """Another round of mails of the same wave is running."""


@dataclass
class MailRun:
    """What one round of mails did."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: int = 0
    left: int = 0
    """Contacts not reached before the round's time ran out: the next round takes them."""

    def lines(self, what: str) -> list[str]:
        lines = [f"{what}: {len(self.sent)} sent, {len(self.failed)} not delivered"]
        if self.skipped:
            lines[0] += f", {self.skipped} skipped (already done, responded or not due)"
        if self.left:
            lines[0] += f", {self.left} left for the next round"
        lines += [f"  not delivered: {problem}" for problem in self.failed]
        return lines


def send_to_contact(
    contact: Contact,
    kind: str,
    *,
    names: Mapping[str, str],
    by: User | None = None,
    connection: Any = None,
    last_call: bool = False,
    at: dt.datetime | None = None,
) -> Delivery:
    """Issue a link for ``contact`` and mail it; the recorded delivery (``at``: the moment
    it is recorded, now unless given). ``names``: municipality names by code."""
    wave = contact.wave
    municipality_name = names.get(contact.municipality_code, contact.municipality_code)
    also_for = ", ".join(names.get(code, code) for code in contact.covers)
    lang: Lang = "en" if contact.language == "en" else "nl"
    themes = [t.id for t in frozen_questionnaire(wave).themes]
    outcome, detail = Delivery.Status.SENT, ""
    try:
        with transaction.atomic():
            issued = issue_link(
                wave,
                contact.municipality_code,
                person_for(contact.email, contact.name),
                contact.role,
                themes=themes,
                issued_by=by,
            )
            with translation.override(lang):
                closes_on = (
                    formats.date_format(wave.closes_on, "j F Y", use_l10n=True)
                    if wave.closes_on
                    else "-"
                )
                text = render_mail(
                    read_mail_text(wave, kind, lang),
                    {
                        "name": contact.name,
                        "municipality": municipality_name,
                        "organisation": contact.organisation or municipality_name,
                        "link": link_url(issued),
                        "closes_on": closes_on,
                        "year": wave.year,
                        "last_call": last_call,
                        "coordinator": contact.role == Contact.Role.COORDINATOR,
                        "also_for": also_for,
                    },
                )
            EmailMessage(
                text.subject, text.body, None, [contact.email], connection=connection
            ).send()
    except (ResearcherAddressError, TemplateSyntaxError) as error:
        outcome, detail = Delivery.Status.FAILED, str(error)
    except smtplib.SMTPRecipientsRefused as error:
        outcome, detail = Delivery.Status.BOUNCED, _smtp_detail(error)
    except (smtplib.SMTPException, OSError) as error:
        outcome, detail = Delivery.Status.FAILED, _smtp_detail(error)
    delivery = Delivery.objects.create(
        wave=wave,
        contact=contact,
        municipality_code=contact.municipality_code,
        email=contact.email,
        kind=kind,
        status=outcome,
        detail=detail[:300],
        sent_by=by,
        at=at or timezone.now(),
    )
    event = (
        FieldworkEvent.Kind.MAIL_FAILED
        if outcome != Delivery.Status.SENT
        else FieldworkEvent.Kind.REMINDED
        if kind == MailTemplate.Kind.REMINDER
        else None
    )
    if event is not None:
        FieldworkEvent.objects.create(
            kind=event,
            wave=wave,
            municipality_code=contact.municipality_code,
            actor=by,
            detail=f"{kind} {contact.email} {detail}".strip()[:300],
            at=at or timezone.now(),
        )
    return delivery


def _smtp_detail(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        )
    return f"{type(error).__name__}: {error}"


def send_invitations(
    wave: Wave,
    progress: FieldworkProgress,
    names: dict[str, str],
    *,
    by: User | None = None,
    seconds: float | None = None,
) -> MailRun:
    """Invite every contact of ``wave`` not invited yet (no mail of theirs went out), of a
    municipality that has not responded. Running it again sends only what is left (the
    others count as skipped)."""
    invited = set(
        Delivery.objects.filter(
            wave=wave, kind=MailTemplate.Kind.INVITATION, status=Delivery.Status.SENT
        ).values_list("contact_id", flat=True)
    )
    return _send_round(
        wave,
        _contacts(wave),
        progress,
        names,
        MailTemplate.Kind.INVITATION,
        by=by,
        due=lambda contact: contact.pk not in invited,
        seconds=seconds,
    )


def send_reminders(
    wave: Wave,
    progress: FieldworkProgress,
    names: dict[str, str],
    cadence: ReminderCadence,
    *,
    now: dt.datetime | None = None,
    by: User | None = None,
) -> MailRun:
    """Remind the coordinators of municipalities that have not responded, when the cadence
    says so (working days only, :func:`aimonitor.fieldwork.reminders.reminder_due`), and
    never a second mail the same day to the same address. Idempotent: a second run the same
    day sends nothing."""
    moment = now or timezone.now()
    today = timezone.localtime(moment, AMSTERDAM).date()
    history: dict[int, list[Delivery]] = {}
    for delivery in Delivery.objects.filter(wave=wave).order_by("at"):
        if delivery.contact_id is not None:
            history.setdefault(delivery.contact_id, []).append(delivery)
    # One attempt a day per address, delivered or not: a server that refuses an address is
    # not asked again within the hour.
    mailed_today = {
        d.email
        for deliveries in history.values()
        for d in deliveries
        if timezone.localtime(d.at, AMSTERDAM).date() == today
    }

    last_calls: set[int] = set()

    def due(contact: Contact) -> bool:
        deliveries = history.get(contact.pk, [])
        invitations = [
            d
            for d in deliveries
            if d.kind == MailTemplate.Kind.INVITATION and d.status == Delivery.Status.SENT
        ]
        if not invitations or contact.email in mailed_today:
            return False
        if deliveries[-1].status == Delivery.Status.BOUNCED:
            return False  # the address is refused: correct the contact rather than retry
        kind = due_reminder(
            today,
            invited_on=timezone.localtime(invitations[0].at, AMSTERDAM).date(),
            closes_on=wave.closes_on,
            reminders_sent=[
                timezone.localtime(d.at, AMSTERDAM).date()
                for d in deliveries
                if d.kind == MailTemplate.Kind.REMINDER and d.status == Delivery.Status.SENT
            ],
            cadence=cadence,
        )
        if kind is ReminderKind.LAST_CALL:
            last_calls.add(contact.pk)
        if kind is not None:
            mailed_today.add(contact.email)  # one mail a day to an address, whatever befalls it
        return kind is not None

    coordinators = (c for c in _contacts(wave) if c.role == Contact.Role.COORDINATOR)
    return _send_round(
        wave,
        coordinators,
        progress,
        names,
        MailTemplate.Kind.REMINDER,
        by=by,
        due=due,
        last_call=lambda contact: contact.pk in last_calls,
        at=moment if now is not None else None,
    )


def _contacts(wave: Wave) -> list[Contact]:
    return list(Contact.objects.filter(wave=wave).order_by("municipality_code", "email"))


def _send_round(
    wave: Wave,
    contacts: Iterable[Contact],
    progress: FieldworkProgress,
    names: dict[str, str],
    kind: str,
    *,
    by: User | None,
    due: Callable[[Contact], bool],
    last_call: Callable[[Contact], bool] = lambda contact: False,
    at: dt.datetime | None = None,
    seconds: float | None = None,
) -> MailRun:
    """Mail the due contacts, one round of a wave at a time (a second round while one runs
    is refused: :class:`RoundBusyError`), for at most ``seconds`` when given (a web request
    stops in time; the contacts left go in the next round)."""
    lock = f"research:mail-round:{wave.pk}"
    if not cache.add(lock, "busy", timeout=ROUND_LOCK_SECONDS):
        raise RoundBusyError(
            _("Mails of wave %(year)s are being sent already; try again in a minute.")
            % {"year": wave.year}
        )
    try:
        return _send_each(
            wave, list(contacts), progress, names, kind, by, due, last_call, at, seconds
        )
    finally:
        cache.delete(lock)


def _send_each(
    wave: Wave,
    contacts: list[Contact],
    progress: FieldworkProgress,
    names: dict[str, str],
    kind: str,
    by: User | None,
    due: Callable[[Contact], bool],
    last_call: Callable[[Contact], bool],
    at: dt.datetime | None,
    seconds: float | None,
) -> MailRun:
    run = MailRun()
    deadline = None if seconds is None else time.monotonic() + seconds
    # One connection object for the round; each mail opens and closes it, so a server that
    # is down fails the mails one by one (each recorded) rather than the round.
    connection = get_connection()
    for index, contact in enumerate(contacts):
        if deadline is not None and time.monotonic() > deadline:
            run.left = len(contacts) - index
            break
        state = progress.states.get(contact.municipality_code)
        if state is None or state.has_responded or not due(contact):
            run.skipped += 1
            continue
        delivery = send_to_contact(
            contact,
            kind,
            names=names,
            by=by,
            connection=connection,
            last_call=last_call(contact),
            at=at,
        )
        if delivery.status == Delivery.Status.SENT:
            run.sent.append(contact.email)
        else:
            run.failed.append(f"{contact.email} ({contact.municipality_code}): {delivery.detail}")
    return run
