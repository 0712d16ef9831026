"""Differences between two estimates: two waves, two groups, the size-class gradient.

A difference is claimed ("gestegen", "vaker") only when it is statistically significant
(:func:`aimonitor.stats.significant`: the confidence interval of the difference excludes 0).
The difference itself is :func:`aimonitor.stats.difference`: for independent estimates the
standard error is sqrt(cse1² + cse2²), with cse the :func:`aimonitor.stats.comparison_se`
(a share of 0 or 1 enters with the SE of its interval, decision record 0005); a known
covariance can be passed (the same municipalities answering in two waves make the estimates
positively correlated, which the independent formula ignores, so it is conservative there).
The interval uses the normal quantile unless the caller passes degrees of freedom ``df`` for
a t quantile (few design degrees of freedom; ``"welch"`` for Welch-Satterthwaite). The key
findings pass the difference itself where it belongs to a family whose false discovery rate
is controlled (the change rows of the publication; the size-class gradients), so the claim
follows the adjusted p-value (:func:`aimonitor.stats.significant`). The decimals a claimed
difference is printed at are :func:`aimonitor.formatting.difference_decimals`, the rule the
report's tables use too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor import stats
from aimonitor.formatting import ValueScale, difference_decimals, format_difference, format_value
from aimonitor.i18n import Lang, Text, check_language, translator
from aimonitor.stats import Estimate

from .errors import FindingError
from .model import Finding, LabelledValue
from .text import capitalize_first

WhenUnclear = Literal["say", "silent"]
Direction = Literal["higher", "lower", "none"]


def direction(difference: Estimate) -> Direction:
    """``higher`` when ``difference`` is significantly above 0, ``lower`` when below, else
    ``none``."""
    if not stats.significant(difference):
        return "none"
    return "higher" if difference.estimate > 0 else "lower"


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


def _fields(
    first: LabelledValue,
    second: LabelledValue,
    diff: Estimate,
    wording: ComparisonWording,
    lang: Lang,
    scale: ValueScale,
    decimals: int | None,
) -> dict[str, str]:
    """The pieces of a comparison sentence; ``first``/``second`` in sentence order."""
    a, b = first.estimate.estimate, second.estimate.estimate
    shown = difference_decimals(diff, scale, decimals=decimals, levels=(a, b))
    difference_text, interval_text = format_difference(diff, lang, scale, decimals=shown)
    return {
        "topic": wording.topic.get(lang),
        "first": format_value(a, lang, scale, decimals=shown),
        "second": format_value(b, lang, scale, decimals=shown),
        "first_label": first.label.get(lang),
        "second_label": second.label.get(lang),
        "difference": difference_text,
        "interval": interval_text,
    }


def compare_waves(
    earlier: LabelledValue,
    later: LabelledValue,
    wording: ComparisonWording,
    theme: str,
    lang: Lang,
    *,
    when_unclear: WhenUnclear = "say",
    scale: ValueScale = "proportion",
    decimals: int | None = None,
    covariance: float = 0.0,
    level: float = 0.95,
    df: stats.DfChoice = None,
    difference: Estimate | None = None,
) -> Finding | None:
    """A change between two waves: "... is gestegen van 41% in 2024 naar 48% in 2025 (...)".

    The change is ``later − earlier`` (:func:`aimonitor.stats.difference`), or ``difference``
    when given: the published change row, whose false-discovery-rate adjusted p-value then
    decides (``covariance``, ``level`` and ``df`` are not used). Without a significant change
    the finding says "geen duidelijk verschil", or is ``None`` when ``when_unclear="silent"``.
    The labels name the waves.
    """
    check_language(lang)
    _ = translator(lang).gettext
    diff = difference or stats.difference(
        later.estimate, earlier.estimate, covariance=covariance, level=level, df=df
    )
    change = direction(diff)
    if change == "none" and when_unclear == "silent":
        return None
    fields = _fields(earlier, later, diff, wording, lang, scale, decimals)
    if change == "higher":
        rule = "increase"
        template = _(
            "{topic} rose from {first} in {first_label} to {second} in {second_label} "
            "({difference}; {interval})."
        )
    elif change == "lower":
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


def _no_clear_difference(lang: Lang) -> str:
    return translator(lang).gettext(
        "There is no clear difference in {topic} between {first_label} and {second_label} "
        "({first} and {second}; {difference}; {interval})."
    )


def compare_groups(
    first: LabelledValue,
    second: LabelledValue,
    wording: ComparisonWording,
    theme: str,
    lang: Lang,
    *,
    when_unclear: WhenUnclear = "say",
    scale: ValueScale = "proportion",
    decimals: int | None = None,
    covariance: float = 0.0,
    level: float = 0.95,
    df: stats.DfChoice = None,
    rules: tuple[str, str, str] = ("higher", "lower", "no_clear_difference"),
    difference: Estimate | None = None,
) -> Finding | None:
    """Two groups: "Grote gemeenten experimenteren vaker met AI dan kleine gemeenten (62%
    tegenover 35%; +27 procentpunt; 95%-BI ...)". ``first`` is the subject of the sentence; the
    difference shown is first − second: computed here, or ``difference`` when the caller
    computed it (e.g. with its false-discovery-rate adjusted p-value).
    """
    check_language(lang)
    _ = translator(lang).gettext
    diff = difference or stats.difference(
        first.estimate, second.estimate, covariance=covariance, level=level, df=df
    )
    side = direction(diff)
    if side == "none" and when_unclear == "silent":
        return None
    fields = _fields(first, second, diff, wording, lang, scale, decimals)
    if side == "none":
        rule, template = rules[2], _no_clear_difference(lang)
    else:
        verb = wording.more if side == "higher" else wording.less
        if verb is None:
            raise FindingError("comparing groups needs the 'more' and 'less' wording")
        fields["verb"] = verb.get(lang)
        rule = rules[0] if side == "higher" else rules[1]
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
    classes: Sequence[LabelledValue],
    wording: ComparisonWording,
    theme: str,
    lang: Lang,
    *,
    when_unclear: WhenUnclear = "say",
    scale: ValueScale = "proportion",
    decimals: int | None = None,
    level: float = 0.95,
    df: stats.DfChoice = "welch",
    difference: Estimate | None = None,
) -> Finding | None:
    """The size-class gradient: the largest class compared with the smallest.

    ``classes`` runs from the smallest to the largest size class. "Grote gemeenten ... vaker
    dan kleine" is said only when these two differ significantly; the classes in between are
    not tested (a significant difference between the extremes is the claim, not a monotone
    trend). Size classes are disjoint groups of municipalities, so the estimates are
    independent; the interval uses t with Welch-Satterthwaite degrees of freedom. The key
    findings pass ``difference`` with the p-value adjusted over all gradient sentences of the
    publication (:func:`gradient_difference`, then :func:`aimonitor.stats.control_fdr`).
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
        level=level,
        df=df,
        rules=("larger_more", "larger_less", "no_clear_gradient"),
        difference=difference,
    )


def gradient_difference(classes: Sequence[LabelledValue]) -> Estimate:
    """The difference largest − smallest size class of a gradient (Welch t interval)."""
    if len(classes) < 2:
        raise FindingError("a size gradient needs at least two size classes")
    return stats.difference(classes[-1].estimate, classes[0].estimate, df="welch")
