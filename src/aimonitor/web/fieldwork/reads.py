"""Every database read of fieldwork (``read_*``): a wave's responses into the core's types."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from aimonitor.frame import load_frame, load_lineage
from aimonitor.indicators import (
    Respondent,
    ResponseSummary,
    WaveData,
    build_respondents,
    count_response,
    coverage_inputs,
)
from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, NamingConsent
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_waves_until

SUBMITTED = MunicipalResponse.Status.SUBMITTED


def read_submitted(wave: Wave, variables: Collection[str] | None = None) -> list[Respondent]:
    """The submitted responses of ``wave`` in code order, with their answers (only those to
    ``variables`` when given)."""
    codes = dict(
        MunicipalResponse.objects.filter(wave=wave, status=SUBMITTED).values_list(
            "id", "municipality__code"
        )
    )
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    rows = Answer.objects.filter(response__wave=wave, response__status=SUBMITTED)
    if variables is not None:
        rows = rows.filter(variable__in=sorted(variables))
    values = rows.values_list("response_id", "variable", "value")
    for response_id, variable, value in values.iterator(chunk_size=5000):
        answers[response_id][variable] = value
    return [
        Respondent(code=code, answers=answers.get(response_id, {}))
        for response_id, code in sorted(codes.items(), key=lambda item: item[1])
    ]


def read_respondents(
    wave: Wave, questionnaire: Questionnaire, variables: Collection[str] | None = None
) -> tuple[Respondent, ...]:
    """The respondent rows of ``wave``: the submitted responses and a row for every
    municipality a shared organisation's response covers, built by the core against the
    frame files with the merger lineage (decision 0010, ADR 0007)."""
    return build_respondents(
        wave.year,
        read_submitted(wave, variables),
        questionnaire,
        load_frame(wave.frame_year),
        lineage=load_lineage(),
    )


def read_wave_data(wave: Wave) -> WaveData:
    """The respondent rows of a wave with the questionnaire it was fielded with."""
    questionnaire = read_questionnaire(wave)
    return WaveData(
        year=wave.year,
        frame_year=wave.frame_year,
        questionnaire=questionnaire,
        respondents=read_respondents(wave, questionnaire),
        synthetic=wave.is_synthetic,
        frame_sha256=wave.frame_sha256 or None,
    )


def read_questionnaire(wave: Wave) -> Questionnaire:
    """The questionnaire ``wave`` was fielded with (frozen when it opened)."""
    return Questionnaire.from_dict(wave.questionnaire, source=f"wave {wave.year}")


def read_wave_data_until(year: int) -> list[WaveData]:
    """The wave of ``year`` and every earlier wave, oldest first, as the core reads them."""
    return [read_wave_data(wave) for wave in read_waves_until(year)]


def read_response(wave: Wave) -> ResponseSummary:
    """The response of ``wave`` as the report counts it: the submitted responses read here,
    with the answers that say which municipalities a shared organisation answered for,
    counted by the core against the frame files with the merger lineage (ADR 0007)."""
    questionnaire = read_questionnaire(wave)
    respondents = read_respondents(wave, questionnaire, coverage_inputs(questionnaire))
    return count_response(
        wave.year, respondents, load_frame(wave.frame_year), lineage=load_lineage()
    )


def read_named_municipalities(wave: Wave) -> frozenset[str]:
    """The CBS codes of the municipalities that allow their answers of ``wave`` to appear
    under their name in the open data."""
    return frozenset(
        NamingConsent.objects.filter(wave=wave, named=True).values_list(
            "municipality__code", flat=True
        )
    )


def read_naming_consent(wave: Wave, code: str) -> NamingConsent | None:
    """The municipality's decision on being named in the open data of ``wave``, if any."""
    return (
        NamingConsent.objects.filter(wave=wave, municipality__code=code)
        .select_related("decided_by")
        .first()
    )
