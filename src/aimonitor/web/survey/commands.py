"""What the research team does from the command line: issue a personal link.

``aimonitor invite --wave 2025 --municipality GM0363 --email ...`` (see
:mod:`aimonitor.web.cli.fieldwork`): every mistake is one clear line, nothing is issued.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Lang
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.survey.invitations import send_invitation
from aimonitor.web.survey.links import is_researcher_address, issue_link, person_for
from aimonitor.web.survey.purposes import LINK_PURPOSES
from aimonitor.web.waves.models import Wave


class InvitationError(AimonitorError):
    """An invitation that cannot be issued, and why."""


def invite_by_command(
    year: int,
    code: str,
    email: str,
    *,
    purpose: str = "coordinator",
    themes: Sequence[str] = (),
    name: str = "",
    lang: Lang = "nl",
    base_url: str | None = None,
) -> list[str]:
    """Issue and mail a link; the lines to print (the link's address among them)."""
    wave = Wave.objects.filter(year=year).first()
    if wave is None:
        raise InvitationError(f"there is no wave {year}")
    if wave.status != Wave.Status.OPEN:
        raise InvitationError(f"wave {year} is {wave.status}: open it before inviting")
    code = code.strip().upper()
    municipality = Municipality.objects.filter(frame_year=wave.frame_year, code=code).first()
    if municipality is None:
        raise InvitationError(f"{code} is not a municipality of the {wave.frame_year} frame")
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError(f"{email!r} is not an e-mail address") from None
    if is_researcher_address(email):
        raise InvitationError(
            f"{email} is the account of a researcher: a personal link cannot log into it"
        )
    if purpose not in LINK_PURPOSES:
        raise InvitationError(
            f"unknown purpose {purpose!r}; one of: {', '.join(sorted(LINK_PURPOSES))}"
        )
    known = [t.id for t in frozen_questionnaire(wave).themes]
    unknown = sorted(set(themes) - set(known))
    if unknown:
        raise InvitationError(f"unknown themes {', '.join(unknown)}; known: {', '.join(known)}")
    if purpose == "contributor" and not themes:
        raise InvitationError("a contributor needs --themes")
    issued = issue_link(wave, code, person_for(email, name), purpose, themes=themes)
    url = send_invitation(issued, municipality, "AI Monitor", lang, base_url=base_url)
    return [
        f"{purpose} link for {municipality.name} ({code}), wave {year}, sent to {email}:",
        url,
        f"valid until {issued.link.expires_at:%Y-%m-%d %H:%M %Z}",
    ]
