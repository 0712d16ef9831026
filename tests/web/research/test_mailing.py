"""Invitations and reminders from the research portal, through a real SMTP server on
loopback: what each person finds in their mailbox, what a refused or unreachable server
leaves behind, and on which days reminders go out over a spring with Dutch holidays.

Dates worked out by hand (2026): Friday 17 April an invitation; Koningsdag Monday 27 April,
Bevrijdingsdag Tuesday 5 May, Hemelvaartsdag Thursday 14 May and Whit Monday 25 May are no
working days. The default cadence (first reminder 7 working days after the invitation, then
every 5, at most 3, a last call 2 working days before closing) with the wave closing on
Friday 29 May gives:

- reminder 1: Wednesday 29 April (Mon 20 .. Fri 24 are 1-5, Tue 28 is 6: Mon 27 is
  Koningsdag; Wed 29 is 7);
- reminder 2: Thursday 7 May (Thu 30 Apr, Fri 1, Mon 4, Wed 6, Thu 7: Tue 5 is
  Bevrijdingsdag);
- reminder 3: Friday 15 May (Fri 8, Mon 11, Tue 12, Wed 13, Fri 15: Thu 14 is Hemelvaart);
- the last call: Wednesday 27 May (Thu 28 is 1, Wed 27 is 2 working days before Fri 29).

Each regular one is more than 5 working days before the last call (7 May + 5 = 15 May,
15 May + 5 = 22 May, both before 27 May), so none is held back for it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from aimonitor.fieldwork.reminders import ReminderCadence
from aimonitor.frame import load_frame
from aimonitor.web.research.mailing import MailRun, send_invitations, send_reminders
from aimonitor.web.research.models import Contact, Delivery, MailTemplate
from aimonitor.web.research.reads import read_fieldwork_progress
from aimonitor.web.survey.models import AccessLink, FieldworkEvent
from aimonitor.web.waves.models import Wave

from ..conftest import respond
from .smtp import Clock, Inbox, Mail, free_port

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DUTCH_MONTHS = [
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
]

JAN = "jan@amsterdam.nl"  # coordinator of Amsterdam
FATIMA = "fatima@amsterdam.nl"  # contributor of Amsterdam
PIET = "piet@rotterdam.nl"  # coordinator of Rotterdam
UKKIE = "ukkie@utrecht.nl"  # coordinator of Utrecht
PETRA = "p.jansen@sedgemeenten.nl"  # coordinator of Werkorganisatie SED

APRIL_17 = dt.date(2026, 4, 17)  # a Friday: the invitations of the simulated spring
MAY_29 = dt.date(2026, 5, 29)  # a Friday: the closing day of the simulated spring


def add_contact(
    wave: Wave,
    code: str,
    email: str,
    name: str,
    role: str = "coordinator",
    *,
    organisation: str = "",
    covers: tuple[str, ...] = (),
) -> Contact:
    return Contact.objects.create(
        wave=wave,
        municipality_code=code,
        email=email,
        name=name,
        role=role,
        organisation=organisation,
        covers=list(covers),
    )


def add_cast_of_contacts(wave: Wave) -> None:
    add_contact(wave, "GM0363", JAN, "Jan de Vries")
    add_contact(wave, "GM0363", FATIMA, "Fatima el Amrani", "contributor")
    add_contact(wave, "GM0599", PIET, "Piet Klaassen")


def names(wave: Wave) -> dict[str, str]:
    return {m.code: m.name for m in load_frame(wave.frame_year).municipalities}


def invite(wave: Wave) -> MailRun:
    return send_invitations(wave, read_fieldwork_progress(wave), names(wave))


def remind(wave: Wave, now: dt.datetime, cadence: ReminderCadence | None = None) -> MailRun:
    progress = read_fieldwork_progress(wave)
    return send_reminders(wave, progress, names(wave), cadence or ReminderCadence(), now=now)


def in_dutch(day: dt.date) -> str:
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def lands_on_overview(mail: Mail, code: str) -> bool:
    """Whether the mail's link, opened in a fresh browser, shows the survey overview of
    municipality ``code``."""
    browser = Client()
    opened = browser.get(mail.link_path)
    if opened.status_code != 302:
        return False
    overview = reverse("survey:overview", args=[2025, code])
    return opened["Location"] == overview and browser.get(overview).status_code == 200


# -- invitations ---------------------------------------------------------------------------


def test_every_contact_of_a_municipality_that_has_not_responded_gets_one_invitation(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_cast_of_contacts(open_wave)

    run = invite(open_wave)

    assert sorted(run.sent) == [FATIMA, JAN, PIET]
    assert run.failed == []
    assert sorted(mail.to for mail in smtp.mails) == [FATIMA, JAN, PIET]
    assert len({mail.link_path for mail in smtp.mails}) == 3  # a personal link each


def test_the_default_invitation_is_dutch_and_names_the_person_municipality_and_closing_day(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_contact(open_wave, "GM0363", JAN, "Jan de Vries")

    invite(open_wave)

    (mail,) = smtp.to(JAN)
    assert mail.subject == "AI Monitor Gemeenten 2025: uitnodiging voor Amsterdam"
    assert mail.body.startswith("Beste Jan de Vries,\n")
    assert "namens Amsterdam de vragenlijst van de AI Monitor Gemeenten 2025" in mail.body
    assert f"De vragenlijst staat open tot en met {in_dutch(open_wave.closes_on)}." in mail.body
    assert "{{" not in mail.subject + mail.body


def test_a_contact_who_reads_english_gets_the_english_invitation_with_an_english_date(
    open_wave: Wave, smtp: Inbox
) -> None:
    contact = add_contact(open_wave, "GM0363", JAN, "Jan de Vries")
    contact.language = "en"
    contact.save()
    open_wave.closes_on = dt.date(2026, 5, 29)
    open_wave.save()

    invite(open_wave)

    (mail,) = smtp.to(JAN)
    assert mail.subject == "AI Monitor of Dutch municipalities 2025: invitation for Amsterdam"
    assert mail.body.startswith("Dear Jan de Vries,\n")
    assert "The questionnaire is open until 29 May 2026 (inclusive)." in mail.body


def test_the_link_in_an_invitation_opens_the_municipalitys_survey_overview(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_cast_of_contacts(open_wave)

    invite(open_wave)

    assert lands_on_overview(smtp.to(JAN)[0], "GM0363")
    assert lands_on_overview(smtp.to(FATIMA)[0], "GM0363")
    assert lands_on_overview(smtp.to(PIET)[0], "GM0599")
    link = AccessLink.objects.get(user__username=PIET)
    assert (link.purpose, link.municipality_code) == ("coordinator", "GM0599")


def test_the_waves_own_invitation_text_is_sent_with_its_placeholders_filled(
    open_wave: Wave, smtp: Inbox
) -> None:
    open_wave.closes_on = dt.date.today() + dt.timedelta(days=40)
    open_wave.save()
    MailTemplate.objects.create(
        wave=open_wave,
        kind="invitation",
        language="nl",
        subject="Doet {{ municipality }} mee aan de monitor van {{ year }}?",
        body=(
            "Beste {{ name }} ({{ organisation }}),\n\n"
            "Uw link: {{ link }}\nInvullen kan tot en met {{ closes_on }}.\n"
        ),
    )
    MailTemplate.objects.create(
        wave=open_wave, kind="invitation", language="en", subject="English", body="{{ link }}"
    )
    add_contact(open_wave, "GM0363", JAN, "Anne-Marie d'Ancona & Jan")
    add_contact(open_wave, "GM0532", PETRA, "Petra Jansen", organisation="Werkorganisatie SED")

    invite(open_wave)

    (jan,) = smtp.to(JAN)
    assert jan.subject == "Doet Amsterdam mee aan de monitor van 2025?"
    assert AccessLink.objects.get(user__username=JAN).municipality_code == "GM0363"
    assert jan.body == (
        "Beste Anne-Marie d'Ancona & Jan (Amsterdam),\n\n"  # plain text: nothing escaped
        f"Uw link: https://monitor.example.nl{jan.link_path}\n"
        f"Invullen kan tot en met {in_dutch(open_wave.closes_on)}.\n"
    )
    (petra,) = smtp.to(PETRA)
    assert petra.subject == "Doet Stede Broec mee aan de monitor van 2025?"
    assert petra.body.startswith("Beste Petra Jansen (Werkorganisatie SED),\n")
    assert lands_on_overview(jan, "GM0363")


def test_running_the_invitations_again_sends_nothing_new(open_wave: Wave, smtp: Inbox) -> None:
    add_cast_of_contacts(open_wave)
    invite(open_wave)

    again = invite(open_wave)

    assert again.sent == []
    assert again.failed == []
    assert len(smtp.mails) == 3
    assert AccessLink.objects.count() == 3
    assert Delivery.objects.count() == 3


def test_running_the_invitations_again_says_that_everyone_was_skipped(
    open_wave: Wave, smtp: Inbox
) -> None:
    """The research team's message after a second click: the three already invited are
    skipped ("already done"), not left out of the count."""
    add_cast_of_contacts(open_wave)
    invite(open_wave)

    again = invite(open_wave)

    assert again.lines("invitations") == [
        "invitations: 0 sent, 0 not delivered, 3 skipped (already done, responded or not due)"
    ]


def test_a_contact_added_later_is_the_only_one_invited_by_the_next_round(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_cast_of_contacts(open_wave)
    invite(open_wave)
    add_contact(open_wave, "GM0344", UKKIE, "Ukkie Dijkstra")

    later = invite(open_wave)

    assert later.sent == [UKKIE]
    assert [mail.to for mail in smtp.mails[3:]] == [UKKIE]
    assert smtp.to(UKKIE)[0].subject == "AI Monitor Gemeenten 2025: uitnodiging voor Utrecht"


def test_a_municipality_that_already_submitted_gets_no_invitation(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_cast_of_contacts(open_wave)
    respond(open_wave, ["GM0599"])  # Rotterdam submitted (through an earlier link)

    run = invite(open_wave)

    assert sorted(run.sent) == [FATIMA, JAN]
    assert run.skipped == 1
    assert smtp.to(PIET) == []
    assert not AccessLink.objects.filter(user__username=PIET).exists()


def test_a_shared_organisation_is_invited_once_for_the_municipality_that_answers(
    open_wave: Wave, smtp: Inbox
) -> None:
    """Werkorganisatie SED answers as Stede Broec (GM0532) for Enkhuizen (GM0388) and
    Drechterland (GM0498) too: its coordinator gets one invitation, whose link opens Stede
    Broec's response (where question A4a names the others); the covered municipalities get
    no mail and no link of their own."""
    add_contact(
        open_wave,
        "GM0532",
        PETRA,
        "Petra Jansen",
        organisation="Werkorganisatie SED",
        covers=("GM0388", "GM0498"),
    )

    run = invite(open_wave)

    assert run.sent == [PETRA]
    (mail,) = smtp.mails
    assert mail.subject == "AI Monitor Gemeenten 2025: uitnodiging voor Stede Broec"
    assert lands_on_overview(mail, "GM0532")
    assert list(AccessLink.objects.values_list("municipality_code", flat=True)) == ["GM0532"]


def test_a_municipality_covered_by_a_submitted_shared_response_gets_no_invitation(
    open_wave: Wave, smtp: Inbox
) -> None:
    """SED submitted for Stede Broec and, by A4a, for Enkhuizen and Drechterland; a contact
    of Enkhuizen imported later is not asked to answer again, nor is SED's coordinator."""
    add_contact(open_wave, "GM0532", PETRA, "Petra Jansen", covers=("GM0388", "GM0498"))
    add_contact(open_wave, "GM0388", "info@enkhuizen.nl", "Els Visser")
    respond(open_wave, ["GM0532"], answers={"A1": 532, "A4": 2, "A4a": [388, 498]})

    run = invite(open_wave)

    assert run.sent == []
    assert run.skipped == 2
    assert smtp.mails == []
    assert not AccessLink.objects.exists()


