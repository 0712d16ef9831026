"""The kinds of calibration target the generator understands.

A target describes the answer distribution of one variable for an average municipality in
2024 (maturity score 0), and how strongly the answer moves with the maturity score. The
concrete targets per variable, tuned to monitor-brief §5, are in :mod:`.calibration`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ordered:
    """A single choice whose codes run from most to least advanced.

    ``probabilities`` gives every code's probability at maturity 0; codes listed in
    ``order`` shift towards the front as maturity rises (an ordered-logit shift), the others
    (don't know, not applicable) keep their probability.
    """

    probabilities: Mapping[int, float]
    order: tuple[int, ...]
    sensitivity: float = 1.0


@dataclass(frozen=True)
class Choices:
    """A multiple choice: each code's chance to be ticked at maturity 0 (a logit shift)."""

    probabilities: Mapping[int, float]
    sensitivity: float = 0.5
    dont_know: float = 0.0
    """Chance of ticking the exclusive don't-know code instead of anything else."""


@dataclass(frozen=True)
class Likert:
    """A 1-5 answer around ``mean`` (before rounding), rising with maturity."""

    mean: float
    sd: float = 0.8
    sensitivity: float = 0.25
    dont_know: float = 0.03


@dataclass(frozen=True)
class Count:
    """A non-negative number: ``base`` times exp(sensitivity x maturity), with noise."""

    base: float
    sensitivity: float = 0.8
    decimals: int = 0
    dont_know: float = 0.02


@dataclass(frozen=True)
class Ranked:
    """A top-N ranking: codes drawn without replacement by these weights (higher first)."""

    weights: Mapping[int, float]
    noise: float = 0.6


@dataclass(frozen=True)
class Skip:
    """Leave the variable unanswered (optional open text, contact details)."""


Target = Ordered | Choices | Likert | Count | Ranked | Skip


@dataclass(frozen=True)
class Calibration:
    """Targets by variable name; anything without a target gets a neutral default."""

    targets: Mapping[str, Target] = field(default_factory=dict)
