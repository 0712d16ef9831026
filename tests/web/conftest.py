"""The shared cast of the web tests, and the database they play on.

Four people, the ones the fieldwork portal is built for:

- ``researcher``: of the research team that runs the monitor; staff, works in the admin and
  the research portal; logged in with a second factor (an authenticator app);
- ``coordinator_a``: coordinates the response of municipality A (Amsterdam, GM0363);
- ``contributor_a``: fills in questions for municipality A;
- ``contributor_b``: fills in questions for municipality B (Rotterdam, GM0599).

``cast`` gives them by name; ``CAST`` lists the names, for tests parametrised over everyone
(add ``None`` for an anonymous visitor). Each member is a user with a
:class:`~aimonitor.web.accounts.models.Membership`; ``client_as`` logs one in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.report.files import write_report_set
from aimonitor.web.accounts.models import Membership
from aimonitor.web.fieldwork.demo import store_demo_waves
from aimonitor.web.fieldwork.models import Answer, MunicipalResponse
from aimonitor.web.municipalities.loading import load_frame_into_database
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.outputs.reports import REPORT_FILES, report_dir
from aimonitor.web.waves.models import Wave

MUNICIPALITY_A = "GM0363"  # Amsterdam
MUNICIPALITY_B = "GM0599"  # Rotterdam
CAST = ("researcher", "coordinator_a", "contributor_a", "contributor_b")
STAFF = {"researcher"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``postgres_only`` tests run in the PostgreSQL suite and are skipped, saying why, on
    SQLite (deletions are guarded by the database on PostgreSQL only, ADR 0008)."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if item.get_closest_marker("postgres_only") and "postgresql" not in engine:
        pytest.skip("PostgreSQL only: run by make test-postgres")


@dataclass(frozen=True)
class Member:
    user: User
    membership: Membership


def _member(name: str, role: Membership.Role, code: str | None) -> Member:
    user = User.objects.create_user(
        username=name, password="not-a-secret", is_staff=name in STAFF, is_superuser=name in STAFF
    )
    return Member(user, Membership.objects.create(user=user, role=role, municipality_code=code))


@pytest.fixture
def cast(db: None) -> dict[str, Member]:
    """The four members of the cast, by name (see the module docstring)."""
    return {
        "researcher": _member("researcher", Membership.Role.RESEARCHER, None),
        "coordinator_a": _member("coordinator_a", Membership.Role.COORDINATOR, MUNICIPALITY_A),
        "contributor_a": _member("contributor_a", Membership.Role.CONTRIBUTOR, MUNICIPALITY_A),
        "contributor_b": _member("contributor_b", Membership.Role.CONTRIBUTOR, MUNICIPALITY_B),
    }


@pytest.fixture
def client_as(cast: dict[str, Member]) -> Callable[[str | None], Client]:
    """A test client logged in as a member of the cast (``None``: an anonymous visitor)."""

    def make(name: str | None) -> Client:
        client = Client()
        if name is not None:
            client.force_login(cast[name].user)
        if name in STAFF:
            pass_second_factor(client, cast[name].user)
        return client

    return make


def pass_second_factor(client: Client, user: User) -> None:
    """Give ``user`` an authenticator app and mark the client's session as one that passed
    it, as allauth's login does after the code (the login itself is tested in
    tests/web/research/test_login.py and the browser tests)."""
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    session = client.session
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.get_username()},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session[AUTHENTICATION_METHODS_SESSION_KEY + "_user"] = str(user.pk)
    session.save()


@pytest.fixture
def frame(db: None) -> None:
    """The population frame loaded into the database (as ``aimonitor load-frame`` does)."""
    load_frame_into_database()


@pytest.fixture
def demo(frame: None, settings: Any, tmp_path: Path) -> None:
    """The synthetic demo waves in the database; built reports are kept under ``tmp_path``."""
    settings.REPORTS_DIR = tmp_path / "reports"
    store_demo_waves(seed=2024)


def make_wave(year: int, *, synthetic: bool = False, frame_year: int = 2024) -> Wave:
    """A closed wave without responses, fielded with the shipped instrument (counting
    response reads it: A4a says which municipalities a shared organisation answered for)."""
    instrument = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    return Wave.objects.create(
        year=year,
        status=Wave.Status.CLOSED,
        frame_year=frame_year,
        questionnaire_id=instrument.id,
        questionnaire_version=instrument.version,
        questionnaire=instrument.to_dict(),
        is_synthetic=synthetic,
    )


def respond(
    wave: Wave,
    codes: list[str],
    status: str = MunicipalResponse.Status.SUBMITTED,
    answers: dict[str, object] | None = None,
) -> None:
    """Responses of the municipalities ``codes`` (CBS codes in the wave's frame year), each
    with ``answers`` (none by default)."""
    for code in codes:
        response = MunicipalResponse.objects.create(
            wave=wave,
            municipality=Municipality.objects.get(frame_year=wave.frame_year, code=code),
            status=MunicipalResponse.Status.IN_PROGRESS if answers else status,
            is_synthetic=wave.is_synthetic,
        )
        if answers:  # answered while in progress, then submitted (a submitted one is fixed)
            for variable, value in answers.items():
                Answer.objects.create(response=response, variable=variable, value=value)
            response.status = status
            response.save()


@pytest.fixture
def wave(frame: None) -> Wave:
    """Wave 2024 (real, closed) to which municipalities A and B submitted a response."""
    wave = make_wave(2024)
    respond(wave, [MUNICIPALITY_A, MUNICIPALITY_B])
    return wave


@pytest.fixture
def report_in_embargo(wave: Wave, settings: Any, tmp_path: Path) -> Path:
    """Stand-in files of the built Dutch report of wave 2024, not yet published."""
    settings.REPORTS_DIR = tmp_path / "reports"
    folder = report_dir(2024, "nl")
    write_report_set(dict.fromkeys(REPORT_FILES, b"the report of 2024"), folder)
    return folder


@pytest.fixture
def built_report(report_in_embargo: Path, wave: Wave) -> Path:
    """The same report with wave 2024 published, for tests of who gets it."""
    wave.status = Wave.Status.PUBLISHED
    wave.save()
    return report_in_embargo


def open_benchmark_links(client: Client, user: User, code: str) -> None:
    """Give ``user`` a benchmark link of ``code`` for every closed or published wave (what
    ``aimonitor benchmark-links`` mails) and open each in ``client``, as its person does."""
    from aimonitor.web.survey.links import issue_link

    for wave in Wave.objects.filter(status__in=(Wave.Status.CLOSED, Wave.Status.PUBLISHED)):
        issued = issue_link(wave, code, user, "benchmark")
        opened = client.get(f"/link/{issued.token}/")
        assert opened.status_code == 302, opened.status_code


@pytest.fixture
def client_with_benchmarks(
    client_as: Callable[[str | None], Client], cast: dict[str, Member]
) -> Callable[[str | None], Client]:
    """``client_as``, the municipal members of the cast having opened the benchmark links of
    their municipality (for every closed or published wave at the time of the call)."""

    def make(name: str | None) -> Client:
        client = client_as(name)
        if name is not None and cast[name].membership.municipality_code:
            member = cast[name]
            code = member.membership.municipality_code
            assert code is not None
            open_benchmark_links(client, member.user, code)
        return client

    return make
