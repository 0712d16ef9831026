"""Who may see and change which response: the personal links a session holds.

Opening a personal link logs its person in and adds the link to the session; a page of a
response is open to a session holding a usable link of that wave and municipality, for the
logged-in person. Another municipality's response is "not found" (its existence is not
revealed); a visitor without a link gets a page that says how to get in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest

from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.survey.links import link_problem
from aimonitor.web.survey.models import AccessLink
from aimonitor.web.survey.purposes import ANSWERING_PURPOSES, LinkPurpose, link_purpose
from aimonitor.web.survey.reads import read_links
from aimonitor.web.waves.models import Wave

SESSION_KEY = "survey_links"


class NoLinkError(PermissionDenied):
    """This session holds no usable personal link."""


@dataclass(frozen=True)
class SurveyAccess:
    link: AccessLink
    purpose: LinkPurpose
    wave: Wave
    municipality: Municipality
    response: MunicipalResponse
    questionnaire: Questionnaire

    @property
    def is_submitted(self) -> bool:
        return self.response.status == MunicipalResponse.Status.SUBMITTED

    def may_edit(self, theme_id: str) -> bool:
        if self.is_submitted or self.wave.status != Wave.Status.OPEN:
            return False
        return self.purpose.all_themes or theme_id in self.link.themes

    @property
    def may_submit(self) -> bool:
        return self.purpose.may_submit and not self.is_submitted

    @property
    def may_invite(self) -> bool:
        return self.purpose.may_invite and not self.is_submitted

    @property
    def may_decide_naming(self) -> bool:
        """Whether this link decides if the municipality is named in the open data: the one
        who submits for it, also after submission (the decision is not an answer)."""
        return self.purpose.may_submit


def remember_link(request: HttpRequest, link: AccessLink) -> None:
    ids = [i for i in request.session.get(SESSION_KEY, []) if i != link.pk]
    request.session[SESSION_KEY] = [*ids, link.pk][-20:]


def session_links(
    request: HttpRequest, purposes: Collection[str] = ANSWERING_PURPOSES
) -> list[AccessLink]:
    """The usable links of this session's person for ``purposes`` (by default the ones
    that open the questionnaire), newest first."""
    if not request.user.is_authenticated:
        return []
    links = read_links(list(request.session.get(SESSION_KEY, [])))
    usable = [
        k
        for k in links
        if k.user_id == request.user.pk and k.purpose in purposes and link_problem(k) is None
    ]
    return sorted(usable, key=lambda k: k.created_at, reverse=True)


def survey_access(request: HttpRequest, year: int, code: str) -> SurveyAccess:
    """The access of this session to the response of ``code`` in wave ``year``.

    :class:`PermissionDenied` without any usable link, :class:`Http404` when the session's
    links are for other responses."""
    links = session_links(request)
    if not links:
        raise NoLinkError("open your personal link")
    link = next((k for k in links if k.wave.year == year and k.municipality_code == code), None)
    if link is None:
        raise Http404("no such response")
    wave = link.wave
    municipality = Municipality.objects.filter(frame_year=wave.frame_year, code=code).first()
    if municipality is None:
        raise Http404("no such municipality in the wave's frame")
    response = _response(wave, municipality)
    return SurveyAccess(
        link=link,
        purpose=link_purpose(link.purpose),
        wave=wave,
        municipality=municipality,
        response=response,
        questionnaire=frozen_questionnaire(wave),
    )


_QUESTIONNAIRES: dict[tuple[int, int, str, str], Questionnaire] = {}


def frozen_questionnaire(wave: Wave) -> Questionnaire:
    """The wave's questionnaire, validated once per process: a wave that has opened never
    changes its questionnaire (ADR 0008), and only open waves are answered."""
    if wave.status == Wave.Status.DRAFT:
        return Questionnaire.from_dict(wave.questionnaire, source=f"wave {wave.year}")
    key = (wave.pk, wave.year, wave.questionnaire_id, wave.questionnaire_version)
    if key not in _QUESTIONNAIRES:
        if len(_QUESTIONNAIRES) > 32:
            _QUESTIONNAIRES.clear()
        _QUESTIONNAIRES[key] = Questionnaire.from_dict(
            wave.questionnaire, source=f"wave {wave.year}"
        )
    return _QUESTIONNAIRES[key]


def _response(wave: Wave, municipality: Municipality) -> MunicipalResponse:
    """The municipality's response in the wave, started (with its own code as the answer to
    the code-list question "which municipality") when nobody opened it before."""
    response = MunicipalResponse.objects.filter(wave=wave, municipality=municipality).first()
    if response is not None:
        return response
    with transaction.atomic():
        response, created = MunicipalResponse.objects.get_or_create(
            wave=wave, municipality=municipality, defaults={"is_synthetic": wave.is_synthetic}
        )
        if created:
            questionnaire = frozen_questionnaire(wave)
            own = next(
                (v for v in questionnaire.variables() if v.code_list == "cbs_municipality"), None
            )
            if own is not None:
                Answer.objects.create(
                    response=response, variable=own.name, value=int(municipality.code[2:])
                )
    return response
