"""``make demo`` opens the newest demo wave for answering and prints a coordinator link."""

from __future__ import annotations

from django.test import Client

from aimonitor.web.survey.demo import open_demo_wave
from aimonitor.web.waves.models import Wave


def test_the_demo_prints_a_coordinator_link_into_a_synthetic_open_wave(demo: None) -> None:
    lines = open_demo_wave("http://127.0.0.1:8000")
    assert lines[0].startswith("wave 2025 (SYNTHETIC) is open for answering until")
    url = lines[1].rsplit(" ", 1)[1]
    browser = Client()
    landing = browser.get(url.removeprefix("http://127.0.0.1:8000"))
    assert landing.status_code == 302
    overview = browser.get(landing["Location"])
    text = overview.content.decode()
    assert "Demonstratie: een synthetische meting" in text
    assert Wave.objects.get(year=2025).status == Wave.Status.OPEN
    theme = browser.get(landing["Location"] + "thema/vision/").content.decode()
    assert "Vorig jaar" in theme
