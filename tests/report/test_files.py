"""write_report and the PDF: a full synthetic wave, A4 pages, the label on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aimonitor.questionnaire import Questionnaire
from aimonitor.report import Report, ReportError, ReportFiles, build_report, write_report
from aimonitor.report.render_pdf import render_document

from .conftest import GENERATED
from .support import B1_ROWS, response, table

A4_WIDTH_MM, A4_HEIGHT_MM = 210, 297
CSS_PX_PER_MM = 96 / 25.4


@pytest.fixture(scope="module")
def written(demo_report: Report, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    return write_report(demo_report, tmp_path_factory.mktemp("report") / "out")


@pytest.fixture(scope="module")
def document(written: ReportFiles) -> Any:
    return render_document(written.html.read_text(encoding="utf-8"))


def _page_texts(page: Any, *, margins_only: bool) -> list[str]:
    from weasyprint.formatting_structure import boxes

    roots = (
        [b for b in page._page_box.children if isinstance(b, boxes.MarginBox)]
        if margins_only
        else [page._page_box]
    )
    return [
        box.text for root in roots for box in root.descendants() if isinstance(box, boxes.TextBox)
    ]


def test_write_report_writes_the_html_and_the_pdf(written: ReportFiles) -> None:
    assert written.html.name == "report.html"
    assert written.pdf is not None
    assert written.pdf.name == "report.pdf"
    assert written.pdf.read_bytes().startswith(b"%PDF-")
    assert "<h2>1. Visie, strategie en beleid</h2>" in written.html.read_text(encoding="utf-8")


def test_the_pdf_has_a4_pages_with_numbers(document: Any) -> None:
    assert len(document.pages) > 10
    for page in document.pages:
        assert round(page.width / CSS_PX_PER_MM) == A4_WIDTH_MM
        assert round(page.height / CSS_PX_PER_MM) == A4_HEIGHT_MM
    pages = len(document.pages)
    assert f"3 / {pages}" in _page_texts(document.pages[2], margins_only=True)


def test_every_page_of_a_synthetic_report_carries_the_label(document: Any) -> None:
    for number, page in enumerate(document.pages, start=1):
        margins = _page_texts(page, margins_only=True)
        assert "Synthetische demonstratiedata" in margins, f"page {number}"


def test_the_table_of_contents_gives_the_page_of_every_chapter(document: Any) -> None:
    contents = " ".join(_page_texts(document.pages[1], margins_only=False))
    assert "Inhoud" in contents
    for number in range(1, 7):
        assert f"{number}. " in contents
    first_chapter = next(
        i
        for i, page in enumerate(document.pages, start=1)
        if "1. Visie, strategie en beleid" in _page_texts(page, margins_only=False) and i > 2
    )
    assert str(first_chapter) in _page_texts(document.pages[1], margins_only=False)


def test_html_only_skips_the_pdf(questionnaire: Questionnaire, tmp_path: Path) -> None:
    report = build_report(
        questionnaire=questionnaire,
        current=table(B1_ROWS),
        response=response(),
        lang="en",
        generated=GENERATED,
    )
    files = write_report(report, tmp_path, pdf=False)
    assert files.pdf is None
    assert not (tmp_path / "report.pdf").exists()
    assert files.html.exists()


def test_an_output_path_that_is_a_file_is_a_clear_error(
    questionnaire: Questionnaire, tmp_path: Path
) -> None:
    occupied = tmp_path / "taken"
    occupied.write_text("not a directory")
    report = build_report(
        questionnaire=questionnaire,
        current=table(B1_ROWS),
        response=response(),
        lang="nl",
        generated=GENERATED,
    )
    with pytest.raises(ReportError, match="not a directory"):
        write_report(report, occupied, pdf=False)


def test_a_reference_to_an_outside_resource_is_refused_not_fetched() -> None:
    html = '<html><body><img src="https://example.org/chart.svg"></body></html>'
    with pytest.raises(ReportError, match="outside resource"):
        render_document(html)
