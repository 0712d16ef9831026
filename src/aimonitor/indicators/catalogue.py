"""Which estimands each questionnaire variable yields, derived from its type and codes.

The rules (see docs/methodology/indicators.md):

* single choice and grid rows with options: a proportion per code, special codes included
  (option ``"<code>"``), and per code group (``"group:<key>"``);
* multiple choice: the share ticking each code (``"<code>"``);
* Likert: the mean of 1-5 (``"mean"``, special codes left out of the base) and the share
  per code, special codes included;
* numeric: the mean (``"mean"``, special codes left out of the base);
* ranking with N ranks: the share ranking each code first (``"rank1:<code>"``) and in the
  top N (``"top<N>:<code>"``, only when N > 1);
* a choice grid with groups: the share with at least one row in the group
  (``"any:<key>"``), keyed by the item id;
* text, a list of municipalities (A4a), and single choice from an external code list (A1,
  the municipality): nothing.

The rules are registered per question type in :data:`ESTIMAND_RULES`, keyed like the
question-type registry :mod:`aimonitor.questionnaire.types`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from aimonitor.i18n import Text
from aimonitor.questionnaire import CodeGroup, GridItem, Item, Questionnaire, Variable

EstimandKind = Literal["proportion", "mean"]
Base = Literal["answered", "substantive", "any_row"]

BASES: dict[Base, str] = {
    "answered": "respondents who were shown the item and answered it (special codes included)",
    "substantive": "respondents who were shown the item and gave a substantive answer "
    "(special codes such as 98 'weet niet' left out)",
    "any_row": "respondents who were shown the grid and answered at least one of its rows",
}
"""Who is in the denominator of an estimand, by its ``base``."""

MEAN_LIKERT = Text.translated("mean (1-5)")
MEAN_NUMBER = Text.translated("mean")


@dataclass(frozen=True)
class Estimand:
    """One figure a variable (or a grid) yields: what is estimated, of whom, and its labels.

    ``codes`` are the codes that count as 1 in a proportion: one code, a group's codes, or
    the code ranked. ``rank`` (rankings only) counts a code within the first ``rank``
    positions. ``sources`` are the answer variables read: the variable itself, or every
    row of a grid for ``any:``.
    """

    variable: str
    option: str
    kind: EstimandKind
    base: Base
    question: Text
    """The variable's label (item text, or "item text – row label"); for ``any:`` the item text."""
    answer: Text
    """What is counted or averaged: a code's label, a group's label, "mean (1-5)", ..."""
    sources: tuple[str, ...]
    codes: tuple[int, ...] = ()
    rank: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.variable, self.option)

    @property
    def label(self) -> Text:
        """The full readable label: "question – answer"."""
        return Text(
            nl=f"{self.question.nl} – {self.answer.nl}", en=f"{self.question.en} – {self.answer.en}"
        )


EstimandRule = Callable[[Item, Sequence[Variable]], Iterator[Estimand]]
"""The estimands of one item, given the item and its answer variables in order."""


def catalogue(q: Questionnaire) -> tuple[Estimand, ...]:
    """Every estimand of ``q`` in survey order; a grid's ``any:`` ones follow its last row."""
    variables: dict[str, list[Variable]] = {}
    for variable in q.variables():
        variables.setdefault(variable.item, []).append(variable)
    return tuple(
        estimand
        for item in q.items
        for estimand in ESTIMAND_RULES[item.type](item, variables.get(item.id, ()))
    )


def _nothing(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    """Open text and a list of municipalities yield no figures."""
    return iter(())


def _shares(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    """A share per code and per code group; nothing from an external code list (A1)."""
    for variable in variables:
        if variable.code_list is not None:
            continue
        yield from _code_shares(variable)


def _likert(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    for variable in variables:
        yield _estimand(variable, "mean", "mean", "substantive", MEAN_LIKERT)
        yield from _code_shares(variable)


def _numeric(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    for variable in variables:
        yield _estimand(variable, "mean", "mean", "substantive", MEAN_NUMBER)


def _rankings(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    for variable in variables:
        yield from _ranking(variable)


def _grid(item: Item, variables: Sequence[Variable]) -> Iterator[Estimand]:
    """Each row as an item of the cell's type, then the ``any:`` shares across the rows."""
    for variable in variables:
        yield from ESTIMAND_RULES[variable.type](item, (variable,))
    if isinstance(item, GridItem):
        yield from _any_row(item)


ESTIMAND_RULES: Mapping[str, EstimandRule] = MappingProxyType(
    {
        "single_choice": _shares,
        "multiple_choice": _shares,
        "grid": _grid,
        "likert": _likert,
        "numeric": _numeric,
        "text": _nothing,
        "ranking": _rankings,
        "municipalities": _nothing,
    }
)
"""The estimand rule of every question type (:mod:`aimonitor.questionnaire.types`)."""


def _code_shares(variable: Variable) -> Iterator[Estimand]:
    for value in variable.codes:
        yield _estimand(
            variable, str(value.code), "proportion", "answered", value.label, (value.code,)
        )
    for group in variable.groups:
        yield _estimand(
            variable, f"group:{group.key}", "proportion", "answered", group.label, group.codes
        )


def _ranking(variable: Variable) -> Iterator[Estimand]:
    ranks = variable.max_choices or 1
    for value in variable.codes:
        first = Text.translated("ranked first: {label}").format(label=value.label)
        yield _estimand(
            variable, f"rank1:{value.code}", "proportion", "answered", first, (value.code,), rank=1
        )
    if ranks == 1:
        return
    for value in variable.codes:
        top = Text.translated("in the top {ranks}: {label}").format(ranks=ranks, label=value.label)
        yield _estimand(
            variable,
            f"top{ranks}:{value.code}",
            "proportion",
            "answered",
            top,
            (value.code,),
            rank=ranks,
        )


def _any_row(item: GridItem) -> Iterator[Estimand]:
    rows = tuple(f"{item.id}_{row.key}" for row in item.rows)
    for group in item.groups:
        yield Estimand(
            variable=item.id,
            option=f"any:{group.key}",
            kind="proportion",
            base="any_row",
            question=item.text,
            answer=_at_least_one(group),
            sources=rows,
            codes=group.codes,
        )


def _at_least_one(group: CodeGroup) -> Text:
    return Text.translated("at least one: {label}").format(label=group.label)


def _estimand(
    variable: Variable,
    option: str,
    kind: EstimandKind,
    base: Base,
    answer: Text,
    codes: tuple[int, ...] = (),
    *,
    rank: int | None = None,
) -> Estimand:
    return Estimand(
        variable=variable.name,
        option=option,
        kind=kind,
        base=base,
        question=variable.label,
        answer=answer,
        sources=(variable.name,),
        codes=codes,
        rank=rank,
    )
