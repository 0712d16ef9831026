import pytest

from aimonitor.errors import AimonitorError
from aimonitor.web.cli.demo import store_demo_data
from aimonitor.web.outputs.publish import build_wave_report
from aimonitor.web.outputs.reports import REPORT_FILES, report_dir
from aimonitor.web.waves.models import Wave

from ..conftest import make_wave

pytestmark = pytest.mark.django_db


def _stand_in_reports(*years):
    for year in years:
        folder = report_dir(year, "nl")
        folder.mkdir(parents=True, exist_ok=True)
        for name in REPORT_FILES:
            (folder / name).write_bytes(b"a report built earlier")
    return [report_dir(year, "nl") / "report.html" for year in years]


def test_regenerating_the_demo_waves_removes_reports_built_from_the_old_data(
    demo, django_capture_on_commit_callbacks
):
    built = build_wave_report(2024, "nl", report_dir(2024, "nl"), pdf=False)
    assert built.html.exists()
    with django_capture_on_commit_callbacks(execute=True):
        lines = store_demo_data(seed=7)
    assert not built.html.exists()
    assert [line.split(" (")[0] for line in lines] == ["wave 2023", "wave 2024", "wave 2025"]


def test_the_reports_stay_until_the_new_demo_waves_are_committed(
    demo, django_capture_on_commit_callbacks
):
    reports = _stand_in_reports(2023, 2024)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        store_demo_data(seed=7)
        assert all(report.exists() for report in reports)
    assert len(pending) == 3  # one removal per stored wave, run on commit


def test_a_refused_demo_run_keeps_the_reports_and_the_waves_it_would_have_replaced(
    frame, settings, tmp_path, django_capture_on_commit_callbacks
):
    # A real wave 2025 stops the run after the demo waves 2023 and 2024 were replaced in the
    # transaction: the transaction is rolled back and no report may be lost.
    settings.REPORTS_DIR = tmp_path / "reports"
    make_wave(2025)
    reports = _stand_in_reports(2023, 2024, 2025)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(AimonitorError, match="wave 2025 holds real responses"),
    ):
        store_demo_data(seed=7)
    assert all(report.exists() for report in reports)
    assert list(Wave.objects.values_list("year", "is_synthetic")) == [(2025, False)]
