"""build_report: chapters, tables, suppression, findings and what it says about bad input."""

from __future__ import annotations

import pytest

from aimonitor.errors import AimonitorError
from aimonitor.i18n import UnknownLanguageError
from aimonitor.questionnaire import Questionnaire
from aimonitor.report import MIN_RESPONDENTS, ReportError, build_report
from aimonitor.report.model import Bar, ItemSection, Report

from .conftest import GENERATED
from .support import B1_ROWS, finding, response, row, table


def _build(questionnaire: Questionnaire, rows=B1_ROWS, **kwargs) -> Report:  # type: ignore[no-untyped-def]
    arguments = {
        "questionnaire": questionnaire,
        "current": table(rows),
        "response": response(),
        "lang": "nl",
        "generated": GENERATED,
        **kwargs,
    }
    return build_report(**arguments)


def _section(report: Report, item: str) -> ItemSection:
    return next(s for c in report.chapters for s in c.sections if s.item == item)


def _value(bar: Bar) -> float | None:
    return None if bar.estimate is None else bar.estimate.estimate


def test_the_chapters_are_the_six_numbered_themes_in_order(questionnaire: Questionnaire) -> None:
    report = _build(questionnaire)
    assert [c.number for c in report.chapters] == [1, 2, 3, 4, 5, 6]
    assert report.chapters[0].title == "Visie, strategie en beleid"
    assert report.chapters[5].title == "AI-geletterdheid en bewustzijn"


def test_a_table_lists_the_answers_in_questionnaire_order_with_their_labels(
    questionnaire: Questionnaire,
) -> None:
    rows = (*reversed(B1_ROWS), row("B1", "group:working_on", 0.74, 0.70, 0.78))
    figures = _section(_build(questionnaire, rows), "B1").tables[0].figures
    assert [f.label for f in figures] == [
        "Ja, formeel vastgesteld",
        "In ontwikkeling",
        "Nog niet, gepland binnen 12 maanden",
        "Nee",
        "Weet niet",
        "Werkt aan een AI-visie of -strategie",
    ]
    estimate = figures[1].estimate
    assert estimate is not None
    assert (estimate.estimate, estimate.ci_lower, estimate.ci_upper) == (0.54, 0.50, 0.58)
    assert figures[1].n == 120


def test_english_reports_use_the_english_labels(questionnaire: Questionnaire) -> None:
    report = _build(questionnaire, lang="en")
    assert report.chapters[0].title == "Vision, strategy and policy"
    assert _section(report, "B1").tables[0].figures[0].label == "Yes, formally adopted"
    assert report.title == "AI Monitor of Dutch Municipalities 2024"


def test_a_figure_the_estimates_suppressed_carries_no_number_and_no_n(
    questionnaire: Questionnaire,
) -> None:
    rows = (
        row("B1", "1", 0.5, 0.1, 0.9, n=MIN_RESPONDENTS - 1, suppressed=True),
        row("B1", "2", 0.5, 0.3, 0.7),
    )
    figures = _section(_build(questionnaire, rows), "B1").tables[0].figures
    assert figures[0].suppressed
    assert figures[0].estimate is None
    assert figures[0].n is None  # n would count the answers that route to a question
    assert not figures[1].suppressed
    assert figures[1].n == 120  # the default n of the helper row


def test_a_domain_with_one_respondent_shows_a_dash_in_the_size_class_chart(
    questionnaire: Questionnaire,
) -> None:
    rows = (
        *B1_ROWS,
        row("B1", "group:working_on", 0.74, 0.70, 0.78),
        row("B1", "group:working_on", 0.80, 0.70, 0.88, domain="size_class=lt20k"),
        row(
            "B1",
            "group:working_on",
            1.0,
            0.2,
            1.0,
            n=1,
            domain="size_class=ge100k",
            suppressed=True,
        ),
    )
    charts = _section(_build(questionnaire, rows), "B1").charts
    by_class = next(c for c in charts if c.kind == "size_class")
    assert [bar.label for bar in by_class.bars] == [
        "< 20.000 inwoners",
        "20.000 tot 50.000 inwoners",
        "50.000 tot 100.000 inwoners",
        "≥ 100.000 inwoners",
    ]
    largest = by_class.bars[-1]
    assert largest.suppressed
    assert largest.estimate is None
    # A class without a row (nobody in it was asked) looks the same as a withheld one.
    assert [(b.estimate, b.suppressed) for b in by_class.bars[1:3]] == [(None, True)] * 2
    assert _value(by_class.bars[0]) == 0.80


