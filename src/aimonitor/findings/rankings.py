"""Top-k lists of labelled estimates, with ranks that cannot be told apart reported as such.

Items are sorted by estimate, highest first; exact ties keep the caller's order. Items are
then grouped from the top: an item (or a block of exactly tied items) joins the current group
only when its difference with *every* member of the group is not significant (the interval
of :func:`aimonitor.stats.difference` does not exclude 0, :func:`aimonitor.stats.significant`);
otherwise it starts the next group. Testing against every member, not only the neighbour,
stops chains (A ≈ B, B ≈ C, yet A clearly above C) from being reported as one group.

CovarianceOf: items of one question (applications, domains, barriers) are answered by the same
municipalities, so their estimates are correlated. By default the test treats them as
independent, var(d) = se1² + se2². With a positive covariance, as for "select all that apply"
items (a municipality active with AI ticks many applications), the true var(d) = se1² + se2²
− 2·cov is smaller, so the default overstates the uncertainty: the test is conservative and
groups rather too much than too little. With a negative covariance, as for mutually exclusive
options of a single-choice question or a "pick at most three" list, the default understates
var(d) and is anti-conservative; pass ``covariance`` for such items.

The top k is extended to the end of the group holding the k-th item: a top three whose third
item cannot be told apart from the fourth lists all four.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from aimonitor import stats
from aimonitor.formatting import ValueScale, format_value
from aimonitor.i18n import Lang, check_language, translator

from .errors import FindingError
from .model import Finding, LabelledValue
from .text import GrammaticalNumber, Predicate, capitalize_first, join_list

CovarianceOf = Callable[[LabelledValue, LabelledValue], float]


@dataclass(frozen=True, slots=True)
class RankGroup:
    """Items whose ranks cannot be told apart; ``rank`` is the rank of the first (1-based)."""

    rank: int
    items: tuple[LabelledValue, ...]

    @property
    def distinguishable(self) -> bool:
        """A group of one item has a rank of its own."""
        return len(self.items) == 1


@dataclass(frozen=True, slots=True)
class Ranking:
    """The top of a ranking: ``requested`` is k; ``extended`` when more than k items are listed
    because the k-th cannot be told apart from the next."""

    groups: tuple[RankGroup, ...]
    requested: int

    @property
    def items(self) -> tuple[LabelledValue, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def extended(self) -> bool:
        return len(self.items) > self.requested


def _indistinguishable(
    a: LabelledValue,
    b: LabelledValue,
    *,
    level: float,
    df: float | None,
    covariance: CovarianceOf | None,
) -> bool:
    cov = covariance(a, b) if covariance is not None else 0.0
    diff = stats.difference(a.estimate, b.estimate, covariance=cov, level=level, df=df)
    return not stats.significant(diff)


def _tie_blocks(items: Sequence[LabelledValue]) -> list[list[LabelledValue]]:
    """Items sorted highest first, exactly equal estimates in one block, caller's order kept."""
    ordered = sorted(items, key=lambda item: -item.estimate.estimate)
    blocks: list[list[LabelledValue]] = []
    for item in ordered:
        if blocks and blocks[-1][0].estimate.estimate == item.estimate.estimate:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    return blocks


def rank(
    items: Sequence[LabelledValue],
    k: int,
    *,
    level: float = 0.95,
    df: float | None = None,
    covariance: CovarianceOf | None = None,
) -> Ranking:
    """The top ``k`` of ``items`` in groups of ranks that cannot be told apart.

    Fewer than ``k`` items gives all of them. After the k-th item the list goes on while the
    next item cannot be told apart from the last one listed, so a top three never leaves out
    an item that might as well be third. ``df`` gives a t quantile (``None``: normal).
    """
    if k < 1:
        raise FindingError(f"a top k needs k of at least 1, not {k!r}")
    test = partial(_indistinguishable, level=level, df=df, covariance=covariance)
    groups: list[list[LabelledValue]] = []
    for block in _tie_blocks(items):
        current = groups[-1] if groups else None
        if current is not None and all(
            test(member, candidate) for member in current for candidate in block
        ):
            current.extend(block)
        else:
            groups.append(list(block))
    top: list[RankGroup] = []
    listed = 0
    for group in groups:
        if listed >= k and not test(top[-1].items[-1], group[0]):
            break
        top.append(RankGroup(rank=listed + 1, items=tuple(group)))
        listed += len(group)
    return Ranking(groups=tuple(top), requested=k)


def _group_text(
    group: RankGroup, lang: Lang, *, show_values: bool, scale: ValueScale, decimals: int | None
) -> str:
    _ = translator(lang).gettext
    labels = join_list([item.label.get(lang) for item in group.items], lang)
    values = join_list(
        [
            format_value(item.estimate.estimate, lang, scale, decimals=decimals)
            for item in group.items
        ],
        lang,
    )
    if group.distinguishable:
        return (
            _("{labels} ({values})").format(labels=labels, values=values) if show_values else labels
        )
    if show_values:
        return _("{labels} ({values}; not distinguishable from one another)").format(
            labels=labels, values=values
        )
    return _("{labels} (not distinguishable from one another)").format(labels=labels)


def ranking_finding(
    items: Sequence[LabelledValue],
    k: int,
    intro: Predicate,
    theme: str,
    lang: Lang,
    *,
    show_values: bool = True,
    scale: ValueScale = "proportion",
    decimals: int | None = None,
    level: float = 0.95,
    df: float | None = None,
    covariance: CovarianceOf | None = None,
) -> Finding:
    """The top k as a sentence: "{intro} A (62%), gevolgd door B en C (48% en 46%; niet
    onderling te onderscheiden)."

    ``intro`` is caller wording, singular for a list of one item ("De meest genoemde
    toepassing is") and plural otherwise ("De meest genoemde toepassingen zijn").
    """
    check_language(lang)
    if not items:
        raise FindingError("a ranking needs at least one item")
    ranking = rank(items, k, level=level, df=df, covariance=covariance)
    _ = translator(lang).gettext
    parts = [
        _group_text(group, lang, show_values=show_values, scale=scale, decimals=decimals)
        for group in ranking.groups
    ]
    listing = parts[0]
    for part in parts[1:]:
        listing = _("{previous}, followed by {next}").format(previous=listing, next=part)
    number: GrammaticalNumber = "singular" if len(ranking.items) == 1 else "plural"
    sentence = _("{intro} {listing}.").format(intro=intro.form(number, lang), listing=listing)
    return Finding(
        theme=theme,
        lang=lang,
        sentence=capitalize_first(sentence),
        evidence=tuple(item.evidence for item in ranking.items),
        rule="ranking",
    )
