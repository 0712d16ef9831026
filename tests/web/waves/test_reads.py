import pytest
from django.db import connection

from aimonitor.errors import AimonitorError
from aimonitor.web.waves import reads
from aimonitor.web.waves.models import Wave
from aimonitor.web.waves.reads import (
    read_published_ids,
    read_published_years,
    read_wave,
    read_waves_newest_first,
    read_waves_until,
)

from ..conftest import make_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def waves(db):
    for year in (2024, 2023, 2025):
        make_wave(year, frame_year=year)


def test_waves_are_read_by_year_oldest_first_or_newest_first(waves):
    assert [wave.year for wave in read_waves_until(2024)] == [2023, 2024]
    assert [wave.year for wave in read_waves_newest_first()] == [2025, 2024, 2023]
    assert read_wave(2025).frame_year == 2025


def test_an_unknown_wave_is_an_error_that_names_the_known_ones(waves):
    with pytest.raises(AimonitorError, match="unknown wave 2022; known waves: 2023, 2024, 2025"):
        read_waves_until(2022)


def test_without_waves_the_error_says_how_to_load_them(db):
    with pytest.raises(AimonitorError, match=r"known waves: none \(run 'aimonitor demo-data'\)"):
        read_wave(2024)


def test_a_wave_published_in_this_process_shows_at_once(waves):
    assert read_published_years() == []
    wave = Wave.objects.get(year=2024)
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    assert read_published_ids() == ((2024, wave.pk),)
    assert read_published_years() == [2024]


def test_a_wave_published_by_another_worker_shows_within_the_seconds_a_worker_trusts_its_copy(
    waves, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(reads.time, "monotonic", lambda: now[0])
    assert read_published_ids() == ()
    # another process publishes: no signal reaches this one, only the database changes
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Wave._meta.db_table} SET status = %s WHERE year IN (2023, 2025)",
            [Wave.Status.PUBLISHED.value],
        )
    now[0] += reads.PUBLISHED_SECONDS / 2
    assert read_published_ids() == (), "read again on every request: the dashboard's cost"
    now[0] += reads.PUBLISHED_SECONDS
    assert read_published_years() == [2025, 2023]
