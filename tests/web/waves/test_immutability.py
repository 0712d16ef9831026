"""Attacks on a wave that is no longer a draft, through the ORM and the database: a published
wave does not change and is not deleted; a fielded wave keeps its frame, questionnaire and
synthetic flag and never returns to draft (ADR 0008)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from aimonitor.frame import load_frame
from aimonitor.web.waves.guards import FrozenError, replacing_synthetic_waves
from aimonitor.web.waves.models import Wave

from ..conftest import make_wave

pytestmark = pytest.mark.django_db

TAMPERING = {
    "back to draft": {"status": "draft"},
    "another frame year": {"frame_year": 2023},
    "no longer synthetic": {"is_synthetic": False},
    "another questionnaire": {"questionnaire": {"id": "something else"}},
    "another questionnaire version": {"questionnaire_version": "2"},
    "another year": {"year": 2030},
}


@pytest.fixture
def published(frame):
    wave = make_wave(2024, synthetic=True)
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    return wave


def _stored(wave):
    return Wave.objects.values().get(pk=wave.pk)


@pytest.mark.parametrize("change", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_published_wave_refuses_every_change_through_save(published, change):
    before = _stored(published)
    for field, value in change.items():
        setattr(published, field, value)
    with pytest.raises(FrozenError, match="it is published and cannot change"):
        published.save()
    assert _stored(published) == before


@pytest.mark.parametrize("change", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_published_wave_refuses_every_change_through_a_queryset_update(published, change):
    before = _stored(published)
    with pytest.raises(FrozenError, match="waves 2024 are no longer drafts"):
        Wave.objects.filter(pk=published.pk).update(**change)
    assert _stored(published) == before


def test_even_the_dates_of_a_published_wave_are_fixed(published):
    published.opens_on = dt.date(2024, 9, 1)
    with pytest.raises(FrozenError, match=r"cannot change \(opens_on\)"):
        published.save()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE waves_wave SET status = 'draft'",
        "UPDATE waves_wave SET frame_year = 2023",
        "UPDATE waves_wave SET is_synthetic = %s",
        "UPDATE waves_wave SET questionnaire_version = 'forged'",
        "UPDATE waves_wave SET opens_on = '2024-09-01'",
    ],
)
def test_the_database_refuses_to_change_a_published_wave_behind_the_models_back(published, sql):
    before = _stored(published)
    params = [False] if "%s" in sql else []
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql + " WHERE id = %s", [*params, published.pk])
    assert _stored(published) == before


def test_a_published_wave_is_never_deleted_with_its_responses(published):
    with pytest.raises(FrozenError, match="wave 2024 is published: only a draft can be deleted"):
        published.delete()
    with pytest.raises(FrozenError):
        Wave.objects.filter(year=2024).delete()
    assert Wave.objects.filter(pk=published.pk).exists()


def test_a_real_published_wave_is_not_deleted_even_on_the_demo_data_path(frame):
    real = make_wave(2024)
    real.status = Wave.Status.PUBLISHED
    real.save()
    with transaction.atomic(), replacing_synthetic_waves(), pytest.raises(FrozenError):
        real.delete()
    assert Wave.objects.filter(pk=real.pk).exists()


@pytest.mark.postgres_only
def test_postgresql_refuses_to_delete_a_published_wave_behind_the_models_back(published):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM waves_wave WHERE id = %s", [published.pk])
    assert Wave.objects.filter(pk=published.pk).exists()


@pytest.mark.postgres_only
def test_postgresql_lets_only_the_demo_data_path_delete_a_synthetic_published_wave(published):
    with transaction.atomic(), replacing_synthetic_waves(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM waves_wave WHERE id = %s", [published.pk])
    assert not Wave.objects.filter(pk=published.pk).exists()


def test_a_closed_wave_keeps_its_frozen_fields_but_may_reopen_and_be_published(frame):
    wave = make_wave(2024)
    wave.frame_year = 2023
    with pytest.raises(FrozenError, match="frame_year are frozen since it opened"):
        wave.save()
    wave.refresh_from_db()
    wave.status = Wave.Status.DRAFT
    with pytest.raises(FrozenError, match="cannot go from closed to draft"):
        wave.save()
    for status in (Wave.Status.OPEN, Wave.Status.CLOSED, Wave.Status.PUBLISHED):
        wave.status = status
        wave.save()
    assert [h.status for h in wave.history.order_by("history_id")] == [
        "closed",
        "open",
        "closed",
        "published",
    ]


def test_a_draft_may_change_in_every_way_and_be_deleted(frame):
    draft = Wave.objects.create(
        year=2026,
        frame_year=2025,
        questionnaire_id="q",
        questionnaire_version="1",
        questionnaire={},
    )
    assert draft.frame_sha256 == ""
    Wave.objects.filter(pk=draft.pk).update(frame_year=2024, questionnaire={"id": "x"})
    draft.refresh_from_db()
    draft.is_synthetic = True
    draft.save()
    draft.delete()
    assert not Wave.objects.filter(year=2026).exists()


def test_an_opened_wave_records_the_frame_it_was_opened_with(frame):
    draft = Wave.objects.create(
        year=2026,
        frame_year=2025,
        questionnaire_id="q",
        questionnaire_version="1",
        questionnaire={},
    )
    draft.status = Wave.Status.OPEN
    draft.save(update_fields=["status"])
    draft.refresh_from_db()
    assert draft.frame_sha256 == load_frame(2025).sha256
    assert draft.frame_sha256 != load_frame(2024).sha256


def test_a_wave_cannot_leave_draft_without_its_frame_in_the_database(frame):
    draft = Wave.objects.create(
        year=2026,
        frame_year=2025,
        questionnaire_id="q",
        questionnaire_version="1",
        questionnaire={},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Wave.objects.filter(pk=draft.pk).update(status=Wave.Status.OPEN)