def test_an_item_nobody_answered_says_so_instead_of_showing_a_table(
    questionnaire: Questionnaire,
) -> None:
    section = _section(_build(questionnaire), "B2")
    assert section.tables == ()
    assert section.notice == "Niemand beantwoordde deze vraag; er zijn daarom geen cijfers."


def test_a_wave_without_responses_still_builds_and_says_there_are_no_figures(
    questionnaire: Questionnaire,
) -> None:
    report = _build(questionnaire, rows=(), response=response(0))
    assert report.chapters == ()
    assert "Deze meting heeft geen respons; het rapport bevat daarom geen cijfers." in (
        report.notices
    )
    assert report.codebook  # the codebook and methods do not depend on answers
    assert report.methods.response.total.respondents == 0


def test_an_unknown_language_is_a_clear_error(questionnaire: Questionnaire) -> None:
    with pytest.raises(UnknownLanguageError, match="supported languages are: nl, en") as info:
        _build(questionnaire, lang="fr")
    assert isinstance(info.value, AimonitorError)


def test_a_response_summary_of_another_wave_is_refused(questionnaire: Questionnaire) -> None:
    with pytest.raises(ReportError, match="wave 2023"):
        _build(questionnaire, response=response(wave=2023))


def test_estimates_of_unknown_variables_and_impossible_intervals_are_left_out_and_named(
    questionnaire: Questionnaire,
) -> None:
    rows = (*B1_ROWS, row("Z9", "1", 0.5, 0.4, 0.6), row("C1", "1", 0.9, 0.1, 0.3))
    report = _build(questionnaire, rows)
    assert any(n.startswith("1 schattingen voor variabelen die niet") for n in report.notices)
    assert any(n.startswith("1 schattingen die buiten hun eigen interval") for n in report.notices)
    assert _section(report, "C1").tables == ()


def test_a_key_finding_links_to_the_table_of_its_first_evidence(
    questionnaire: Questionnaire,
) -> None:
    sentence = "Ongeveer driekwart van de gemeenten werkt aan een AI-visie."
    report = _build(
        questionnaire, findings=[finding(sentence, "B1", "group:working_on", theme="vision")]
    )
    (group,) = report.key_findings
    assert group.title == "1. Visie, strategie en beleid"
    assert group.findings[0].sentence == sentence
    assert group.findings[0].target == "v-B1"
    assert _section(report, "B1").anchor == "v-B1"


def test_a_finding_about_an_item_without_figures_is_shown_without_a_link(
    questionnaire: Questionnaire,
) -> None:
    report = _build(questionnaire, findings=[finding("Zin.", "B2", "1", theme="vision")])
    assert report.key_findings[0].findings[0].target is None


def test_findings_in_another_language_are_left_out_and_counted(
    questionnaire: Questionnaire,
) -> None:
    findings = [
        finding("Bijna de helft.", "B1", "2", theme="vision"),
        finding("Almost half.", "B1", "2", theme="vision", lang="en"),
    ]
    report = _build(questionnaire, findings=findings)
    assert [f.sentence for g in report.key_findings for f in g.findings] == ["Bijna de helft."]
    assert "1 kernbevindingen in een andere taal dan dit rapport zijn weggelaten." in (
        report.notices
    )


