"""A municipality answers together: link, themes, autosave, conflict, submission."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A
from .conftest import response_of

Visit = Callable[[str | None], Client]


def _item_url(item: str) -> str:
    return reverse("survey:item", args=[2025, MUNICIPALITY_A, item])


def test_a_coordinator_link_opens_the_overview_of_its_municipality(visit: Visit) -> None:
    page = visit("coordinator_a").get(reverse("survey:overview", args=[2025, MUNICIPALITY_A]))
    assert page.status_code == 200
    assert "Amsterdam" in page.content.decode()
    assert "Nodig een collega uit" in page.content.decode()


def test_an_autosave_stores_the_answer_and_says_saved(visit: Visit, open_wave: Wave) -> None:
    saved = visit("contributor_a").post(
        _item_url("B1"), {"B1": "1", "B1__revision": "0"}, HTTP_HX_REQUEST="true"
    )
    assert saved.status_code == 200, saved.content.decode()[:2000]
    assert "Opgeslagen" in saved.content.decode()
    answer = Answer.objects.get(response=response_of(open_wave, MUNICIPALITY_A), variable="B1")
    assert (answer.value, answer.revision) == (1, 1)
    assert answer.history.latest().history_user.username == "contributor_a"


def test_a_resent_autosave_is_applied_once(visit: Visit, open_wave: Wave) -> None:
    browser = visit("contributor_a")
    for _ in range(2):
        resent = browser.post(_item_url("B1"), {"B1": "1", "B1__revision": "0"})
        assert resent.status_code == 200
    answer = Answer.objects.get(response=response_of(open_wave, MUNICIPALITY_A), variable="B1")
    assert answer.revision == 1
    assert answer.history.count() == 1


def test_the_later_of_two_changes_sees_a_conflict_and_chooses(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator, contributor = visit("coordinator_a"), visit("contributor_a")
    coordinator.post(_item_url("B1"), {"B1": "1", "B1__revision": "0"})
    late = contributor.post(_item_url("B1"), {"B1": "3", "B1__revision": "0"})
    assert late.status_code == 422
    text = late.content.decode()
    assert "coordinator_a" in text
    assert "Mijn antwoord bewaren" in text
    response = response_of(open_wave, MUNICIPALITY_A)
    assert Answer.objects.get(response=response, variable="B1").value == 1
    kept = contributor.post(_item_url("B1"), {"B1": "3", "B1__revision": "1", "action": "mine:B1"})
    assert kept.status_code == 200
    assert Answer.objects.get(response=response, variable="B1").value == 3


def test_a_contributor_cannot_change_a_theme_of_someone_else(visit: Visit) -> None:
    refused = visit("contributor_a").post(_item_url("C1"), {"C1": "1", "C1__revision": "0"})
    assert refused.status_code == 403


def test_an_answer_out_of_range_gets_a_message_at_the_field_and_keeps_the_rest(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    coordinator.post(_item_url("B1"), {"B1": "1", "B1__revision": "0"})
    refused = coordinator.post(_item_url("C4"), {"C4": "100000", "C4__revision": "0"})
    assert refused.status_code == 422
    assert "Geef een getal van" in refused.content.decode()
    response = response_of(open_wave, MUNICIPALITY_A)
    assert not Answer.objects.filter(response=response, variable="C4").exists()
    assert Answer.objects.get(response=response, variable="B1").value == 1


def test_the_coordinator_submits_once_everything_required_is_answered(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    refused = coordinator.post(reverse("survey:submit", args=[2025, MUNICIPALITY_A]))
    assert refused.status_code == 422
    response = response_of(open_wave, MUNICIPALITY_A)
    assert response.status != MunicipalResponse.Status.SUBMITTED
