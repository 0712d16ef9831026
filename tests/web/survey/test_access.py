"""Every survey view, for the whole cast: a member of municipality B never reaches A's
response, a visitor without a link is told how to get in, and only the coordinator
invites and submits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from aimonitor.web.fieldwork.models import Answer, NamingConsent

from ..conftest import CAST, MUNICIPALITY_A

Visit = Callable[[str | None], Client]
A = (2025, MUNICIPALITY_A)
EVERYONE = (*CAST, None)

EXPECTED = {
    # view: status for coordinator_a, contributor_a, contributor_b, researcher, anonymous
    "overview": (200, 200, 404, 403, 403),
    "theme": (200, 200, 404, 403, 403),
    "pdf": (200, 200, 404, 403, 403),
    "save": (200, 200, 404, 403, 403),
    "save_other_theme": (200, 403, 404, 403, 403),
    "invite": (302, 403, 404, 403, 403),
    "submit": (422, 403, 404, 403, 403),
    "naming": (302, 403, 404, 403, 403),
}
ORDER = ("coordinator_a", "contributor_a", "contributor_b", "researcher", None)


def _request(client: Client, view: str) -> int:
    if view == "overview":
        return client.get(reverse("survey:overview", args=A)).status_code
    if view == "theme":
        return client.get(reverse("survey:theme", args=[*A, "vision"])).status_code
    if view == "pdf":
        return client.get(reverse("survey:pdf", args=A)).status_code
    if view == "save":
        url = reverse("survey:item", args=[*A, "B1"])
        return client.post(url, {"B1": "2", "B1__revision": "0"}).status_code
    if view == "save_other_theme":
        url = reverse("survey:item", args=[*A, "C1"])
        return client.post(url, {"C1": "1", "C1__revision": "0"}).status_code
    if view == "invite":
        data = {"email": "collega@example.nl", "themes": ["literacy"]}
        return client.post(reverse("survey:invite", args=A), data).status_code
    if view == "naming":
        return client.post(reverse("survey:naming", args=A), {"named": "yes"}).status_code
    return client.post(reverse("survey:submit", args=A)).status_code


@pytest.mark.parametrize("view", sorted(EXPECTED))
@pytest.mark.parametrize("member", EVERYONE)
def test_each_member_of_the_cast_reaches_exactly_what_their_link_allows(
    visit: Visit, member: str | None, view: str
) -> None:
    expected = EXPECTED[view][ORDER.index(member)]
    assert _request(visit(member), view) == expected


def test_a_contributor_of_another_municipality_changes_nothing_of_a(visit: Visit) -> None:
    intruder = visit("contributor_b")
    for item in ("B1", "C1", "A4"):
        url = reverse("survey:item", args=[*A, item])
        assert intruder.post(url, {item: "1", f"{item}__revision": "0"}).status_code == 404
    theme = reverse("survey:theme", args=[*A, "vision"])
    assert intruder.post(theme, {"B1": "1"}).status_code == 404
    mine = Answer.objects.filter(
        response__wave__year=2025, response__municipality__code=MUNICIPALITY_A
    )
    assert not mine.exists()


def test_only_the_coordinator_decides_on_naming_in_the_open_data(visit: Visit) -> None:
    for member in ("contributor_a", "contributor_b", "researcher", None):
        visit(member).post(reverse("survey:naming", args=A), {"named": "yes"})
    assert not NamingConsent.objects.exists()
    visit("coordinator_a").post(reverse("survey:naming", args=A), {"named": "yes"})
    assert list(NamingConsent.objects.values_list("municipality__code", "named")) == [
        (MUNICIPALITY_A, True)
    ]


def test_a_visitor_without_a_link_is_told_to_open_their_personal_link(visit: Visit) -> None:
    page = visit(None).get(reverse("survey:overview", args=A))
    assert page.status_code == 403
    assert "persoonlijke link" in page.content.decode()


def test_every_survey_form_requires_the_csrf_token(links: dict[str, object]) -> None:
    browser = Client(enforce_csrf_checks=True)
    token = links["coordinator_a"].token  # type: ignore[attr-defined]
    assert browser.get(reverse("survey:open", args=[token])).status_code == 302
    url = reverse("survey:item", args=[*A, "B1"])
    assert browser.post(url, {"B1": "1", "B1__revision": "0"}).status_code == 403
    assert browser.post(reverse("survey:submit", args=A)).status_code == 403
    assert browser.post(reverse("survey:naming", args=A), {"named": "yes"}).status_code == 403
