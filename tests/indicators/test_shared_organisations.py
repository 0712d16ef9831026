"""A response of a shared organisation (werkorganisatie) counts for every municipality it
covers: in the respondent rows, the response count and the estimates (decision 0010).

The SED organisation is used throughout: Stede Broec (GM0532, 22,217 inhabitants on
1 January 2024, so 20,000-50,000) answers for Enkhuizen (GM0388, 18,895: < 20,000) and
Drechterland (GM0498, 20,496: 20,000-50,000), all three in Noord-Holland.
"""

from __future__ import annotations

import pytest

from aimonitor.frame import Frame
from aimonitor.indicators import (
    IndicatorError,
    Respondent,
    WaveData,
    build_respondents,
    count_response,
    coverage_inputs,
    estimate_wave,
    response_summary,
)
from aimonitor.questionnaire import Questionnaire

SED = {"A1": 532, "A4": 2, "A4a": [388, 498], "B1": 1}
"""Stede Broec answers for the SED organisation; its vision is formally adopted."""


def own(code: str, **answers: object) -> Respondent:
    return Respondent(code, {"A4": 1, **answers})


def rows(instrument: Questionnaire, frame: Frame, *responses: Respondent) -> tuple[Respondent, ...]:
    return build_respondents(2024, responses, instrument, frame)


def test_a_shared_response_counts_for_every_municipality_it_covers(
    instrument: Questionnaire, frame: Frame
) -> None:
    built = rows(instrument, frame, Respondent("GM0532", SED), own("GM0363", B1=4))
    assert [(r.code, r.covered_by) for r in built] == [
        ("GM0532", None),
        ("GM0388", "GM0532"),
        ("GM0498", "GM0532"),
        ("GM0363", None),
    ]
    assert built[1].answers == built[2].answers == SED


def test_covered_municipalities_appear_as_responded_in_the_response_summary(
    instrument: Questionnaire, frame: Frame
) -> None:
    built = rows(instrument, frame, Respondent("GM0532", SED), own("GM0363"))
    summary = count_response(2024, built, frame)
    assert (summary.total.respondents, summary.total.covered) == (4, 2)
    by_class = {cell.key: (cell.respondents, cell.covered) for cell in summary.by_size_class}
    assert by_class == {
        "lt20k": (1, 1),
        "20k-50k": (2, 1),
        "50k-100k": (0, 0),
        "100k-250k": (0, 0),
        "ge250k": (1, 0),
    }
    holland = next(cell for cell in summary.by_province if cell.key == "Noord-Holland")
    assert (holland.respondents, holland.covered, holland.population) == (4, 2, 44)


def test_the_wave_summary_counts_the_covered_rows_of_the_wave(
    instrument: Questionnaire, frame: Frame
) -> None:
    wave = WaveData(2024, 2024, instrument, rows(instrument, frame, Respondent("GM0532", SED)))
    assert response_summary(wave, frame).total.covered == 2


def test_a_covered_municipality_is_in_the_estimates_with_the_answers_given_for_it(
    instrument: Questionnaire, frame: Frame
) -> None:
    built = rows(
        instrument,
        frame,
        Respondent("GM0532", SED),
        own("GM0363", B1=4),  # Amsterdam
        own("GM0599", B1=4),  # Rotterdam
    )
    table = estimate_wave(WaveData(2024, 2024, instrument, built), frame)
    assert table.get("B1", "1").estimate.n == 5
    # Only Enkhuizen, covered by Stede Broec's answer, is below 20,000 inhabitants.
    smallest = table.get("B1", "1", "size_class=lt20k").estimate
    assert (smallest.n, smallest.estimate) == (1, pytest.approx(1.0))
    middle = table.get("B1", "1", "size_class=20k-50k").estimate
    assert (middle.n, middle.estimate) == (2, pytest.approx(1.0))


def test_an_unknown_municipality_code_gives_a_clear_error(
    instrument: Questionnaire, frame: Frame
) -> None:
    unknown = Respondent("GM0532", {**SED, "A4a": [388, 9999]})
    message = (
        r"the shared response of GM0532 \(Stede Broec, A4a\): "
        r"9999 \(GM9999\) is not a municipality in the 2024 frame"
    )
    with pytest.raises(IndicatorError, match=message):
        rows(instrument, frame, unknown)
    merged = Respondent("GM0532", {**SED, "A4a": [398]})  # Heerhugowaard, merged in 2022
    with pytest.raises(IndicatorError, match=r"398 \(GM0398\) is not a municipality in the 2024"):
        rows(instrument, frame, merged)


