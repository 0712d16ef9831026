"""The benchmark of one municipality: own answers beside peer figures, maturity by theme.

A hand-made frame of eleven municipalities, a few hand-made respondents and a hand-made
estimate table; every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pytest

from aimonitor.frame import SIZE_CLASSES, Frame, Municipality
from aimonitor.indicators import Respondent
from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.report.benchmark import (
    CHOSEN_METHOD,
    Benchmark,
    BenchmarkLine,
    BenchmarkTheme,
    build_benchmark,
    render_benchmark_html,
    render_benchmark_pdf,
)
from aimonitor.report.errors import ReportError
from aimonitor.report.maturity import load_maturity_index

from .support import row, table

Q = load_questionnaire(data_dir() / "questionnaires" / "ai-monitor-2024.yaml")
INDEX = load_maturity_index(data_dir() / "benchmark" / "maturity.yaml", Q)
CLASSES = {c.code: c for c in SIZE_CLASSES}


def _m(code: str, name: str, province: str, size_class: str) -> Municipality:
    return Municipality(code, name, province, 10_000, CLASSES[size_class])


FRAME = Frame(
    2024,
    (
        _m("GM0001", "Ons Dorp", "Utrecht", "lt20k"),
        _m("GM0002", "Twee", "Utrecht", "lt20k"),
        _m("GM0003", "Drie", "Utrecht", "lt20k"),
        _m("GM0004", "Vier", "Utrecht", "20k-50k"),
        _m("GM0005", "Vijf", "Gelderland", "lt20k"),
        _m("GM0006", "Zes", "Gelderland", "lt20k"),
        _m("GM0007", "Zeven", "Gelderland", "lt20k"),
        _m("GM0008", "Acht", "Gelderland", "50k-100k"),
        _m("GM0009", "Negen", "Gelderland", "lt20k"),
        _m("GM0010", "Tien", "Utrecht", "ge250k"),
        _m("GM0011", "Elf", "Utrecht", "lt20k"),
    ),
)

# Vision scores (only B1 answered): B1 = 1 gives 2 of 9 = 22, B1 = 2 gives 1 of 9 = 11,
# B1 = 4 gives 0.
OWN = Respondent("GM0001", {"B1": 1, "B2": [1, 3], "B3_guideline": 1, "C4": 2.5})
PEERS = (
    Respondent("GM0002", {"B1": 1, "B2": [1], "C4": 1.0}),  # Utrecht, < 20k: 22
    Respondent("GM0003", {"B1": 2, "B2": [2], "C4": 98}),  # Utrecht, < 20k: 11
    Respondent("GM0004", {"B1": 1, "C4": 3.0}),  # Utrecht, 20k-50k: 22
    Respondent("GM0005", {"B1": 2}),  # Gelderland, < 20k: 11
    Respondent("GM0006", {"B1": 2}),  # Gelderland, < 20k: 11
    Respondent("GM0007", {"B1": 4}),  # Gelderland, < 20k: 0
    Respondent("GM0008", {"B1": 1}),  # Gelderland, 50k-100k: 22
)
RESPONDENTS = (OWN, *PEERS)

TABLE = table(
    [
        row("B1", "1", 0.3004, 0.25, 0.35, n=120),  # published rounded to 0.300
        row("B1", "1", 0.2, 0.1, 0.3, n=40, domain="size_class=lt20k", suppressed=True),
        # no row for province=Utrecht: withheld as well
        row("B2", "1", 0.62, 0.55, 0.69, n=90),
        row("C4", "mean", 1.8, 1.5, 2.1, n=80, kind="mean"),
    ],
    synthetic=True,
)


def _build(
    code: str = "GM0001",
    *,
    chosen: Collection[str] = (),
    consent: Collection[str] = (),
    respondents: tuple[Respondent, ...] = RESPONDENTS,
    lang: str = "nl",
) -> Benchmark:
    return build_benchmark(
        questionnaire=Q,
        table=TABLE,
        respondents=respondents,
        frame=FRAME,
        code=code,
        chosen=chosen,
        consent=consent,
        index=INDEX,
        lang=lang,  # type: ignore[arg-type]
    )


def _theme(benchmark: Benchmark, theme: str) -> BenchmarkTheme:
    (found,) = (t for t in benchmark.themes if t.theme == theme)
    return found


def _lines(benchmark: Benchmark, item: str) -> tuple[BenchmarkLine, ...]:
    for theme in benchmark.themes:
        for question in theme.questions:
            if question.item == item:
                return question.lines
    raise AssertionError(f"no question {item}")


def _values(line: BenchmarkLine) -> Mapping[str, float | None]:
    return {f.label: None if f.estimate is None else f.estimate.estimate for f in line.figures}


# Chosen: six peers that consented, one that did not (GM0007), one that did not respond
# (GM0009), a code not in the frame (GM9999) and the municipality itself (left out silently).
CHOSEN = (
    "GM0001",
    "GM0002",
    "GM0003",
    "GM0004",
    "GM0005",
    "GM0006",
    "GM0007",
    "GM0008",
    "GM0009",
    "GM9999",
)
CONSENT = ("GM0002", "GM0003", "GM0004", "GM0005", "GM0006", "GM0008", "GM0009")


def test_the_benchmark_names_the_municipality_its_size_class_province_and_wave() -> None:
    benchmark = _build()
    assert (benchmark.municipality, benchmark.code, benchmark.wave) == ("Ons Dorp", "GM0001", 2024)
    assert (benchmark.size_class, benchmark.province) == ("< 20.000 inwoners", "Utrecht")
    assert [(g.kind, g.domain) for g in benchmark.groups] == [
        ("all", "all"),
        ("size_class", "size_class=lt20k"),
        ("province", "province=Utrecht"),
    ]
    assert [t.number for t in benchmark.themes] == [1, 2, 3, 4, 5, 6]


def test_the_largest_cities_are_compared_with_the_joined_publication_class() -> None:
    respondents = (*RESPONDENTS, Respondent("GM0010", {"B1": 2}))
    benchmark = _build("GM0010", respondents=respondents)
    assert benchmark.groups[1].domain == "size_class=ge100k"
    assert benchmark.size_class == "≥ 100.000 inwoners"


def test_a_line_gives_the_share_of_peers_with_the_same_answer_or_withholds_it() -> None:
    (line,) = _lines(_build(), "B1")
    assert line.answer == "Ja, formeel vastgesteld"
    # all: 0.3004 published as 0.300 with its n; size class suppressed; province missing.
    assert _values(line) == {"Alle gemeenten": 0.3, "< 20.000 inwoners": None, "Utrecht": None}
    assert [f.n for f in line.figures] == [120, None, None]


def test_a_multiple_choice_question_has_a_line_per_option_with_the_share_choosing_it() -> None:
    lines = _lines(_build(), "B2")
    # Nine options and "weet niet" (98); the municipality chose 1 and 3.
    assert len(lines) == 10
    assert [line.answer for line in lines[:4]] == [
        "Gekozen",
        "Niet gekozen",
        "Gekozen",
        "Niet gekozen",
    ]
    assert lines[0].label == "Transparantie"
    assert _values(lines[0])["Alle gemeenten"] == 0.62
    assert _values(lines[1])["Alle gemeenten"] is None  # no row for B2 = 2


def test_a_grid_has_a_line_per_row_and_a_number_is_compared_with_the_mean() -> None:
    benchmark = _build()
    guideline = _lines(benchmark, "B3")[0]
    assert (guideline.label, guideline.answer) == (
        "Gebruiksrichtlijn voor medewerkers (ook voor generatieve AI)",
        "Aanwezig",
    )
    governance = _lines(benchmark, "B3")[1]
    assert (governance.answer, governance.figures) == ("Niet beantwoord", ())
    (fte,) = _lines(benchmark, "C4")
    assert fte.answer == "2,5"
    assert _values(fte)["Alle gemeenten"] == 1.8
    assert fte.figures[0].scale == "mean"


def test_a_question_the_routing_did_not_ask_says_so() -> None:
    (activity_scale,) = _lines(_build(), "D5")  # D1 not answered: D5 is not asked
    assert (activity_scale.answer, activity_scale.figures) == ("Niet gevraagd", ())


def test_open_questions_and_rankings_are_not_compared() -> None:
    benchmark = _build()
    items = {q.item for t in benchmark.themes for q in t.questions}
    assert {"F3", "F5"} & items == set()
    assert {"B1", "F1", "G5"} <= items


def test_the_maturity_profile_compares_the_own_score_with_the_peer_means_without_itself() -> None:
    vision = _theme(_build(), "vision").maturity
    assert vision is not None
    # Own: B1 adopted 2, guideline in place 2 = 4 of 9 = 44.4 -> 44.
    assert (vision.own.points, vision.own.maximum, vision.own.score) == (4, 9, 44)
    # All seven peers: 22 + 11 + 22 + 11 + 11 + 0 + 22 = 99, / 7 = 14.1 -> 14.
    # < 20k: GM0002, 3, 5, 6, 7 = 22 + 11 + 11 + 11 + 0 = 55, / 5 = 11.
    # Utrecht: GM0002, 3, 4, three peers: withheld.
    assert [(p.score, p.n) for p in vision.peers] == [(14, 7), (11, 5), (None, None)]
    assert vision.rules[0].answer == "Ja, formeel vastgesteld"
    assert [(r.points, r.maximum) for r in vision.rules] == [(2, 2), (2, 2), (0, 2), (0, 2), (0, 1)]


def test_a_small_group_whose_peers_all_have_the_same_score_is_withheld() -> None:
    same = tuple(Respondent(r.code, {"B1": 2}) for r in PEERS)
    vision = _theme(_build(respondents=(OWN, *same)), "vision").maturity
    assert vision is not None
    # Seven and five peers, each scoring 11: unanimous groups of at most ten.
    assert [p.score for p in vision.peers] == [None, None, None]


def test_a_theme_without_rules_has_no_score_and_says_why() -> None:
    opportunities = _theme(_build(), "opportunities")
    assert opportunities.maturity is None
    assert opportunities.no_score is not None
    assert opportunities.no_score.startswith("Geen score")


def test_the_chosen_group_holds_only_consenting_respondents_and_names_the_others() -> None:
    benchmark = _build(chosen=CHOSEN, consent=CONSENT)
    chosen = benchmark.chosen
    assert chosen is not None
    assert chosen.shown
    assert chosen.notice is None
    assert chosen.members == ("GM0002", "GM0003", "GM0004", "GM0005", "GM0006", "GM0008")
    assert [(m.code, m.name, m.reason) for m in chosen.left_out] == [
        ("GM0007", "Zeven", "maakt de antwoorden niet met naam openbaar"),
        ("GM0009", "Negen", "heeft niet deelgenomen"),
        ("GM9999", "GM9999", "geen gemeentecode van 2024"),
    ]
    assert benchmark.groups[-1].kind == "chosen"


def test_the_chosen_group_figures_are_plain_shares_of_its_members_from_five_answers_up() -> None:
    benchmark = _build(chosen=CHOSEN, consent=CONSENT)
    # B1 = 1 among the six members: GM0002, GM0004, GM0008 = 3 / 6.
    chosen = _lines(benchmark, "B1")[0].figures[-1]
    assert chosen.estimate is not None
    assert (chosen.estimate.estimate, chosen.n, chosen.estimate.method) == (0.5, 6, CHOSEN_METHOD)
    assert (chosen.estimate.ci_lower, chosen.estimate.ci_upper) == (0.5, 0.5)
    # B2 = 1: asked of all six (B1 in 1, 2), answered by GM0002 ([1]) and GM0003 ([2]): 1 / 2
    # rests on two members, fewer than any published figure may: withheld.
    transparency = _lines(benchmark, "B2")[0].figures[-1]
    assert (transparency.estimate, transparency.n) == (None, None)
    # C4: 1.0 and 3.0 (GM0003's 98, "weet niet", is not a number): two members, withheld.
    fte = _lines(benchmark, "C4")[0].figures[-1]
    assert (fte.estimate, fte.n) == (None, None)
    # Maturity: 22 + 11 + 22 + 11 + 11 + 22 = 99, / 6 = 16.5 -> 17 (half up).
    vision = _theme(benchmark, "vision").maturity
    assert vision is not None
    assert (vision.peers[-1].score, vision.peers[-1].n) == (17, 6)


def test_a_chosen_group_of_fewer_than_five_gets_no_figures_and_says_why() -> None:
    benchmark = _build(chosen=CHOSEN, consent=("GM0002", "GM0003", "GM0004", "GM0005"))
    chosen = benchmark.chosen
    assert chosen is not None
    assert not chosen.shown
    assert chosen.notice is not None
    assert "er blijven 4 gemeenten over, minder dan 5" in chosen.notice
    assert [g.kind for g in benchmark.groups] == ["all", "size_class", "province"]
    assert all(len(line.figures) == 3 for line in _lines(benchmark, "B1"))
    assert [m.code for m in chosen.left_out] == ["GM0006", "GM0007", "GM0008", "GM0009", "GM9999"]


def test_without_chosen_municipalities_there_is_no_chosen_group() -> None:
    assert _build(chosen=("GM0001",)).chosen is None


def test_a_municipality_covered_by_a_shared_organisation_is_benchmarked_on_its_answers() -> None:
    covered = Respondent("GM0011", PEERS[0].answers, covered_by="GM0002")
    benchmark = _build("GM0011", respondents=(*RESPONDENTS, covered))
    (line,) = _lines(benchmark, "B1")
    assert line.answer == "Ja, formeel vastgesteld"
    vision = _theme(benchmark, "vision").maturity
    assert vision is not None
    assert vision.own.score == 22


def test_a_municipality_that_did_not_respond_is_a_clear_error() -> None:
    with pytest.raises(ReportError, match=r"Negen \(GM0009\) did not respond to wave 2024"):
        _build("GM0009")


def test_a_code_that_is_not_in_the_frame_is_a_clear_error() -> None:
    with pytest.raises(ReportError, match=r"'GM9999' is not a municipality of the 2024 frame"):
        _build("GM9999")


def test_the_html_names_the_municipality_and_labels_synthetic_data() -> None:
    html = render_benchmark_html(_build(chosen=CHOSEN, consent=CONSENT))
    assert "Benchmark van Ons Dorp, AI Monitor 2024" in html
    assert "Synthetische demonstratiedata" in html
    assert "Gekozen gemeenten" in html
    assert "Zeven (GM0007): maakt de antwoorden niet met naam openbaar" in html
    english = render_benchmark_html(_build(lang="en"))
    assert "Benchmark of Ons Dorp, AI Monitor 2024" in english
    assert "Synthetic demonstration data" in english


def test_the_pdf_is_a_pdf() -> None:
    assert render_benchmark_pdf(_build(chosen=CHOSEN, consent=CONSENT)).startswith(b"%PDF")


def test_a_shared_organisation_counts_once_among_the_peers() -> None:
    # GM0002 answered for itself and for GM0003-GM0006 (a shared organisation): with GM0008
    # that is two responses, not six rows; a mean over six would be 4 x GM0002's score plus
    # GM0008's, and give GM0008's score away. Two peers: the group's score is withheld.
    organisation = Respondent("GM0002", {"B1": 1})
    covered = tuple(
        Respondent(c, {"B1": 1}, covered_by="GM0002")
        for c in ("GM0003", "GM0004", "GM0005", "GM0006")
    )
    respondents = (OWN, organisation, *covered, Respondent("GM0008", {"B1": 2}))
    vision = _theme(_build(respondents=respondents), "vision").maturity
    assert vision is not None
    everyone = vision.peers[0]
    assert (everyone.score, everyone.n) == (None, None)
