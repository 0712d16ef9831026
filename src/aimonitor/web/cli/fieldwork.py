"""``aimonitor invite``, ``aimonitor reminders`` and ``aimonitor researcher``: the fieldwork
from the command line (links, reminders on a timer, researchers' accounts)."""

from __future__ import annotations

import argparse

from aimonitor.cli import YEAR
from aimonitor.i18n import check_language
from aimonitor.web.cli.bootstrap import set_up_database, with_database


def _invite(args: argparse.Namespace) -> int:
    def action() -> list[str]:
        from django.utils import translation

        from aimonitor.web.survey.commands import invite_by_command

        set_up_database()
        lang = check_language(args.lang)
        with translation.override(lang):
            return invite_by_command(
                args.wave,
                args.municipality,
                args.email,
                purpose=args.purpose,
                themes=[t for t in (args.themes or "").split(",") if t],
                name=args.name,
                lang=lang,
                base_url=args.base_url,
            )

    for line in with_database(action):
        print(line)
    return 0


def _benchmark_links(args: argparse.Namespace) -> int:
    def action() -> list[str]:
        from django.utils import translation

        from aimonitor.web.survey.commands import benchmark_links_by_command

        set_up_database()
        with translation.override(check_language(args.lang)):
            return benchmark_links_by_command(
                args.wave, args.municipality or (), base_url=args.base_url
            )

    for line in with_database(action):
        print(line)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    benchmark = subparsers.add_parser(
        "benchmark-links",
        help="mail each taking part municipality's coordinators and contributors a link to "
        "its benchmark",
    )
    benchmark.add_argument("--wave", type=YEAR, required=True, help="the wave's year")
    benchmark.add_argument(
        "--municipality", action="append", help="CBS code (repeat); default: all that took part"
    )
    benchmark.add_argument("--lang", default="nl", help="language of the mail (nl, en)")
    benchmark.add_argument("--base-url", help="scheme and host of the link (AIMONITOR_BASE_URL)")
    benchmark.set_defaults(handler=_benchmark_links)
    invite = subparsers.add_parser(
        "invite", help="issue a personal survey link and mail it (console without SMTP)"
    )
    invite.add_argument("--wave", type=YEAR, required=True, help="the wave's year")
    invite.add_argument("--municipality", required=True, help="CBS code, e.g. GM0363")
    invite.add_argument("--email", required=True)
    invite.add_argument("--name", default="")
    invite.add_argument("--purpose", default="coordinator", help="coordinator or contributor")
    invite.add_argument("--themes", help="for a contributor: theme ids, comma separated")
    invite.add_argument("--lang", default="nl", help="language of the mail (nl, en)")
    invite.add_argument("--base-url", help="scheme and host of the link (AIMONITOR_BASE_URL)")
    invite.set_defaults(handler=_invite)


def _reminders(args: argparse.Namespace) -> int:
    def action() -> tuple[list[str], bool]:
        from aimonitor.fieldwork.reminders import ReminderCadence
        from aimonitor.web.research.commands import remind_by_command

        set_up_database()
        cadence = ReminderCadence(
            first_after=args.first_after,
            every=args.every,
            max_reminders=args.max,
            last_call_before_close=args.last_call,
        )
        return remind_by_command(args.wave, cadence)

    lines, delivered = with_database(action)
    for line in lines:
        print(line)
    return 0 if delivered else 1


def _researcher(args: argparse.Namespace) -> int:
    def action() -> list[str]:
        from aimonitor.web.research.commands import add_researcher

        set_up_database()
        from django.conf import settings

        return add_researcher(
            args.username,
            args.email,
            args.name,
            base_url=args.base_url or settings.BASE_URL,
            administrator=args.administrator,
        )

    for line in with_database(action):
        print(line)
    return 0


def register_research(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    reminders = subparsers.add_parser(
        "reminders",
        help="remind municipalities that have not responded (idempotent: run it hourly)",
    )
    reminders.add_argument("--wave", type=YEAR, required=True, help="the wave's year")
    reminders.add_argument(
        "--first-after", type=int, default=7, help="working days from invitation to reminder 1"
    )
    reminders.add_argument("--every", type=int, default=5, help="working days between reminders")
    reminders.add_argument("--max", type=int, default=3, help="regular reminders at most")
    reminders.add_argument(
        "--last-call", type=int, default=2, help="working days before closing of the last call"
    )
    reminders.set_defaults(handler=_reminders)
    researcher = subparsers.add_parser(
        "researcher", help="create a researcher's account (password and second factor follow)"
    )
    researcher.add_argument("--username", required=True)
    researcher.add_argument("--email", required=True)
    researcher.add_argument("--name", default="")
    researcher.add_argument(
        "--administrator", action="store_true", help="also manages accounts (admin superuser)"
    )
    researcher.add_argument(
        "--base-url", help="scheme and host of the reset address (AIMONITOR_BASE_URL)"
    )
    researcher.set_defaults(handler=_researcher)
