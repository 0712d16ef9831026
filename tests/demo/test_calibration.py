"""The generated 2024 wave falls within the ranges of monitor-brief §5.

Shares are unweighted, among the submitted responses that were shown the item (the base a
published table would use), measured on the generated data with the default seed.
"""

from collections.abc import Callable, Iterable

import pytest

from aimonitor.demo import DemoWave


def share(wave: DemoWave, variable: str, test: Callable[[object], bool]) -> float:
    values = [r.answers[variable] for r in wave.submitted() if variable in r.answers]
    assert values, f"nobody answered {variable}"
    return sum(1 for v in values if test(v)) / len(values)


def is_in(*codes: int) -> Callable[[object], bool]:
    return lambda value: value in codes


def ticks(code: int) -> Callable[[object], bool]:
    return lambda value: isinstance(value, list) and code in value


def mean(wave: DemoWave, variable: str) -> float:
    values = [r.answers.get(variable) for r in wave.submitted()]
    scores = [v for v in values if isinstance(v, int) and 1 <= v <= 5]
    return sum(scores) / len(scores)


def any_of(wave: DemoWave, variables: Iterable[str], codes: tuple[int, ...]) -> float:
    shown = [r for r in wave.submitted() if any(v in r.answers for v in variables)]
    hits = [r for r in shown if any(r.answers.get(v) in codes for v in variables)]
    return len(hits) / len(shown)


@pytest.fixture(scope="module")
def wave(demo_waves: dict[int, DemoWave]) -> DemoWave:
    return demo_waves[2024]


def test_the_2024_wave_has_a_non_response_of_30_to_40_percent(wave):
    assert 0.60 <= len(wave.submitted()) / len(wave.responses) <= 0.70


def test_about_three_quarters_work_on_a_vision_split_like_the_hospitals(wave):
    assert 0.20 <= share(wave, "B1", is_in(1)) <= 0.25
    assert 0.50 <= share(wave, "B1", is_in(2)) <= 0.55
    assert 0.70 <= share(wave, "B1", is_in(1, 2)) <= 0.80
    assert 0.05 <= share(wave, "B1", is_in(3)) <= 0.10
    assert 0.10 <= share(wave, "B1", is_in(4)) <= 0.15
    assert 0.02 <= share(wave, "B1", is_in(98)) <= 0.05


def test_transparency_and_ethics_are_the_two_leading_principles(wave):
    shares = {code: share(wave, "B2", ticks(code)) for code in range(1, 10)}
    top_two = sorted(shares, key=shares.__getitem__, reverse=True)[:2]
    assert set(top_two) == {1, 2}
    assert 0.70 <= shares[1] <= 0.80
    assert 0.70 <= shares[2] <= 0.80


def test_governance_policy_is_mostly_still_in_development(wave):
    assert 0.20 <= share(wave, "B3_governance", is_in(1)) <= 0.30
    in_development = share(wave, "B3_governance", is_in(2))
    assert in_development > max(share(wave, "B3_governance", is_in(c)) for c in (1, 3, 98))
    assert 0.35 <= share(wave, "B3_guideline", is_in(1)) <= 0.50
    assert 0.40 <= share(wave, "B3_register", is_in(1)) <= 0.50


def test_champions_and_teams_are_at_the_assumed_levels(wave):
    assert 0.50 <= share(wave, "C1", is_in(1, 2)) <= 0.60
    assert 0.35 <= share(wave, "C2", is_in(1, 2)) <= 0.50


def test_privacy_and_security_roles_lead_the_ai_teams(wave):
    shares = {code: share(wave, "C3", ticks(code)) for code in range(1, 14)}
    assert set(sorted(shares, key=shares.__getitem__, reverse=True)[:2]) == {1, 2}
    assert 0.70 <= shares[1] <= 0.85
    assert 0.70 <= shares[2] <= 0.85


def test_about_half_of_the_municipalities_experiment(wave):
    assert 0.45 <= share(wave, "D1", is_in(3, 4, 5)) <= 0.52


def test_text_analysis_plain_language_and_minutes_are_the_top_three_applications(wave):
    rows = [
        "text_analysis",
        "plain_language",
        "minutes",
        "citizen_chatbot",
        "knowledge_chatbot",
        "anonymisation",
        "classification",
        "image_recognition",
        "translation",
        "prediction",
        "policy_analysis",
        "coding",
        "hr",
    ]
    shares = {row: share(wave, f"D3_{row}", is_in(1, 2)) for row in rows}
    ranking = sorted(shares, key=shares.__getitem__, reverse=True)
    assert ranking[:3] == ["text_analysis", "plain_language", "minutes"]


def test_business_operations_service_delivery_and_social_domain_lead(wave):
    shares = {code: share(wave, "D4", ticks(code)) for code in range(1, 9)}
    assert sorted(shares, key=shares.__getitem__, reverse=True)[:3] == [1, 2, 3]


def test_use_is_mostly_small_scale_among_active_municipalities(wave):
    assert 0.55 <= share(wave, "D5", is_in(2)) <= 0.65
    assert 0.25 <= share(wave, "D5", is_in(3)) <= 0.35
    assert 0.02 <= share(wave, "D5", is_in(4)) <= 0.05


def test_staff_are_by_far_the_main_users(wave):
    staff, residents, businesses = (share(wave, "D6", ticks(c)) for c in (1, 2, 3))
    assert staff > 2 * residents > residents > businesses


def test_generative_ai_is_used_by_60_to_75_percent_of_those_asked(wave):
    rows = [
        "E1_copilot_m365",
        "E1_copilot_chat",
        "E1_public_chatbots",
        "E1_own_llm",
        "E1_embedded_genai",
    ]
    assert 0.60 <= any_of(wave, rows, (1, 2)) <= 0.75


def test_embedded_ai_is_mostly_unknown(wave):
    unknown = share(wave, "E2", is_in(3))
    assert 0.45 <= unknown <= 0.60
    assert unknown > max(share(wave, "E2", is_in(c)) for c in (1, 2, 99))
    assert share(wave, "E2", is_in(1)) <= 0.15


def test_self_developed_ai_hardly_occurs_and_only_in_larger_municipalities(wave, questionnaire):
    assert share(wave, "E3_in_house", is_in(1, 2)) <= 0.10


def test_efficiency_productivity_and_service_are_the_expected_benefits(wave):
    means = {
        row: mean(wave, f"F1_{row}")
        for row in [
            "efficiency",
            "productivity",
            "service",
            "consistency",
            "staff_shortage",
            "cost_savings",
            "accessible_communication",
            "job_satisfaction",
        ]
    }
    assert sorted(means, key=means.__getitem__, reverse=True)[:3] == [
        "efficiency",
        "productivity",
        "service",
    ]
    assert min(means["efficiency"], means["productivity"], means["service"]) >= 4.0


def test_knowledge_resources_and_guidelines_are_the_main_barriers(wave):
    for row in ("knowledge", "resources", "guidelines"):
        assert 3.8 <= mean(wave, f"F2_{row}") <= 4.2
    assert 3.3 <= mean(wave, "F2_ethics") <= 3.7


def test_few_municipalities_have_a_structural_literacy_programme(wave):
    assert 0.10 <= share(wave, "G1", is_in(1)) <= 0.15
    assert 0.35 <= share(wave, "G1", is_in(2)) <= 0.45
    assert 0.40 <= share(wave, "G1", is_in(3, 4)) <= 0.50


def test_few_municipalities_trained_more_than_half_their_staff(wave):
    assert share(wave, "G3", is_in(5, 6)) <= 0.15
