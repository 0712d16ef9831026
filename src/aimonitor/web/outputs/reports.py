"""Where the web app keeps the built reports of a wave (``REPORTS_DIR/YEAR/LANG/``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

from aimonitor.i18n import SUPPORTED_LANGUAGES, Lang

REPORT_FILES = {"report.html": "text/html; charset=utf-8", "report.pdf": "application/pdf"}
"""The files of a built report and their content types."""


def report_dir(year: int, lang: Lang) -> Path:
    """Where the web app keeps the built report of a wave in a language."""
    return Path(settings.REPORTS_DIR) / str(year) / lang


def built_report_languages(year: int) -> list[Lang]:
    """The languages in which the report of ``year`` has been built, in supported order."""
    return [
        lang for lang in SUPPORTED_LANGUAGES if (report_dir(year, lang) / "report.html").is_file()
    ]


def remove_built_reports(year: int) -> None:
    """Remove the reports of ``year`` (they no longer match a replaced wave's data)."""
    for lang in SUPPORTED_LANGUAGES:
        shutil.rmtree(report_dir(year, lang), ignore_errors=True)