def test_a_list_that_is_not_of_municipality_numbers_is_refused(
    instrument: Questionnaire, frame: Frame
) -> None:
    as_text = Respondent("GM0532", {**SED, "A4a": "Enkhuizen, Drechterland"})
    with pytest.raises(IndicatorError, match="GM0532: answer to A4a: expects a list"):
        rows(instrument, frame, as_text)


def test_a_municipality_that_answered_itself_and_is_covered_is_refused_naming_both(
    instrument: Questionnaire, frame: Frame
) -> None:
    message = (
        r"GM0388 \(Enkhuizen\) answered itself \(response GM0388\) and is also covered by "
        r"the shared response of GM0532 \(Stede Broec, A4a\)"
    )
    with pytest.raises(IndicatorError, match=message):
        rows(instrument, frame, own("GM0388"), Respondent("GM0532", SED))


def test_a_municipality_covered_by_two_shared_responses_is_refused_naming_both(
    instrument: Questionnaire, frame: Frame
) -> None:
    stede_broec = Respondent("GM0532", {**SED, "A4a": [388]})
    drechterland = Respondent("GM0498", {"A4": 2, "A4a": [388]})
    message = (
        r"GM0388 \(Enkhuizen\) is covered by two shared responses: by the response of GM0532 "
        r"and by the shared response of GM0498 \(Drechterland, A4a\)"
    )
    with pytest.raises(IndicatorError, match=message):
        rows(instrument, frame, stede_broec, drechterland)


def test_an_answer_to_a4a_the_routing_did_not_show_covers_nobody(
    instrument: Questionnaire, frame: Frame
) -> None:
    stale = Respondent("GM0532", {**SED, "A4": 1})  # changed A4 to "no" after filling in A4a
    assert [r.code for r in rows(instrument, frame, stale)] == ["GM0532"]


def test_a_shared_response_may_list_its_own_municipality(
    instrument: Questionnaire, frame: Frame
) -> None:
    itself = Respondent("GM0532", {**SED, "A4a": [532, 388]})
    assert [r.code for r in rows(instrument, frame, itself)] == ["GM0532", "GM0388"]


def test_a_wave_refuses_a_shared_response_without_the_rows_it_covers(
    instrument: Questionnaire,
) -> None:
    message = "GM0532: the response is also given for GM0388, GM0498"
    with pytest.raises(IndicatorError, match=message):
        WaveData(2024, 2024, instrument, (Respondent("GM0532", SED),))
    orphan = Respondent("GM0388", SED, covered_by="GM0532")
    with pytest.raises(IndicatorError, match="GM0388 is covered by the response of GM0532"):
        WaveData(2024, 2024, instrument, (orphan,))


def test_rows_are_built_once_from_the_submitted_responses(
    instrument: Questionnaire, frame: Frame
) -> None:
    built = rows(instrument, frame, Respondent("GM0532", SED))
    with pytest.raises(IndicatorError, match="GM0388 is a row covered by GM0532"):
        build_respondents(2024, built, instrument, frame)


def test_counting_response_needs_only_the_answers_that_say_whom_a_response_covers(
    instrument: Questionnaire, frame: Frame
) -> None:
    assert coverage_inputs(instrument) == {"A4", "A4a"}
    read = {name: value for name, value in SED.items() if name in coverage_inputs(instrument)}
    built = rows(instrument, frame, Respondent("GM0532", read))
    assert [r.code for r in built] == ["GM0532", "GM0388", "GM0498"]


def test_the_demo_waves_include_municipalities_covered_by_shared_organisations(
    demo_waves: dict[int, WaveData], frame: Frame
) -> None:
    for wave in demo_waves.values():
        covered = [r for r in wave.respondents if r.covered_by is not None]
        assert covered, wave.year
        own_codes = {r.code for r in wave.respondents if r.covered_by is None}
        assert all(r.covered_by in own_codes for r in covered)
        assert not own_codes & {r.code for r in covered}
