"""Indicators: which estimands each questionnaire item yields, estimated for a whole wave.

Typical use::

    respondents = build_respondents(year, submitted, questionnaire, frame, lineage=lineage)
    wave = WaveData(year, frame.year, questionnaire, respondents)
    table = estimate_wave(wave, load_frame(wave.frame_year), lineage=load_lineage())
    changes = estimate_changes(table, previous_table)
    representativeness = estimate_representativeness(frame, codes_of_respondents)
    write_estimates(table, stream, "csv", questionnaire=wave.questionnaire)

See docs/methodology/indicators.md (estimands, bases, keys, suppression, changes) and
docs/methodology/weighting.md (design v2, margins, fallback, R-indicator).
"""

from aimonitor.indicators.catalogue import BASES, Estimand, catalogue
from aimonitor.indicators.changes import estimate_changes
from aimonitor.indicators.data import Respondent, WaveData, coverage_inputs
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.estimate import estimate_wave, place_respondents
from aimonitor.indicators.export import COLUMNS, SYNTHETIC_NOTICE, write_estimates
from aimonitor.indicators.matrix import IndicatorMatrix, build_matrix
from aimonitor.indicators.representativeness import (
    CategoryPartial,
    PartialIndicators,
    Representativeness,
    estimate_representativeness,
)
from aimonitor.indicators.response import (
    ResponseCell,
    ResponseSummary,
    build_respondents,
    count_response,
    response_summary,
)
from aimonitor.indicators.table import ALL, EstimateTable, IndicatorRow, Weighting
from aimonitor.indicators.weighting import WeightedDesign, weight_wave

__all__ = [
    "ALL",
    "BASES",
    "COLUMNS",
    "SYNTHETIC_NOTICE",
    "CategoryPartial",
    "Estimand",
    "EstimateTable",
    "IndicatorError",
    "IndicatorMatrix",
    "IndicatorRow",
    "PartialIndicators",
    "Representativeness",
    "Respondent",
    "ResponseCell",
    "ResponseSummary",
    "WaveData",
    "WeightedDesign",
    "Weighting",
    "build_matrix",
    "build_respondents",
    "catalogue",
    "count_response",
    "coverage_inputs",
    "estimate_changes",
    "estimate_representativeness",
    "estimate_wave",
    "place_respondents",
    "response_summary",
    "weight_wave",
    "write_estimates",
]
