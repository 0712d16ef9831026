"""The demo targets per variable, tuned to monitor-brief §5 (2024 wave, maturity 0).

Each comment names the §5 target it serves. Published figures (P) and assumptions (A) are
as the brief marks them. Tests in ``tests/demo/test_calibration.py`` measure the generated
2024 wave against the §5 ranges.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from aimonitor.demo.targets import Calibration, Choices, Count, Likert, Ordered, Skip, Target
from aimonitor.frame import Municipality, municipality_number

DK = 98
NA = 99

IN_PLACE, IN_DEVELOPMENT, NOT_PRESENT = 1, 2, 3
GOVERNANCE_ORDER = (IN_PLACE, IN_DEVELOPMENT, NOT_PRESENT)
EXPERIMENT, IN_USE, NEITHER = 1, 2, 3
APPLICATION_ORDER = (IN_USE, EXPERIMENT, NEITHER)
WIDE, LIMITED, NOT_USED = 1, 2, 3
GENAI_ORDER = (WIDE, LIMITED, NOT_USED)
MOSTLY, SOMETIMES, NEVER = 1, 2, 3
SOURCING_ORDER = (MOSTLY, SOMETIMES, NEVER)


def _governance(in_place: float, developing: float, dont_know: float = 0.05) -> Ordered:
    absent = 1.0 - in_place - developing - dont_know
    return Ordered(
        {IN_PLACE: in_place, IN_DEVELOPMENT: developing, NOT_PRESENT: absent, DK: dont_know},
        order=GOVERNANCE_ORDER,
        sensitivity=0.9,
    )


def _application(in_use: float, experiment: float) -> Ordered:
    return Ordered(
        {IN_USE: in_use, EXPERIMENT: experiment, NEITHER: 0.97 - in_use - experiment, DK: 0.03},
        order=APPLICATION_ORDER,
        sensitivity=0.6,
    )


def _genai(wide: float, limited: float, dont_know: float = 0.05) -> Ordered:
    return Ordered(
        {WIDE: wide, LIMITED: limited, NOT_USED: 1.0 - wide - limited - dont_know, DK: dont_know},
        order=GENAI_ORDER,
        sensitivity=1.2,
    )


def _sourcing(
    mostly: float, sometimes: float, dont_know: float, sensitivity: float = 0.6
) -> Ordered:
    return Ordered(
        {
            MOSTLY: mostly,
            SOMETIMES: sometimes,
            NEVER: 1.0 - mostly - sometimes - dont_know,
            DK: dont_know,
        },
        order=SOURCING_ORDER,
        sensitivity=sensitivity,
    )


TARGETS: dict[str, Target] = {
    # A. Background
    "A3": Ordered(
        {1: 0.35, 2: 0.05, 3: 0.15, 4: 0.2, 5: 0.05, 6: 0.03, 7: 0.05, 8: 0.05, 9: 0.05, 10: 0.02},
        (),
    ),
    "A5": Likert(mean=3.8, sd=0.7, sensitivity=0.1, dont_know=0.0),
    # B1 vision: adopted 20-25%, in development 50-55% (sum ~75%, P), planned 5-10, no 10-15, dk 2-5
    "B1": Ordered(
        {1: 0.17, 2: 0.555, 3: 0.07, 4: 0.155, DK: 0.05}, order=(1, 2, 3, 4), sensitivity=0.6
    ),
    # B2 principles: transparency and ethics the top two, each 70-80% (P ranking)
    "B2": Choices(
        {1: 0.75, 2: 0.79, 3: 0.55, 4: 0.42, 5: 0.28, 6: 0.32, 7: 0.14, 8: 0.1, 9: 0.03}, 0.3
    ),
    # B3: governance in place 20-30% with "in development" modal (P); guideline 35-50%;
    # Algoritmeregister 40-50%
    "B3_guideline": _governance(0.42, 0.33),
    "B3_governance": _governance(0.24, 0.46),
    "B3_inventory": _governance(0.18, 0.40, 0.07),
    "B3_register": _governance(0.44, 0.24),
    "B3_assessment": _governance(0.38, 0.30),
    "B3_ethics_board": _governance(0.10, 0.17),
    "B3_procurement": _governance(0.18, 0.30, 0.10),
    "B5": Ordered({1: 0.05, 2: 0.4, 3: 0.3, 4: 0.05, 5: 0.15, DK: 0.05}, ()),
    # C1 champion formal + informal 50-60% (A); C2 team permanent + temporary 35-50% (A)
    "C1": Ordered({1: 0.25, 2: 0.30, 3: 0.41, DK: 0.04}, order=(1, 2, 3), sensitivity=0.8),
    "C2": Ordered({1: 0.19, 2: 0.22, 3: 0.55, DK: 0.04}, order=(1, 2, 3), sensitivity=0.9),
    # C3 roles: privacy officer and CISO the top two, 70-85% of teams (P ranking)
    "C3": Choices(
        {
            1: 0.78,
            2: 0.74,
            3: 0.58,
            4: 0.33,
            5: 0.28,
            6: 0.14,
            7: 0.33,
            8: 0.14,
            9: 0.12,
            10: 0.24,
            11: 0.48,
            12: 0.28,
            13: 0.14,
        },
        0.3,
    ),
    "C4": Count(base=0.8, sensitivity=0.9, decimals=1),
    "C5": Ordered({1: 0.35, 2: 0.15, 3: 0.1, 4: 0.12, 5: 0.1, 6: 0.13, DK: 0.05}, ()),
    "C6": Choices({1: 0.55, 2: 0.4, 3: 0.3, 4: 0.45, 5: 0.15, 6: 0.1}, 0.4, dont_know=0.03),
    # D1 experimenting (codes 3, 4, 5) 45-52% (P "about half"); order from most advanced
    "D1": Ordered(
        {1: 0.07, 2: 0.37, 3: 0.27, 4: 0.21, 5: 0.05, DK: 0.03},
        order=(4, 5, 3, 2, 1),
        sensitivity=0.9,
    ),
    "D2_idea": Count(base=2.0),
    "D2_pilot": Count(base=2.0),
    "D2_production": Count(base=1.2),
    # D3: text analysis > plain-language texts > minutes, the three most frequent (P ranking)
    "D3_text_analysis": _application(0.36, 0.34),
    "D3_plain_language": _application(0.30, 0.30),
    "D3_minutes": _application(0.22, 0.28),
    "D3_citizen_chatbot": _application(0.14, 0.16),
    "D3_knowledge_chatbot": _application(0.10, 0.20),
    "D3_anonymisation": _application(0.16, 0.18),
    "D3_classification": _application(0.12, 0.16),
    "D3_image_recognition": _application(0.07, 0.08),
    "D3_translation": _application(0.14, 0.16),
    "D3_prediction": _application(0.05, 0.07),
    "D3_policy_analysis": _application(0.07, 0.12),
    "D3_coding": _application(0.08, 0.10),
    "D3_hr": _application(0.04, 0.06),
    # D4: business operations > service delivery > social domain (P ranking)
    "D4": Choices(
        {1: 0.74, 2: 0.62, 3: 0.5, 4: 0.28, 5: 0.2, 6: 0.22, 7: 0.18, 8: 0.34}, 0.4, dont_know=0.02
    ),
    # D5 scale among active: small 55-65%, medium 25-35%, large 2-5% (A, hospitals)
    "D5": Ordered(
        {4: 0.03, 3: 0.33, 2: 0.59, 1: 0.035, DK: 0.015}, order=(4, 3, 2, 1), sensitivity=0.4
    ),
    # D6 audience: internal >> residents > businesses (P, TNO GenAI)
    "D6": Choices({1: 0.95, 2: 0.32, 3: 0.07}, 0.3, dont_know=0.01),
    # E1 any GenAI use 60-75% (A); organisation-wide use is rarer than pilots
    "E1_copilot_m365": _genai(0.04, 0.18),
    "E1_copilot_chat": _genai(0.10, 0.18),
    "E1_public_chatbots": _genai(0.07, 0.17),
    "E1_own_llm": _genai(0.02, 0.07),
    "E1_embedded_genai": _genai(0.05, 0.15, 0.25),
    # E2 embedded AI "no / unknown" modal at 45-60%, fully inventoried <= 15% (P)
    "E2": Ordered({1: 0.09, 2: 0.36, 3: 0.52, NA: 0.03}, order=(1, 2, 3), sensitivity=0.7),
    # E3 self-developed mostly / sometimes <= 10%, concentrated above 100k (P + A)
    "E3_off_the_shelf": _sourcing(0.35, 0.40, 0.10),
    "E3_embedded": _sourcing(0.30, 0.35, 0.25),
    "E3_co_developed": _sourcing(0.05, 0.25, 0.15),
    "E3_in_house": _sourcing(0.004, 0.02, 0.08, sensitivity=1.2),
    "E3_custom_external": _sourcing(0.03, 0.15, 0.12),
    "E4": Choices({1: 0.45, 2: 0.5, 3: 0.7, 4: 0.18, 5: 0.14, 6: 0.25}, 0.4, dont_know=0.05),
    "E5": Ordered({1: 0.5, 2: 0.15, 3: 0.05, 4: 0.2, DK: 0.1}, ()),
    # F1 efficiency, productivity and service with mean >= 4.0 (P ranking + A)
    "F1_efficiency": Likert(4.75, sd=0.7, sensitivity=0.1),
    "F1_productivity": Likert(4.5, sd=0.7, sensitivity=0.1),
    "F1_service": Likert(4.3, sd=0.7, sensitivity=0.1),
    "F1_consistency": Likert(3.4),
    "F1_staff_shortage": Likert(3.6),
    "F1_cost_savings": Likert(3.2),
    "F1_accessible_communication": Likert(3.7),
    "F1_job_satisfaction": Likert(3.1),
    # F2 knowledge, resources and guidelines 3.8-4.2; ethics about 3.5 (P ranking + A)
    "F2_knowledge": Likert(4.05, sd=0.75, sensitivity=-0.1),
    "F2_resources": Likert(4.0, sd=0.75, sensitivity=-0.1),
    "F2_guidelines": Likert(3.95, sd=0.75, sensitivity=-0.15),
    "F2_ethics": Likert(3.5, sensitivity=0.0),
    "F2_privacy": Likert(3.4, sensitivity=0.0),
    "F2_security": Likert(3.35, sensitivity=0.0),
    "F2_data_quality": Likert(3.3, sensitivity=0.0),
    "F2_supplier_dependence": Likert(3.2, sensitivity=0.05),
    "F2_ai_act": Likert(3.25, sensitivity=0.0),
    "F2_staff_support": Likert(2.8, sensitivity=-0.1),
    "F2_political_support": Likert(2.6, sensitivity=-0.1),
    "F2_integration": Likert(3.2, sensitivity=0.05),
    "F4_staff": Likert(3.9),
    "F4_residents": Likert(3.6),
    "F4_costs": Likert(3.1, sensitivity=0.0),
    "F5": Skip(),
    # G1 structural 10-15%, first steps 35-45%, no / in preparation 40-50% (P + A)
    "G1": Ordered(
        {1: 0.11, 2: 0.40, 3: 0.19, 4: 0.26, DK: 0.04}, order=(1, 2, 3, 4), sensitivity=0.8
    ),
    "G2": Choices(
        {1: 0.35, 2: 0.3, 3: 0.2, 4: 0.15, 5: 0.45, 6: 0.35, 7: 0.3, 8: 0.15}, 0.6, dont_know=0.03
    ),
    # G3 more than 50% of staff trained <= 15% (A)
    "G3": Ordered(
        {6: 0.03, 5: 0.06, 4: 0.12, 3: 0.2, 2: 0.35, 1: 0.16, DK: 0.08},
        order=(6, 5, 4, 3, 2, 1),
        sensitivity=0.6,
    ),
    "G4": Ordered({1: 0.15, 2: 0.3, 3: 0.4, DK: 0.15}, order=(1, 2, 3), sensitivity=0.6),
    "G5_staff": Likert(2.7),
    "G5_management": Likert(2.9),
    "G5_board": Likert(2.6),
    "G6": Ordered({1: 0.3, 2: 0.5, DK: 0.2}, order=(1, 2), sensitivity=0.6),
    "H1": Ordered({1: 0.6, 2: 0.4}, ()),
    "H1a": Skip(),
    "H2": Skip(),
}

CALIBRATION = Calibration(targets=TARGETS)

ADOPTION_LEVEL: Mapping[object, Mapping[int, float]] = {
    1: {1: 0.30, 2: 0.45, 3: 0.20, DK: 0.05},
    2: {2: 0.05, 3: 0.12, 4: 0.75, DK: 0.08},
}
"""B4 (adopted by council 1, executive board 2, management 3, not yet 4) given B1: a vision
formally adopted (1) was mostly adopted by the board or the council; one in development (2)
mostly not yet, sometimes a policy already by management. B4 is asked only after B1 = 1, 2."""

BARRIER_ROWS = (
    "knowledge",
    "resources",
    "guidelines",
    "ethics",
    "privacy",
    "security",
    "data_quality",
    "supplier_dependence",
    "ai_act",
    "staff_support",
    "political_support",
    "integration",
)
"""F2's rows in the order of F3's codes 1-12: F3 ranks the respondent's own F2 scores."""


