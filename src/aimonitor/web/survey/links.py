"""Issuing, opening and revoking personal links.

A link's token is ``<random>:<signature>``: 32 random bytes (URL-safe) signed with the
site's secret key (Django's signing, salted for this use), so a tampered token is refused
before the database is asked. Only the SHA-256 of the random part is stored; the token
itself is shown once, in the invitation. A link expires at the end of the wave's closing day
(Europe/Amsterdam), or in 30 days when the wave has no closing day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core import signing
from django.db import transaction
from django.utils import timezone

from aimonitor.web.accounts.models import Membership
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.survey.purposes import link_purpose
from aimonitor.web.waves.models import Wave

SALT = "aimonitor.survey.link"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAYS_WITHOUT_CLOSING_DATE = 30


class LinkProblem(Enum):
    """Why a token opens nothing; the page tells the person what to do."""

    TAMPERED = "tampered"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"
    WAVE_NOT_OPEN = "wave_not_open"
    WAVE_NOT_PUBLISHED = "wave_not_published"


@dataclass(frozen=True)
class IssuedLink:
    link: AccessLink
    token: str


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_expiry(wave: Wave, purpose: str = "coordinator") -> dt.datetime:
    """When a link of ``purpose`` issued now for ``wave`` stops working."""
    days = link_purpose(purpose).valid_days
    if days is not None:
        return timezone.now() + dt.timedelta(days=days)
    if wave.closes_on is None:
        return timezone.now() + dt.timedelta(days=DAYS_WITHOUT_CLOSING_DATE)
    end = dt.datetime.combine(wave.closes_on + dt.timedelta(days=1), dt.time(), AMSTERDAM)
    return end


class ResearcherAddressError(ValueError):
    """A personal link for the account of a researcher: refused, since opening a link logs
    its person in without a password or second factor (decision 0014)."""


def is_researcher_address(email: str) -> bool:
    """Whether ``email`` is the account of a researcher (or of staff): no link for it."""
    user = User.objects.filter(username=email.strip().lower()).first()
    return user is not None and (
        user.is_staff
        or user.is_superuser
        or user.memberships.filter(role=Membership.Role.RESEARCHER).exists()
    )


def person_for(email: str, name: str = "") -> User:
    """The user of this e-mail address (case does not matter), created when new. A
    researcher's or staff account is never a link's person (:class:`ResearcherAddressError`):
    a researcher who also answers for a municipality uses another address."""
    address = email.strip().lower()
    if is_researcher_address(address):
        raise ResearcherAddressError(
            f"{address} is the account of a researcher: a personal link cannot log into it"
        )
    user = User.objects.filter(username=address).first()
    if user is None:
        user = User.objects.create_user(username=address, email=address, first_name=name[:150])
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif name and not user.first_name:
        user.first_name = name[:150]
        user.save(update_fields=["first_name"])
    return user


def issue_link(
    wave: Wave,
    municipality_code: str,
    person: User,
    purpose: str,
    *,
    themes: Sequence[str] = (),
    issued_by: User | None = None,
) -> IssuedLink:
    """A new link for ``person`` (see :func:`person_for`); their membership of the
    municipality is created or kept (a coordinator stays coordinator when also asked as
    contributor). Logged as an invitation."""
    kind = link_purpose(purpose)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        user = person
        membership = Membership.objects.filter(
            user=user, municipality_code=municipality_code
        ).first()
        if membership is None:
            Membership.objects.create(
                user=user, role=kind.role, municipality_code=municipality_code
            )
        elif kind.role == Membership.Role.COORDINATOR and membership.role != kind.role:
            membership.role = kind.role
            membership.save(update_fields=["role"])
        link = AccessLink.objects.create(
            token_hash=hash_token(secret),
            purpose=purpose,
            user=user,
            wave=wave,
            municipality_code=municipality_code,
            themes=[] if kind.all_themes else sorted(set(themes)),
            created_by=issued_by,
            expires_at=link_expiry(wave, purpose),
        )
        FieldworkEvent.objects.create(
            kind=FieldworkEvent.Kind.INVITED,
            wave=wave,
            municipality_code=municipality_code,
            actor=issued_by,
            detail=f"{purpose} {user.username} {','.join(link.themes)}".strip()[:300],
        )
    return IssuedLink(link, signing.Signer(salt=SALT).sign(secret))


def open_link(token: str) -> AccessLink | LinkProblem:
    """The link of ``token`` if it may be used now, else why not."""
    try:
        secret = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return LinkProblem.TAMPERED
    link = (
        AccessLink.objects.select_related("wave", "user")
        .filter(token_hash=hash_token(secret))
        .first()
    )
    if link is None:
        return LinkProblem.UNKNOWN
    if link.user.is_staff or link.user.is_superuser:
        return LinkProblem.REVOKED  # never a way into a researcher's account
    problem = link_problem(link)
    if problem is not None:
        return problem
    AccessLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def link_problem(link: AccessLink) -> LinkProblem | None:
    """Why ``link`` cannot be used now (``None``: it can)."""
    if link.revoked_at is not None:
        return LinkProblem.REVOKED
    if timezone.now() >= link.expires_at:
        return LinkProblem.EXPIRED
    kind = link_purpose(link.purpose)
    if link.wave.status not in kind.wave_statuses:
        return LinkProblem.WAVE_NOT_OPEN if kind.answers else LinkProblem.WAVE_NOT_PUBLISHED
    return None


def revoke_link(link: AccessLink, by: User | None = None) -> None:
    if link.revoked_at is not None:
        return
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    FieldworkEvent.objects.create(
        kind=FieldworkEvent.Kind.REVOKED,
        wave=link.wave,
        municipality_code=link.municipality_code,
        actor=by,
        detail=f"{link.purpose} {link.user.username}"[:300],
    )
