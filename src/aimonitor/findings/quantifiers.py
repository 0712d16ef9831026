"""A proportion and its interval -> a verbal quantifier ("bijna de helft van de gemeenten").

The rules are data: an ordered table, first match wins. Every condition is checked on the
percentages *as displayed* (rounded by :mod:`aimonitor.formatting` at the chosen number of
decimals), so a reader can verify each wording from the numbers printed next to it: "bijna de
helft" never appears next to "50%". Notation: p is the displayed estimate, L and U the
displayed interval bounds, all in percent. See ``docs/methodology/findings.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, Protocol

from aimonitor.formatting import DisplayedInterval, displayed_interval, format_percent
from aimonitor.i18n import SUPPORTED_LANGUAGES, Lang, noop, translator
from aimonitor.stats.result import Estimate

from .text import GrammaticalNumber, Population, municipalities

PopulationForm = Literal["definite", "bare"]

#: How close an estimate must be to a benchmark to be called "about" / "almost" it, in
#: percentage points, for the halves and quarters of the scale.
CLOSE = Fraction(5)
#: Intervals wider than this (U - L, percentage points) get no "about"/"almost" wording, only
#: "a majority", "a minority" or the percentage itself.
MAX_VERBAL_WIDTH = Fraction(25)


def _pct(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4g}"


class IntervalCondition(Protocol):
    def holds(self, shown: DisplayedInterval) -> bool: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class UpperBelow:
    """The whole interval lies below ``bound``: U < bound."""

    bound: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.upper) < self.bound

    def describe(self) -> str:
        return f"U < {_pct(self.bound)}"


@dataclass(frozen=True)
class LowerAbove:
    """The whole interval lies above ``bound``: L > bound."""

    bound: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.lower) > self.bound

    def describe(self) -> str:
        return f"L > {_pct(self.bound)}"


@dataclass(frozen=True)
class Contains:
    """The interval contains ``value``: L ≤ value ≤ U."""

    value: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.lower) <= self.value <= Fraction(shown.upper)

    def describe(self) -> str:
        return f"L ≤ {_pct(self.value)} ≤ U"


@dataclass(frozen=True)
class Near:
    """The estimate lies within ``tolerance`` points of ``value``: |p − value| ≤ tolerance."""

    value: Fraction
    tolerance: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return abs(Fraction(shown.estimate) - self.value) <= self.tolerance

    def describe(self) -> str:
        return f"|p − {_pct(self.value)}| ≤ {_pct(self.tolerance)}"


@dataclass(frozen=True)
class AtLeast:
    """The estimate is at least ``bound``: p ≥ bound."""

    bound: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.estimate) >= self.bound

    def describe(self) -> str:
        return f"p ≥ {_pct(self.bound)}"


@dataclass(frozen=True)
class AtMost:
    """The estimate is at most ``bound``: p ≤ bound."""

    bound: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.estimate) <= self.bound

    def describe(self) -> str:
        return f"p ≤ {_pct(self.bound)}"


@dataclass(frozen=True)
class WiderThan:
    """The interval is wider than ``width`` points: U − L > width."""

    width: Fraction

    def holds(self, shown: DisplayedInterval) -> bool:
        return Fraction(shown.upper) - Fraction(shown.lower) > self.width

    def describe(self) -> str:
        return f"U − L > {_pct(self.width)}"


@dataclass(frozen=True)
class QuantifierRule:
    """One row of the rule table.

    ``phrase`` is a gettext message id with ``{population}`` (and ``{percent}`` for the
    percentage phrase); ``form`` says which form of the population it takes; ``agreement``
    gives the grammatical number of the subject per language, which picks the predicate form.
    """

    key: str
    conditions: tuple[IntervalCondition, ...]
    phrase: str
    form: PopulationForm
    agreement: Mapping[Lang, GrammaticalNumber]

    def matches(self, shown: DisplayedInterval) -> bool:
        return all(condition.holds(shown) for condition in self.conditions)

    @property
    def states_percentage(self) -> bool:
        """Whether the phrase itself already shows the estimate ("48% van de gemeenten")."""
        return "{percent}" in self.phrase


def _rule(
    key: str,
    phrase: str,
    *conditions: IntervalCondition,
    form: PopulationForm = "definite",
    nl: GrammaticalNumber = "singular",
    en: GrammaticalNumber = "plural",
) -> QuantifierRule:
    return QuantifierRule(key, tuple(conditions), phrase, form, {"nl": nl, "en": en})


_HALF, _THREE_QUARTERS = Fraction(50), Fraction(75)
_PERCENTAGE_PHRASE = noop("{percent} of {population}")
_MAJORITY = noop("a majority of {population}")
_MINORITY = noop("a minority of {population}")

#: The rule table, in order; the first rule whose conditions all hold is used.
QUANTIFIER_RULES: tuple[QuantifierRule, ...] = (
    _rule(
        "virtually_none",
        noop("virtually no {population}"),
        UpperBelow(Fraction(5)),
        form="bare",
        nl="plural",
    ),
    _rule(
        "virtually_all",
        noop("virtually all {population}"),
        LowerAbove(Fraction(95)),
        form="bare",
        nl="plural",
    ),
    _rule(
        "almost_all",
        noop("almost all {population}"),
        LowerAbove(Fraction(90)),
        form="bare",
        nl="plural",
    ),
    _rule(
        "wide_majority",
        _MAJORITY,
        WiderThan(MAX_VERBAL_WIDTH),
        LowerAbove(_HALF),
    ),
    _rule(
        "wide_minority",
        _MINORITY,
        WiderThan(MAX_VERBAL_WIDTH),
        UpperBelow(_HALF),
    ),
    _rule("wide", _PERCENTAGE_PHRASE, WiderThan(MAX_VERBAL_WIDTH)),
    _rule(
        "almost_half",
        noop("almost half of {population}"),
        UpperBelow(_HALF),
        AtLeast(_HALF - CLOSE),
    ),
    _rule(
        "about_half",
        noop("about half of {population}"),
        Contains(_HALF),
        Near(_HALF, CLOSE),
    ),
    _rule(
        "just_over_half",
        noop("just over half of {population}"),
        LowerAbove(_HALF),
        AtMost(_HALF + CLOSE),
    ),
    _rule(
        "almost_three_quarters",
        noop("almost three quarters of {population}"),
        UpperBelow(_THREE_QUARTERS),
        AtLeast(_THREE_QUARTERS - CLOSE),
    ),
    _rule(
        "about_three_quarters",
        noop("about three quarters of {population}"),
        Contains(_THREE_QUARTERS),
        Near(_THREE_QUARTERS, CLOSE),
    ),
    _rule(
        "just_over_three_quarters",
        noop("just over three quarters of {population}"),
        LowerAbove(_THREE_QUARTERS),
        AtMost(_THREE_QUARTERS + CLOSE),
    ),
    _rule(
        "about_two_thirds",
        noop("about two thirds of {population}"),
        Contains(Fraction(200, 3)),
        Near(Fraction(200, 3), Fraction(3)),
    ),
    _rule(
        "about_one_third",
        noop("about a third of {population}"),
        Contains(Fraction(100, 3)),
        Near(Fraction(100, 3), Fraction(3)),
    ),
    _rule(
        "about_one_quarter",
        noop("about a quarter of {population}"),
        Contains(Fraction(25)),
        Near(Fraction(25), Fraction(2)),
    ),
    _rule(
        "one_in_five",
        noop("one in five {population}"),
        Contains(Fraction(20)),
        Near(Fraction(20), Fraction(2)),
        form="bare",
        en="singular",
    ),
    _rule(
        "one_in_ten",
        noop("one in ten {population}"),
        Contains(Fraction(10)),
        Near(Fraction(10), Fraction(2)),
        form="bare",
        en="singular",
    ),
    _rule("large_majority", noop("a large majority of {population}"), LowerAbove(Fraction(75))),
    _rule("majority", _MAJORITY, LowerAbove(_HALF)),
    _rule("small_minority", noop("a small minority of {population}"), UpperBelow(Fraction(20))),
    _rule("minority", _MINORITY, UpperBelow(_HALF)),
    _rule("percentage", _PERCENTAGE_PHRASE),
)


@dataclass(frozen=True, slots=True)
class Quantifier:
    """The subject phrase chosen for one estimate, in one language."""

    rule: str
    phrase: str
    number: GrammaticalNumber
    states_percentage: bool


def select_rule(
    estimate: Estimate,
    *,
    decimals: int = 0,
    rules: Sequence[QuantifierRule] = QUANTIFIER_RULES,
) -> QuantifierRule:
    """The first rule of ``rules`` that fits ``estimate`` as displayed at ``decimals``.

    A table without a condition-free last rule may find no match; then the percentage phrase
    is used.
    """
    shown = displayed_interval(estimate, decimals=decimals)
    for rule in rules:
        if rule.matches(shown):
            return rule
    return QUANTIFIER_RULES[-1]


def quantify(
    estimate: Estimate,
    lang: Lang,
    *,
    population: Population | None = None,
    decimals: int = 0,
    rules: Sequence[QuantifierRule] = QUANTIFIER_RULES,
) -> Quantifier:
    """The quantifier phrase for a proportion ``estimate`` in ``lang``: e.g. nl "bijna de
    helft van de gemeenten", en "almost half of municipalities"."""
    rule = select_rule(estimate, decimals=decimals, rules=rules)
    population = population if population is not None else municipalities()
    noun = (population.definite if rule.form == "definite" else population.bare).get(lang)
    phrase = (
        translator(lang)
        .gettext(rule.phrase)
        .format(
            population=noun,
            percent=format_percent(estimate.estimate, lang, decimals=decimals),
        )
    )
    return Quantifier(rule.key, phrase, rule.agreement[lang], rule.states_percentage)


def rule_table_markdown(rules: Sequence[QuantifierRule] = QUANTIFIER_RULES) -> str:
    """The rule table as Markdown, as it stands in ``docs/methodology/findings.md``."""
    lines = [
        "| # | Rule | Conditions (all must hold) | Dutch | English |",
        "|---|---|---|---|---|",
    ]
    for number, rule in enumerate(rules, start=1):
        conditions = " and ".join(c.describe() for c in rule.conditions) or "always"
        conditions = conditions.replace("|", "\\|")  # absolute values inside a table cell
        phrases = [
            translator(lang).gettext(rule.phrase).format(population="…", percent="p%")
            for lang in SUPPORTED_LANGUAGES
        ]
        lines.append(f"| {number} | `{rule.key}` | {conditions} | {' | '.join(phrases)} |")
    return "\n".join(lines)
