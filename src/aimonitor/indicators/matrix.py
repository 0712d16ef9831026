"""The indicator matrix of a wave: respondents x estimands, 0/1 or values, NaN = not in base.

Answers are read once per respondent (routing applied: an answer to an item the respondent
was not shown counts as no answer) into per-variable arrays; every estimand's column is
then computed with numpy over all respondents at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from aimonitor.indicators.catalogue import Estimand, catalogue
from aimonitor.indicators.data import WaveData
from aimonitor.indicators.errors import IndicatorError
from aimonitor.questionnaire import Questionnaire, Variable, answer_problem, is_answered
from aimonitor.stats import BoolArray, FloatArray, IntArray


@dataclass(frozen=True, eq=False)
class IndicatorMatrix:
    """``values[i, j]``: respondent ``codes[i]``'s value for ``estimands[j]``.

    Proportions hold 0/1, means the answer; NaN means "not in the base of this estimand".
    """

    codes: tuple[str, ...]
    estimands: tuple[Estimand, ...]
    values: FloatArray

    def column(self, variable: str, option: str) -> FloatArray:
        """The column of the estimand with this key; :class:`KeyError` if there is none."""
        for j, estimand in enumerate(self.estimands):
            if estimand.key == (variable, option):
                column: FloatArray = self.values[:, j]
                return column
        raise KeyError(f"no estimand {variable} / {option}")


@dataclass(frozen=True, eq=False)
class _Answers:
    """One variable's answers over all respondents.

    ``answered``: the respondent was shown the item and answered. ``value``: the answer as a
    number (single choice, Likert, numeric), NaN otherwise. ``position[i, j]``: for the
    variable's j-th code, 1..N its rank (ranking), 1 if chosen (other coded types), 0 if not.
    """

    variable: Variable
    answered: BoolArray
    value: FloatArray
    position: IntArray


def build_matrix(wave: WaveData, estimands: Sequence[Estimand] | None = None) -> IndicatorMatrix:
    """The matrix of ``estimands`` (default: the questionnaire's whole catalogue).

    Raises :class:`IndicatorError` for an answer that does not fit its variable, naming the
    municipality and the variable.
    """
    q = wave.questionnaire
    chosen = tuple(catalogue(q) if estimands is None else estimands)
    names = sorted({name for estimand in chosen for name in estimand.sources})
    answers = _read(q, wave, [q.variable(name) for name in names])
    n = len(wave.respondents)
    values = np.full((n, len(chosen)), np.nan)
    for j, estimand in enumerate(chosen):
        values[:, j] = _column(estimand, [answers[name] for name in estimand.sources])
    return IndicatorMatrix(tuple(r.code for r in wave.respondents), chosen, values)


def _read(q: Questionnaire, wave: WaveData, variables: list[Variable]) -> dict[str, _Answers]:
    n = len(wave.respondents)
    out = {
        v.name: _Answers(
            variable=v,
            answered=np.zeros(n, dtype=np.bool_),
            value=np.full(n, np.nan),
            position=np.zeros((n, len(v.codes)), dtype=np.int64),
        )
        for v in variables
    }
    index = {v.name: {value.code: j for j, value in enumerate(v.codes)} for v in variables}
    for i, respondent in enumerate(wave.respondents):
        shown = {v.name for v in q.shown_variables(respondent.answers)}
        for name, store in out.items():
            value = respondent.answers.get(name)
            if name not in shown or not is_answered(value):
                continue
            problem = answer_problem(store.variable, value)
            if problem is not None:
                raise IndicatorError(f"{respondent.code}: answer to {name}: {problem}")
            store.answered[i] = True
            _store(store, index[name], i, value)
    return out


def _store(store: _Answers, index: Mapping[int, int], i: int, value: object) -> None:
    if isinstance(value, list | tuple):
        ranked = store.variable.type == "ranking"
        for rank, code in enumerate(value, start=1):
            store.position[i, index[code]] = rank if ranked else 1
        return
    assert isinstance(value, int | float)
    store.value[i] = float(value)
    if isinstance(value, int) and value in index:
        store.position[i, index[value]] = 1


def _column(estimand: Estimand, sources: list[_Answers]) -> FloatArray:
    if estimand.kind == "mean":
        (source,) = sources
        special = np.isin(source.value, source.variable.special_codes)
        result: FloatArray = np.where(source.answered & ~special, source.value, np.nan)
        return result
    hits = [_hits(estimand, source) for source in sources]
    answered = np.logical_or.reduce([source.answered for source in sources])
    hit = np.logical_or.reduce(hits)
    column: FloatArray = np.where(answered, hit.astype(np.float64), np.nan)
    return column


def _hits(estimand: Estimand, source: _Answers) -> BoolArray:
    columns = [j for j, value in enumerate(source.variable.codes) if value.code in estimand.codes]
    position = source.position[:, columns]
    last = position.shape[1] + 1 if estimand.rank is None else estimand.rank
    chosen: BoolArray = (position > 0) & (position <= last)
    hit: BoolArray = np.asarray(chosen.any(axis=1), dtype=np.bool_)
    return hit
