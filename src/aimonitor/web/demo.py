"""`aimonitor demo`: everything from an empty database to a served web app, on demo data."""

from __future__ import annotations

from aimonitor.web.bootstrap import setup_django, with_database


def set_up_database() -> str:
    """Migrate and load the population frame (both idempotent); say what was loaded."""
    from django.core.management import call_command

    from aimonitor.web.municipalities.loading import load_frame_into_database

    call_command("migrate", interactive=False, verbosity=0)
    summary = load_frame_into_database()
    years = ", ".join(
        f"{year}: {count} municipalities" for year, count in summary.municipalities.items()
    )
    return f"frame loaded: {years}; {summary.mergers} mergers"


def prepare_demo(seed: int) -> list[str]:
    """Migrate, load the frame, the synthetic waves and their reports; say what was done."""
    from aimonitor.web.fieldwork.demo import store_demo_waves

    lines = [set_up_database()]
    lines.extend(store_demo_waves(seed=seed))
    lines.extend(build_demo_reports())
    return lines


def build_demo_reports(year: int = 2024, languages: tuple[str, ...] = ("nl", "en")) -> list[str]:
    """The main job on the demo data: the report of ``year`` in each language."""
    from aimonitor.publication import write_publication_report
    from aimonitor.web.publishing import publication_of, report_dir

    publication = publication_of(year)
    lines = []
    for lang in languages:
        files = write_publication_report(publication, lang, report_dir(year, lang))
        lines.append(f"report {year} ({lang}, SYNTHETIC demo data): {files.html} and {files.pdf}")
    return lines


def run_demo(serve: bool, port: int, seed: int) -> int:
    for line in with_database(lambda: prepare_demo(seed)):
        print(line)
    if serve:
        return _runserver(port)
    return 0


def serve(port: int) -> int:
    setup_django()
    return _runserver(port)


def _runserver(port: int) -> int:
    from django.core.management import call_command

    print(f"serving on http://127.0.0.1:{port}/ (Ctrl-C stops)")
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    return 0
