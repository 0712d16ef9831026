"""The report: an immutable model of the publication, rendered to HTML and PDF.

::

    report = build_report(questionnaire=q, current=table, history=earlier, changes=changes,
                          findings=findings, response=response, lang="nl")
    write_report(report, Path("out"))        # out/report.html, out/report.pdf
    # out is switched atomically to the new set (see aimonitor.report.files)

This package reads results (estimate tables, findings, response counts), never the database.
WeasyPrint and matplotlib are imported only when a PDF or a chart is made.
"""

from aimonitor.report.build import build_report
from aimonitor.report.charts import chart_svg
from aimonitor.report.errors import ReportError
from aimonitor.report.files import (
    ReportFiles,
    has_report_file,
    open_report_file,
    remove_report,
    write_report,
)
from aimonitor.report.model import MIN_RESPONDENTS, Chart, Report
from aimonitor.report.render_html import render_html

__all__ = [
    "MIN_RESPONDENTS",
    "Chart",
    "Report",
    "ReportError",
    "ReportFiles",
    "build_report",
    "chart_svg",
    "has_report_file",
    "open_report_file",
    "remove_report",
    "render_html",
    "write_report",
]