def test_a_grid_shows_one_line_per_row_with_its_group_share(questionnaire: Questionnaire) -> None:
    rows = (
        row("B3_guideline", "1", 0.5, 0.45, 0.55),
        row("B3_guideline", "group:in_place_or_developing", 0.71, 0.67, 0.75),
        row("B3_governance", "group:in_place_or_developing", 0.64, 0.60, 0.67),
        row("B3", "any:in_place_or_developing", 0.98, 0.97, 0.99),
    )
    section = _section(_build(questionnaire, rows), "B3")
    labels = [f.label for f in section.tables[0].figures]
    assert labels[0] == "Gebruiksrichtlijn voor medewerkers (ook voor generatieve AI)"
    assert labels[-1] == "Minstens één: aanwezig of in ontwikkeling"
    assert section.tables[0].figures[0].anchor == "v-B3_guideline"
    bars = section.charts[0].bars
    assert [_value(b) for b in bars] == [0.71, 0.64]


def test_the_items_a_finding_points_to_get_a_size_class_and_a_trend_chart(
    questionnaire: Questionnaire,
) -> None:
    current = (*B1_ROWS, row("B1", "2", 0.6, 0.5, 0.7, domain="size_class=lt20k"))
    earlier = table([row("B1", "2", 0.41, 0.37, 0.45)], wave=2023)
    report = _build(
        questionnaire,
        current,
        history=[earlier],
        findings=[finding("Zin.", "B1", "2", theme="vision")],
    )
    kinds = [c.kind for c in _section(report, "B1").charts]
    assert kinds == ["bars", "size_class", "trend"]
    trend = _section(report, "B1").charts[2]
    assert [(b.label, _value(b)) for b in trend.bars] == [("2023", 0.41), ("2024", 0.54)]
    assert [c.kind for c in _section(report, "C1").charts] == []


def test_changes_since_an_earlier_wave_are_attached_to_their_figures(
    questionnaire: Questionnaire,
) -> None:
    changes = table([row("B1", "2", 0.07, 0.01, 0.13, kind="difference")], compared_with=2023)
    section = _section(_build(questionnaire, changes=changes), "B1")
    assert section.tables[0].changes_since == 2023
    change = section.tables[0].figures[1].change
    assert change is not None
    assert (change.estimate.estimate, change.significant) == (0.07, True)
    assert section.tables[0].figures[0].change is None


def test_a_synthetic_wave_carries_the_label_and_a_real_one_does_not(
    questionnaire: Questionnaire,
) -> None:
    synthetic = _build(questionnaire, current=table(B1_ROWS, synthetic=True), lang="en")
    assert synthetic.synthetic_label == "Synthetic demonstration data"
    assert _build(questionnaire).synthetic_label is None


def test_synthetic_history_makes_the_report_synthetic(questionnaire: Questionnaire) -> None:
    earlier = table(B1_ROWS, wave=2023, synthetic=True)
    report = _build(questionnaire, history=[earlier])
    assert report.synthetic_label == "Synthetische demonstratiedata"


def test_open_questions_are_named_but_not_summarised(questionnaire: Questionnaire) -> None:
    section = _section(_build(questionnaire), "F5")
    assert section.notice == "Open vraag: de antwoorden worden in dit rapport niet samengevat."


def test_the_methods_annex_carries_response_weighting_and_the_disclosure_rules(
    questionnaire: Questionnaire,
) -> None:
    methods = _build(questionnaire).methods
    assert methods.response.total.respondents == 120
    assert methods.response.by_size_class[0].label("nl") == "< 20.000 inwoners"
    assert [line.label("nl") for line in methods.response.by_province][:2] == [
        "Groningen",
        "Fryslân",
    ]
    assert methods.weighting == "rake"
    assert methods.weighting_margins == ("gemeentegrootte", "provincie")
    assert methods.interval_methods == ("wilson",)
    assert methods.minimum_n == 5
    assert (methods.small_group, methods.protection_points) == (10, 20)
    assert methods.size_classes == (
        "< 20.000 inwoners",
        "20.000 tot 50.000 inwoners",
        "50.000 tot 100.000 inwoners",
        "≥ 100.000 inwoners",
    )


def test_notes_about_key_findings_that_could_not_be_written_are_shown_first(
    questionnaire: Questionnaire,
) -> None:
    note = "Geen kernbevinding over E1 (any:used): niemand heeft deze vraag beantwoord."
    report = _build(questionnaire, notes=(note,))
    assert report.notices[0] == note
