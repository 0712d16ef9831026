"""Every database read of fieldwork (``read_*``): a wave's responses into the core's types."""

from __future__ import annotations

from collections import defaultdict

from aimonitor.frame import load_frame, load_lineage
from aimonitor.indicators import Respondent, ResponseSummary, WaveData, count_response
from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_waves_until

SUBMITTED = MunicipalResponse.Status.SUBMITTED


def read_respondent_codes(wave: Wave) -> list[str]:
    """The CBS codes of the municipalities that submitted a response to ``wave``, sorted."""
    return sorted(
        MunicipalResponse.objects.filter(wave=wave, status=SUBMITTED).values_list(
            "municipality__code", flat=True
        )
    )


def read_wave_data(wave: Wave) -> WaveData:
    """The submitted responses of a wave with the questionnaire it was fielded with."""
    questionnaire = Questionnaire.from_dict(wave.questionnaire, source=f"wave {wave.year}")
    codes = dict(
        MunicipalResponse.objects.filter(wave=wave, status=SUBMITTED).values_list(
            "id", "municipality__code"
        )
    )
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    rows = Answer.objects.filter(response__wave=wave, response__status=SUBMITTED).values_list(
        "response_id", "variable", "value"
    )
    for response_id, variable, value in rows.iterator(chunk_size=5000):
        answers[response_id][variable] = value
    respondents = tuple(
        Respondent(code=code, answers=answers.get(response_id, {}))
        for response_id, code in sorted(codes.items(), key=lambda item: item[1])
    )
    return WaveData(
        year=wave.year,
        frame_year=wave.frame_year,
        questionnaire=questionnaire,
        respondents=respondents,
        synthetic=wave.is_synthetic,
        frame_sha256=wave.frame_sha256 or None,
    )


def read_wave_data_until(year: int) -> list[WaveData]:
    """The wave of ``year`` and every earlier wave, oldest first, as the core reads them."""
    return [read_wave_data(wave) for wave in read_waves_until(year)]


def read_response(wave: Wave) -> ResponseSummary:
    """The response of ``wave`` as the report counts it: the submitted responses read here,
    counted by the core against the frame files, with the merger lineage (ADR 0007)."""
    return count_response(
        wave.year,
        read_respondent_codes(wave),
        load_frame(wave.frame_year),
        lineage=load_lineage(),
    )
