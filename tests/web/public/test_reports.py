import pytest

from aimonitor.web.outputs.publish import build_wave_report
from aimonitor.web.outputs.reports import report_dir

pytestmark = pytest.mark.django_db


def test_the_web_app_serves_a_built_report_and_links_it_from_the_start_page(demo, client):
    build_wave_report(2024, "en", report_dir(2024, "en"), pdf=False)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/rapport/2024/en/"' in page
    assert 'href="/rapport/2024/nl/"' not in page
    response = client.get("/rapport/2024/en/")
    assert response.status_code == 200
    assert b"Synthetic demonstration data" in b"".join(response.streaming_content)
    assert client.get("/rapport/2024/nl/").status_code == 404
    assert client.get("/rapport/2024/en/secrets.txt").status_code == 404
