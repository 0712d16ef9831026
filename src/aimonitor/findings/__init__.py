"""Key findings: estimates with their intervals -> sentences in Dutch and English.

Wording follows rules tied to the estimate and its interval (``quantifiers``), differences
(``aimonitor.stats.difference``) are claimed only when significant (``comparisons``),
rankings report ranks that cannot be told apart (``rankings``), and every :class:`Finding`
carries its evidence (``model``).
The rules are documented in ``docs/methodology/findings.md``.
"""

from .comparisons import ComparisonWording, compare_groups, compare_waves, direction, size_gradient
from .errors import FindingError
from .model import Evidence, Finding, LabelledValue, RowRef, Sentence
from .quantifiers import QUANTIFIER_RULES, Quantifier, QuantifierRule, quantify, select_rule
from .rankings import RankGroup, Ranking, rank, ranking_finding
from .text import Population, Predicate, municipalities

__all__ = [
    "QUANTIFIER_RULES",
    "ComparisonWording",
    "Evidence",
    "Finding",
    "FindingError",
    "LabelledValue",
    "Population",
    "Predicate",
    "Quantifier",
    "QuantifierRule",
    "RankGroup",
    "Ranking",
    "RowRef",
    "Sentence",
    "compare_groups",
    "compare_waves",
    "direction",
    "municipalities",
    "quantify",
    "rank",
    "ranking_finding",
    "select_rule",
    "size_gradient",
]
