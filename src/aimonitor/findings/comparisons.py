"""Differences between two estimates: two waves, two groups, the size-class gradient.

A difference is claimed ("gestegen", "vaker") only when it is statistically significant: the
confidence interval of the difference excludes 0. For independent estimates the standard
error of the difference is sqrt(se1² + se2²); a known covariance can be passed (the same
municipalities answering in two waves make the estimates positively correlated, which the
independent formula ignores, so it is conservative there). The critical value is the normal
quantile of the level unless the caller passes another (e.g. a t quantile for few design
degrees of freedom).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

from aimonitor.formatting import (
    format_difference_interval,
    format_mean,
    format_mean_difference,
    format_mean_difference_interval,
    format_percent,
    format_point_difference,
    round_half_up,
)
from aimonitor.i18n import check_language, translator
from aimonitor.stats.compare import comparison_se
from aimonitor.stats.result import Estimate

from .errors import FindingError
from .model import Finding, Item
from .text import Text, capitalize_first, localize

Scale = Literal["proportion", "mean"]
WhenUnclear = Literal["say", "silent"]


def critical_value_for(level: float) -> float:
    """The two-sided normal quantile for ``level`` (1.959964... for 0.95)."""
    if not 0 < level < 1:
        raise FindingError(f"confidence level must lie strictly between 0 and 1, not {level!r}")
    return NormalDist().inv_cdf(1 - (1 - level) / 2)


@dataclass(frozen=True, slots=True)
class Difference:
    """``second − first`` with its standard error and confidence interval."""

    estimate: float
    se: float
    ci_lower: float
    ci_upper: float
    level: float

    @property
    def significant(self) -> bool:
        """Whether the interval excludes 0 (a bound exactly at 0 does not exclude it)."""
        return self.ci_lower > 0 or self.ci_upper < 0

    @property
    def direction(self) -> Literal["higher", "lower", "none"]:
        """``higher`` when significantly above 0, ``lower`` when below, else ``none``."""
        if not self.significant:
            return "none"
        return "higher" if self.estimate > 0 else "lower"


def difference(
    first: Estimate,
    second: Estimate,
    *,
    covariance: float = 0.0,
    level: float = 0.95,
    critical_value: float | None = None,
) -> Difference:
    """The difference ``second − first`` with a Wald interval at ``level``.

    ``se = sqrt(se1² + se2² − 2·covariance)``; the default covariance 0 treats the estimates as
    independent.
    """
    for estimate in (first, second):
        if not estimate.se >= 0:
            raise FindingError(f"standard error must be zero or more, not {estimate.se!r}")
    se_first, se_second = comparison_se(first), comparison_se(second)
    variance = se_first**2 + se_second**2 - 2 * covariance
    if variance < 0:
        raise FindingError(
            f"covariance {covariance!r} exceeds what the standard errors allow "
            f"({se_first!r}, {se_second!r})"
        )
    z = critical_value if critical_value is not None else critical_value_for(level)
    se = math.sqrt(variance)
    d = second.estimate - first.estimate
    return Difference(d, se, d - z * se, d + z * se, level)


@dataclass(frozen=True)
class ComparisonWording:
    """Caller-supplied wording for comparisons.

    ``topic`` is a noun phrase for "no clear difference in ..." and for waves ("the share of
    municipalities experimenting with AI rose ..."). ``more`` and ``less`` are plural verb
    phrases for groups ("experimenteren vaker met AI" / "experiment with AI more often").
    """

    topic: Text
    more: Text | None = None
    less: Text | None = None


def format_value(value: float, lang: str, scale: Scale, decimals: int) -> str:
    """A level on its scale: a percentage for proportions, a mean otherwise."""
    if scale == "proportion":
        return format_percent(value, lang, decimals=decimals)
    return format_mean(value, lang, decimals=decimals)


def _decimals_for_claim(a: float, b: float, diff: Difference, scale: Scale, decimals: int) -> int:
    """Enough decimals (at most two more) that a claimed difference shows as one: the two
    levels do not look equal ("gestegen van 48% naar 48%") and the interval bound nearest 0
    does not show as 0 ("95%-BI 0 tot +14")."""
    factor = 100 if scale == "proportion" else 1
    nearest_zero = diff.ci_lower if diff.estimate > 0 else diff.ci_upper

    def looks_unclear(places: int) -> bool:
        same = round_half_up(a, places, scale=factor) == round_half_up(b, places, scale=factor)
        return same or round_half_up(nearest_zero, places, scale=factor) == 0

    shown = decimals
    while shown < decimals + 2 and looks_unclear(shown):
        shown += 1
    return shown


def _difference_texts(diff: Difference, lang: str, scale: Scale, decimals: int) -> tuple[str, str]:
    if scale == "proportion":
        return (
            format_point_difference(diff.estimate, lang, decimals=decimals),
            format_difference_interval(
                diff.ci_lower, diff.ci_upper, lang, level=diff.level, decimals=decimals
            ),
        )
    return (
        format_mean_difference(diff.estimate, lang, decimals=decimals),
        format_mean_difference_interval(
            diff.ci_lower, diff.ci_upper, lang, level=diff.level, decimals=decimals
        ),
    )


def _fields(
    first: Item,
    second: Item,
    diff: Difference,
    wording: ComparisonWording,
    lang: str,
    scale: Scale,
    decimals: int | None,
) -> dict[str, str]:
    """The pieces of a comparison sentence; ``first``/``second`` in sentence order."""
    base = decimals if decimals is not None else (0 if scale == "proportion" else 1)
    a, b = first.estimate.estimate, second.estimate.estimate
    shown = _decimals_for_claim(a, b, diff, scale, base) if diff.significant else base
    difference_text, interval_text = _difference_texts(diff, lang, scale, shown)
    return {
        "topic": localize(wording.topic, lang),
        "first": format_value(a, lang, scale, shown),
        "second": format_value(b, lang, scale, shown),
        "first_label": localize(first.label, lang),
        "second_label": localize(second.label, lang),
        "difference": difference_text,
        "interval": interval_text,
    }


def compare_waves(
    earlier: Item,
    later: Item,
    wording: ComparisonWording,
    theme: str,
    lang: str,
    *,
    when_unclear: WhenUnclear = "say",
    scale: Scale = "proportion",
    decimals: int | None = None,
    covariance: float = 0.0,
    critical_value: float | None = None,
) -> Finding | None:
    """A change between two waves: "... is gestegen van 41% in 2024 naar 48% in 2025 (...)".

    Without a significant change the finding says "geen duidelijk verschil", or is ``None``
    when ``when_unclear="silent"``. Item labels name the waves.
    """
    check_language(lang)
    _ = translator(lang).gettext
    diff = difference(
        earlier.estimate, later.estimate, covariance=covariance, critical_value=critical_value
    )
    if not diff.significant and when_unclear == "silent":
        return None
    fields = _fields(earlier, later, diff, wording, lang, scale, decimals)
    if diff.direction == "higher":
        rule = "increase"
        template = _(
            "{topic} rose from {first} in {first_label} to {second} in {second_label} "
            "({difference}; {interval})."
        )
    elif diff.direction == "lower":
        rule = "decrease"
        template = _(
            "{topic} fell from {first} in {first_label} to {second} in {second_label} "
            "({difference}; {interval})."
        )
    else:
        rule = "no_clear_difference"
        template = _no_clear_difference(lang)
    return Finding(
        theme=theme,
        lang=lang,
        sentence=capitalize_first(template.format(**fields)),
        evidence=(earlier.evidence, later.evidence),
        rule=rule,
    )


def _no_clear_difference(lang: str) -> str:
    return translator(lang).gettext(
        "There is no clear difference in {topic} between {first_label} and {second_label} "
        "({first} and {second}; {difference}; {interval})."
    )


def compare_groups(
    first: Item,
    second: Item,
    wording: ComparisonWording,
    theme: str,
    lang: str,
    *,
    when_unclear: WhenUnclear = "say",
    scale: Scale = "proportion",
    decimals: int | None = None,
    covariance: float = 0.0,
    critical_value: float | None = None,
    rules: tuple[str, str, str] = ("higher", "lower", "no_clear_difference"),
) -> Finding | None:
    """Two groups: "Grote gemeenten experimenteren vaker met AI dan kleine gemeenten (62%
    tegenover 35%; +27 procentpunt; 95%-BI ...)". ``first`` is the subject of the sentence; the
    difference shown is first − second.
    """
    check_language(lang)
    _ = translator(lang).gettext
    diff = difference(
        second.estimate, first.estimate, covariance=covariance, critical_value=critical_value
    )
    if not diff.significant and when_unclear == "silent":
        return None
    fields = _fields(first, second, diff, wording, lang, scale, decimals)
    if diff.direction == "none":
        rule, template = rules[2], _no_clear_difference(lang)
    else:
        verb = wording.more if diff.direction == "higher" else wording.less
        if verb is None:
            raise FindingError("comparing groups needs the 'more' and 'less' wording")
        fields["verb"] = localize(verb, lang)
        rule = rules[0] if diff.direction == "higher" else rules[1]
        template = _(
            "{first_label} {verb} than {second_label} "
            "({first} versus {second}; {difference}; {interval})."
        )
    return Finding(
        theme=theme,
        lang=lang,
        sentence=capitalize_first(template.format(**fields)),
        evidence=(first.evidence, second.evidence),
        rule=rule,
    )


def size_gradient(
    classes: Sequence[Item],
    wording: ComparisonWording,
    theme: str,
    lang: str,
    *,
    when_unclear: WhenUnclear = "say",
    scale: Scale = "proportion",
    decimals: int | None = None,
    critical_value: float | None = None,
) -> Finding | None:
    """The size-class gradient: the largest class compared with the smallest.

    ``classes`` runs from the smallest to the largest size class. "Grote gemeenten ... vaker
    dan kleine" is said only when these two differ significantly; the classes in between are
    not tested (a significant difference between the extremes is the claim, not a monotone
    trend). Size classes are disjoint groups of municipalities, so the estimates are
    independent.
    """
    if len(classes) < 2:
        raise FindingError("a size gradient needs at least two size classes")
    return compare_groups(
        classes[-1],
        classes[0],
        wording,
        theme,
        lang,
        when_unclear=when_unclear,
        scale=scale,
        decimals=decimals,
        critical_value=critical_value,
        rules=("larger_more", "larger_less", "no_clear_gradient"),
    )
