"""The Content-Security-Policy holds in a real browser: the pages and a built report load
without a single violation (Chromium reports each one on its console)."""

import pytest

from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.outputs.publish import build_wave_report
from aimonitor.web.outputs.reports import report_dir

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def report_2024(settings, tmp_path):
    settings.REPORTS_DIR = tmp_path / "reports"
    load_frame_into_database()
    store_demo_waves(seed=2024)
    build_wave_report(2024, "en", report_dir(2024, "en"), pdf=False)


def violations(console: list[str]) -> list[str]:
    return [line for line in console if "Content Security Policy" in line]


def test_the_start_page_the_admin_login_and_a_report_break_no_rule_of_the_policy(
    live_server, chromium, report_2024
):
    for path in ("/", "/admin/login/", "/rapport/2024/en/"):
        console = chromium.console(live_server.url + path, lang="en")
        assert violations(console) == [], path


def test_a_report_under_the_pages_policy_would_lose_its_styles(
    live_server, chromium, report_2024, monkeypatch
):
    """The check above can fail: the report's inline styles are refused by the policy of the
    pages, which is why a report is served with its own."""
    monkeypatch.setattr(
        "aimonitor.web.public.views.REPORT_CONTENT_SECURITY_POLICY",
        "default-src 'self'; style-src 'self'",
    )
    console = chromium.console(live_server.url + "/rapport/2024/en/", lang="en")
    assert violations(console)
