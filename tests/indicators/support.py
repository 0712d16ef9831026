"""A small questionnaire with one item of every kind, and helpers to build waves by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from aimonitor.frame import Frame
from aimonitor.indicators import Respondent, WaveData
from aimonitor.questionnaire import Questionnaire

TINY_YAML = """\
id: tiny-monitor
version: "1"
title: {nl: Kleine monitor, en: Tiny monitor}
themes:
  - {id: vision, number: 1, name: {nl: Visie, en: Vision}}
special_codes:
  - {code: 98, key: dont_know, label: {nl: Weet niet, en: "Don't know"}}
items:
  - id: A1
    theme: vision
    type: single_choice
    code_list: cbs_municipality
    text: {nl: Gemeente, en: Municipality}
  - id: B1
    theme: vision
    type: single_choice
    text: {nl: "Heeft u een AI-visie?", en: "Do you have an AI vision?"}
    options:
      - {code: 1, label: {nl: Vastgesteld, en: Adopted}}
      - {code: 2, label: {nl: In ontwikkeling, en: In development}}
      - {code: 3, label: {nl: Nee, en: "No"}}
    special: [98]
    groups:
      - {key: working_on, codes: [1, 2], label: {nl: werkt eraan, en: working on it}}
  - id: B2
    theme: vision
    type: multiple_choice
    shown_if: {item: B1, in: [1, 2]}
    text: {nl: Principes, en: Principles}
    options:
      - {code: 1, label: {nl: Transparantie, en: Transparency}}
      - {code: 2, label: {nl: Ethiek, en: Ethics}}
      - {code: 3, label: {nl: Geen, en: None}, exclusive: true}
  - id: E1
    theme: vision
    type: grid
    cell: choice
    text: {nl: Gebruik, en: Use}
    rows:
      - {key: chat, label: {nl: Chat, en: Chat}}
      - {key: code, label: {nl: Code, en: Code}}
    options:
      - {code: 1, label: {nl: Breed, en: Wide}}
      - {code: 2, label: {nl: Beperkt, en: Limited}}
      - {code: 3, label: {nl: Niet, en: Not}}
    special: [98]
    groups:
      - {key: used, codes: [1, 2], label: {nl: gebruikt, en: used}}
  - id: L1
    theme: vision
    type: likert
    text: {nl: Kennis, en: Knowledge}
    scale:
      points:
        - {value: 1, label: {nl: Laag, en: Low}}
        - {value: 5, label: {nl: Hoog, en: High}}
    special: [98]
  - id: N1
    theme: vision
    type: numeric
    bounds: {min: 0, max: 97, decimals: 1}
    text: {nl: Fte, en: FTE}
    special: [98]
  - id: R1
    theme: vision
    type: ranking
    max_ranks: 2
    text: {nl: Belemmeringen, en: Barriers}
    options:
      - {code: 1, label: {nl: Kennis, en: Knowledge}}
      - {code: 2, label: {nl: Geld, en: Money}}
      - {code: 3, label: {nl: Regels, en: Rules}}
  - id: T1
    theme: vision
    type: text
    optional: true
    text: {nl: Opmerkingen, en: Comments}
  - id: S1
    theme: vision
    type: municipalities
    covers: true
    optional: true
    text: {nl: Ook voor, en: Also for}
"""


def tiny_questionnaire() -> Questionnaire:
    return Questionnaire.from_dict(yaml.safe_load(TINY_YAML))


def wave_of(
    answers: Sequence[Mapping[str, object]],
    codes: Sequence[str],
    questionnaire: Questionnaire | None = None,
    *,
    year: int = 2024,
    synthetic: bool = False,
) -> WaveData:
    """A wave with these respondents' codes and answers, in this order."""
    return WaveData(
        year=year,
        frame_year=year,
        questionnaire=questionnaire or tiny_questionnaire(),
        respondents=tuple(
            Respondent(code, dict(a)) for code, a in zip(codes, answers, strict=True)
        ),
        synthetic=synthetic,
    )


def codes_in(frame: Frame, size_class: str, count: int) -> list[str]:
    """The first ``count`` municipality codes of a size class, in code order."""
    found = [m.code for m in frame.municipalities if m.size_class.code == size_class]
    return found[:count]
