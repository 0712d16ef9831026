"""The methodology page states the rules the code applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimonitor.findings import QUANTIFIER_RULES, RowRef, Sentence
from aimonitor.findings.quantifiers import CLOSE, MAX_VERBAL_WIDTH, rule_table_markdown

from .support import EXPERIMENTS, proportion

DOC = Path(__file__).resolve().parents[2] / "docs" / "methodology" / "findings.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_the_quantifier_rule_table_in_the_docs_is_the_one_the_code_applies(doc: str) -> None:
    assert rule_table_markdown() in doc


def test_every_quantifier_rule_is_documented(doc: str) -> None:
    missing = [rule.key for rule in QUANTIFIER_RULES if f"`{rule.key}`" not in doc]
    assert missing == []


def test_the_documented_closeness_and_width_limits_are_the_ones_in_force(doc: str) -> None:
    assert f"within {CLOSE} percentage points** (`CLOSE`)" in doc
    assert f"wider than {MAX_VERBAL_WIDTH}\n  points (`MAX_VERBAL_WIDTH`" in doc


@pytest.mark.parametrize(
    ("p", "lower", "upper"), [(0.46, 0.43, 0.49), (0.48, 0.43, 0.53), (0.42, 0.30, 0.56)]
)
def test_the_documented_example_sentences_are_what_the_code_writes(
    doc: str, p: float, lower: float, upper: float
) -> None:
    sentence = Sentence.about(proportion(p, lower, upper), RowRef("t", "C1")).saying(EXPERIMENTS)
    assert sentence.text("nl") in doc
    assert sentence.text("en") in doc
