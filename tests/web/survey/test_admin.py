"""The research team issues and revokes personal links in the admin."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from aimonitor.web.survey.links import IssuedLink
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave

ClientAs = Callable[[str | None], Client]


def test_a_researcher_issues_a_coordinator_link_which_is_mailed_and_shown_once(
    client_as: ClientAs, open_wave: Wave
) -> None:
    admin = client_as("researcher")
    added = admin.post(
        "/admin/survey/accesslink/add/",
        {
            "email": "io@utrecht.nl",
            "name": "Ida",
            "wave": open_wave.pk,
            "municipality_code": "gm0344",
            "purpose": "coordinator",
            "themes_text": "",
        },
        follow=True,
    )
    assert added.status_code == 200
    link = AccessLink.objects.get(user__email="io@utrecht.nl")
    assert link.municipality_code == "GM0344"
    assert len(mail.outbox) == 1
    shown = [str(m) for m in get_messages(added.wsgi_request)]
    url = next(line for line in mail.outbox[0].body.splitlines() if "/link/" in line).strip()
    assert any(url in message for message in shown)


def test_the_admin_refuses_a_municipality_outside_the_frame_and_a_contributor_without_themes(
    client_as: ClientAs, open_wave: Wave
) -> None:
    page = client_as("researcher").post(
        "/admin/survey/accesslink/add/",
        {
            "email": "x@y.nl",
            "wave": open_wave.pk,
            "municipality_code": "GM9999",
            "purpose": "contributor",
            "themes_text": "",
        },
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Geen gemeente van het steekproefkader van deze meting." in text
    assert "Kies ten minste één thema." in text
    assert not AccessLink.objects.exists()


def test_revoking_in_the_admin_ends_the_link_and_is_logged(
    client_as: ClientAs, links: dict[str, IssuedLink]
) -> None:
    target = links["contributor_a"].link
    client_as("researcher").post(
        "/admin/survey/accesslink/",
        {"action": "revoke", "_selected_action": [target.pk]},
    )
    target.refresh_from_db()
    assert target.revoked_at is not None
    assert FieldworkEvent.objects.filter(kind="revoked").count() == 1


def test_links_and_the_log_are_not_open_to_municipal_members(
    client_as: ClientAs, links: dict[str, IssuedLink]
) -> None:
    for name in ("coordinator_a", "contributor_b"):
        page = client_as(name).get("/admin/survey/accesslink/")
        assert page.status_code == 302
        assert "/admin/login/" in page["Location"]
