from collections import defaultdict

from aimonitor.demo import DemoWave, generate_demo_waves
from aimonitor.frame import load_frame
from aimonitor.questionnaire import answer_problem


def test_every_demo_wave_covers_the_whole_frame_and_is_flagged_synthetic(demo_waves):
    assert sorted(demo_waves) == [2023, 2024, 2025]
    for wave in demo_waves.values():
        assert wave.synthetic
        assert len(wave.responses) == 342
        assert len({r.code for r in wave.responses}) == 342
        assert all(r.synthetic for r in wave.responses)


def test_submitted_responses_answer_exactly_what_the_routing_shows(demo_waves, questionnaire):
    for wave in demo_waves.values():
        for response in wave.submitted():
            shown = {v.name for v in questionnaire.shown_variables(response.answers)}
            routed_away = set(response.answers) - shown
            assert routed_away == set(), (wave.year, response.code)
            unanswered = {
                v.name for v in questionnaire.shown_variables(response.answers) if not v.optional
            } - set(response.answers)
            assert unanswered <= {"A2", "F5", "H1a", "H2", "A4a"}, (response.code, unanswered)


def test_non_active_municipalities_get_no_questions_about_their_applications(demo_waves):
    wave = demo_waves[2024]
    inactive = [r for r in wave.submitted() if r.answers["D1"] in (1, 2, 98)]
    assert inactive
    for response in inactive:
        assert not any(
            name.startswith(("D2", "D3", "D4", "D5", "D6", "E1", "E3", "E5"))
            for name in response.answers
        )
        assert "E2" in response.answers


def test_every_answer_respects_its_items_type_codes_and_bounds(demo_waves, questionnaire):
    for wave in demo_waves.values():
        for response in wave.responses:
            for name, value in response.answers.items():
                problem = answer_problem(questionnaire.variable(name), value)
                assert problem is None, (wave.year, response.code, name, value, problem)


def test_unfinished_responses_hold_only_a_first_part_of_the_answers(demo_waves):
    unfinished = [r for r in demo_waves[2024].responses if r.status == "in_progress"]
    not_started = [r for r in demo_waves[2024].responses if r.status == "not_started"]
    assert unfinished
    assert not_started
    assert all(r.answers for r in unfinished)
    assert all(not r.answers for r in not_started)


def test_the_same_seed_gives_the_same_waves_and_another_seed_other_waves(questionnaire, demo_waves):
    again = {w.year: w for w in generate_demo_waves(questionnaire, load_frame)}
    assert again == demo_waves
    other = generate_demo_waves(questionnaire, load_frame, seed=7, years=(2024,))[0]
    assert other.responses != demo_waves[2024].responses


def _by_size_class(wave: DemoWave):
    frame = load_frame(wave.frame_year)
    groups = defaultdict(list)
    for response in wave.responses:
        groups[frame.by_code(response.code).size_class.code].append(response)
    return groups


def test_small_municipalities_respond_less_often_than_large_ones(demo_waves):
    groups = _by_size_class(demo_waves[2024])

    def rate(code):
        return sum(r.status == "submitted" for r in groups[code]) / len(groups[code])

    assert rate("lt20k") < rate("20k-50k") < rate("100k-250k")


def test_larger_municipalities_are_further_ahead_on_experiments(demo_waves):
    active = defaultdict(list)
    for wave in demo_waves.values():
        for size_class, responses in _by_size_class(wave).items():
            active[size_class].extend(
                r.answers["D1"] in (3, 4, 5) for r in responses if r.status == "submitted"
            )

    def share(code):
        return sum(active[code]) / len(active[code])

    assert share("lt20k") + 0.15 < share("100k-250k")


def test_the_share_with_a_vision_rises_modestly_from_wave_to_wave(demo_waves):
    def with_vision(year):
        answers = [r.answers["B1"] for r in demo_waves[year].submitted()]
        return sum(a in (1, 2) for a in answers) / len(answers)

    assert with_vision(2023) < with_vision(2025) < with_vision(2023) + 0.25


TRAINING = {1, 2, 3, 4}  # G2: e-learning, in-depth, management, board training
TRAINED = {2, 3, 4, 5, 6}  # G3: 1-10% of staff or more


def test_the_generator_answers_routed_items_only_when_they_apply(demo_waves):
    for wave in demo_waves.values():
        for response in wave.submitted():
            answers = response.answers
            assert ("B4" in answers) == (answers["B1"] in (1, 2)), (wave.year, response.code)
            trained = bool(set(answers["G2"]) & TRAINING) or answers["G3"] in TRAINED
            assert ("G4" in answers) == trained == ("G6" in answers), (wave.year, response.code)
            assert answers.get("B4") != 99


# The SED organisation serves Stede Broec (GM0532, the largest), Enkhuizen (388) and
# Drechterland (498); HLTsamen serves Teylingen (GM1525, the largest), Hillegom (534) and
# Lisse (553): public facts, not the generator's output.
LEADS = {"GM0532": [388, 498], "GM1525": [534, 553]}


def test_a_shared_organisation_answers_once_for_its_members(demo_waves):
    for wave in demo_waves.values():
        by_code = {r.code: r for r in wave.responses}
        shared = [r for r in wave.responses if r.answers.get("A4") == 2]
        assert shared, wave.year
        for response in shared:
            for number in response.answers["A4a"]:
                member = by_code[f"GM{number:04d}"]
                assert member.status == "not_started", (wave.year, response.code, number)
        for lead, members in LEADS.items():
            if by_code[lead].answers.get("A4") == 2:
                assert by_code[lead].answers["A4a"] == members
