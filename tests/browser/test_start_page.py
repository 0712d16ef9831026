import pytest

from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.municipalities.loading import load_frame_into_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_start_page_renders_in_a_real_browser_with_the_synthetic_label(
    live_server, chromium, tmp_path
):
    load_frame_into_database()
    store_demo_waves(seed=2024)
    dom = chromium.dom(live_server.url + "/")
    assert "Synthetische demonstratiedata" in dom
    assert dom.count("Respons naar grootteklasse") == 3
    english = chromium.dom(live_server.url + "/", lang="en")
    assert "Synthetic demonstration data" in english
    assert english.count("Response by size class") == 3
    shot = chromium.screenshot(live_server.url + "/", tmp_path / "start.png")
    header = shot.read_bytes()[:8]
    assert header == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
