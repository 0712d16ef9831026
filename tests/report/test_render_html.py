"""render_html: one self-contained document, Dutch and English number formats, links, labels."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from aimonitor import stats
from aimonitor.findings import ComparisonWording, LabelledValue, RowRef, compare_waves
from aimonitor.frame import load_frame
from aimonitor.i18n import Text
from aimonitor.indicators import EstimateTable, estimate_representativeness
from aimonitor.indicators.weighting import weight_wave
from aimonitor.questionnaire import Questionnaire
from aimonitor.report import build_report, render_html
from aimonitor.report.model import Change
from aimonitor.report.render_html import change_text
from aimonitor.stats import Estimate

from .conftest import GENERATED
from .support import B1_ROWS, finding, response, row, table


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if values.get("src"):
            self.sources.append(str(values["src"]))
        if tag == "link":
            self.stylesheets.append(str(values.get("href")))


def _collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def _html(questionnaire: Questionnaire, lang: str = "nl", **kwargs: object) -> str:
    arguments: dict[str, object] = {
        "questionnaire": questionnaire,
        "current": table(
            (
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
                row("C4", "mean", 1.85, 1.42, 2.28, kind="mean", method="wald"),
            ),
            synthetic=True,
        ),
        "response": response(),
        "lang": lang,
        "generated": GENERATED,
        **kwargs,
    }
    return render_html(build_report(**arguments))  # type: ignore[arg-type]


def test_the_document_is_self_contained(questionnaire: Questionnaire) -> None:
    html = _html(questionnaire)
    found = _collect(html)
    assert found.stylesheets == []
    assert found.sources
    assert all(source.startswith("data:image/svg+xml;base64,") for source in found.sources)
    assert "<style>" in html
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)


def test_percentages_and_intervals_are_dutch_in_a_dutch_report(
    questionnaire: Questionnaire,
) -> None:
    html = _html(questionnaire)
    # B1 code 2: 0.54 with interval 0.50-0.58 on 120 municipalities; the mean 1.85 (1.42-2.28).
    assert re.search(r"<td class=\"num\">54%</td>\s*<td class=\"num\">50–58%</td>", html)
    assert re.search(r"<td class=\"num\">1,9</td>\s*<td class=\"num\">1,4–2,3</td>", html)
    assert "95%-BI" in html
    assert "120 van de 342 gemeenten deden mee (35%)" in html


def test_an_english_report_uses_english_numbers_and_words(questionnaire: Questionnaire) -> None:
    html = _html(questionnaire, lang="en")
    assert re.search(r"<td class=\"num\">1.9</td>\s*<td class=\"num\">1.4–2.3</td>", html)
    assert "95% CI" in html
    assert "Key findings" in html
    assert "120 of 342 municipalities took part (35%)" in html
    assert 'lang="en"' in html


def test_a_province_without_municipalities_shows_a_dash_as_its_response_rate(
    questionnaire: Questionnaire,
) -> None:
    summary = response()
    empty = replace(summary.by_province[-1], population=0, respondents=0)
    html = _html(
        questionnaire, response=replace(summary, by_province=(*summary.by_province[:-1], empty))
    )
    limburg = r'<th scope="row" class="label">Limburg</th>\s*'
    assert re.search(limburg + r'(<td class="num">0</td>\s*){2}<td class="num">–</td>', html)
    assert re.search(r'<th scope="row" class="label">Totaal</th>', html)


def test_municipalities_covered_by_a_shared_organisation_are_shown_in_the_methods(
    questionnaire: Questionnaire,
) -> None:
    summary = response()  # 120 respondents, all in the first size class and province
    covered = replace(
        summary,
        total=replace(summary.total, covered=3),
        by_size_class=(replace(summary.by_size_class[0], covered=3), *summary.by_size_class[1:]),
        by_province=(replace(summary.by_province[0], covered=3), *summary.by_province[1:]),
    )
    html = _html(questionnaire, response=covered)
    assert "3 van de deelnemende gemeenten antwoordden niet zelf" in html
    assert '<th scope="col" class="num">Via werkorganisatie</th>' in html
    groningen = r'<th scope="row" class="label">Groningen</th>\s*<td class="num">28</td>\s*'
    assert re.search(groningen + r'<td class="num">120</td>\s*<td class="num">3</td>', html)
    assert "Via werkorganisatie" not in _html(questionnaire)


def test_a_suppressed_figure_shows_a_dash_and_the_note(questionnaire: Questionnaire) -> None:
    suppressed = row("B1", "1", 0.5, 0.2, 0.8, n=3, suppressed=True)
    html = _html(questionnaire, current=table([suppressed, *B1_ROWS[1:]]))
    assert re.search(r"<td class=\"num\">–<sup>\*</sup></td>\s*<td class=\"num\">–</td>", html)
    assert "Niet getoond: te weinig gemeenten antwoordden (minder dan 5), of het cijfer" in html
    # no n either
    assert re.search(r"<td class=\"num\">–</td>\s*<td class=\"num\">–</td>", html)


@pytest.mark.parametrize(
    ("lang", "heading", "sentences"),
    [
        (
            "nl",
            "Statistische geheimhouding",
            (
                "als alle gemeenten van een groep van hoogstens 10 hetzelfde antwoordden",
                "tot geen verborgen aandeel nauwer te bepalen is dan tot 20 procentpunt",
                "Cijfers naar gemeentegrootte worden gegeven voor: &lt; 20.000 inwoners; "
                "20.000 tot 50.000 inwoners; 50.000 tot 100.000 inwoners; ≥ 100.000 inwoners.",
                "afgerond op 0,1 procentpunt",
            ),
        ),
        (
            "en",
            "Disclosure control",
            (
                "when all municipalities of a group of at most 10 gave the same answer",
                "until no hidden share can be narrowed down to less than 20 percentage points",
                "Figures by size class are given for: &lt; 20,000 inhabitants; ",
                "rounded to 0.1 percentage point",
            ),
        ),
    ],
)
def test_the_methods_annex_explains_disclosure_control(
    questionnaire: Questionnaire, lang: str, heading: str, sentences: tuple[str, ...]
) -> None:
    html = _html(questionnaire, lang=lang)
    annex = html[html.index('id="methods"') :]
    assert f"<h3>{heading}</h3>" in annex
    for sentence in sentences:
        assert sentence in annex


def test_a_chart_says_in_words_what_it_shows(questionnaire: Questionnaire) -> None:
    html = _html(questionnaire)
    assert 'alt="Naar gemeentegrootte: Werkt aan een AI-visie of -strategie. ' in html
    assert "&lt; 20.000 inwoners: 80% (70–88%), n = 120" in html
    assert "≥ 100.000 inwoners: –" in html


def test_every_key_finding_link_points_at_an_element_of_the_document(
    questionnaire: Questionnaire,
) -> None:
    sentence = "Ongeveer driekwart van de gemeenten werkt aan een AI-visie."
    html = _html(
        questionnaire, findings=[finding(sentence, "B1", "group:working_on", theme="vision")]
    )
    found = _collect(html)
    assert f'<a href="#v-B1">{sentence}</a>' in html
    internal = [link[1:] for link in found.links if link.startswith("#")]
    assert internal
    assert set(internal) <= found.ids


def test_the_synthetic_label_is_on_the_title_and_in_the_running_header(
    questionnaire: Questionnaire,
) -> None:
    html = _html(questionnaire)
    assert '<p class="synthetic-label">Synthetische demonstratiedata</p>' in html
    assert '@top-right { content: "Synthetische demonstratiedata";' in html
    assert "<title>AI Monitor Gemeenten 2024 – Synthetische demonstratiedata</title>" in html


def test_a_real_wave_has_no_synthetic_label(questionnaire: Questionnaire) -> None:
    html = _html(questionnaire, current=table(B1_ROWS))
    assert "Synthetische demonstratiedata" not in html


def test_the_same_report_gives_the_same_html(questionnaire: Questionnaire) -> None:
    assert _html(questionnaire) == _html(questionnaire)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_codebook_lists_every_variable(questionnaire: Questionnaire, lang: str) -> None:
    html = _html(questionnaire, lang=lang)
    for variable in questionnaire.variables():
        assert f'<td class="variable">{variable.name}</td>' in html


def _change(d: float, lower: float, upper: float) -> Change:
    return Change(since=2023, estimate=Estimate(d, 0.033, lower, upper, None, 240, "difference"))


def test_a_significant_change_never_shows_a_bound_of_zero() -> None:
    # +7 points, interval +0.3 to +13.6: significant, but whole points would print "0 tot +14"
    assert change_text(_change(0.07, 0.003, 0.136), "proportion", "nl") == (
        "+7,0 procentpunt (95%-BI +0,3 tot +13,6 procentpunt)"
    )
    # the same printed numbers, but the interval contains 0: whole points suffice
    assert change_text(_change(0.05, -0.003, 0.10), "proportion", "nl") == (
        "+5 procentpunt (95%-BI 0 tot +10 procentpunt)"
    )


def test_a_change_whose_bound_is_exactly_half_a_point_shows_whole_points() -> None:
    # 0.5 points rounds half away from zero to 1, so the bound does not print as 0
    assert change_text(_change(0.07, 0.005, 0.135), "proportion", "nl") == (
        "+7 procentpunt (95%-BI +1 tot +14 procentpunt)"
    )


def test_the_table_and_the_key_finding_print_a_change_alike() -> None:
    earlier = Estimate(0.41, 0.03, 0.35, 0.47, None, 118, "wilson")
    later = Estimate(0.512, 0.04, 0.44, 0.59, None, 120, "wilson")
    # d = 0.102, se = √(0.03² + 0.04²) = 0.05, interval 0.102 ± 1.96·0.05: 0.40 to 20.00
    # points, so the bound nearest 0 prints as 0 at whole points and one decimal is shown
    wording = ComparisonWording(topic=Text.neutral("AI use"))
    sentence = compare_waves(
        LabelledValue(Text.neutral("2023"), earlier, RowRef("t", "C1")),
        LabelledValue(Text.neutral("2024"), later, RowRef("t", "C1")),
        wording,
        "ai",
        "nl",
    )
    row = change_text(Change(2023, stats.difference(later, earlier)), "proportion", "nl")
    assert sentence is not None
    assert row == "+10,2 procentpunt (95%-BI +0,4 tot +20,0 procentpunt)"
    assert "(+10,2 procentpunt; 95%-BI +0,4 tot +20,0 procentpunt)" in sentence.sentence


def test_a_mean_with_a_one_respondent_size_class_still_draws_its_charts(
    questionnaire: Questionnaire,
) -> None:
    rows = (
        row("C4", "mean", 1.2, 1.0, 1.4, kind="mean"),
        row(
            "C4",
            "mean",
            0.5,
            -math.inf,
            math.inf,
            1,
            kind="mean",
            domain="size_class=lt20k",
            suppressed=True,
        ),
        row("C4", "mean", 1.1, 0.9, 1.3, 60, kind="mean", domain="size_class=20k-50k"),
    )
    report = build_report(
        questionnaire=questionnaire,
        current=table(rows),
        findings=(finding("Gemiddeld 1,2 fte.", "C4", "mean", theme="champions"),),
        response=response(),
        lang="nl",
    )
    html = render_html(report)
    assert "Naar gemeentegrootte" in html


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "nl",
            "De geplande weging was niet mogelijk: provincie Flevoland heeft geen respondenten: "
            "alleen gepoststratificeerd naar gemeentegrootte",
        ),
        (
            "en",
            "The planned weighting was not possible: province Flevoland has no respondents: "
            "post-stratified by size class only",
        ),
    ],
)
def test_the_methods_annex_gives_the_weighting_fallback_in_the_language_of_the_report(
    questionnaire: Questionnaire, lang: str, sentence: str
) -> None:
    frame = load_frame(2024)
    answered = [m for m in frame.municipalities if m.province != "Flevoland"]
    weighting = weight_wave(
        [m.size_class.code for m in answered], [m.province for m in answered], frame
    ).weighting
    current = EstimateTable(2024, False, weighting, B1_ROWS)
    html = _html(questionnaire, lang, current=current)
    assert f"<p>{sentence}</p>" in html


@pytest.mark.parametrize(
    ("lang", "bias", "take_all", "r_value", "small"),
    [
        (
            "nl",
            "Ze dekken geen vertekening door non-respons",
            "Alle gemeenten van &lt; 20.000 inwoners, ≥ 250.000 inwoners deden mee",
            "Deze meting: R = 0,74;",
            '<th scope="row" class="label">&lt; 20.000 inwoners</th>',
        ),
        (
            "en",
            "They do not cover non-response bias",
            "Every municipality of &lt; 20,000 inhabitants, ≥ 250,000 inhabitants took part",
            "This wave: R = 0.74;",
            '<th scope="row" class="label">&lt; 20,000 inhabitants</th>',
        ),
    ],
)
def test_the_methods_annex_says_what_the_intervals_leave_out_and_shows_the_r_indicator(
    questionnaire: Questionnaire, lang: str, bias: str, take_all: str, r_value: str, small: str
) -> None:
    # Everyone but the 6 municipalities of Flevoland answered: the propensity is 0 for those
    # 6 and 1 for the other 336, so S = sqrt(6 * 336 / 342 / 341) = 0.131 and R = 1 - 2 S = 0.74.
    frame = load_frame(2024)
    answered = [m for m in frame.municipalities if m.province != "Flevoland"]
    weighting = weight_wave(
        [m.size_class.code for m in answered], [m.province for m in answered], frame
    ).weighting
    representativeness = estimate_representativeness(frame, [m.code for m in answered])
    assert math.isclose(
        representativeness.r_indicator, 1 - 2 * math.sqrt(6 * 336 / 342 / 341), rel_tol=1e-9
    )
    current = EstimateTable(2024, False, weighting, B1_ROWS)
    html = _html(questionnaire, lang, current=current, representativeness=representativeness)
    assert bias in html
    assert take_all in html
    assert r_value in html
    assert small in html  # the partial indicators by size class, labelled in the language


def test_without_a_representativeness_measure_the_annex_still_says_what_intervals_leave_out(
    questionnaire: Questionnaire,
) -> None:
    html = _html(questionnaire, "en")
    assert "They do not cover non-response bias" in html
    assert "R-indicator" not in html
