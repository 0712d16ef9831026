"""Personal links: signed, stored as a hash, bound to one response, expiring, revocable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aimonitor.web.survey.links import IssuedLink, revoke_link
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave

from ..conftest import MUNICIPALITY_A


def _open(token: str) -> tuple[int, str]:
    page = Client().get(reverse("survey:open", args=[token]))
    return page.status_code, page.content.decode()


def test_only_a_hash_of_the_token_is_stored(links: dict[str, IssuedLink]) -> None:
    issued = links["coordinator_a"]
    secret = issued.token.split(":")[0]
    stored = AccessLink.objects.get(pk=issued.link.pk)
    assert secret not in stored.token_hash
    assert len(stored.token_hash) == 64


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: token.split(":")[0],
        lambda token: "",
    ],
    ids=["signature", "secret", "unsigned", "empty"],
)
def test_a_tampered_link_gets_a_clear_page_not_an_error(
    links: dict[str, IssuedLink], change: object
) -> None:
    token = change(links["coordinator_a"].token)  # type: ignore[operator]
    if not token:
        status = Client().get("/link//").status_code
        assert status == 404
        return
    status, text = _open(token)
    assert status == 404
    assert "niet compleet of niet geldig" in text


def test_a_revoked_link_no_longer_opens_and_ends_the_open_session(
    links: dict[str, IssuedLink],
) -> None:
    issued = links["coordinator_a"]
    browser = Client()
    browser.get(reverse("survey:open", args=[issued.token]))
    overview = reverse("survey:overview", args=[2025, MUNICIPALITY_A])
    assert browser.get(overview).status_code == 200
    revoke_link(issued.link)
    assert browser.get(overview).status_code == 403
    status, text = _open(issued.token)
    assert status == 410
    assert "ingetrokken" in text
    assert FieldworkEvent.objects.filter(kind="revoked").count() == 1


def test_a_link_expires_when_the_wave_closes(links: dict[str, IssuedLink]) -> None:
    issued = links["contributor_a"]
    closing = issued.link.wave.closes_on
    assert closing is not None
    assert timezone.localtime(issued.link.expires_at).date() == closing + dt.timedelta(days=1)
    AccessLink.objects.filter(pk=issued.link.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    status, text = _open(issued.token)
    assert status == 410
    assert "verlopen" in text


def test_a_link_of_a_closed_wave_opens_nothing(links: dict[str, IssuedLink]) -> None:
    wave = Wave.objects.get(year=2025)
    wave.status = Wave.Status.CLOSED
    wave.save()
    status, text = _open(links["coordinator_a"].token)
    assert status == 404
    assert "niet open" in text


def test_guessing_links_is_slowed_down(links: dict[str, IssuedLink]) -> None:
    cache.clear()
    statuses = [_open("guess-" + str(i))[0] for i in range(25)]
    assert statuses[:20] == [404] * 20
    assert statuses[20:] == [429] * 5
    cache.clear()


def test_issuing_a_link_is_logged_as_an_invitation(links: dict[str, IssuedLink]) -> None:
    events = FieldworkEvent.objects.filter(kind="invited")
    assert events.count() == 3
    with pytest.raises(Exception, match="append-only"):
        events.first().delete()  # type: ignore[union-attr]


def test_behind_a_trusted_proxy_each_client_has_a_rate_limit_of_their_own(
    links: dict[str, IssuedLink], settings: object
) -> None:
    settings.TRUST_X_FORWARDED_FOR = True  # type: ignore[attr-defined]
    guesser, visitor = Client(), Client()
    for i in range(21):
        guesser.get(
            reverse("survey:open", args=[f"guess-{i}"]), HTTP_X_FORWARDED_FOR="198.51.100.7"
        )
    assert guesser.get("/link/guess/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    opened = visitor.get(
        reverse("survey:open", args=[links["coordinator_a"].token]),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert opened.status_code == 302
