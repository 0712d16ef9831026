"""The annexes: methods (response by stratum, weighting, intervals, suppression) and codebook."""

from __future__ import annotations

from aimonitor.frame import SIZE_CLASSES
from aimonitor.indicators import EstimateTable, ResponseCell, ResponseSummary
from aimonitor.questionnaire import Lang, Questionnaire, codebook

from .labels import local
from .model import (
    LEVEL,
    MIN_RESPONDENTS,
    CodebookLine,
    CodebookSection,
    CodebookValueLine,
    Methods,
    ResponseLine,
)
from .words import Words


def methods(current: EstimateTable, response: ResponseSummary, lang: str, words: Words) -> Methods:
    labels = {c.code: (c.label_nl if lang == "nl" else c.label_en) for c in SIZE_CLASSES}
    return Methods(
        by_size_class=tuple(_line(c, labels.get(c.key, c.key)) for c in response.by_size_class),
        by_province=tuple(_line(c, c.key) for c in response.by_province),
        total=_line(response.total, words.total),
        weighting=current.weighting.method,
        weighting_margins=tuple(_margin(m, words) for m in current.weighting.margins),
        weighting_fallback=current.weighting.fallback_reason,
        interval_methods=tuple(
            sorted({row.estimate.method for row in current.rows if row.estimate.method})
        ),
        level=LEVEL,
        minimum_n=MIN_RESPONDENTS,
    )


def _line(cell: ResponseCell, label: str) -> ResponseLine:
    return ResponseLine(label=label, population=cell.population, respondents=cell.respondents)


def _margin(margin: str, words: Words) -> str:
    known = {"size_class": words.margin_size_class, "province": words.margin_province}
    return known.get(margin, margin.replace("_", " "))


def codebook_sections(q: Questionnaire, lang: str) -> tuple[CodebookSection, ...]:
    entries = codebook(q, _lang(lang))
    sections = []
    for theme in q.themes:
        lines = tuple(
            CodebookLine(
                variable=entry.variable,
                label=entry.label,
                type=entry.type,
                values=tuple(CodebookValueLine(v.code, v.label, v.special) for v in entry.codes),
                shown_if=entry.shown_if,
            )
            for entry in entries
            if entry.theme == theme.id
        )
        if lines:
            title = local(theme.name, lang)
            if theme.number is not None:
                title = f"{theme.number}. {title}"
            sections.append(CodebookSection(theme.id, title, lines))
    return tuple(sections)


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "nl"
