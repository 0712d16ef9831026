"""Attacks on submitted responses and their answers, and on a published wave's responses,
through the ORM and the database (ADR 0008). Reopening a submitted response is the one way
to change its answers again, and its history records who did it and when."""

import pytest
from django.db import IntegrityError, connection, transaction

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.guards import FrozenError
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, MUNICIPALITY_B, make_wave

pytestmark = pytest.mark.django_db


def _response(wave, code, answers, status="submitted"):
    response = MunicipalResponse.objects.create(
        wave=wave,
        municipality=Municipality.objects.get(frame_year=wave.frame_year, code=code),
        status=MunicipalResponse.Status.IN_PROGRESS,
    )
    for variable, value in answers.items():
        Answer.objects.create(response=response, variable=variable, value=value)
    if status != MunicipalResponse.Status.IN_PROGRESS:
        response.status = status
        response.save()
    return response


@pytest.fixture
def submitted(frame):
    """Municipality A's submitted response to the open wave 2024: uses AI, 12 applications."""
    wave = make_wave(2024)
    wave.status = Wave.Status.OPEN
    wave.save()
    return _response(wave, MUNICIPALITY_A, {"uses_ai": 1, "n_applications": 12})


def _answers(response):
    return dict(Answer.objects.filter(response=response).values_list("variable", "value"))


KEPT = {"uses_ai": 1, "n_applications": 12}


def test_an_answer_of_a_submitted_response_cannot_be_edited(submitted):
    answer = submitted.answers.get(variable="uses_ai")
    answer.value = 0
    with pytest.raises(FrozenError, match="answers of a submitted response"):
        answer.save()
    assert _answers(submitted) == KEPT


@pytest.mark.parametrize(
    "tamper",
    [
        lambda r: Answer.objects.filter(response=r).update(value=0),
        lambda r: r.answers.update(value=0),
        lambda r: Answer.objects.bulk_update(
            [Answer(pk=a.pk, response=r, variable=a.variable, value=0) for a in r.answers.all()],
            ["value"],
        ),
        lambda r: Answer.objects.filter(response=r).delete(),
        lambda r: r.answers.get(variable="uses_ai").delete(),
        lambda r: Answer.objects.create(response=r, variable="extra", value=1),
        lambda r: Answer.objects.bulk_create([Answer(response=r, variable="extra", value=1)]),
    ],
    ids=["update", "related update", "bulk update", "delete", "delete one", "add", "bulk add"],
)
def test_the_answers_of_a_submitted_response_refuse_bulk_and_single_changes(submitted, tamper):
    with pytest.raises(FrozenError), transaction.atomic():
        tamper(submitted)
    assert _answers(submitted) == KEPT


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE fieldwork_answer SET value = '0' WHERE response_id = %s",
        "INSERT INTO fieldwork_answer (response_id, variable, value) VALUES (%s, 'extra', '1')",
    ],
    ids=["update", "insert"],
)
def test_the_database_refuses_to_change_the_answers_of_a_submitted_response(submitted, sql):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [submitted.pk])
    assert _answers(submitted) == KEPT


@pytest.mark.postgres_only
def test_postgresql_refuses_to_delete_a_submitted_response_or_its_answers(submitted):
    for sql in (
        "DELETE FROM fieldwork_answer WHERE response_id = %s",
        "DELETE FROM fieldwork_municipalresponse WHERE id = %s",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [submitted.pk])
    assert _answers(submitted) == KEPT


def test_a_submitted_response_keeps_its_municipality_and_is_not_deleted(submitted):
    submitted.municipality = Municipality.objects.get(frame_year=2024, code=MUNICIPALITY_B)
    with pytest.raises(FrozenError, match="municipality_id cannot change"):
        submitted.save()
    submitted.refresh_from_db()
    with pytest.raises(FrozenError, match="is submitted: reopen it"):
        submitted.delete()
    with pytest.raises(FrozenError):
        MunicipalResponse.objects.filter(pk=submitted.pk).delete()
    with pytest.raises(FrozenError, match="status changes one by one"):
        MunicipalResponse.objects.filter(pk=submitted.pk).update(status="in_progress")
    assert _answers(submitted) == KEPT


def test_a_reopened_response_can_be_corrected_and_its_history_says_so(submitted):
    submitted.status = MunicipalResponse.Status.IN_PROGRESS
    submitted.save()
    answer = submitted.answers.get(variable="n_applications")
    answer.value = 13
    answer.save()
    submitted.status = MunicipalResponse.Status.SUBMITTED
    submitted.save()
    assert _answers(submitted)["n_applications"] == 13
    trail = [(h.status, h.history_type) for h in submitted.history.order_by("history_id")]
    assert trail == [
        ("in_progress", "+"),
        ("submitted", "~"),
        ("in_progress", "~"),
        ("submitted", "~"),
    ]
    assert [h.value for h in answer.history.order_by("history_id")] == [12, 13]


@pytest.fixture
def published_response(frame):
    wave = make_wave(2024)
    response = _response(wave, MUNICIPALITY_A, {"uses_ai": 1}, status="in_progress")
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    return response


def test_nothing_of_a_published_wave_s_responses_changes(published_response):
    published_response.status = MunicipalResponse.Status.SUBMITTED
    with pytest.raises(FrozenError, match="its wave is published"):
        published_response.save()
    with pytest.raises(FrozenError):
        published_response.answers.update(value=0)
    with pytest.raises(FrozenError, match="its wave is published"):
        MunicipalResponse.objects.create(
            wave=published_response.wave,
            municipality=Municipality.objects.get(frame_year=2024, code=MUNICIPALITY_B),
        )
    with pytest.raises(FrozenError, match="wave 2024 is published: it takes no new responses"):
        MunicipalResponse.objects.bulk_create(
            [
                MunicipalResponse(
                    wave=published_response.wave,
                    municipality=Municipality.objects.get(frame_year=2024, code=MUNICIPALITY_B),
                )
            ]
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE fieldwork_municipalresponse SET status = 'submitted' WHERE id = %s",
            [published_response.pk],
        )
    published_response.refresh_from_db()
    assert published_response.status == "in_progress"
    assert _answers(published_response) == {"uses_ai": 1}
