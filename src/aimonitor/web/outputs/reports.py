"""Where the web app keeps the built reports of a wave (``REPORTS_DIR/YEAR/LANG/``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from aimonitor.i18n import SUPPORTED_LANGUAGES, Lang
from aimonitor.report import has_report_file, remove_report

REPORT_FILES = {"report.html": "text/html; charset=utf-8", "report.pdf": "application/pdf"}
"""The files of a built report and their content types."""


def report_dir(year: int, lang: Lang) -> Path:
    """Where the web app keeps the built report of a wave in a language."""
    return Path(settings.REPORTS_DIR) / str(year) / lang


def built_report_languages(year: int) -> list[Lang]:
    """The languages in which the report of ``year`` has been built completely, in supported
    order (a set being written or left incomplete does not count)."""
    return [lang for lang in SUPPORTED_LANGUAGES if has_report_file(report_dir(year, lang))]


def remove_built_reports(year: int) -> None:
    """Remove the reports of ``year`` (they no longer match a replaced wave's data)."""
    for lang in SUPPORTED_LANGUAGES:
        remove_report(report_dir(year, lang))
