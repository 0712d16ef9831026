"""Indicators: which estimands each questionnaire item yields, estimated for a whole wave."""

from aimonitor.indicators.data import Respondent, WaveData
from aimonitor.indicators.response import ResponseCell, ResponseSummary, response_summary
from aimonitor.indicators.table import ALL, EstimateTable, IndicatorRow, Weighting

__all__ = [
    "ALL",
    "EstimateTable",
    "IndicatorRow",
    "Respondent",
    "ResponseCell",
    "ResponseSummary",
    "WaveData",
    "Weighting",
    "response_summary",
]
