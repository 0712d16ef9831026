"""The ``aimonitor`` entry point: the core commands plus those that need the database.

Django is imported only inside the handlers, so ``aimonitor stats ...`` and
``aimonitor questionnaire ...`` start without it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from aimonitor.cli import Registrar, core_registrars, run
from aimonitor.web.bootstrap import with_database


def _load_frame(args: argparse.Namespace) -> int:
    def action() -> int:
        from aimonitor.web.demo import set_up_database

        print(set_up_database())
        return 0

    return with_database(action)


def _demo_data(args: argparse.Namespace) -> int:
    def action() -> int:
        from aimonitor.web.demo import set_up_database
        from aimonitor.web.fieldwork.demo import store_demo_waves

        set_up_database()
        for line in store_demo_waves(seed=args.seed):
            print(line)
        return 0

    return with_database(action)


def _estimates(args: argparse.Namespace) -> int:
    def action() -> int:
        from aimonitor.web.publishing import write_wave_estimates

        write_wave_estimates(args.wave, args.format, args.out, changes=args.changes)
        if args.out is not None:
            print(f"estimates of wave {args.wave} written to {args.out}")
        return 0

    return with_database(action)


def _report(args: argparse.Namespace) -> int:
    def action() -> int:
        from aimonitor.web.publishing import build_wave_report, report_dir

        out = args.out if args.out is not None else report_dir(args.wave, args.lang)
        files = build_wave_report(args.wave, args.lang, out, pdf=not args.no_pdf)
        for path in (files.html, files.pdf):
            if path is not None:
                print(f"written: {path}")
        return 0

    return with_database(action)


def _demo(args: argparse.Namespace) -> int:
    from aimonitor.web.demo import run_demo

    return run_demo(serve=not args.no_serve, port=args.port, seed=args.seed)


def _serve(args: argparse.Namespace) -> int:
    from aimonitor.web.demo import serve

    return serve(port=args.port)


def _manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    from aimonitor.web.bootstrap import setup_django

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
    demo_data.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    demo_data.set_defaults(handler=_demo_data)

    estimates = subparsers.add_parser(
        "estimates",
        help="every estimate of a wave (overall, by size class and province) as CSV or JSON",
    )
    estimates.add_argument("--wave", type=int, required=True, help="the wave's year, e.g. 2024")
    estimates.add_argument("--format", choices=["csv", "json"], default="csv")
    estimates.add_argument(
        "--changes", action="store_true", help="the change since the previous wave instead"
    )
    estimates.add_argument("--out", type=Path, default=None, help="file to write (default stdout)")
    estimates.set_defaults(handler=_estimates)

    report = subparsers.add_parser(
        "report", help="the report of a wave: report.html (self-contained) and report.pdf"
    )
    report.add_argument("--wave", type=int, required=True, help="the wave's year, e.g. 2024")
    report.add_argument(
        "--out", type=Path, default=None, help="folder (default var/reports/YEAR/LANG)"
    )
    report.add_argument("--lang", default="nl", help="nl (default) or en")
    report.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    report.set_defaults(handler=_report)

    demo = subparsers.add_parser(
        "demo", help="set up everything on the demo data and serve the web app"
    )
    demo.add_argument("--no-serve", action="store_true", help="do everything but serve")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--seed", type=int, default=2024)
    demo.set_defaults(handler=_demo)

    serve_parser = subparsers.add_parser("serve", help="serve the web app on 127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.set_defaults(handler=_serve)

    manage = subparsers.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser, ...)"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage)


def registrars() -> list[Registrar]:
    return [*core_registrars(), register]


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, registrars())