def municipality_answer(
    variable: str, municipality: Municipality, covers: tuple[int, ...] = ()
) -> int | list[int] | None:
    """Answers that follow from who the respondent is: A1 the CBS code as a number; A4 yes
    and A4a the other members' numbers when it answers for its shared organisation
    (``covers``, :mod:`aimonitor.demo.shared`), A4 no otherwise."""
    if variable == "A1":
        return municipality_number(municipality.code)
    if variable == "A4":
        return 2 if covers else 1
    if variable == "A4a":
        return list(covers) or None
    return None


def derived_answer(
    variable: str, answers: Mapping[str, object], rng: np.random.Generator
) -> object | None:
    """Answers that follow from earlier answers: F3 ranks the barriers scored highest in F2;
    B4 (the level that adopted the vision) follows B1 (adopted, or in development)."""
    if variable == "F3":
        scores = []
        for code, row in enumerate(BARRIER_ROWS, start=1):
            value = answers.get(f"F2_{row}")
            if isinstance(value, int) and 1 <= value <= 5:
                scores.append((value + float(rng.normal(0.0, 0.5)), code))
        return [code for _, code in sorted(scores, reverse=True)[:3]] or None
    if variable == "B4" and answers.get("B1") in ADOPTION_LEVEL:
        levels = ADOPTION_LEVEL[answers["B1"]]
        codes = list(levels)
        return int(codes[int(rng.choice(len(codes), p=list(levels.values())))])
    return None
