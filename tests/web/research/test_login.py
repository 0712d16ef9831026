"""The researchers' real login (django-allauth): a password, then a code of the
authenticator app (TOTP, RFC 6238) or a recovery code; no second factor set up, no
researcher page; failed attempts limited and, like every login, in the fieldwork log;
nobody signs up."""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.waves.models import Wave

from ..conftest import Member
from ..totp import current_code, totp

PASSWORD = "Paarse-olifant-73-danst!"
WRONG_PASSWORD = "Groene-giraf-12-zingt?"
SECRET = base64.b32encode(b"the researcher's app").decode()  # 20 bytes, as allauth makes them
HOME = reverse("research:home")
LOGIN = reverse("account_login")
SECOND_FACTOR = reverse("mfa_authenticate")


def test_the_code_is_that_of_rfc_6238() -> None:
    """Appendix B of RFC 6238, SHA-1 (the last six of its eight digits)."""
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59) == "287082"
    assert totp(secret, 1111111109) == "081804"
    assert totp(secret, 1234567890) == "005924"
    assert totp(secret, 2000000000) == "279037"


@pytest.fixture
def researcher(cast: dict[str, Member]) -> User:
    """The researcher of the cast with a password of their own and an authenticator app."""
    user = cast["researcher"].user
    user.set_password(PASSWORD)
    user.save()
    TOTP.activate(user, SECRET)
    return user


def _password(client: Client, password: str = PASSWORD, login: str = "researcher") -> Any:
    return client.post(LOGIN, {"login": login, "password": password})


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_researcher_logs_in_with_password_and_code_and_reaches_the_research_home(
    researcher: User, open_wave: Wave
) -> None:
    client = Client()
    asked = _password(client)
    assert asked.status_code == 302
    assert asked["Location"] == SECOND_FACTOR
    assert not _is_logged_in(client)  # the password alone is not a login
    assert client.get(HOME)["Location"].startswith(LOGIN)
    assert client.get(SECOND_FACTOR).status_code == 200
    passed = client.post(SECOND_FACTOR, {"code": current_code(SECRET)})
    assert passed.status_code == 302
    assert passed["Location"] == HOME
    assert _is_logged_in(client)
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("research:wave", args=[2025])).status_code == 200


def test_a_wrong_code_does_not_get_in(researcher: User, open_wave: Wave) -> None:
    client = Client()
    _password(client)
    right = current_code(SECRET)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = client.post(SECOND_FACTOR, {"code": wrong})
    assert refused.status_code == 200  # the form again, with its error
    assert not _is_logged_in(client)
    answer = client.get(HOME)
    assert answer.status_code == 302
    assert answer["Location"].startswith(LOGIN)
    assert client.get(reverse("research:wave", args=[2025])).status_code == 302


def test_the_code_of_the_period_just_gone_still_gets_in(researcher: User) -> None:
    """Typed as the period turns (or on a phone whose clock is a few seconds off)."""
    client = Client()
    _password(client)
    current_code(SECRET)  # away from the end of a period
    assert client.post(SECOND_FACTOR, {"code": totp(SECRET, time.time() - 30)}).status_code == 302
    assert _is_logged_in(client)


def test_a_code_of_a_period_long_gone_does_not_get_in(researcher: User) -> None:
    client = Client()
    _password(client)
    current_code(SECRET)  # away from the end of a period
    stale = totp(SECRET, time.time() - 90)
    if stale == totp(SECRET, time.time()):  # one in a million
        pytest.skip("the two periods have the same code")
    assert client.post(SECOND_FACTOR, {"code": stale}).status_code == 200
    assert not _is_logged_in(client)


def test_a_recovery_code_gets_in_once(researcher: User) -> None:
    code = RecoveryCodes.activate(researcher).get_unused_codes()[0]
    first = Client()
    _password(first)
    passed = first.post(SECOND_FACTOR, {"code": code})
    assert passed.status_code == 302
    assert passed["Location"] == HOME
    assert first.get(HOME).status_code == 200

    first.post(reverse("account_logout"))
    again = Client()
    _password(again)
    refused = again.post(SECOND_FACTOR, {"code": code})
    assert refused.status_code == 200
    assert not _is_logged_in(again)
    assert again.get(HOME).status_code == 302


