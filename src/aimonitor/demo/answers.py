"""Draw one answer for one variable, given its target and the municipality's maturity."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType

import numpy as np

from aimonitor.demo.targets import Choices, Count, Likert, Ordered, Ranked, Skip, Target
from aimonitor.questionnaire.variables import Variable

Answer = int | float | str | list[int] | None


def _one_code(variable: Variable) -> Target:
    """Every substantive code equally likely, not moving with maturity."""
    substantive = _substantive(variable)
    share = 1.0 / max(len(substantive), 1)
    return Ordered(dict.fromkeys(substantive, share), order=(), sensitivity=0.0)


def _some_codes(variable: Variable) -> Target:
    """Each plain (not special, not exclusive) code ticked three times in ten."""
    plain = [v.code for v in variable.codes if not v.special and not v.exclusive]
    return Choices(dict.fromkeys(plain, 0.3))


def _mid_scale(variable: Variable) -> Target:
    return Likert(mean=3.0)


def _about_one(variable: Variable) -> Target:
    return Count(base=1.0)


def _no_answer(variable: Variable) -> Target:
    return Skip()


def _any_order(variable: Variable) -> Target:
    return Ranked(dict.fromkeys(_substantive(variable), 1.0))


def _substantive(variable: Variable) -> list[int]:
    return [value.code for value in variable.codes if not value.special]


NEUTRAL_TARGETS: Mapping[str, Callable[[Variable], Target]] = MappingProxyType(
    {
        "single_choice": _one_code,
        "multiple_choice": _some_codes,
        "likert": _mid_scale,
        "numeric": _about_one,
        "text": _no_answer,
        "ranking": _any_order,
        "municipalities": _no_answer,
    }
)
"""How the generator answers a variable the calibration does not mention, per answer type
(:data:`aimonitor.questionnaire.types.ANSWER_TYPES`; a grid row answers as its cell)."""


def default_target(variable: Variable) -> Target:
    """A neutral target for variables the calibration does not mention."""
    return NEUTRAL_TARGETS[variable.type](variable)


def draw(variable: Variable, target: Target, score: float, rng: np.random.Generator) -> Answer:
    """An answer respecting the variable's type, codes, bounds and maximum choices."""
    if isinstance(target, Skip):
        return None
    if isinstance(target, Ordered):
        return _draw_ordered(target, score, rng)
    if isinstance(target, Choices):
        return _draw_choices(variable, target, score, rng)
    if isinstance(target, Likert):
        return _draw_likert(variable, target, score, rng)
    if isinstance(target, Count):
        return _draw_count(variable, target, score, rng)
    return _draw_ranking(variable, target, rng)


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def shifted_probabilities(target: Ordered, score: float) -> dict[int, float]:
    """Probabilities at this maturity: the ordered codes move forward as the score rises."""
    fixed = {c: p for c, p in target.probabilities.items() if c not in target.order}
    ordered_mass = 1.0 - sum(fixed.values())
    if not target.order or ordered_mass <= 0:
        return dict(target.probabilities)
    base = [target.probabilities.get(code, 0.0) / ordered_mass for code in target.order]
    cumulative = np.cumsum(base)[:-1]
    shifted = [_expit(_logit(float(c)) + target.sensitivity * score) for c in cumulative]
    bounds = [0.0, *shifted, 1.0]
    result = {
        code: ordered_mass * (bounds[i + 1] - bounds[i]) for i, code in enumerate(target.order)
    }
    result.update(fixed)
    return result


def _draw_ordered(target: Ordered, score: float, rng: np.random.Generator) -> int:
    probabilities = shifted_probabilities(target, score)
    codes = list(probabilities)
    weights = np.array([probabilities[c] for c in codes], dtype=float)
    return int(codes[int(rng.choice(len(codes), p=weights / weights.sum()))])


def _draw_choices(
    variable: Variable, target: Choices, score: float, rng: np.random.Generator
) -> list[int]:
    exclusive = [v.code for v in variable.codes if v.exclusive]
    dont_know = [v.code for v in variable.codes if v.special]
    if dont_know and rng.random() < target.dont_know:
        return [dont_know[0]]
    chosen = []
    for code, p in target.probabilities.items():
        chance = _expit(_logit(p) + target.sensitivity * score)
        if rng.random() < chance:
            chosen.append((chance, code))
    if variable.max_choices is not None and len(chosen) > variable.max_choices:
        chosen = sorted(chosen, reverse=True)[: variable.max_choices]
    codes = sorted(code for _, code in chosen)
    if not codes:
        none_codes = [c for c in exclusive if c not in dont_know]
        return [none_codes[0]] if none_codes else [int(min(target.probabilities))]
    return codes


def _draw_likert(variable: Variable, target: Likert, score: float, rng: np.random.Generator) -> int:
    dont_know = variable.special_codes
    if dont_know and rng.random() < target.dont_know:
        return int(dont_know[0])
    value = rng.normal(target.mean + target.sensitivity * score, target.sd)
    return int(min(5, max(1, round(value))))


def _draw_count(
    variable: Variable, target: Count, score: float, rng: np.random.Generator
) -> int | float:
    if variable.special_codes and rng.random() < target.dont_know:
        return int(variable.special_codes[0])
    value = target.base * math.exp(target.sensitivity * score) * float(rng.lognormal(0.0, 0.5))
    if variable.bounds is not None:
        value = min(max(value, float(variable.bounds.min)), float(variable.bounds.max))
    decimals = variable.bounds.decimals if variable.bounds is not None else target.decimals
    if decimals == 0:
        return round(value)
    return round(value, decimals)


def _draw_ranking(variable: Variable, target: Ranked, rng: np.random.Generator) -> list[int]:
    codes = list(target.weights)
    keys = [math.log(max(target.weights[c], 1e-9)) + rng.gumbel(0.0, target.noise) for c in codes]
    order = [code for _, code in sorted(zip(keys, codes, strict=True), reverse=True)]
    return order[: variable.max_choices or 3]
