"""write_report: the report as ``report.html`` and ``report.pdf`` in a directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .model import Report
from .render_html import render_html
from .render_pdf import pdf_bytes


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    pdf: Path | None


def write_report(report: Report, out_dir: Path, *, pdf: bool = True) -> ReportFiles:
    """Write ``report.html`` (self-contained) and, unless ``pdf`` is false, ``report.pdf``."""
    html = render_html(report)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        html_path = out_dir / "report.html"
        html_path.write_text(html, encoding="utf-8")
        pdf_path = None
        if pdf:
            pdf_path = out_dir / "report.pdf"
            pdf_path.write_bytes(pdf_bytes(html))
    except (FileExistsError, NotADirectoryError) as error:
        raise ReportError(f"cannot write the report to {out_dir}: not a directory") from error
    except PermissionError as error:
        raise ReportError(f"cannot write the report to {out_dir}: permission denied") from error
    return ReportFiles(html=html_path, pdf=pdf_path)