def test_a_contributors_invitation_does_not_tell_them_they_are_the_coordinator(
    open_wave: Wave, smtp: Inbox
) -> None:
    """Fatima is a contributor of Amsterdam: her link lets her answer questions, not
    invite colleagues or submit; her mail should not say otherwise."""
    add_cast_of_contacts(open_wave)

    invite(open_wave)

    assert AccessLink.objects.get(user__username=FATIMA).purpose == "contributor"
    assert "U bent de coördinator" in smtp.to(JAN)[0].body
    assert "U bent de coördinator" not in smtp.to(FATIMA)[0].body


# -- refused and unreachable -----------------------------------------------------------------


def test_an_address_the_server_refuses_is_recorded_as_bounced_and_the_others_get_their_mail(
    open_wave: Wave, smtp: Inbox
) -> None:
    add_cast_of_contacts(open_wave)
    smtp.refuse(JAN, "550 no such user")

    run = invite(open_wave)

    assert sorted(run.sent) == [FATIMA, PIET]
    assert run.failed == [f"{JAN} (GM0363): 550 no such user"]
    assert sorted(mail.to for mail in smtp.mails) == [FATIMA, PIET]
    bounced = Delivery.objects.get(email=JAN)
    assert (bounced.status, bounced.detail, bounced.kind) == (
        "bounced",
        "550 no such user",
        "invitation",
    )
    event = FieldworkEvent.objects.get(kind=FieldworkEvent.Kind.MAIL_FAILED)
    assert (event.municipality_code, event.detail) == (
        "GM0363",
        f"invitation {JAN} 550 no such user",
    )
    # no link (nor a person, nor an "invited" line in the log) is left for the refused address
    assert not AccessLink.objects.filter(user__username=JAN).exists()
    assert not User.objects.filter(username=JAN).exists()
    assert not FieldworkEvent.objects.filter(kind="invited", detail__contains=JAN).exists()
    assert AccessLink.objects.filter(user__username__in=[FATIMA, PIET]).count() == 2


