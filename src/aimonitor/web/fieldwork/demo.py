"""Store the synthetic demo waves in the database, replacing earlier demo waves.

Running it twice gives the same database (same seed, same rows); a wave that holds real
responses is never touched. Reports built from a replaced wave are removed by the command
that calls this (:func:`aimonitor.web.cli.demo.store_demo_data`), which knows where they are.

Replacing is the one sanctioned deletion of waves that are no longer drafts
(:func:`aimonitor.web.waves.guards.replacing_synthetic_waves`, synthetic waves only): the
responses and answers go without a history record each, the wave's deletion is recorded in
its history with the reason. A new demo wave is stored as fieldwork would make it: opened
(its frame recorded), responses and answers added, the submitted ones submitted, then
closed and published as the demo wants; each step of the wave is in its history.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from aimonitor.demo import DemoWave, generate_demo_waves
from aimonitor.errors import AimonitorError
from aimonitor.frame import load_frame
from aimonitor.paths import data_dir
from aimonitor.questionnaire import Questionnaire, load_questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.fieldwork.reads import read_response
from aimonitor.web.municipalities.reads import read_municipalities
from aimonitor.web.waves.guards import replacing_synthetic_waves
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import read_holds_real_wave

QUESTIONNAIRE_FILE = "questionnaires/ai-monitor-2024.yaml"


@dataclass(frozen=True)
class StoredDemoWave:
    year: int
    submitted: int
    invited: int
    covered: int = 0
    """Municipalities a shared organisation's submitted response also answered for."""

    def __str__(self) -> str:
        line = (
            f"wave {self.year} (SYNTHETIC demo data): {self.submitted} of {self.invited} "
            "municipalities submitted"
        )
        if self.covered:
            line += (
                f"; with the {self.covered} that shared organisations answered for, "
                f"{self.submitted + self.covered} of {self.invited} responded "
                "(as the report counts)"
            )
        return line


@functools.lru_cache(maxsize=2)
def _generated(seed: int) -> tuple[Questionnaire, tuple[DemoWave, ...]]:
    """The demo waves of ``seed``, generated once per process (6 s of numpy; they depend on
    the seed and the shipped files only, and are immutable): the test suite stores them
    again for every test that needs them."""
    questionnaire = load_questionnaire(data_dir() / QUESTIONNAIRE_FILE)
    return questionnaire, tuple(generate_demo_waves(questionnaire, load_frame, seed=seed))


@transaction.atomic
def store_demo_waves(seed: int) -> list[StoredDemoWave]:
    questionnaire, waves = _generated(seed)
    stored = []
    for demo_wave in waves:
        _refuse_to_overwrite_real_wave(demo_wave.year)
        _remove_synthetic_wave(demo_wave.year, seed)
        wave = _store_wave(demo_wave, questionnaire)
        submitted = sum(1 for r in demo_wave.responses if r.status == "submitted")
        covered = read_response(wave).total.covered
        stored.append(StoredDemoWave(wave.year, submitted, len(demo_wave.responses), covered))
    return stored


def _refuse_to_overwrite_real_wave(year: int) -> None:
    if read_holds_real_wave(year):
        raise AimonitorError(
            f"wave {year} holds real responses; the demo data will not overwrite it "
            "(use an empty database for the demo, e.g. DATABASE_URL=sqlite:///var/demo.sqlite3)"
        )


def _remove_synthetic_wave(year: int, seed: int) -> None:
    with replacing_synthetic_waves():
        for wave in Wave.objects.filter(year=year, is_synthetic=True):
            # The rows go in bulk, without a history record each; the wave's own deletion
            # (below) is recorded with the reason.
            Answer.objects.filter(response__wave=wave)._raw_delete(Answer.objects.db)
            MunicipalResponse.objects.filter(wave=wave)._raw_delete(MunicipalResponse.objects.db)
            wave._change_reason = f"synthetic wave replaced by 'aimonitor demo-data --seed {seed}'"  # type: ignore[attr-defined]
            wave.delete()


def _store_wave(demo_wave: DemoWave, questionnaire: Questionnaire) -> Wave:
    wave = Wave(
        year=demo_wave.year,
        status=Wave.Status.OPEN,
        opens_on=dt.date(demo_wave.year, 10, 1),
        closes_on=dt.date(demo_wave.year, 11, 15),
        frame_year=demo_wave.frame_year,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire=questionnaire.to_dict(),
        is_synthetic=True,
    )
    wave._change_reason = "synthetic demo wave stored by 'aimonitor demo-data'"  # type: ignore[attr-defined]
    wave.save()
    municipalities = read_municipalities(demo_wave.frame_year)
    submitted_at = timezone.make_aware(dt.datetime(demo_wave.year, 11, 1, 12, 0))
    responses = MunicipalResponse.objects.bulk_create(
        MunicipalResponse(
            wave=wave,
            municipality=municipalities[r.code],
            status=MunicipalResponse.Status.IN_PROGRESS if r.status == SUBMITTED else r.status,
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
    for response, demo_response in zip(responses, demo_wave.responses, strict=True):
        if demo_response.status == SUBMITTED:
            response.status = SUBMITTED
            response.submitted_at = submitted_at
            response.save(update_fields=["status", "submitted_at"])
    for status in _STEPS_TO[demo_wave.status]:
        wave.status = status
        wave.save(update_fields=["status"])
    return wave


SUBMITTED = MunicipalResponse.Status.SUBMITTED
_STEPS_TO: dict[str, list[str]] = {
    "open": [],
    "closed": [Wave.Status.CLOSED],
    "published": [Wave.Status.CLOSED, Wave.Status.PUBLISHED],
}
