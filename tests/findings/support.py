"""Constructed estimates and caller wording shared by the findings tests."""

from __future__ import annotations

from aimonitor.findings import ComparisonWording, LabelledValue, Predicate, RowRef
from aimonitor.i18n import Text
from aimonitor.stats.result import Estimate


def proportion(p: float, lower: float, upper: float, *, se: float = 0.02, n: int = 118) -> Estimate:
    return Estimate(p, se, lower, upper, None, n, "wilson")


def item(label: str, p: float, *, se: float = 0.02, domain: str | None = None) -> LabelledValue:
    """An item whose interval is p ± 1.96·se (clipped to 0..1), labelled the same in nl/en."""
    estimate = proportion(p, max(0.0, p - 1.96 * se), min(1.0, p + 1.96 * se), se=se)
    return LabelledValue(
        Text.neutral(label), estimate, RowRef("t_applications", "C3", option=label, domain=domain)
    )


EXPERIMENTS = Predicate(
    singular=Text(nl="experimenteert met AI", en="experiments with AI"),
    plural=Text(nl="experimenteren met AI", en="experiment with AI"),
)

EXPERIMENTING = ComparisonWording(
    topic=Text(
        nl="het aandeel gemeenten dat experimenteert met AI",
        en="the share of municipalities experimenting with AI",
    ),
    more=Text(nl="experimenteren vaker met AI", en="experiment with AI more often"),
    less=Text(nl="experimenteren minder vaak met AI", en="experiment with AI less often"),
)
