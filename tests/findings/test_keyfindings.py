import pytest

from aimonitor.findings.headlines import HeadlineSpec, load_headline_spec
from aimonitor.findings.keyfindings import key_findings
from aimonitor.indicators import EstimateTable, IndicatorRow, Weighting
from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.stats import Estimate

PHRASES = {
    "lt20k": {"nl": "gemeenten met minder dan 20.000 inwoners", "en": "small municipalities"},
    "ge100k": {"nl": "gemeenten met 100.000 inwoners of meer", "en": "large municipalities"},
}
VISION = {
    "theme": "vision",
    "kind": "share",
    "variable": "B1",
    "option": "group:working_on",
    "predicate": {
        "singular": {"nl": "werkt aan een AI-visie", "en": "is working on an AI vision"},
        "plural": {"nl": "werken aan een AI-visie", "en": "are working on an AI vision"},
    },
}


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")


def row(variable, option, estimate, lower, upper, n=200, domain="all", suppressed=False):
    return IndicatorRow(
        variable=variable,
        option=option,
        domain=domain,
        kind="proportion",
        estimate=Estimate(estimate, (upper - lower) / 3.92, lower, upper, n - 1, n, "wilson"),
        suppressed=suppressed,
    )


def table(*rows, wave=2024):
    return EstimateTable(
        wave=wave,
        synthetic=True,
        weighting=Weighting("rake", ("size_class", "province")),
        rows=rows,
    )


def spec(*headlines):
    return HeadlineSpec.model_validate(
        {"size_class_phrases": PHRASES, "headlines": list(headlines)}
    )


def test_a_share_becomes_a_sentence_with_its_quantifier_estimate_and_interval(questionnaire):
    result = key_findings(
        spec(VISION), questionnaire, table(row("B1", "group:working_on", 0.74, 0.69, 0.79)), "nl"
    )
    assert [f.sentence for f in result.findings] == [
        "Ongeveer driekwart van de gemeenten (74%; 95%-BI 69–79%) werkt aan een AI-visie."
    ]
    evidence = result.findings[0].evidence[0]
    assert (evidence.ref.variable, evidence.ref.option, evidence.ref.domain) == (
        "B1",
        "group:working_on",
        "all",
    )
    assert evidence.estimate.estimate == 0.74


def test_the_same_share_reads_in_english(questionnaire):
    result = key_findings(
        spec(VISION), questionnaire, table(row("B1", "group:working_on", 0.46, 0.43, 0.49)), "en"
    )
    assert result.findings[0].sentence == (
        "Almost half of municipalities (46%; 95% CI 43–49%) are working on an AI vision."
    )


def test_a_suppressed_or_missing_figure_is_left_out_with_the_reason(questionnaire):
    suppressed = key_findings(
        spec(VISION),
        questionnaire,
        table(row("B1", "group:working_on", 0.5, 0.1, 0.9, n=3, suppressed=True)),
        "nl",
    )
    assert suppressed.findings == ()
    # No n: a suppressed row does not publish it (it would count the answers routing there).
    assert suppressed.omitted == (
        "Geen kernbevinding over B1 (group:working_on): het cijfer wordt niet gepubliceerd "
        "(te weinig gemeenten, of het zou afzonderlijke antwoorden prijsgeven).",
    )
    missing = key_findings(spec(VISION), questionnaire, table(), "nl")
    assert missing.findings == ()
    assert "niemand heeft deze vraag beantwoord" in missing.omitted[0]


def test_a_ranking_names_the_top_three_with_labels_from_the_questionnaire(questionnaire):
    ranking = {
        "theme": "experiments",
        "kind": "ranking",
        "codes_of": "D4",
        "k": 3,
        "intro": {
            "singular": {"nl": "Het meest genoemd is", "en": "Named most is"},
            "plural": {"nl": "Het meest genoemd zijn", "en": "Named most are"},
        },
    }
    rows = [
        row("D4", "1", 0.80, 0.74, 0.85),
        row("D4", "2", 0.60, 0.53, 0.67),
        row("D4", "3", 0.40, 0.33, 0.47),
        row("D4", "4", 0.10, 0.06, 0.15),
    ]
    result = key_findings(spec(ranking), questionnaire, table(*rows), "nl")
    assert result.findings[0].sentence == (
        "Het meest genoemd zijn bedrijfsvoering (HR, financiën, I&A) (80%), gevolgd door "
        "dienstverlening / KCC / burgerzaken (60%), gevolgd door sociaal domein (Wmo, "
        "Participatiewet, jeugd, schulden) (40%)."
    )
    assert [e.ref.option for e in result.findings[0].evidence] == ["1", "2", "3"]


