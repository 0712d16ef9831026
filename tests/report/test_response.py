"""A municipality's answers as a document for internal approval."""

from __future__ import annotations

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.report.response import ResponseDocument, render_response_html

Q = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


def _document(synthetic: bool = False) -> ResponseDocument:
    return ResponseDocument("Amsterdam", 2025, "in behandeling", synthetic, {363: "Amsterdam"})


def test_the_document_shows_each_asked_question_with_its_answer_in_words() -> None:
    html = render_response_html(Q, {"B1": 4, "C4": 2.5}, _document(), "nl")
    label = Q.variable("B1").code_label(4)
    assert label is not None
    assert label.label.nl in html
    assert "2,5" in html
    assert "niet beantwoord" in html
    assert Q.variable("B2").label.nl not in html  # B1 = 4 routes B2 away


def test_a_synthetic_response_says_so_and_english_is_english() -> None:
    html = render_response_html(Q, {}, _document(synthetic=True), "en")
    assert "Synthetic demonstration data" in html
    assert "Response of Amsterdam, AI Monitor 2025" in html
