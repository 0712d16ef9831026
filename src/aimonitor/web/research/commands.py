"""What the research team runs from the command line or a timer: reminders, and a
researcher's account.

``aimonitor reminders --wave 2026`` (see :mod:`aimonitor.web.cli.fieldwork`) reminds the
coordinators of municipalities that have not responded, as the cadence says; it is
idempotent, so a cron job or systemd timer may run it every hour
(``docs/operations/reminders.md``).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse

from aimonitor.errors import AimonitorError
from aimonitor.fieldwork.reminders import ReminderCadence
from aimonitor.frame import load_frame
from aimonitor.web.accounts.models import Membership
from aimonitor.web.research.mailing import send_reminders
from aimonitor.web.research.reads import read_fieldwork_progress
from aimonitor.web.waves.models import Wave


class ResearchCommandError(AimonitorError):
    """A command of the research team that cannot run, and why."""


def remind_by_command(
    year: int, cadence: ReminderCadence, *, now: dt.datetime | None = None
) -> tuple[list[str], bool]:
    """Send the reminders that are due in wave ``year``; the lines to print, and whether
    every mail was delivered (a timer then sees a failed run when the mail server is down)."""
    wave = Wave.objects.filter(year=year).first()
    if wave is None:
        raise ResearchCommandError(f"there is no wave {year}")
    if wave.status != Wave.Status.OPEN:
        return [f"wave {year} is not open ({wave.status}): no reminders"], True
    progress = read_fieldwork_progress(wave)
    names = {m.code: m.name for m in load_frame(wave.frame_year).municipalities}
    run = send_reminders(wave, progress, names, cadence, now=now)
    return run.lines(f"reminders wave {year}"), not run.failed


RESEARCH_GROUP = "Onderzoekers"
RESEARCH_APPS = ("research", "survey", "fieldwork", "waves", "accounts", "municipalities")
"""The apps whose records researchers keep in the admin (the models guard what may change)."""


def research_group() -> Group:
    """The researchers' group: every permission on the fieldwork's records."""
    group, _created = Group.objects.get_or_create(name=RESEARCH_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=RESEARCH_APPS))
    return group


def add_researcher(
    username: str, email: str, name: str = "", *, base_url: str, administrator: bool = False
) -> list[str]:
    """A researcher's account without a password: they set one through the password reset
    page, then set up their second factor at the first login. An administrator also
    manages accounts (a superuser in the admin)."""
    try:
        validate_email(email)
    except ValidationError:
        raise ResearchCommandError(f"{email!r} is not an e-mail address") from None
    if User.objects.filter(username=username).exists():
        raise ResearchCommandError(f"there is a user {username!r} already")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=email.lower(),
            first_name=name[:150],
            is_staff=True,
            is_superuser=administrator,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(research_group())
        Membership.objects.create(user=user, role=Membership.Role.RESEARCHER)
    role = "administrator" if administrator else "researcher"
    return [
        f"{role} {username} <{email}> created",
        f"they set a password at {base_url.rstrip('/')}{reverse('account_reset_password')}",
        "and set up the second factor (an authenticator app) at their first login",
    ]
