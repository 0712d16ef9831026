"""A submitted response in the admin: its answers are read-only, it cannot be deleted, and
a published wave's responses cannot be changed at all (ADR 0008)."""

import pytest

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A, make_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(frame):
    wave = make_wave(2024)
    response = MunicipalResponse.objects.create(
        wave=wave,
        municipality=Municipality.objects.get(frame_year=2024, code=MUNICIPALITY_A),
        status="in_progress",
    )
    Answer.objects.create(response=response, variable="uses_ai", value=1)
    response.status = "submitted"
    response.save()
    return response


def _form(response, status, value):
    answer = response.answers.get()
    return {
        "wave": response.wave_id,
        "municipality": response.municipality_id,
        "status": status,
        "answers-TOTAL_FORMS": "1",
        "answers-INITIAL_FORMS": "1",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
        "answers-0-id": answer.pk,
        "answers-0-response": response.pk,
        "answers-0-variable": "uses_ai",
        "answers-0-value": value,
    }


def test_the_answers_of_a_submitted_response_are_read_only_in_the_admin(submitted, client_as):
    researcher = client_as("researcher")
    url = f"/admin/fieldwork/municipalresponse/{submitted.pk}/change/"
    page = researcher.get(url).content.decode()
    assert 'name="answers-0-value"' not in page
    researcher.post(url, _form(submitted, "submitted", "0"))
    assert submitted.answers.get().value == 1
    delete = researcher.post(
        f"/admin/fieldwork/municipalresponse/{submitted.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403
    assert MunicipalResponse.objects.filter(pk=submitted.pk).exists()


def test_the_admin_can_reopen_a_submitted_response_and_says_who_did(submitted, client_as):
    researcher = client_as("researcher")
    url = f"/admin/fieldwork/municipalresponse/{submitted.pk}/change/"
    assert researcher.post(url, _form(submitted, "in_progress", "1")).status_code == 302
    latest = submitted.history.latest()
    assert (latest.status, latest.history_user.username) == ("in_progress", "researcher")


def test_a_published_wave_s_response_is_read_only_in_the_admin(submitted, client_as):
    wave = submitted.wave
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    researcher = client_as("researcher")
    url = f"/admin/fieldwork/municipalresponse/{submitted.pk}/change/"
    assert 'name="_save"' not in researcher.get(url).content.decode()
    assert researcher.post(url, {"status": "in_progress"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
