"""Response counts against the frame, with respondents placed as the estimates place them."""

from __future__ import annotations

import pytest

from aimonitor.frame import Frame, Lineage, Municipality, size_class_of
from aimonitor.i18n import UnknownLanguageError
from aimonitor.indicators import IndicatorError, Respondent, count_response, response_summary

from .support import wave_of


def rows(*codes: str) -> list[Respondent]:
    """Own responses without answers, as a reader of the database would pass them."""
    return [Respondent(code, {}) for code in codes]


def test_respondents_are_counted_by_size_class_and_province(frame: Frame) -> None:
    # Amsterdam and Rotterdam (ge250k), and Utrecht (ge250k, province Utrecht).
    wave = wave_of([{}, {}, {}], ["GM0363", "GM0599", "GM0344"])
    summary = response_summary(wave, frame)
    assert (summary.total.respondents, summary.total.population) == (3, 342)
    ge250k = next(cell for cell in summary.by_size_class if cell.key == "ge250k")
    assert (ge250k.respondents, ge250k.population, ge250k.rate) == (3, 4, 0.75)
    utrecht = next(cell for cell in summary.by_province if cell.key == "Utrecht")
    assert utrecht.respondents == 1


def test_a_pre_merger_code_counts_for_its_successor_with_the_lineage(
    frame: Frame, lineage: Lineage
) -> None:
    wave = wave_of([{}], ["GM0398"])  # Heerhugowaard, now Dijk en Waard (Noord-Holland)
    with pytest.raises(IndicatorError, match="GM0398 is not a municipality in the 2024 frame"):
        response_summary(wave, frame)
    summary = response_summary(wave, frame, lineage=lineage)
    holland = next(cell for cell in summary.by_province if cell.key == "Noord-Holland")
    assert holland.respondents == 1


def test_rows_read_from_a_database_are_counted_as_the_wave_is(frame: Frame) -> None:
    codes = ["GM0363", "GM0599", "GM0344"]
    assert count_response(2024, rows(*codes), frame) == response_summary(
        wave_of([{}] * 3, codes), frame
    )


def test_a_municipality_that_responded_twice_is_refused(frame: Frame) -> None:
    with pytest.raises(IndicatorError, match="GM0363: two responses in wave 2024"):
        count_response(2024, rows("GM0363", "GM0363"), frame)


def _tiny_frame() -> Frame:
    """Two municipalities, both in Utrecht and below 20,000 inhabitants."""
    return Frame(
        2024,
        (
            Municipality("GM0001", "Een", "Utrecht", 5_000, size_class_of(5_000)),
            Municipality("GM0002", "Twee", "Utrecht", 8_000, size_class_of(8_000)),
        ),
    )


def test_a_group_without_municipalities_has_no_rate_and_is_still_listed() -> None:
    summary = count_response(2024, rows("GM0001"), _tiny_frame())
    assert [cell.key for cell in summary.by_size_class][-1] == "ge250k"
    assert len(summary.by_province) == 12
    groningen = summary.by_province[0]
    assert (groningen.key, groningen.population, groningen.respondents) == ("Groningen", 0, 0)
    assert groningen.rate is None
    utrecht = next(cell for cell in summary.by_province if cell.key == "Utrecht")
    assert utrecht.rate == 0.5


def test_a_wave_without_respondents_has_a_rate_of_zero_not_an_undefined_one() -> None:
    summary = count_response(2024, rows(), _tiny_frame())
    assert summary.total.rate == 0.0


@pytest.mark.parametrize(
    ("lang", "total", "smallest"),
    [("nl", "Totaal", "< 20.000 inwoners"), ("en", "Total", "< 20,000 inhabitants")],
)
def test_every_row_is_labelled_in_the_readers_language(
    frame: Frame, lang: str, total: str, smallest: str
) -> None:
    summary = count_response(2024, rows(), frame)
    assert summary.total.label(lang) == total
    assert summary.by_size_class[0].label(lang) == smallest
    assert summary.by_province[1].label(lang) == "Fryslân"


def test_a_label_in_an_unsupported_language_is_refused(frame: Frame) -> None:
    summary = count_response(2024, rows(), frame)
    with pytest.raises(UnknownLanguageError):
        summary.by_size_class[0].label("de")
