"""``make demo`` prints a researcher login with a demo second factor, and the demo wave's
cockpit shows a fieldwork with every state."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from aimonitor.fieldwork.progress import FieldworkState
from aimonitor.web.research.demo import (
    DEMO_PASSWORD,
    DEMO_RESEARCHER,
    demo_code,
    prepare_demo_fieldwork,
)
from aimonitor.web.research.models import Contact, Delivery
from aimonitor.web.research.reads import read_fieldwork_progress
from aimonitor.web.survey.demo import open_demo_wave
from aimonitor.web.waves.models import Wave


def _log_in(client: Client, code: str) -> None:
    client.post(reverse("account_login"), {"login": DEMO_RESEARCHER, "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})


def test_the_demo_researcher_logs_in_with_the_printed_second_factor(demo: None) -> None:
    open_demo_wave("http://127.0.0.1:8000")
    lines = prepare_demo_fieldwork("http://127.0.0.1:8000")
    assert "onderzoeker / demo-onderzoeker" in lines[0]
    recovery = lines[1].rsplit(": ", 1)[1].split(", ")
    assert len(recovery) == 3
    assert all(code.isdigit() for code in recovery)

    with_app = Client()
    _log_in(with_app, demo_code())
    assert with_app.get(reverse("research:wave", args=[2025])).status_code == 200

    with_recovery_code = Client()
    _log_in(with_recovery_code, recovery[0])
    assert with_recovery_code.get(reverse("research:home")).status_code == 200
    used_again = Client()
    _log_in(used_again, recovery[0])
    assert used_again.get(reverse("research:home")).status_code == 302


def test_the_demo_wave_has_contacts_mails_and_every_fieldwork_state(demo: None) -> None:
    open_demo_wave("http://127.0.0.1:8000")
    prepare_demo_fieldwork("http://127.0.0.1:8000")
    wave = Wave.objects.get(year=2025)
    assert Contact.objects.filter(wave=wave).count() == 342
    assert Delivery.objects.filter(wave=wave, status=Delivery.Status.BOUNCED).count() == 3
    progress = read_fieldwork_progress(wave)
    counts = {state: len(progress.codes_in(state)) for state in FieldworkState}
    assert all(count > 0 for count in counts.values()), counts
    assert sum(counts.values()) == 342
    # a second run (make demo again) adds nothing
    prepare_demo_fieldwork("http://127.0.0.1:8000")
    assert Contact.objects.filter(wave=wave).count() == 342
