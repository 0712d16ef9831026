"""Store the synthetic demo waves in the database, replacing earlier demo waves.

Running it twice gives the same database (same seed, same rows); a wave that holds real
responses is never touched.
"""

from __future__ import annotations

import datetime as dt
import shutil

from django.db import transaction
from django.utils import timezone

from aimonitor.demo import DemoWave, generate_demo_waves
from aimonitor.errors import AimonitorError
from aimonitor.frame import load_frame
from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, Wave
from aimonitor.web.municipalities.models import Municipality

QUESTIONNAIRE_FILE = "questionnaires/ai-monitor-2024.yaml"


@transaction.atomic
def store_demo_waves(seed: int) -> list[str]:
    questionnaire = load_questionnaire(data_dir() / QUESTIONNAIRE_FILE)
    waves = generate_demo_waves(questionnaire, load_frame, seed=seed)
    lines = []
    for demo_wave in waves:
        _refuse_to_overwrite_real_wave(demo_wave.year)
        Wave.objects.filter(year=demo_wave.year, is_synthetic=True).delete()
        _remove_built_reports(demo_wave.year)
        wave = _store_wave(demo_wave, questionnaire)
        submitted = sum(1 for r in demo_wave.responses if r.status == "submitted")
        lines.append(
            f"wave {wave.year} (SYNTHETIC demo data): {submitted} of {len(demo_wave.responses)} "
            "municipalities submitted"
        )
    return lines


def _remove_built_reports(year: int) -> None:
    """A report built from the replaced wave no longer matches its data: remove it."""
    from aimonitor.i18n import SUPPORTED_LANGUAGES
    from aimonitor.web.publishing import report_dir

    for lang in SUPPORTED_LANGUAGES:
        shutil.rmtree(report_dir(year, lang), ignore_errors=True)


def _refuse_to_overwrite_real_wave(year: int) -> None:
    if Wave.objects.filter(year=year, is_synthetic=False).exists():
        raise AimonitorError(
            f"wave {year} holds real responses; the demo data will not overwrite it "
            "(use an empty database for the demo, e.g. DATABASE_URL=sqlite:///var/demo.sqlite3)"
        )


def _store_wave(demo_wave: DemoWave, questionnaire: Questionnaire) -> Wave:
    wave = Wave.objects.create(
        year=demo_wave.year,
        status=demo_wave.status,
        opens_on=dt.date(demo_wave.year, 10, 1),
        closes_on=dt.date(demo_wave.year, 11, 15),
        frame_year=demo_wave.frame_year,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire=questionnaire.to_dict(),
        is_synthetic=True,
    )
    municipalities = {
        m.code: m for m in Municipality.objects.filter(frame_year=demo_wave.frame_year)
    }
    submitted_at = timezone.make_aware(dt.datetime(demo_wave.year, 11, 1, 12, 0))
    responses = MunicipalResponse.objects.bulk_create(
        MunicipalResponse(
            wave=wave,
            municipality=municipalities[r.code],
            status=r.status,
            submitted_at=submitted_at if r.status == "submitted" else None,
            is_synthetic=True,
        )
        for r in demo_wave.responses
    )
    Answer.objects.bulk_create(
        (
            Answer(response=response, variable=variable, value=value)
            for response, demo_response in zip(responses, demo_wave.responses, strict=True)
            for variable, value in demo_response.answers.items()
        ),
        batch_size=2000,
    )
    return wave
