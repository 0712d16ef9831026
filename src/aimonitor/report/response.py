"""One municipality's answers as a document for internal approval (HTML, and PDF with the
report's renderer): every question routing asks, with the answer in words or "not answered"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from aimonitor.i18n import Lang, synthetic_data_label, translator
from aimonitor.questionnaire import Questionnaire
from aimonitor.questionnaire.form import describe_answer

from .render_html import _environment
from .render_pdf import pdf_bytes


@dataclass(frozen=True)
class ResponseDocument:
    """What the document shows besides the answers."""

    municipality: str
    wave_year: int
    status: str
    synthetic: bool
    municipality_names: Mapping[int, str]


def render_response_html(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    document: ResponseDocument,
    lang: Lang,
) -> str:
    """The response as a self-contained HTML document, theme by theme."""
    words = translator(lang)
    shown = {v.name for v in questionnaire.shown_variables(answers)}
    themes = []
    for theme in questionnaire.themes:
        rows = [
            (
                v.label.get(lang),
                describe_answer(v, answers.get(v.name), lang, document.municipality_names)
                or words.gettext("not answered"),
            )
            for v in questionnaire.variables()
            if v.theme == theme.id and v.name in shown
        ]
        themes.append((theme.name.get(lang), rows))
    return (
        _environment()
        .get_template("response.html")
        .render(
            lang=lang,
            title=words.gettext("Response of {municipality}, AI Monitor {year}").format(
                municipality=document.municipality, year=document.wave_year
            ),
            status=document.status,
            synthetic=document.synthetic,
            synthetic_text=synthetic_data_label().get(lang),
            question=words.gettext("Question"),
            answer=words.gettext("Answer"),
            themes=themes,
        )
    )


def render_response_pdf(
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
    document: ResponseDocument,
    lang: Lang,
) -> bytes:
    """The same document as PDF (WeasyPrint, like the report)."""
    return pdf_bytes(render_response_html(questionnaire, answers, document, lang))