def test_a_size_gradient_is_claimed_only_when_the_extremes_differ_significantly(questionnaire):
    gradient = {
        **VISION,
        "gradient": {
            "topic": {"nl": "het werken aan een visie", "en": "working on a vision"},
            "more": {"nl": "werken vaker aan een AI-visie", "en": "work on a vision more often"},
            "less": {
                "nl": "werken minder vaak aan een AI-visie",
                "en": "work on a vision less often",
            },
        },
    }
    overall = row("B1", "group:working_on", 0.74, 0.69, 0.79)
    clear = table(
        overall,
        row("B1", "group:working_on", 0.55, 0.45, 0.65, n=80, domain="size_class=lt20k"),
        row("B1", "group:working_on", 0.95, 0.85, 0.99, n=25, domain="size_class=ge100k"),
    )
    sentences = [
        f.sentence for f in key_findings(spec(gradient), questionnaire, clear, "nl").findings
    ]
    assert len(sentences) == 2
    assert sentences[1].startswith(
        "Gemeenten met 100.000 inwoners of meer werken vaker aan een AI-visie dan gemeenten "
        "met minder dan 20.000 inwoners (95% tegenover 55%"
    )
    unclear = table(
        overall,
        row("B1", "group:working_on", 0.70, 0.60, 0.80, n=80, domain="size_class=lt20k"),
        row("B1", "group:working_on", 0.75, 0.55, 0.90, n=25, domain="size_class=ge100k"),
    )
    assert len(key_findings(spec(gradient), questionnaire, unclear, "nl").findings) == 1


def test_a_change_since_the_previous_wave_names_both_waves(questionnaire):
    trend = {**VISION, "trend": {"topic": {"nl": "het aandeel met een visie", "en": "the share"}}}
    previous = table(row("B1", "group:working_on", 0.60, 0.55, 0.65), wave=2023)
    current = table(row("B1", "group:working_on", 0.74, 0.69, 0.79))
    findings = key_findings(spec(trend), questionnaire, current, "nl", previous=previous).findings
    assert findings[1].rule == "increase"
    assert findings[1].sentence.startswith(
        "Het aandeel met een visie is gestegen van 60% in 2023 naar 74% in 2024"
    )


def test_the_shipped_headline_file_is_valid_and_names_only_existing_variables(questionnaire):
    shipped = load_headline_spec(data_dir() / "findings" / "headlines.yaml")
    themes = {theme.id for theme in questionnaire.themes if theme.number is not None}
    assert {h.theme for h in shipped.headlines} == themes
    names = {v.name for v in questionnaire.variables()} | {i.id for i in questionnaire.items}
    for headline in shipped.headlines:
        for name in (getattr(headline, a, None) for a in ("variable", "codes_of", "rows_of")):
            assert name is None or name in names


TREND = {**VISION, "trend": {"topic": {"nl": "het aandeel met een visie", "en": "the share"}}}


def province_rows(count, estimate=0.5):
    return [
        row("B1", "group:working_on", estimate, estimate - 0.1, estimate + 0.1, domain=f"p{k}")
        for k in range(count)
    ]


def test_a_change_is_claimed_only_when_significant_after_fdr_control_over_all_changes(
    questionnaire,
):
    before = row("B1", "group:working_on", 0.60, 0.55, 0.65)
    after = row("B1", "group:working_on", 0.68, 0.63, 0.73)  # +8 points, raw p about 0.03
    alone = key_findings(
        spec(TREND), questionnaire, table(after), "nl", previous=table(before, wave=2023)
    )
    assert alone.findings[1].rule == "increase"
    # the same change among 30 unchanged rows: 31 tests, adjusted p = 31 x 0.03 > 0.05
    crowded = key_findings(
        spec(TREND),
        questionnaire,
        table(after, *province_rows(30)),
        "nl",
        previous=table(before, *province_rows(30), wave=2023),
    )
    assert crowded.findings[1].rule == "no_clear_difference"
    assert crowded.findings[1].sentence.startswith("Er is geen duidelijk verschil")


def gradient_headline(option):
    return {
        **VISION,
        "option": option,
        "gradient": {
            "topic": {"nl": "het werken aan een visie", "en": "working on a vision"},
            "more": {"nl": "werken vaker aan een AI-visie", "en": "work on a vision more often"},
            "less": {"nl": "werken minder vaak aan een AI-visie", "en": "work on it less often"},
        },
    }


def classes(option, small, large):
    return [
        row("B1", option, small, small - 0.08, small + 0.08, n=80, domain="size_class=lt20k"),
        row("B1", option, large, large - 0.10, large + 0.10, n=25, domain="size_class=ge100k"),
    ]


def test_the_size_gradients_of_a_publication_are_one_family_of_tests(questionnaire):
    moderate = classes("group:working_on", 0.50, 0.66)  # +16 points, raw p about 0.015
    overall = row("B1", "group:working_on", 0.55, 0.50, 0.60)
    alone = key_findings(
        spec(gradient_headline("group:working_on")), questionnaire, table(overall, *moderate), "nl"
    )
    assert alone.findings[-1].rule == "larger_more"
    nulls = [row("B1", option, 0.5, 0.45, 0.55) for option in ("1", "2", "3", "4")] + [
        r for option in ("1", "2", "3", "4") for r in classes(option, 0.5, 0.5)
    ]
    family = key_findings(
        spec(gradient_headline("group:working_on"), *(gradient_headline(o) for o in "1234")),
        questionnaire,
        table(overall, *moderate, *nulls),
        "nl",
    )
    assert "larger_more" not in [f.rule for f in family.findings]
