"""``aimonitor invite``: a personal link for one person of one municipality."""

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


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
