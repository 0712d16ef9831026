"""Read a wave out of the database into the core's :class:`WaveData`."""

from __future__ import annotations

from collections import defaultdict

from aimonitor.errors import AimonitorError
from aimonitor.indicators import Respondent, WaveData
from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, Wave


def known_years() -> list[int]:
    return list(Wave.objects.order_by("year").values_list("year", flat=True))


def get_wave(year: int) -> Wave:
    try:
        return Wave.objects.get(year=year)
    except Wave.DoesNotExist:
        known = ", ".join(str(y) for y in known_years()) or "none (run 'aimonitor demo-data')"
        raise AimonitorError(f"unknown wave {year}; known waves: {known}") from None


def wave_data(wave: Wave) -> WaveData:
    """The submitted responses of a wave with the questionnaire it was fielded with."""
    questionnaire = Questionnaire.from_dict(wave.questionnaire, source=f"wave {wave.year}")
    submitted = MunicipalResponse.Status.SUBMITTED
    codes = dict(
        MunicipalResponse.objects.filter(wave=wave, status=submitted).values_list(
            "id", "municipality__code"
        )
    )
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    rows = Answer.objects.filter(response__wave=wave, response__status=submitted).values_list(
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
    )


def waves_until(year: int) -> list[WaveData]:
    """The wave of ``year`` and every earlier wave, oldest first."""
    get_wave(year)
    return [wave_data(w) for w in Wave.objects.filter(year__lte=year).order_by("year")]
