"""What the coordinator and contributors see and do on the survey pages."""

from __future__ import annotations

from collections.abc import Callable

from django.core import mail
from django.test import Client
from django.urls import reverse

from aimonitor.questionnaire import Questionnaire
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, NamingConsent
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A
from .conftest import LAST_YEAR_A, response_of

Visit = Callable[[str | None], Client]
A = (2025, MUNICIPALITY_A)


def _item(item: str) -> str:
    return reverse("survey:item", args=[*A, item])


def test_the_coordinator_invites_a_colleague_whose_mailed_link_opens_their_themes(
    visit: Visit,
) -> None:
    coordinator = visit("coordinator_a")
    sent = coordinator.post(
        reverse("survey:invite", args=A),
        {"email": "Privacy@Amsterdam.nl", "name": "Pien Privacy", "themes": ["champions"]},
    )
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["privacy@amsterdam.nl"]
    assert "AI-voortrekkers en AI-teams" in message.body
    link = next(line for line in message.body.splitlines() if "/link/" in line)
    colleague = Client()
    landing = colleague.get(link.split("testserver", 1)[-1].strip())
    assert landing.status_code == 302
    assert colleague.post(_item("C4"), {"C4": "2", "C4__revision": "0"}).status_code == 200
    assert colleague.post(_item("B1"), {"B1": "2", "B1__revision": "0"}).status_code == 403
    overview = coordinator.get(reverse("survey:overview", args=A)).content.decode()
    assert "Pien Privacy" in overview


def test_an_invitation_without_address_or_theme_says_what_is_missing(visit: Visit) -> None:
    page = visit("coordinator_a").post(reverse("survey:invite", args=A), {"email": "nee"})
    assert page.status_code == 422
    text = page.content.decode()
    assert "Vul een e-mailadres in" in text
    assert "Kies ten minste één thema" in text
    assert not mail.outbox
    assert AccessLink.objects.count() == 3


def test_last_years_answer_is_shown_and_taken_over_with_one_action(
    visit: Visit, open_wave: Wave
) -> None:
    contributor = visit("contributor_a")
    page = contributor.get(reverse("survey:theme", args=[*A, "vision"])).content.decode()
    assert "Vorig jaar" in page
    assert "Zelfde als vorig jaar" in page
    taken = contributor.post(_item("B1"), {"action": "previous:B1"})
    assert taken.status_code == 200
    stored = Answer.objects.get(response=response_of(open_wave, MUNICIPALITY_A), variable="B1")
    assert stored.value == LAST_YEAR_A["B1"]


def test_an_answer_that_opens_a_question_swaps_it_into_the_page(visit: Visit) -> None:
    """The page posts the revision of every question it shows: the swap compares routing
    with what that page shows, not with the state before this one save."""
    saved = visit("coordinator_a").post(_item("A4"), {"A4": "2", "A4__revision": "0"})
    text = saved.content.decode()
    assert saved.status_code == 200
    assert 'id="item-A4a"' in text
    assert 'hx-swap-oob="true"' in text
    page_with_a4a = {"A4": "1", "A4__revision": "1", "A4a__revision": "0"}
    hidden = visit("coordinator_a").post(_item("A4"), page_with_a4a)
    assert 'class="survey-item survey-item--hidden" hx-swap-oob="true"' in hidden.content.decode()


def test_an_answer_to_a_question_routing_hides_is_refused(visit: Visit) -> None:
    coordinator = visit("coordinator_a")
    coordinator.post(_item("B1"), {"B1": "4", "B1__revision": "0"})
    refused = coordinator.post(_item("B2"), {"B2": ["1"], "B2__revision": "0"})
    assert refused.status_code == 422
    assert not Answer.objects.filter(response__wave__year=2025, variable="B2").exists()


