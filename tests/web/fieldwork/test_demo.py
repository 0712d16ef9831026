import pytest

from aimonitor.errors import AimonitorError
from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.waves.models import Wave

pytestmark = pytest.mark.django_db


def test_storing_the_demo_waves_twice_gives_the_same_rows_without_duplicates(frame):
    stored = store_demo_waves(seed=2024)
    assert [wave.year for wave in stored] == [2023, 2024, 2025]
    assert str(stored[0]).startswith("wave 2023 (SYNTHETIC demo data): ")
    first = (Wave.objects.count(), MunicipalResponse.objects.count(), Answer.objects.count())
    store_demo_waves(seed=2024)
    second = (Wave.objects.count(), MunicipalResponse.objects.count(), Answer.objects.count())
    assert first == second
    assert first[:2] == (3, 3 * 342)
    assert Answer.objects.count() > 100 * 3 * 92 / 2


def test_every_stored_demo_record_is_flagged_synthetic_and_keeps_its_questionnaire(frame):
    store_demo_waves(seed=2024)
    assert set(Wave.objects.values_list("is_synthetic", flat=True)) == {True}
    assert set(MunicipalResponse.objects.values_list("is_synthetic", flat=True)) == {True}
    wave = Wave.objects.get(year=2024)
    assert wave.questionnaire["id"] == wave.questionnaire_id == "ai-monitor-2024"
    submitted = wave.responses.filter(status=MunicipalResponse.Status.SUBMITTED)
    amsterdam = submitted.filter(municipality__code="GM0363").first()
    if amsterdam is not None:
        assert amsterdam.answers.get(variable="A1").value == 363


def test_the_demo_never_overwrites_a_wave_with_real_responses(frame):
    Wave.objects.create(
        year=2024,
        frame_year=2024,
        questionnaire_id="ai-monitor-2024",
        questionnaire_version="real",
        questionnaire={},
        is_synthetic=False,
    )
    with pytest.raises(AimonitorError, match="wave 2024 holds real responses"):
        store_demo_waves(seed=2024)
    assert Wave.objects.count() == 1
    assert Wave.objects.get().questionnaire_version == "real"


def test_the_demo_says_how_many_responded_as_the_report_counts_them(frame):
    from aimonitor.web.fieldwork.reads import read_response

    for stored in store_demo_waves(seed=2024):
        total = read_response(Wave.objects.get(year=stored.year)).total
        line = str(stored)
        assert f"{stored.submitted} of 342 municipalities submitted" in line
        if total.covered:
            assert f"{total.respondents} of 342 responded" in line
