"""The research team in the admin: a draft is made with "Add wave" and edited freely; a
published wave is shown read-only and cannot be deleted; every change is in the history."""

import pytest

from aimonitor.web.waves.models import Wave

from ..conftest import make_wave

pytestmark = pytest.mark.django_db


def test_add_wave_makes_a_draft_that_freezes_the_current_questionnaire(frame, client_as):
    researcher = client_as("researcher")
    assert researcher.get("/admin/waves/wave/add/").status_code == 200
    page = researcher.post(
        "/admin/waves/wave/add/",
        {"year": "2026", "frame_year": "2025", "opens_on": "2026-10-01", "closes_on": ""},
    )
    assert page.status_code == 302
    wave = Wave.objects.get(year=2026)
    assert (wave.status, wave.questionnaire_id) == ("draft", "ai-monitor-2024")
    assert (wave.questionnaire["id"], wave.questionnaire_version) == ("ai-monitor-2024", "2024.2")
    assert wave.questionnaire["items"]
    assert wave.history.get().history_user.username == "researcher"


@pytest.fixture
def published(frame):
    wave = make_wave(2024, synthetic=True)
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    return wave


def test_a_published_wave_is_read_only_in_the_admin(published, client_as):
    researcher = client_as("researcher")
    url = f"/admin/waves/wave/{published.pk}/change/"
    page = researcher.get(url).content.decode()
    assert 'name="_save"' not in page
    assert "deletelink" not in page
    tamper = {"year": "2024", "status": "draft", "frame_year": "2023", "is_synthetic": ""}
    assert researcher.post(url, tamper).status_code == 403
    delete = researcher.post(f"/admin/waves/wave/{published.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    published.refresh_from_db()
    assert (published.status, published.frame_year, published.is_synthetic) == (
        "published",
        2024,
        True,
    )


def test_the_bulk_delete_action_leaves_a_published_wave_alone(published, client_as):
    researcher = client_as("researcher")
    researcher.post(
        "/admin/waves/wave/",
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert Wave.objects.filter(pk=published.pk).exists()


def test_a_closed_wave_cannot_be_sent_back_to_draft_in_the_admin(frame, client_as):
    wave = make_wave(2024)
    researcher = client_as("researcher")
    page = researcher.post(
        f"/admin/waves/wave/{wave.pk}/change/",
        {"status": "draft", "opens_on": "", "closes_on": ""},
    )
    assert page.status_code == 200  # the form again, with the reason
    assert "cannot go from closed to draft" in page.content.decode()
    wave.refresh_from_db()
    assert wave.status == "closed"


def test_the_admin_records_who_published_a_wave(frame, client_as):
    wave = make_wave(2024)
    researcher = client_as("researcher")
    researcher.post(
        f"/admin/waves/wave/{wave.pk}/change/",
        {"status": "published", "opens_on": "", "closes_on": ""},
    )
    latest = wave.history.latest()
    assert (latest.status, latest.history_user.username) == ("published", "researcher")
    assert researcher.get(f"/admin/waves/wave/{wave.pk}/history/").status_code == 200


def test_the_admin_speaks_dutch_to_the_research_team(published, client_as):
    researcher = client_as("researcher")
    page = researcher.get(
        f"/admin/waves/wave/{published.pk}/change/", HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()
    assert "Vingerafdruk van het steekproefkader" in page
    assert "Jaar van het steekproefkader" in page
    listing = researcher.get("/admin/waves/wave/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "metingen" in listing.lower()