def test_without_an_authenticator_the_researcher_is_sent_to_set_one_up(
    cast: dict[str, Member], open_wave: Wave
) -> None:
    user = cast["researcher"].user
    user.set_password(PASSWORD)
    user.save()
    assert not Authenticator.objects.filter(user=user).exists()
    client = Client()
    logged_in = _password(client)
    assert logged_in.status_code == 302
    assert logged_in["Location"] == HOME
    setup = reverse("mfa_activate_totp")
    for page in (HOME, reverse("research:wave", args=[2025])):
        answer = client.get(page)
        assert answer.status_code == 302
        assert answer["Location"] == setup
    assert client.get(reverse("research:call_list", args=[2025])).status_code == 302
    assert client.get("/admin/").status_code == 302

    # allauth asks for the password again before a second factor is added ...
    asked = client.get(setup)
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed["Location"] == setup
    # ... then shows the secret for the app, and takes its code
    page = client.get(setup)
    assert page.status_code == 200
    found = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode())
    assert found is not None
    added = client.post(setup, {"code": current_code(found[1])})
    assert added.status_code == 302
    assert added["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(added["Location"]).status_code == 200  # the recovery codes, once

    # this session never passed the new second factor: the cockpit asks for a login
    cockpit = client.get(reverse("research:wave", args=[2025]))
    assert cockpit["Location"].startswith(LOGIN)
    assert not _is_logged_in(client)
    _password(client)
    assert client.post(SECOND_FACTOR, {"code": current_code(found[1])})["Location"] == HOME
    assert client.get(reverse("research:wave", args=[2025])).status_code == 200


def test_after_five_wrong_passwords_even_the_right_one_is_refused(researcher: User) -> None:
    """ACCOUNT_RATE_LIMITS: at most 5 failed logins per account in 5 minutes."""
    client = Client()
    for _ in range(5):
        wrong = _password(client, WRONG_PASSWORD)
        assert wrong.status_code == 200
        assert not _is_logged_in(client)
    client = Client()
    refused = _password(client)
    assert refused.status_code == 200  # the form again: the password is not even checked
    assert "Te veel inlogpogingen" in refused.content.decode()
    assert not _is_logged_in(client)
    assert client.get(SECOND_FACTOR).status_code == 302  # no code is asked for either


def test_more_than_thirty_login_attempts_a_minute_from_one_address_answer_429(
    researcher: User,
) -> None:
    """ACCOUNT_RATE_LIMITS: 30 login posts a minute per client address."""
    client = Client()
    answers = [
        _password(client, WRONG_PASSWORD, login=f"niemand{n}").status_code for n in range(31)
    ]
    assert 429 not in answers[:30]
    assert answers[30] == 429


def test_failed_logins_of_one_client_do_not_lock_out_another_behind_the_proxy(
    researcher: User, settings: Any
) -> None:
    """Behind the proxy (TRUST_X_FORWARDED_FOR, docs/operations/configuration.md) the limit
    of 10 failed logins a minute is per client address (settings: "10 a minute per client
    address"), not for everyone who comes through the proxy."""
    settings.TRUST_X_FORWARDED_FOR = True
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # as the settings module derives it (tested below)
    guesser = Client(HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(10):  # ten account names, so no account's own limit is reached
        guesser.post(LOGIN, {"login": f"beheerder{n}", "password": WRONG_PASSWORD})
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.7")
    answer = _password(colleague)
    assert "Te veel inlogpogingen" not in answer.content.decode()
    assert answer.status_code == 302
    assert answer["Location"] == SECOND_FACTOR


def test_logins_and_failed_logins_are_in_the_fieldwork_log_without_a_password(
    researcher: User,
) -> None:
    _password(Client(), WRONG_PASSWORD)
    _password(Client(), PASSWORD, login="onbekend")
    client = Client()
    _password(client)
    client.post(SECOND_FACTOR, {"code": current_code(SECRET)})

    failed = FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.LOGIN_FAILED)
    assert sorted(failed.values_list("detail", flat=True)) == ["onbekend", "researcher"]
    assert all(event.actor is None for event in failed)
    login = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.LOGIN)
    assert login.actor == researcher
    assert login.detail == "second factor"
    for event in FieldworkEvent.objects.all():
        assert PASSWORD not in event.detail
        assert WRONG_PASSWORD not in event.detail
    page = client.get(reverse("research:log")).content.decode()
    assert "onbekend" in page
    assert PASSWORD not in page
    assert WRONG_PASSWORD not in page


def test_a_wrong_code_is_a_failed_login_in_the_fieldwork_log(researcher: User) -> None:
    """Someone who has the password and guesses codes leaves a trace, as a password guesser
    does (the fieldwork log: "failed attempts")."""
    client = Client()
    _password(client)
    right = current_code(SECRET)
    client.post(SECOND_FACTOR, {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    assert FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.LOGIN_FAILED).exists()
    assert not FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.LOGIN).exists()


def test_nobody_signs_up(db: None) -> None:
    client = Client()
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    tried = client.post(
        reverse("account_signup"),
        {
            "username": "indringer",
            "email": "indringer@example.nl",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert tried.status_code in (200, 403)
    assert not User.objects.filter(username="indringer").exists()
    assert not _is_logged_in(client)


def test_trusting_the_proxy_header_makes_allauth_count_per_client_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings module derives allauth's proxy count from TRUST_X_FORWARDED_FOR, so the
    login limits and the survey's limits find the client the same way."""
    import importlib

    from aimonitor.web.project import settings as module

    monkeypatch.setenv("TRUST_X_FORWARDED_FOR", "1")
    assert importlib.reload(module).ALLAUTH_TRUSTED_PROXY_COUNT == 1
    monkeypatch.delenv("TRUST_X_FORWARDED_FOR")
    assert importlib.reload(module).ALLAUTH_TRUSTED_PROXY_COUNT == 0
