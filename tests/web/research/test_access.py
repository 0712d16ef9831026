"""Every researcher page, for the whole cast: only a researcher who passed the second factor
gets in; a municipality's coordinator or contributor, holding a personal link, never does;
a visitor is sent to the login page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from aimonitor.web.research.models import Contact
from aimonitor.web.waves.models import Wave

from ..conftest import CAST, MUNICIPALITY_A, Member, pass_second_factor
from .conftest import Visit

YEAR = 2025
PAGES = {
    "home": ("get", reverse("research:home"), None),
    "log": ("get", reverse("research:log"), None),
    "wave": ("get", reverse("research:wave", args=[YEAR]), None),
    "contacts": ("get", reverse("research:contacts", args=[YEAR]), None),
    "call_list": ("get", reverse("research:call_list", args=[YEAR]), None),
    "mail": ("get", reverse("research:mail", args=[YEAR, "reminder", "nl"]), None),
    "dates": ("post", reverse("research:dates", args=[YEAR]), {"opens_on": "2025-01-01"}),
    "status": ("post", reverse("research:status", args=[YEAR]), {"action": "close"}),
    "invite": ("post", reverse("research:invite", args=[YEAR]), {}),
    "reopen": ("post", reverse("research:reopen", args=[YEAR, MUNICIPALITY_A]), {"reason": "x"}),
    "admin": ("get", "/admin/", None),
}
RESEARCHER = {
    "home": 200,
    "log": 200,
    "wave": 200,
    "contacts": 200,
    "call_list": 200,
    "mail": 200,
    "dates": 302,
    "status": 302,
    "invite": 302,
    "reopen": 302,
    "admin": 200,
}


def _ask(client: Client, page: str) -> tuple[int, str]:
    """The status of the answer, and where it sent the browser (the admin's own login page
    passes the visitor on to the researchers' login)."""
    method, url, data = PAGES[page]
    answer = client.get(url) if method == "get" else client.post(url, data or {})
    if page == "admin" and answer.status_code == 302 and answer["Location"].startswith("/admin/"):
        answer = client.get(answer["Location"])
    return answer.status_code, answer.get("Location", "")


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("member", [*CAST, None])
def test_only_a_researcher_with_a_second_factor_opens_a_research_page(
    visit: Visit, open_wave: Wave, member: str | None, page: str
) -> None:
    status, location = _ask(visit(member), page)
    if member == "researcher":
        assert status == RESEARCHER[page]
    elif member is None:
        assert status == 302
        assert location.startswith(reverse("account_login"))
    else:  # coordinator or contributor, holding a personal link
        assert status == 403


def test_a_contributors_link_opens_no_research_page_and_changes_nothing(
    visit: Visit, open_wave: Wave
) -> None:
    intruder = visit("contributor_b")
    url = reverse("research:contacts", args=[YEAR])
    upload = ("contacts.csv", b"code,name,email,role\nGM0363,X,x@example.nl,coordinator\n")
    assert intruder.post(url, {"file": SimpleUploadedFile(*upload)}).status_code == 403
    assert (
        intruder.post(reverse("research:status", args=[YEAR]), {"action": "close"}).status_code
        == 403
    )
    assert not Contact.objects.exists()
    assert Wave.objects.get(year=YEAR).status == Wave.Status.OPEN


def test_a_researcher_without_an_authenticator_app_is_sent_to_set_one_up(
    cast: dict[str, Member], open_wave: Wave
) -> None:
    client = Client()
    client.force_login(cast["researcher"].user)
    answer = client.get(reverse("research:wave", args=[YEAR]))
    assert answer.status_code == 302
    assert answer["Location"] == reverse("mfa_activate_totp")


def test_a_researcher_whose_session_skipped_the_second_factor_is_logged_out(
    cast: dict[str, Member], open_wave: Wave
) -> None:
    other = Client()
    other.force_login(cast["researcher"].user)
    pass_second_factor(other, cast["researcher"].user)  # the app is set up
    client = Client()
    client.force_login(cast["researcher"].user)  # but this session never passed it
    answer = client.get(reverse("research:wave", args=[YEAR]))
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_an_unknown_wave_is_not_found(visit: Visit, open_wave: Wave) -> None:
    assert visit("researcher").get(reverse("research:wave", args=[1999])).status_code == 404
    unknown_text = reverse("research:mail", args=[YEAR, "spam", "nl"])
    assert visit("researcher").get(unknown_text).status_code == 404
