"""``aimonitor load-frame``, ``aimonitor demo-data`` and ``aimonitor manage ...``."""

from __future__ import annotations

import argparse

from aimonitor.cli import SEED
from aimonitor.web.cli.bootstrap import set_up_database, setup_django, with_database


def _load_frame(args: argparse.Namespace) -> int:
    print(with_database(set_up_database))
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    def action() -> list[str]:
        from aimonitor.web.cli.demo import store_demo_data

        set_up_database()
        return store_demo_data(seed=args.seed)

    for line in with_database(action):
        print(line)
    return 0


def _manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    setup_django()
    execute_from_command_line(["aimonitor manage", *args.arguments])
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    frame = subparsers.add_parser(
        "load-frame", help="load the population frame (all years, mergers) into the database"
    )
    frame.set_defaults(handler=_load_frame)

    demo_data = subparsers.add_parser(
        "demo-data", help="generate the synthetic demo waves 2023-2025 into the database"
    )
    demo_data.add_argument("--seed", type=SEED, default=2024, help="random seed (default 2024)")
    demo_data.set_defaults(handler=_demo_data)

    manage = subparsers.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, ...)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)
