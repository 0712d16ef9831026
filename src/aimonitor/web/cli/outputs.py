"""``aimonitor estimates`` and ``aimonitor report``: a wave's outputs from the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from aimonitor.cli import YEAR
from aimonitor.web.cli.bootstrap import with_database


def _estimates(args: argparse.Namespace) -> int:
    def action() -> None:
        from aimonitor.web.outputs.publish import write_wave_estimates

        write_wave_estimates(args.wave, args.format, args.out, changes=args.changes)

    with_database(action)
    if args.out is not None:
        print(f"estimates of wave {args.wave} written to {args.out}")
    return 0


def _report(args: argparse.Namespace) -> int:
    def action() -> list[Path]:
        from aimonitor.i18n import check_language
        from aimonitor.web.outputs.publish import build_wave_report
        from aimonitor.web.outputs.reports import report_dir

        lang = check_language(args.lang)
        out = args.out if args.out is not None else report_dir(args.wave, lang)
        files = build_wave_report(args.wave, lang, out, pdf=not args.no_pdf)
        return [path for path in (files.html, files.pdf) if path is not None]

    for path in with_database(action):
        print(f"written: {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    def action() -> list[Path]:
        from aimonitor.i18n import check_language
        from aimonitor.web.outputs.publish import write_wave_open_data

        lang = check_language(args.lang)
        return write_wave_open_data(
            args.wave, args.format, args.out, lang, unpublished=args.unpublished
        )

    for path in with_database(action):
        print(f"written: {path}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    estimates = subparsers.add_parser(
        "estimates",
        help="every estimate of a wave (overall, by size class and province) as CSV or JSON",
    )
    estimates.add_argument("--wave", type=YEAR, required=True, help="the wave's year, e.g. 2024")
    estimates.add_argument("--format", choices=["csv", "json"], default="csv")
    estimates.add_argument(
        "--changes", action="store_true", help="the change since the previous wave instead"
    )
    estimates.add_argument("--out", type=Path, default=None, help="file to write (default stdout)")
    estimates.set_defaults(handler=_estimates)

    report = subparsers.add_parser(
        "report", help="the report of a wave: report.html (self-contained) and report.pdf"
    )
    report.add_argument("--wave", type=YEAR, required=True, help="the wave's year, e.g. 2024")
    report.add_argument(
        "--out", type=Path, default=None, help="folder (default var/reports/YEAR/LANG)"
    )
    report.add_argument("--lang", default="nl", help="nl (default) or en")
    report.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    report.set_defaults(handler=_report)

    export = subparsers.add_parser(
        "export",
        help="the open data of a published wave: microdata (csv, parquet, sav) or a DDI codebook",
    )
    export.add_argument("--wave", type=YEAR, required=True, help="the wave's year, e.g. 2024")
    export.add_argument("--format", choices=["csv", "parquet", "sav", "ddi"], required=True)
    export.add_argument("--out", type=Path, required=True, help="folder to write the files to")
    export.add_argument("--lang", default="nl", help="language of the labels: nl (default) or en")
    export.add_argument(
        "--unpublished", action="store_true", help="also a wave not yet published (to check it)"
    )
    export.set_defaults(handler=_export)
