"""Wave moved from the fieldwork app to its own: the migrations keep its rows and links."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.waves.models import Wave

BEFORE = [("fieldwork", "0001_initial"), ("municipalities", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_waves_and_their_responses_survive_the_move_to_the_waves_app():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    old_wave = old.get_model("fieldwork", "Wave").objects.create(
        year=2024,
        status="closed",
        opens_on=dt.date(2024, 10, 1),
        frame_year=2024,
        questionnaire_id="ai-monitor-2024",
        questionnaire_version="1",
        questionnaire={"id": "ai-monitor-2024"},
    )
    amsterdam = old.get_model("municipalities", "Municipality").objects.create(
        frame_year=2024,
        code="GM0363",
        name="Amsterdam",
        province="Noord-Holland",
        inhabitants=918_117,
        size_class="ge250k",
    )
    old.get_model("fieldwork", "MunicipalResponse").objects.create(
        wave=old_wave, municipality=amsterdam, status="submitted"
    )
    _migrate(latest)
    wave = Wave.objects.get(year=2024)
    assert (wave.pk, wave.opens_on, wave.questionnaire) == (
        old_wave.pk,
        dt.date(2024, 10, 1),
        {"id": "ai-monitor-2024"},
    )
    response = MunicipalResponse.objects.get()
    assert (response.wave, response.municipality.code) == (wave, "GM0363")
    assert Wave._meta.db_table == "waves_wave"
