import pytest

from aimonitor.web.cli.demo import store_demo_data
from aimonitor.web.outputs.publish import build_wave_report
from aimonitor.web.outputs.reports import report_dir

pytestmark = pytest.mark.django_db


def test_regenerating_the_demo_waves_removes_reports_built_from_the_old_data(demo):
    built = build_wave_report(2024, "nl", report_dir(2024, "nl"), pdf=False)
    assert built.html.exists()
    lines = store_demo_data(seed=7)
    assert not built.html.exists()
    assert [line.split(" (")[0] for line in lines] == ["wave 2023", "wave 2024", "wave 2025"]