def test_a_bounced_contact_is_invited_again_by_the_next_round(open_wave: Wave, smtp: Inbox) -> None:
    add_cast_of_contacts(open_wave)
    smtp.refuse(JAN)
    invite(open_wave)
    smtp.refused.clear()  # the mailbox exists again

    again = invite(open_wave)

    assert again.sent == [JAN]
    assert len(smtp.to(JAN)) == 1
    assert len(smtp.to(PIET)) == 1
    assert lands_on_overview(smtp.to(JAN)[0], "GM0363")


def test_an_unreachable_server_fails_every_mail_and_the_round_finishes(
    open_wave: Wave, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens
    add_cast_of_contacts(open_wave)

    run = invite(open_wave)

    assert run.sent == []
    assert [line.split(":")[0] for line in run.failed] == [
        f"{FATIMA} (GM0363)",
        f"{JAN} (GM0363)",
        f"{PIET} (GM0599)",
    ]
    assert all("ConnectionRefusedError" in line for line in run.failed)
    assert sorted(Delivery.objects.values_list("email", "status")) == [
        (FATIMA, "failed"),
        (JAN, "failed"),
        (PIET, "failed"),
    ]
    assert FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.MAIL_FAILED).count() == 3
    assert not AccessLink.objects.exists()


# -- reminders over a spring -------------------------------------------------------------------


