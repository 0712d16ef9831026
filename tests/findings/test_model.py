"""Sentences built from one estimate, and the findings that carry their evidence."""

from __future__ import annotations

import dataclasses

import pytest

from aimonitor.findings import FindingError, RowRef, Sentence
from aimonitor.i18n import UnknownLanguageError

from .support import EXPERIMENTS, proportion

ROW = RowRef("t_experiments", "C1", option="experimenting")


def test_the_seed_sentence_is_reproduced_in_dutch_and_english() -> None:
    sentence = Sentence.about(proportion(0.46, 0.43, 0.49), ROW).saying(EXPERIMENTS)
    assert sentence.text("nl") == (
        "Bijna de helft van de gemeenten (46%; 95%-BI 43–49%) experimenteert met AI."
    )
    assert sentence.text("en") == (
        "Almost half of municipalities (46%; 95% CI 43–49%) experiment with AI."
    )


def test_an_interval_that_includes_half_makes_it_about_half() -> None:
    sentence = Sentence.about(proportion(0.48, 0.43, 0.53), ROW).saying(EXPERIMENTS)
    assert sentence.text("nl") == (
        "Ongeveer de helft van de gemeenten (48%; 95%-BI 43–53%) experimenteert met AI."
    )


def test_a_plural_subject_takes_the_plural_predicate() -> None:
    sentence = Sentence.about(proportion(0.98, 0.96, 0.99), ROW).saying(EXPERIMENTS)
    assert sentence.text("nl") == (
        "Vrijwel alle gemeenten (98%; 95%-BI 96–99%) experimenteren met AI."
    )


def test_a_percentage_subject_is_not_repeated_in_the_brackets() -> None:
    sentence = Sentence.about(proportion(0.42, 0.30, 0.56), ROW).saying(EXPERIMENTS)
    assert sentence.text("nl") == "42% van de gemeenten (95%-BI 30–56%) experimenteert met AI."


def test_the_number_of_respondents_can_be_shown() -> None:
    sentence = Sentence.about(proportion(0.46, 0.43, 0.49, n=1180), ROW).saying(EXPERIMENTS)
    assert sentence.with_n().text("nl") == (
        "Bijna de helft van de gemeenten (46%; 95%-BI 43–49%; n = 1.180) experimenteert met AI."
    )


def test_decimals_apply_to_the_numbers_and_to_the_wording_rule() -> None:
    sentence = Sentence.about(proportion(0.4612, 0.4301, 0.4951), ROW).saying(EXPERIMENTS)
    assert sentence.text("en").startswith("About half of municipalities (46%; 95% CI 43–50%)")
    assert (
        sentence.with_decimals(1)
        .text("en")
        .startswith("Almost half of municipalities (46.1%; 95% CI 43.0–49.5%)")
    )


def test_a_finding_carries_theme_language_rule_and_evidence() -> None:
    estimate = proportion(0.46, 0.43, 0.49)
    finding = Sentence.about(estimate, ROW).saying(EXPERIMENTS).finding("experiments", "nl")
    assert finding.theme == "experiments"
    assert finding.lang == "nl"
    assert finding.rule == "almost_half"
    assert finding.references == (ROW,)
    assert finding.estimates == (estimate,)
    assert finding.sentence.startswith("Bijna de helft")


def test_a_finding_cannot_be_changed_after_it_is_made() -> None:
    finding = (
        Sentence.about(proportion(0.46, 0.43, 0.49), ROW)
        .saying(EXPERIMENTS)
        .finding("experiments", "en")
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.sentence = "Everything is fine."  # type: ignore[misc]


def test_building_returns_a_new_sentence_and_leaves_the_original_alone() -> None:
    bare = Sentence.about(proportion(0.46, 0.43, 0.49), ROW)
    bare.saying(EXPERIMENTS)
    with pytest.raises(FindingError, match="needs a predicate"):
        bare.text("nl")


def test_an_unsupported_language_is_refused() -> None:
    sentence = Sentence.about(proportion(0.46, 0.43, 0.49), ROW).saying(EXPERIMENTS)
    with pytest.raises(UnknownLanguageError):
        sentence.text("fy")
