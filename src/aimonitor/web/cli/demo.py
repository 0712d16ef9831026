"""``aimonitor demo`` (everything from an empty database to a served web app, on demo data)
and ``aimonitor serve``."""

from __future__ import annotations

import argparse
from functools import partial

from aimonitor.cli import PORT, SEED
from aimonitor.i18n import SUPPORTED_LANGUAGES, Lang
from aimonitor.web.cli.bootstrap import set_up_database, setup_django, with_database


def store_demo_data(seed: int) -> list[str]:
    """Store the synthetic demo waves and remove the reports built from the waves they
    replace (those no longer match the data); say what was stored.

    The reports are removed only once the new waves are committed: a refused run (a real
    wave in the way), a failed or a killed one rolls the database back and leaves the
    reports as they were. A kill between the commit and the removal leaves reports of the
    replaced synthetic waves; the next run removes them."""
    from django.db import transaction

    from aimonitor.web.fieldwork.demo import store_demo_waves
    from aimonitor.web.outputs.reports import remove_built_reports

    with transaction.atomic():
        stored = store_demo_waves(seed=seed)
        for wave in stored:
            transaction.on_commit(partial(remove_built_reports, wave.year))
    return [str(wave) for wave in stored]


def prepare_demo(seed: int, port: int = 8000) -> list[str]:
    """Migrate, load the frame, the synthetic waves and their reports, open the newest demo
    wave for answering with a coordinator link; say what was done."""
    from aimonitor.web.public.dashboard import prepare_dashboard
    from aimonitor.web.research.demo import prepare_demo_fieldwork
    from aimonitor.web.survey.demo import open_demo_wave, prepare_demo_benchmark

    lines = [set_up_database()]
    lines.extend(store_demo_data(seed))
    lines.extend(prepare_demo_benchmark(f"http://127.0.0.1:{port}", seed))
    lines.extend(build_demo_reports())
    lines.extend(prepare_dashboard(2024))
    lines.extend(export_demo_open_data(port))
    lines.extend(open_demo_wave(f"http://127.0.0.1:{port}"))
    lines.extend(prepare_demo_fieldwork(f"http://127.0.0.1:{port}", seed))
    return lines


def build_demo_reports(
    year: int = 2024, languages: tuple[Lang, ...] = SUPPORTED_LANGUAGES
) -> list[str]:
    """The main job on the demo data: the report of ``year`` in each language."""
    from aimonitor.publication import write_publication_report
    from aimonitor.web.outputs.publish import publication_of
    from aimonitor.web.outputs.reports import report_dir

    publication = publication_of(year)
    lines = []
    for lang in languages:
        files = write_publication_report(publication, lang, report_dir(year, lang))
        lines.append(f"report {year} ({lang}, SYNTHETIC demo data): {files.html} and {files.pdf}")
    return lines


def export_demo_open_data(port: int, year: int = 2024) -> list[str]:
    """The open data of the published demo wave in every format (var/open-data/YEAR/FORMAT),
    and where the API answers about it."""
    from django.conf import settings

    from aimonitor.exports import FORMATS
    from aimonitor.web.outputs.publish import write_wave_open_data

    out = settings.VAR_DIR / "open-data" / str(year)
    for fmt in FORMATS:
        write_wave_open_data(year, fmt, out / fmt, "nl")
    return [
        f"open data {year} (SYNTHETIC demo data): {out}/{{{','.join(FORMATS)}}}/",
        f"API of the published waves: http://127.0.0.1:{port}/api/waves "
        f"(schema: /api/openapi.json)",
    ]


def serve(port: int) -> int:
    """Serve the web app on 127.0.0.1:``port`` until Ctrl-C."""
    from django.core.management import call_command

    setup_django()
    print(f"serving on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    return 0


def _demo(args: argparse.Namespace) -> int:
    for line in with_database(lambda: prepare_demo(args.seed, args.port)):
        print(line)
    return 0 if args.no_serve else serve(args.port)


def _demo_code(args: argparse.Namespace) -> int:
    def action() -> list[str]:
        from aimonitor.web.research.demo import demo_code

        setup_django()
        return [demo_code()]

    for line in with_database(action):
        print(line)
    return 0


def _serve(args: argparse.Namespace) -> int:
    return serve(args.port)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo", help="set up everything on the demo data and serve the web app"
    )
    demo.add_argument("--no-serve", action="store_true", help="do everything but serve")
    demo.add_argument("--port", type=PORT, default=8000)
    demo.add_argument("--seed", type=SEED, default=2024)
    demo.set_defaults(handler=_demo)

    code = subparsers.add_parser(
        "demo-code", help="the current second-factor code of the demo researcher (demo only)"
    )
    code.set_defaults(handler=_demo_code)

    serve_parser = subparsers.add_parser("serve", help="serve the web app on 127.0.0.1")
    serve_parser.add_argument("--port", type=PORT, default=8000)
    serve_parser.set_defaults(handler=_serve)
