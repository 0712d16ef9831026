"""``make demo`` for the research team: a researcher login with a demo second factor, and a
synthetic fieldwork the cockpit can show.

The newest demo wave (opened for answering by :mod:`aimonitor.web.survey.demo`) gets a
coordinator contact for every municipality (``@<code>.demo.invalid`` addresses: they can
never be delivered), invitations recorded three weeks ago and reminders since, three
addresses that bounced, and a realistic spread: about one in four submitted responses is
put back in progress (half of those complete, awaiting sign-off; half missing the answers of
their last themes). Every page of the wave says it is synthetic.

The demo researcher (``onderzoeker`` / ``demo-onderzoeker``) has an authenticator whose
secret is printed (and in the README), and fresh recovery codes on every run; ``aimonitor
demo-code`` prints the current six-digit code. None of this exists outside the demo: a
real installation creates researchers with ``aimonitor researcher``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from urllib.parse import quote

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from aimonitor.errors import AimonitorError
from aimonitor.frame import load_frame
from aimonitor.web.accounts.models import Membership
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.research.models import Contact, Delivery
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.waves.models import Wave

DEMO_RESEARCHER = "onderzoeker"
DEMO_PASSWORD = "demo-onderzoeker"
DEMO_TOTP_SECRET = "AIMONITORDEMOSECRETAIMONITORDEMO"
"""Base32; only ever the demo researcher's. Add it to an authenticator app, or use
``aimonitor demo-code``."""
BOUNCED = 3


def prepare_demo_fieldwork(base_url: str, seed: int = 2024) -> list[str]:
    """The demo researcher and the demo wave's fieldwork; what to print."""
    if settings.PRODUCTION:
        return []  # a published password and secret have no place on a production server
    wave = Wave.objects.filter(is_synthetic=True, status=Wave.Status.OPEN).order_by("-year").first()
    if wave is None:
        return []
    with transaction.atomic():
        codes = _demo_researcher()
        if not Contact.objects.filter(wave=wave).exists():
            _demo_spread(wave, random.Random(seed))
            _demo_contacts(wave, random.Random(seed))
    return [
        f"research portal: {base_url}/onderzoek/ (log in as {DEMO_RESEARCHER} / {DEMO_PASSWORD})",
        f"  second factor: an authenticator app with secret {DEMO_TOTP_SECRET} "
        f"({_otpauth_uri()}), or '.venv/bin/aimonitor demo-code', "
        f"or a recovery code: {', '.join(codes[:3])}",
        f"  wave {wave.year} (SYNTHETIC) has demo contacts, invitations and a spread of "
        "not started, in progress, awaiting sign-off and submitted municipalities",
    ]


def demo_code() -> str:
    """The current code of the demo researcher's authenticator (only of the demo secret)."""
    user = User.objects.filter(username=DEMO_RESEARCHER).first()
    if (
        user is None
        or not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        raise AimonitorError("there is no demo researcher: run 'make demo' first")
    return str(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30)))


def _otpauth_uri() -> str:
    return f"otpauth://totp/AI%20Monitor:{quote(DEMO_RESEARCHER)}?secret={DEMO_TOTP_SECRET}&issuer=AI%20Monitor"


def _demo_researcher() -> list[str]:
    user = User.objects.filter(username=DEMO_RESEARCHER).first()
    if user is None:
        user = User.objects.create_user(
            username=DEMO_RESEARCHER,
            email="onderzoeker@demo.invalid",
            first_name="Demo-onderzoeker",
            is_staff=True,
            is_superuser=True,
        )
        Membership.objects.create(user=user, role=Membership.Role.RESEARCHER)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    Authenticator.objects.filter(user=user).delete()
    TOTP.activate(user, DEMO_TOTP_SECRET)
    return [str(code) for code in RecoveryCodes.activate(user).get_unused_codes()]


def _demo_spread(wave: Wave, rng: random.Random) -> None:
    """About a quarter of the submitted responses back in progress: half complete, half
    without the answers of their last two themes."""
    questionnaire = frozen_questionnaire(wave)
    late_themes = {theme.id for theme in questionnaire.themes[-2:]}
    late = {v.name for v in questionnaire.variables() if v.theme in late_themes}
    submitted = list(
        MunicipalResponse.objects.filter(wave=wave, status=MunicipalResponse.Status.SUBMITTED)
    )
    reopened = rng.sample(submitted, len(submitted) // 4)
    for index, response in enumerate(reopened):
        response.status = MunicipalResponse.Status.IN_PROGRESS
        response._change_reason = "demo: fieldwork still going on"  # type: ignore[attr-defined]
        response.save()
        if index % 2:
            Answer.objects.filter(response=response, variable__in=sorted(late)).delete()


def _demo_contacts(wave: Wave, rng: random.Random) -> None:
    frame = load_frame(wave.frame_year)
    now = timezone.now()
    invited_at = now - dt.timedelta(days=21)
    responded = set(
        MunicipalResponse.objects.filter(
            wave=wave, status=MunicipalResponse.Status.SUBMITTED
        ).values_list("municipality__code", flat=True)
    )
    contacts = Contact.objects.bulk_create(
        Contact(
            wave=wave,
            municipality_code=m.code,
            name=f"Coördinator {m.name}",
            email=f"coordinator@{m.code.lower()}.demo.invalid",
            role=Contact.Role.COORDINATOR,
        )
        for m in frame.municipalities
    )
    bounced = set(rng.sample([c.pk for c in contacts], BOUNCED))
    deliveries = []
    for contact in contacts:
        kind_at = [("invitation", invited_at)]
        if contact.municipality_code not in responded:
            kind_at += [("reminder", invited_at + dt.timedelta(days=9))]
            kind_at += [("reminder", invited_at + dt.timedelta(days=16))]
        for kind, at in kind_at:
            failed = contact.pk in bounced
            deliveries.append(
                Delivery(
                    wave=wave,
                    contact=contact,
                    municipality_code=contact.municipality_code,
                    email=contact.email,
                    kind=kind,
                    status=Delivery.Status.BOUNCED if failed else Delivery.Status.SENT,
                    detail="550 5.1.1 demo: mailbox unknown" if failed else "",
                    at=at,
                )
            )
            if failed:
                break
    Delivery.objects.bulk_create(deliveries)
