"""The audit trail cannot be rewritten: the database refuses to change a history record of a
wave, a response or an answer (and, on PostgreSQL, to delete one)."""

import pytest
from django.db import IntegrityError, connection, transaction

from aimonitor.web.fieldwork.models import MunicipalResponse
from aimonitor.web.waves.models import Wave

from ..conftest import make_wave, respond

pytestmark = pytest.mark.django_db

HISTORY_TABLES = {
    "wave": "waves_historicalwave",
    "response": "fieldwork_historicalmunicipalresponse",
}


@pytest.fixture
def recorded(frame):
    wave = make_wave(2024)
    respond(wave, ["GM0363"])
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    return wave


def _records(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT history_id, history_type FROM {table} ORDER BY history_id")
        return cursor.fetchall()


@pytest.mark.parametrize("table", HISTORY_TABLES.values(), ids=HISTORY_TABLES.keys())
def test_a_history_record_cannot_be_changed_behind_the_models_back(recorded, table):
    before = _records(table)
    assert before
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET history_type = '+'")
    assert _records(table) == before


@pytest.mark.postgres_only
@pytest.mark.parametrize("table", HISTORY_TABLES.values(), ids=HISTORY_TABLES.keys())
def test_postgresql_refuses_to_delete_a_history_record(recorded, table):
    before = _records(table)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    assert _records(table) == before


def test_the_history_still_grows_with_every_change(recorded):
    response = MunicipalResponse.objects.get(wave=recorded)
    assert recorded.history.count() >= 2
    assert response.history.count() >= 1
