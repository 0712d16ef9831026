"""The maturity index of the benchmark: which answers score how many points, per theme.

The index is a YAML file (``data/benchmark/maturity.yaml``; docs/methodology/benchmark.md)::

    themes:
      vision:
        rules:
          - key: vision_adopted
            variable: B1
            label: {nl: "...", en: "..."}
            points: {1: 2, 2: 1}       # answer code: points

A rule reads one coded answer variable (single choice, Likert, multiple choice, or a grid row
of those). An answer code listed under ``points`` scores its points, any other code scores 0;
a list of codes (multiple choice) scores the highest points of the codes chosen. No answer,
and a question the routing did not ask, score 0. A theme's maximum is the sum of each rule's
highest points; its score is ``points / maximum`` as a whole percentage, rounded half up. A
theme without rules has no score (its ``note`` says why).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Text
from aimonitor.questionnaire import Questionnaire, Variable, is_answered
from aimonitor.reading import load_yaml

from .errors import ReportError

SCORED_TYPES = frozenset({"single_choice", "likert", "multiple_choice"})
"""The variable types a rule may read: answers that are codes."""


@dataclass(frozen=True)
class MaturityRule:
    """One rule: the points each listed answer code of ``variable`` scores."""

    key: str
    variable: str
    label: Text
    points: tuple[tuple[int, int], ...]
    """(code, points) pairs in file order; unlisted codes score 0."""

    @property
    def maximum(self) -> int:
        return max(points for _code, points in self.points)

    def points_of(self, code: int) -> int:
        return dict(self.points).get(code, 0)


@dataclass(frozen=True)
class MaturityTheme:
    """The rules of one numbered theme; no rules: the theme has no score, ``note`` says why."""

    theme: str
    rules: tuple[MaturityRule, ...]
    note: Text | None = None

    @property
    def maximum(self) -> int:
        return sum(rule.maximum for rule in self.rules)

    @property
    def scored(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class MaturityIndex:
    id: str
    version: str
    questionnaire: str
    """The id of the questionnaire the rules were written for."""
    themes: tuple[MaturityTheme, ...]

    def theme(self, theme_id: str) -> MaturityTheme | None:
        return next((t for t in self.themes if t.theme == theme_id), None)


@dataclass(frozen=True)
class RuleScore:
    """What one rule gave a municipality: the answer it read, and the points."""

    rule: MaturityRule
    answer: Text | None
    """The answer given, in words (codes joined with "; "); ``None``: not answered or not
    asked (:attr:`asked`)."""
    asked: bool
    points: int


@dataclass(frozen=True)
class ThemeScore:
    """A municipality's maturity in one theme: points of maximum, and the score 0-100."""

    theme: str
    points: int
    maximum: int
    score: int
    """``points / maximum`` as a whole percentage, rounded half up."""
    contributions: tuple[RuleScore, ...]


def percentage(points: int, maximum: int) -> int:
    """``points`` of ``maximum`` as a whole percentage, rounded half up (exactly)."""
    return floor(Fraction(100 * points, maximum) + Fraction(1, 2))


def load_maturity_index(path: Path, questionnaire: Questionnaire | None = None) -> MaturityIndex:
    """The maturity index in the YAML file ``path``, checked against ``questionnaire`` when
    given (every theme a numbered theme of it, every variable a coded variable of it, every
    code one of the variable's codes). Any problem raises :class:`ReportError` naming the
    theme and the rule."""
    try:
        data = load_yaml(path)
    except AimonitorError as error:
        raise ReportError(f"maturity index {path.name}: {error}") from None
    index = _parse(data, path.name)
    if questionnaire is not None:
        check_maturity_index(index, questionnaire, source=path.name)
    return index


def check_maturity_index(
    index: MaturityIndex, questionnaire: Questionnaire, *, source: str = "maturity index"
) -> None:
    """Raise :class:`ReportError` for a rule the questionnaire cannot score."""
    numbered = {t.id for t in questionnaire.themes if t.number is not None}
    for theme in index.themes:
        if theme.theme not in numbered:
            raise ReportError(
                f"{source}: theme {theme.theme!r} is not a numbered theme of questionnaire "
                f"{questionnaire.id} ({', '.join(sorted(numbered))})"
            )
        for rule in theme.rules:
            where = f"{source}: theme {theme.theme}, rule {rule.key}"
            try:
                variable = questionnaire.variable(rule.variable)
            except KeyError:
                raise ReportError(
                    f"{where}: {rule.variable!r} is not a variable of questionnaire "
                    f"{questionnaire.id}"
                ) from None
            if variable.type not in SCORED_TYPES or variable.code_list is not None:
                raise ReportError(
                    f"{where}: {rule.variable} is a {variable.type} variable; a rule scores "
                    "answer codes (single choice, Likert, multiple choice, or a grid row of those)"
                )
            for code, _points in rule.points:
                if variable.code_label(code) is None:
                    known = ", ".join(str(value.code) for value in variable.codes)
                    raise ReportError(
                        f"{where}: {code} is not a code of {rule.variable} (codes: {known})"
                    )