def spring_wave(wave: Wave) -> Wave:
    wave.opens_on = APRIL_17
    wave.closes_on = MAY_29
    wave.save()
    return wave


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def reminder_days(wave: Wave, email: str) -> list[dt.date]:
    """The Amsterdam dates of the reminders recorded as sent to ``email``."""
    return [
        at.astimezone(AMSTERDAM).date()
        for at in Delivery.objects.filter(wave=wave, email=email, kind="reminder", status="sent")
        .order_by("at")
        .values_list("at", flat=True)
    ]


MAY_27 = dt.date(2026, 5, 27)  # the last call: 2 working days before Friday 29 May
REGULAR_AND_LAST_CALL = [dt.date(2026, 4, 29), dt.date(2026, 5, 7), dt.date(2026, 5, 15), MAY_27]


def test_reminders_over_a_spring_with_holidays_go_out_on_the_days_the_cadence_gives(
    open_wave: Wave, smtp: Inbox, clock: Clock
) -> None:
    """The command runs every hour (at half past) from the day after the invitation to two
    days after closing: Amsterdam's and Rotterdam's coordinators get the three regular
    reminders and the last call, each at the first run of its day; Utrecht submits on
    Monday 11 May and hears nothing more; Amsterdam's contributor is never reminded."""
    wave = spring_wave(open_wave)
    add_cast_of_contacts(wave)
    add_contact(wave, "GM0344", UKKIE, "Ukkie Dijkstra")
    clock.set(APRIL_17, 10)
    assert sorted(invite(wave).sent) == [FATIMA, JAN, PIET, UKKIE]
    invitations = len(smtp.mails)
    progress = read_fieldwork_progress(wave)
    received: list[tuple[dt.date, int, Mail]] = []  # (day, hour, mail)

    for day in days(dt.date(2026, 4, 18), dt.date(2026, 5, 31)):
        for hour in range(24):
            now = clock.set(day, hour, 30)
            if (day, hour) == (dt.date(2026, 5, 11), 12):
                respond(wave, ["GM0344"])
                progress = read_fieldwork_progress(wave)
            before = len(smtp.mails)
            send_reminders(wave, progress, names(wave), ReminderCadence(), now=now)
            received += [(day, hour, mail) for mail in smtp.mails[before:]]

    assert invitations == 4
    on = {
        who: [day for day, _hour, mail in received if mail.to == who]
        for who in (JAN, FATIMA, PIET, UKKIE)
    }
    assert on[JAN] == REGULAR_AND_LAST_CALL
    assert on[PIET] == REGULAR_AND_LAST_CALL
    assert on[UKKIE] == [dt.date(2026, 4, 29), dt.date(2026, 5, 7)]
    assert on[FATIMA] == []  # only coordinators are reminded
    # the last call says so; the regular reminders do not
    last_calls = [
        (mail.to, day) for day, _h, mail in received if "Dit is de laatste herinnering" in mail.body
    ]
    assert sorted(last_calls) == [(JAN, MAY_27), (PIET, MAY_27)]
    # every reminder went at the first run of its day (00:30); the 23 later runs sent nothing
    assert {hour for _day, hour, _mail in received} == {0}
    # nobody got two mails on one day
    assert max(Counter((mail.to, day) for day, _h, mail in received).values()) == 1
    # what was recorded is what arrived
    assert reminder_days(wave, JAN) == REGULAR_AND_LAST_CALL
    assert reminder_days(wave, UKKIE) == [dt.date(2026, 4, 29), dt.date(2026, 5, 7)]
    assert FieldworkEvent.objects.filter(kind=FieldworkEvent.Kind.REMINDED).count() == 10


