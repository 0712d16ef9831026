"""Shared test material: a small valid questionnaire to break in one place per test."""

from __future__ import annotations

from typing import Any

MINIMAL_YAML = """\
id: test-monitor
version: "1"
title: {nl: Testmonitor, en: Test monitor}
themes:
  - {id: vision, number: 1, name: {nl: Visie, en: Vision}}
  - {id: closing, name: {nl: Afsluiting, en: Closing}}
special_codes:
  - {code: 98, key: dont_know, label: {nl: Weet niet, en: "Don't know"}}
  - {code: 99, key: not_applicable, label: {nl: Niet van toepassing, en: Not applicable}}
items:
  - id: B1
    theme: vision
    type: single_choice
    text: {nl: "Heeft uw gemeente een AI-visie?", en: "Does your municipality have an AI vision?"}
    options:
      - {code: 1, label: {nl: Ja, en: "Yes"}}
      - {code: 2, label: {nl: Nee, en: "No"}}
    special: [98]
  - id: B2
    theme: vision
    type: multiple_choice
    text: {nl: "Welke principes?", en: "Which principles?"}
    shown_if: {item: B1, in: [1]}
    options:
      - {code: 1, label: {nl: Transparantie, en: Transparency}}
      - {code: 2, label: {nl: Ethiek, en: Ethics}}
      - {code: 3, label: {nl: Geen, en: None}, exclusive: true}
  - id: B3
    theme: vision
    type: grid
    cell: choice
    text: {nl: Status van instrumenten, en: Status of instruments}
    rows:
      - {key: guideline, label: {nl: Gebruiksrichtlijn, en: Usage guideline}}
      - {key: register, label: {nl: Register, en: Register}}
    options:
      - {code: 1, label: {nl: Aanwezig, en: In place}}
      - {code: 2, label: {nl: Niet aanwezig, en: Not present}}
    special: [98]
  - id: B4
    theme: vision
    type: text
    text: {nl: Toelichting, en: Explanation}
    shown_if: {item: B3_guideline, in: [1]}
    optional: true
"""


def item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    """The item with this id inside plain questionnaire data."""
    found: dict[str, Any] = next(entry for entry in data["items"] if entry["id"] == item_id)
    return found