def test_without_javascript_the_theme_form_saves_and_shows_an_error_summary(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    url = reverse("survey:theme", args=[*A, "champions"])
    page = coordinator.post(url, {"C1": "1", "C1__revision": "0", "C4": "500", "C4__revision": "0"})
    assert page.status_code == 422
    text = page.content.decode()
    assert 'id="error-summary"' in text
    assert "Geef een getal van 0 tot en met 97" in text
    assert 'value="500"' in text
    response = response_of(open_wave, MUNICIPALITY_A)
    assert Answer.objects.get(response=response, variable="C1").value == 1
    fine = coordinator.post(url, {"C1": "1", "C1__revision": "1", "C4": "3,5", "C4__revision": "0"})
    assert fine.status_code == 302
    assert Answer.objects.get(response=response, variable="C4").value == 3.5


def test_the_response_downloads_as_a_pdf_for_approval(visit: Visit) -> None:
    visit("coordinator_a").post(_item("B1"), {"B1": "1", "B1__revision": "0"})
    pdf = visit("contributor_a").get(reverse("survey:pdf", args=A))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "private" in pdf["Cache-Control"]


def _answer_everything(client: Client, q: Questionnaire) -> None:
    """Answer every required question routing asks with its first code (a number: 1)."""
    for _ in range(3):  # answers open further questions; go round until nothing is missing
        for theme in q.themes:
            form: dict[str, object] = {}
            for variable in q.variables():
                if variable.theme != theme.id:
                    continue
                form[f"{variable.name}__revision"] = "0"  # as the page posts it
                if variable.type == "numeric":
                    form[variable.name] = "1"
                elif variable.type == "text":
                    form[variable.name] = "Geen opmerkingen"
                elif variable.type == "ranking":
                    form[f"{variable.name}__rank1"] = str(variable.codes[0].code)
                elif variable.type == "municipalities":
                    form[variable.name] = "599"
                elif variable.code_list:
                    form[variable.name] = "363"
                else:
                    form[variable.name] = str(variable.codes[-1].code)
            client.post(reverse("survey:theme", args=[*A, theme.id]), form)


def test_after_submission_the_response_is_read_only_and_logged(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    q = Questionnaire.from_dict(open_wave.questionnaire)
    _answer_everything(coordinator, q)
    submitted = coordinator.post(reverse("survey:submit", args=A))
    assert submitted.status_code == 302, submitted.content.decode()[-3000:]
    response = response_of(open_wave, MUNICIPALITY_A)
    assert response.status == MunicipalResponse.Status.SUBMITTED
    assert FieldworkEvent.objects.filter(kind="submitted").count() == 1
    assert coordinator.post(_item("B1"), {"B1": "2", "B1__revision": "1"}).status_code == 403
    page = coordinator.get(reverse("survey:overview", args=A)).content.decode()
    assert "Vragenlijst indienen" not in page
    assert "niet meer te wijzigen" in page


def test_a_reopened_response_is_logged_with_who_reopened_it(visit: Visit, open_wave: Wave) -> None:
    coordinator = visit("coordinator_a")
    _answer_everything(coordinator, Questionnaire.from_dict(open_wave.questionnaire))
    coordinator.post(reverse("survey:submit", args=A))
    response = response_of(open_wave, MUNICIPALITY_A)
    response.status = MunicipalResponse.Status.IN_PROGRESS
    response.save()
    assert FieldworkEvent.objects.filter(kind="reopened").count() == 1


def test_the_pages_speak_english_after_the_switch(visit: Visit) -> None:
    browser = visit("coordinator_a")
    browser.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = browser.get(reverse("survey:theme", args=[*A, "vision"])).content.decode()
    assert "Vision, strategy and policy" in page
    assert "Save answers" in page


def test_a_form_without_a_routed_away_question_leaves_its_earlier_answer_alone(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    coordinator.post(_item("B1"), {"B1": "1", "B1__revision": "0"})
    coordinator.post(_item("B2"), {"B2": ["1"], "B2__revision": "0", "B1__revision": "1"})
    coordinator.post(_item("B1"), {"B1": "4", "B1__revision": "1", "B2__revision": "1"})
    # the page now shows B1 but not B2 (nor B3-B5, which B1 = 4 routes away too)
    saved = coordinator.post(
        reverse("survey:theme", args=[*A, "vision"]), {"B1": "4", "B1__revision": "2"}
    )
    assert saved.status_code == 302
    response = response_of(open_wave, MUNICIPALITY_A)
    assert Answer.objects.get(response=response, variable="B2").value == [1]


def test_the_coordinator_chooses_whether_the_municipality_is_named_in_the_open_data(
    visit: Visit, open_wave: Wave
) -> None:
    coordinator = visit("coordinator_a")
    page = coordinator.get(reverse("survey:overview", args=A)).content.decode()
    assert "met de naam van de gemeente in de open data staan?" in page
    assert 'value="yes" checked' not in page
    assert 'value="no" checked' not in page
    naming = reverse("survey:naming", args=A)
    refused = coordinator.post(naming, {})
    assert refused.status_code == 422
    assert "Kies ja of nee." in refused.content.decode()
    saved = coordinator.post(naming, {"named": "yes"})
    assert saved["Location"].endswith("?naming=1#naming")
    page = coordinator.get(saved["Location"]).content.decode()
    assert "Uw keuze is opgeslagen." in page
    assert 'value="yes" checked' in page
    consent = NamingConsent.objects.get()
    assert consent.named
    assert consent.decided_by is not None
    assert consent.decided_by.username == "coordinator_a"
    coordinator.post(naming, {"named": "no"})
    assert not NamingConsent.objects.get().named
    assert NamingConsent.history.count() == 2


def test_the_choice_can_change_after_submission(visit: Visit, open_wave: Wave) -> None:
    coordinator = visit("coordinator_a")
    q = Questionnaire.from_dict(open_wave.questionnaire)
    _answer_everything(coordinator, q)
    assert coordinator.post(reverse("survey:submit", args=A)).status_code == 302
    page = coordinator.get(reverse("survey:overview", args=A)).content.decode()
    assert "Keuze opslaan" in page
    assert coordinator.post(reverse("survey:naming", args=A), {"named": "yes"}).status_code == 302
    assert NamingConsent.objects.get().named


def test_a_contributor_does_not_see_the_choice(visit: Visit) -> None:
    page = visit("contributor_a").get(reverse("survey:overview", args=A)).content.decode()
    assert "Keuze opslaan" not in page