def test_a_reminder_names_the_municipality_and_closing_day_and_its_link_works(
    open_wave: Wave, smtp: Inbox, clock: Clock
) -> None:
    wave = spring_wave(open_wave)
    add_contact(wave, "GM0599", PIET, "Piet Klaassen")
    clock.set(APRIL_17, 10)
    invite(wave)
    now = clock.set(dt.date(2026, 4, 29), 9)

    run = remind(wave, now)

    assert run.sent == [PIET]
    invitation, reminder = smtp.to(PIET)
    assert reminder.subject == "Herinnering: AI Monitor Gemeenten 2025 voor Rotterdam"
    assert reminder.body.startswith("Beste Piet Klaassen,\n")
    assert "antwoorden van Rotterdam op de AI Monitor Gemeenten 2025" in reminder.body
    assert "uiterlijk op 29 mei 2026" in reminder.body
    assert reminder.link_path != invitation.link_path  # a new link; the first keeps working
    assert lands_on_overview(reminder, "GM0599")
    assert lands_on_overview(invitation, "GM0599")


def test_the_waves_own_reminder_text_is_used(open_wave: Wave, smtp: Inbox, clock: Clock) -> None:
    wave = spring_wave(open_wave)
    MailTemplate.objects.create(
        wave=wave,
        kind="reminder",
        language="nl",
        subject="Nog even: {{ municipality }}",
        body="{{ name }}, nog tot {{ closes_on }}: {{ link }}\n",
    )
    add_contact(wave, "GM0599", PIET, "Piet Klaassen")
    clock.set(APRIL_17, 10)
    invite(wave)

    remind(wave, clock.set(dt.date(2026, 4, 29), 9))

    reminder = smtp.to(PIET)[1]
    assert reminder.subject == "Nog even: Rotterdam"
    assert reminder.body == (
        f"Piet Klaassen, nog tot 29 mei 2026: https://monitor.example.nl{reminder.link_path}\n"
    )