def score_maturity(
    index: MaturityIndex, questionnaire: Questionnaire, answers: Mapping[str, object]
) -> tuple[ThemeScore, ...]:
    """The maturity score of every theme of ``index`` that has rules, in index order.

    An answer scores only when the routing asked its question (``questionnaire.is_shown``);
    unanswered and not asked score 0, like an answer the rule does not list.
    """
    check_maturity_index(index, questionnaire)
    scores = []
    for theme in index.themes:
        if not theme.scored:
            continue
        contributions = tuple(
            _score_rule(rule, questionnaire.variable(rule.variable), questionnaire, answers)
            for rule in theme.rules
        )
        points = sum(c.points for c in contributions)
        scores.append(
            ThemeScore(
                theme=theme.theme,
                points=points,
                maximum=theme.maximum,
                score=percentage(points, theme.maximum),
                contributions=contributions,
            )
        )
    return tuple(scores)


def _score_rule(
    rule: MaturityRule,
    variable: Variable,
    questionnaire: Questionnaire,
    answers: Mapping[str, object],
) -> RuleScore:
    asked = questionnaire.is_shown(variable.name, answers)
    value = answers.get(variable.name)
    if not asked or not is_answered(value):
        return RuleScore(rule, None, asked, 0)
    codes = [c for c in (value if isinstance(value, list | tuple) else [value]) if _is_code(c)]
    labels = [label.label for c in codes if (label := variable.code_label(c)) is not None]
    answer = (
        Text(nl="; ".join(t.nl for t in labels), en="; ".join(t.en for t in labels))
        if labels
        else None
    )
    points = max((rule.points_of(c) for c in codes), default=0)
    return RuleScore(rule, answer, True, points)


def _is_code(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------- parsing


def _parse(data: Any, source: str) -> MaturityIndex:
    if not isinstance(data, Mapping):
        raise ReportError(f"{source}: the file must hold a mapping (id, version, themes)")
    for field in ("id", "version", "questionnaire"):
        if not isinstance(data.get(field), str) or not data[field]:
            raise ReportError(f"{source}: {field!r} must be a non-empty text")
    themes = data.get("themes")
    if not isinstance(themes, Mapping) or not themes:
        raise ReportError(f"{source}: 'themes' must map each theme id to its rules")
    parsed = []
    keys: set[str] = set()
    for theme_id, body in themes.items():
        where = f"{source}: theme {theme_id}"
        if not isinstance(theme_id, str) or not isinstance(body, Mapping):
            raise ReportError(f"{where}: must be a mapping with 'rules' (and an optional 'note')")
        unknown = set(body) - {"rules", "note"}
        if unknown:
            raise ReportError(f"{where}: unknown fields {', '.join(sorted(map(str, unknown)))}")
        rules_data = body.get("rules") or []
        if not isinstance(rules_data, list):
            raise ReportError(f"{where}: 'rules' must be a list")
        rules = tuple(
            _rule(r, f"{where}, rule {position}") for position, r in enumerate(rules_data, 1)
        )
        for rule in rules:
            if rule.key in keys:
                raise ReportError(f"{where}: rule key {rule.key!r} is used twice")
            keys.add(rule.key)
        note = _text(body["note"], f"{where}: note") if body.get("note") is not None else None
        if not rules and note is None:
            raise ReportError(f"{where}: a theme without rules needs a 'note' saying why")
        parsed.append(MaturityTheme(theme_id, rules, note))
    return MaturityIndex(
        id=data["id"],
        version=data["version"],
        questionnaire=data["questionnaire"],
        themes=tuple(parsed),
    )


def _rule(data: Any, where: str) -> MaturityRule:
    if not isinstance(data, Mapping):
        raise ReportError(f"{where}: must be a mapping (key, variable, label, points)")
    unknown = set(data) - {"key", "variable", "label", "points"}
    if unknown:
        raise ReportError(f"{where}: unknown fields {', '.join(sorted(map(str, unknown)))}")
    key, variable = data.get("key"), data.get("variable")
    if not isinstance(key, str) or not key:
        raise ReportError(f"{where}: 'key' must be a non-empty text")
    where = f"{where} ({key})"
    if not isinstance(variable, str) or not variable:
        raise ReportError(f"{where}: 'variable' must name an answer variable")
    points = data.get("points")
    if not isinstance(points, Mapping) or not points:
        raise ReportError(f"{where}: 'points' must map answer codes to points, e.g. {{1: 2}}")
    pairs = []
    for code, value in points.items():
        if not _is_code(code) or not _is_code(value) or value < 1:
            raise ReportError(
                f"{where}: points must map an integer answer code to a whole number of points "
                f"of at least 1, got {code!r}: {value!r}"
            )
        pairs.append((code, value))
    label = _text(data.get("label"), f"{where}: label")
    return MaturityRule(key, variable, label, tuple(pairs))


def _text(data: Any, where: str) -> Text:
    try:
        return Text.model_validate(data)
    except ValidationError:
        raise ReportError(
            f"{where} must give a non-empty Dutch and English text (nl, en)"
        ) from None
