import pytest

from aimonitor.errors import AimonitorError
from aimonitor.web.waves.reads import read_wave, read_waves_newest_first, read_waves_until

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
