"""The annexes: methods (response by stratum, weighting, intervals, representativeness,
disclosure control) and codebook."""

from __future__ import annotations

from aimonitor.frame import SIZE_CLASSES
from aimonitor.i18n import Lang
from aimonitor.indicators import EstimateTable, Representativeness, ResponseSummary
from aimonitor.indicators.disclosure import PROTECTION, PUBLICATION_CLASSES, SMALL_GROUP
from aimonitor.questionnaire import Questionnaire, codebook

from .model import (
    LEVEL,
    MIN_RESPONDENTS,
    CodebookLine,
    CodebookSection,
    CodebookValueLine,
    Methods,
)
from .words import Words


def methods(
    current: EstimateTable,
    response: ResponseSummary,
    lang: Lang,
    words: Words,
    representativeness: Representativeness | None = None,
) -> Methods:
    fallback = current.weighting.fallback_reason
    return Methods(
        response=response,
        weighting=current.weighting.method,
        weighting_margins=tuple(_margin(m, words) for m in current.weighting.margins),
        weighting_fallback=fallback.get(lang) if fallback is not None else None,
        interval_methods=tuple(
            sorted({row.estimate.method for row in current.rows if row.estimate.method})
        ),
        level=LEVEL,
        minimum_n=MIN_RESPONDENTS,
        take_all=tuple(size_class_label(cell, lang) for cell in current.weighting.take_all),
        representativeness=representativeness,
        small_group=SMALL_GROUP,
        protection_points=round(PROTECTION * 100),
        size_classes=tuple(c.label.get(lang) for c in PUBLICATION_CLASSES),
    )


def size_class_label(cell: str, lang: Lang) -> str:
    """The label of a size class, or of collapsed classes (``100k-250k+ge250k``) joined."""
    labels = {c.code: c.label.get(lang) for c in SIZE_CLASSES}
    return " + ".join(labels.get(code, code) for code in cell.split("+"))


def _margin(margin: str, words: Words) -> str:
    known = {"size_class": words.margin_size_class, "province": words.margin_province}
    return known.get(margin, margin.replace("_", " "))


def codebook_sections(q: Questionnaire, lang: Lang) -> tuple[CodebookSection, ...]:
    entries = codebook(q, lang)
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
            title = theme.name.get(lang)
            if theme.number is not None:
                title = f"{theme.number}. {title}"
            sections.append(CodebookSection(theme.id, title, lines))
    return tuple(sections)
