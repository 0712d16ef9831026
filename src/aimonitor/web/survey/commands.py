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
from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.access import frozen_questionnaire
from aimonitor.web.survey.invitations import send_benchmark_link, send_invitation
from aimonitor.web.survey.links import is_researcher_address, issue_link, person_for
from aimonitor.web.survey.models import AccessLink
from aimonitor.web.survey.purposes import ANSWERING_PURPOSES, LINK_PURPOSES, link_purpose
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
    if purpose not in ANSWERING_PURPOSES:
        raise InvitationError(
            f"unknown purpose {purpose!r}; one of: {', '.join(sorted(ANSWERING_PURPOSES))}"
            + (" (benchmark links: aimonitor benchmark-links)" if purpose in LINK_PURPOSES else "")
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


BENCHMARK_RECIPIENTS = ("coordinator", "contributor")
"""Who of a municipality gets its benchmark: the purposes of their links for the wave."""


def benchmark_links_by_command(
    year: int, codes: Sequence[str] = (), *, base_url: str | None = None
) -> list[str]:
    """Issue and mail a benchmark link to the coordinators and contributors of wave ``year``
    (a link of theirs for it not taken back) of every municipality that took part (or of
    ``codes`` only); the lines to print. The wave must be closed or published; a
    municipality without a coordinator or contributor is named, not skipped silently."""
    wave = Wave.objects.filter(year=year).first()
    if wave is None:
        raise InvitationError(f"there is no wave {year}")
    if wave.status not in link_purpose("benchmark").wave_statuses:
        raise InvitationError(f"wave {year} is {wave.status}: close it before sending benchmarks")
    responded = set(
        MunicipalResponse.objects.filter(
            wave=wave, status=MunicipalResponse.Status.SUBMITTED
        ).values_list("municipality__code", flat=True)
    )
    wanted = sorted({c.strip().upper() for c in codes} or responded)
    not_responded = [c for c in wanted if c not in responded]
    if not_responded:
        raise InvitationError(
            f"did not take part in wave {year}: {', '.join(not_responded)} (no benchmark)"
        )
    municipalities = {
        m.code: m for m in Municipality.objects.filter(frame_year=wave.frame_year, code__in=wanted)
    }
    lines = []
    for code in wanted:
        # This wave's coordinators and contributors (a link for it, not revoked): the
        # municipality's own people who answered, not everyone who ever did, who may have
        # left it since. One link a person, whatever their links.
        people = list(
            {
                link.user.pk: link.user
                for link in AccessLink.objects.filter(
                    wave=wave,
                    municipality_code=code,
                    purpose__in=BENCHMARK_RECIPIENTS,
                    revoked_at=None,
                )
                .select_related("user")
                .order_by("purpose", "pk")
                if not is_researcher_address(link.user.username)
            }.values()
        )
        if not people:
            lines.append(f"{code}: no coordinator or contributor to send the benchmark to")
            continue
        for person in people:
            issued = issue_link(wave, code, person, "benchmark")
            url = send_benchmark_link(issued, municipalities[code], base_url=base_url)
            address = person.email or person.username
            lines.append(f"{code} {municipalities[code].name}: benchmark sent to {address}: {url}")
    return lines
