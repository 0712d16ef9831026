"""The main job on the demo data: estimates, key findings, and that they agree."""

import csv
import io

import pytest

from aimonitor.demo import generate_demo_waves
from aimonitor.errors import AimonitorError
from aimonitor.formatting import format_mean, format_percent
from aimonitor.frame import load_frame
from aimonitor.indicators import Respondent, WaveData, build_respondents
from aimonitor.indicators.export import write_estimates
from aimonitor.paths import data_dir
from aimonitor.publication import publish
from aimonitor.questionnaire import load_questionnaire


@pytest.fixture(scope="module")
def publication():
    questionnaire = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    waves = [
        WaveData(
            year=wave.year,
            frame_year=wave.frame_year,
            questionnaire=questionnaire,
            respondents=build_respondents(
                wave.year,
                [Respondent(r.code, r.answers) for r in wave.submitted()],
                questionnaire,
                load_frame(wave.frame_year),
            ),
            synthetic=True,
        )
        for wave in generate_demo_waves(questionnaire, load_frame, years=(2023, 2024))
    ]
    return publish(waves)


def exported_rows(publication):
    stream = io.StringIO()
    write_estimates(publication.table, stream, "csv", questionnaire=publication.wave.questionnaire)
    lines = [line for line in stream.getvalue().splitlines() if not line.startswith("#")]
    return {(r["variable"], r["option"], r["domain"]): r for r in csv.DictReader(lines)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_demo_2024_wave_has_key_findings_for_all_six_themes(publication, lang):
    findings = publication.findings(lang)
    themes = {theme.id for theme in publication.wave.questionnaire.themes if theme.number}
    assert len(themes) == 6
    assert {f.theme for f in findings.findings} == themes
    assert findings.synthetic


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_figure_in_the_findings_equals_its_row_in_the_exported_estimates(publication, lang):
    rows = exported_rows(publication)
    checked = 0
    for finding in publication.findings(lang).findings:
        for evidence in finding.evidence:
            if evidence.ref.table != "estimates":
                continue
            row = rows[(evidence.ref.variable, evidence.ref.option, evidence.ref.domain)]
            assert float(row["estimate"]) == evidence.estimate.estimate
            assert float(row["ci_lower"]) == evidence.estimate.ci_lower
            assert float(row["ci_upper"]) == evidence.estimate.ci_upper
            assert int(row["n"]) == evidence.estimate.n
            value = float(row["estimate"])
            # A change sentence may print its levels with one decimal more, so that a
            # significant change shows as one: never more than the export's 0.1 point.
            shown = (
                [format_mean(value, lang)]
                if row["kind"] == "mean"
                else [format_percent(value, lang, decimals=d) for d in (0, 1)]
            )
            assert any(text in finding.sentence for text in shown), (shown, finding.sentence)
            checked += 1
    assert checked >= 20


def test_the_vision_headline_reads_like_the_published_monitor(publication):
    first = publication.findings("nl").by_theme("vision")[0]
    assert "van de gemeenten" in first.sentence
    assert "werkt aan een AI-visie of -strategie" in first.sentence
    assert first.evidence[0].ref.option == "group:working_on"
    assert 0.70 <= first.evidence[0].estimate.estimate <= 0.80


def test_the_key_findings_in_every_language_come_from_one_reading_of_the_rules(
    publication, monkeypatch
):
    def read_again(path):
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr("aimonitor.publication.load_headline_spec", read_again)
    assert publication.findings("nl").findings
    assert publication.findings("en").findings


def _wave(frame_sha256):
    questionnaire = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
    (wave,) = generate_demo_waves(questionnaire, load_frame, years=(2024,))
    return WaveData(
        year=2024,
        frame_year=2024,
        questionnaire=questionnaire,
        respondents=build_respondents(
            2024,
            [Respondent(r.code, r.answers) for r in wave.submitted()],
            questionnaire,
            load_frame(2024),
        ),
        frame_sha256=frame_sha256,
    )


def test_a_wave_is_not_estimated_on_a_frame_other_than_the_one_it_was_opened_with():
    changed = "0" * 64
    with pytest.raises(AimonitorError, match="population frame 2024 has changed since wave 2024"):
        publish([_wave(changed)])
    assert publish([_wave(load_frame(2024).sha256)]).table