def test_a_person_invited_today_for_another_municipality_is_not_also_reminded_today(
    open_wave: Wave, smtp: Inbox, clock: Clock
) -> None:
    """Jan coordinates Amsterdam (invited 17 April) and, from 29 April, Diemen too: that day
    he gets Diemen's invitation, and Amsterdam's first reminder waits until the next working
    day."""
    wave = spring_wave(open_wave)
    add_contact(wave, "GM0363", JAN, "Jan de Vries")
    clock.set(APRIL_17, 10)
    invite(wave)
    add_contact(wave, "GM0384", JAN, "Jan de Vries")
    clock.set(dt.date(2026, 4, 29), 8)
    assert invite(wave).sent == [JAN]

    assert remind(wave, clock.set(dt.date(2026, 4, 29), 9)).sent == []
    assert remind(wave, clock.set(dt.date(2026, 4, 30), 9)).sent == [JAN]

    subjects = [mail.subject for mail in smtp.to(JAN)]
    assert subjects == [
        "AI Monitor Gemeenten 2025: uitnodiging voor Amsterdam",
        "AI Monitor Gemeenten 2025: uitnodiging voor Diemen",
        "Herinnering: AI Monitor Gemeenten 2025 voor Amsterdam",
    ]


def test_a_person_coordinating_two_municipalities_gets_at_most_one_mail_a_day(
    open_wave: Wave, smtp: Inbox, clock: Clock
) -> None:
    """ "A person who works for two municipalities is simply two rows" of the contact list;
    send_reminders promises "never a second mail the same day to the same address". Jan,
    invited for Amsterdam and Diemen on 17 April, gets at most one mail a day, and each
    municipality still gets its four reminders before closing."""
    wave = spring_wave(open_wave)
    add_contact(wave, "GM0363", JAN, "Jan de Vries")
    add_contact(wave, "GM0384", JAN, "Jan de Vries")
    clock.set(APRIL_17, 10)
    invite(wave)
    received: list[tuple[dt.date, Mail]] = []

    for day in days(dt.date(2026, 4, 18), MAY_29):
        before = len(smtp.mails)
        remind(wave, clock.set(day, 9))
        received += [(day, mail) for mail in smtp.mails[before:]]

    per_day = Counter(day for day, _mail in received)
    assert max(per_day.values()) == 1, sorted(d for d, n in per_day.items() if n > 1)
    about = Counter(mail.subject.rsplit(" ", 1)[-1] for _day, mail in received)
    assert about == {"Amsterdam": 4, "Diemen": 4}


def test_a_reminder_the_server_could_not_take_goes_out_at_the_next_run(
    open_wave: Wave, smtp: Inbox, clock: Clock, settings: Any
) -> None:
    """The mail server is down on Wednesday 29 April, the day of the first reminder: the
    failure is recorded, and the reminder goes out on Thursday 30 April when the server is
    back, the next ones counting from that day (30 April + 5 working days = Friday 8 May;
    8 May + 5 = Monday 18 May, Hemelvaart skipped; the last call on 27 May). A mail that
    never left is not a reminder sent."""
    wave = spring_wave(open_wave)
    add_contact(wave, "GM0363", JAN, "Jan de Vries")
    clock.set(APRIL_17, 10)
    invite(wave)
    working_port = settings.EMAIL_PORT

    for day in days(dt.date(2026, 4, 18), MAY_29):
        down = day == dt.date(2026, 4, 29)
        settings.EMAIL_PORT = free_port() if down else working_port
        run = remind(wave, clock.set(day, 9))
        assert len(run.failed) == (1 if down else 0)

    assert Delivery.objects.filter(kind="reminder", status="failed").count() == 1
    assert reminder_days(wave, JAN) == [
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 8),
        dt.date(2026, 5, 18),
        dt.date(2026, 5, 27),
    ]


def test_a_reminder_sent_for_a_given_moment_is_recorded_at_that_moment(
    open_wave: Wave, smtp: Inbox
) -> None:
    """``send_reminders(..., now=...)`` (and ``remind_by_command(now=...)``) decides what is
    due on the day of ``now``; the mail it records must carry that moment, or the next day's
    run counts from the wrong date. Without a patched clock: the invitation recorded on
    17 April, reminders asked for on 29 April and 7 May."""
    wave = spring_wave(open_wave)
    contact = add_contact(wave, "GM0363", JAN, "Jan de Vries")
    invited_at = dt.datetime(2026, 4, 17, 10, tzinfo=AMSTERDAM)
    Delivery.objects.create(
        wave=wave,
        contact=contact,
        municipality_code="GM0363",
        email=JAN,
        kind="invitation",
        status="sent",
        at=invited_at,
    )

    first = remind(wave, dt.datetime(2026, 4, 29, 9, tzinfo=AMSTERDAM))
    second = remind(wave, dt.datetime(2026, 5, 7, 9, tzinfo=AMSTERDAM))

    assert first.sent == [JAN]
    assert reminder_days(wave, JAN)[0] == dt.date(2026, 4, 29)
    assert second.sent == [JAN]
    assert len(smtp.to(JAN)) == 2


def test_a_coordinator_whose_invitation_bounced_is_not_reminded(
    open_wave: Wave, smtp: Inbox, clock: Clock
) -> None:
    """No link ever reached Jan's address: there is nothing to remind him of (the cockpit
    lists the bounce for the research team to find a right address)."""
    wave = spring_wave(open_wave)
    add_cast_of_contacts(wave)
    smtp.refuse(JAN)
    clock.set(APRIL_17, 10)
    invite(wave)

    run = remind(wave, clock.set(dt.date(2026, 4, 29), 9))

    assert run.sent == [PIET]
    assert run.failed == []
    assert not Delivery.objects.filter(email=JAN, kind="reminder").exists()


@pytest.mark.parametrize("submitted_on", [dt.date(2026, 4, 28), dt.date(2026, 5, 6)])
def test_a_municipality_that_submits_before_a_reminder_day_gets_no_more(
    open_wave: Wave, smtp: Inbox, clock: Clock, submitted_on: dt.date
) -> None:
    wave = spring_wave(open_wave)
    add_contact(wave, "GM0599", PIET, "Piet Klaassen")
    clock.set(APRIL_17, 10)
    invite(wave)

    for day in days(dt.date(2026, 4, 18), MAY_29):
        if day == submitted_on:
            clock.set(day, 8)
            respond(wave, ["GM0599"])
        remind(wave, clock.set(day, 9))

    expected = [d for d in REGULAR_AND_LAST_CALL if d < submitted_on]
    assert reminder_days(wave, PIET) == expected
    assert len(smtp.to(PIET)) == 1 + len(expected)
