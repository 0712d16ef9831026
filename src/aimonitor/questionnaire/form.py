"""The survey page of one theme, worded and ready to render: what the web survey shows.

:func:`build_theme_form` takes the frozen questionnaire, a response's answers (and last
year's), the problems found when saving, and the language, and returns plain data: each
item with its text, whether routing shows it, its fields with their choices and entered
values, last year's answer in words. The web templates only lay it out; nothing here knows
Django. :func:`build_progress` counts, per theme, the questions routing asks and those
answered; :func:`missing_answers` lists what a submission still needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from aimonitor.i18n import Lang, translator
from aimonitor.questionnaire.entry import field_names, rank_field, special_field
from aimonitor.questionnaire.items import GridItem, Item, NumericItem, TextItem
from aimonitor.questionnaire.model import Questionnaire
from aimonitor.questionnaire.routing import is_answered
from aimonitor.questionnaire.types import question_type
from aimonitor.questionnaire.variables import Variable

AnswerValues = Mapping[str, object]
"""A response's answers by variable name."""


@dataclass(frozen=True)
class SurveyChoice:
    """One option of a field: its value as posted, its label, whether it is chosen."""

    value: str
    label: str
    chosen: bool = False
    special: bool = False


@dataclass(frozen=True)
class SurveyRank:
    """One place of a ranking: its field and the options, the chosen one marked."""

    place: int
    name: str
    choices: tuple[SurveyChoice, ...]


@dataclass(frozen=True)
class SurveyField:
    """One answer variable as a form field."""

    name: str
    """The variable, also the name of its main form field."""
    label: str
    """The question text, or for a grid row the row's label."""
    widget: str
    choices: tuple[SurveyChoice, ...] = ()
    text: str = ""
    """The entered text or number, as typed."""
    special_name: str = ""
    special_choices: tuple[SurveyChoice, ...] = ()
    ranks: tuple[SurveyRank, ...] = ()
    max_length: int | None = None
    problem: str | None = None
    previous: str | None = None
    """Last year's answer in words (``None``: none was given)."""
    field_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyItem:
    """One question: its text, whether routing shows it, and its fields."""

    id: str
    text: str
    help: str | None
    widget: str
    shown: bool
    optional: bool
    fields: tuple[SurveyField, ...]
    unit: str | None = None
    columns: tuple[SurveyChoice, ...] = ()
    """The shared columns of a grid of choices or a scale (one per option)."""

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(f.problem for f in self.fields if f.problem)

    @property
    def has_previous(self) -> bool:
        return any(f.previous is not None for f in self.fields)


@dataclass(frozen=True)
class ThemeForm:
    """A theme's page of the survey."""

    id: str
    number: int | None
    name: str
    items: tuple[SurveyItem, ...]


@dataclass(frozen=True)
class ThemeProgress:
    """How far a response is with one theme: questions answered of those routing asks."""

    id: str
    number: int | None
    name: str
    answered: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.expected


@dataclass(frozen=True)
class FormInputs:
    """What a theme page is built from besides the questionnaire and the language."""

    answers: AnswerValues
    previous: AnswerValues = field(default_factory=dict)
    problems: Mapping[str, str] = field(default_factory=dict)
    entered: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Form fields as posted, shown again where the answer was refused."""
    municipality_names: Mapping[int, str] = field(default_factory=dict)
    """Municipality number -> name, for the municipality pickers."""


def build_theme_form(
    questionnaire: Questionnaire, theme_id: str, inputs: FormInputs, lang: Lang
) -> ThemeForm:
    """The page of ``theme_id``: every item of the theme, hidden ones marked as such."""
    theme = questionnaire.theme(theme_id)
    items = tuple(
        build_survey_item(questionnaire, item, inputs, lang)
        for item in questionnaire.items_of(theme_id)
    )
    return ThemeForm(theme.id, theme.number, theme.name.get(lang), items)


def build_survey_item(
    questionnaire: Questionnaire, item: Item, inputs: FormInputs, lang: Lang
) -> SurveyItem:
    """One item of the page, with routing applied to ``inputs.answers``."""
    variables = [v for v in questionnaire.variables() if v.item == item.id]
    widget = question_type(item.type).presentation.widget
    fields = tuple(_field(questionnaire, item, v, inputs, lang) for v in variables)
    columns: tuple[SurveyChoice, ...] = ()
    if isinstance(item, GridItem) and item.cell != "numeric":
        columns = tuple(
            SurveyChoice(c.value, c.label, special=c.special) for c in fields[0].choices
        )
    unit = item.unit.get(lang) if isinstance(item, NumericItem) and item.unit else None
    return SurveyItem(
        id=item.id,
        text=item.text.get(lang),
        help=item.help.get(lang) if item.help else None,
        widget=widget,
        shown=questionnaire.is_shown(item.id, inputs.answers),
        optional=item.optional,
        fields=fields,
        unit=unit,
        columns=columns,
    )


def _field(
    q: Questionnaire, item: Item, variable: Variable, inputs: FormInputs, lang: Lang
) -> SurveyField:
    value = inputs.answers.get(variable.name)
    entered = {n: inputs.entered[n] for n in field_names(variable) if n in inputs.entered}
    label = variable.label.get(lang)
    if variable.row is not None and isinstance(item, GridItem):
        row = next(r for r in item.rows if r.key == variable.row)
        label = row.label.get(lang)
    widget = _widget(item, variable)
    chosen = _chosen(variable, value, entered)
    common = {
        "name": variable.name,
        "label": label,
        "widget": widget,
        "problem": inputs.problems.get(variable.name),
        "previous": describe_answer(
            variable, inputs.previous.get(variable.name), lang, inputs.municipality_names
        ),
        "field_names": field_names(variable),
    }
    if variable.type == "numeric":
        special = tuple(
            SurveyChoice(str(c.code), c.label.get(lang), str(c.code) in chosen, True)
            for c in variable.codes
            if c.special
        )
        text = (
            entered[variable.name][0]
            if entered.get(variable.name)
            else _number_text(value, variable, lang)
        )
        return SurveyField(
            **common,  # type: ignore[arg-type]
            text=text,
            special_name=special_field(variable),
            special_choices=special,
        )
    if variable.type == "text":
        text = (
            entered[variable.name][0]
            if entered.get(variable.name)
            else (value if isinstance(value, str) else "")
        )
        limit = item.max_length if isinstance(item, TextItem) else None
        return SurveyField(**common, text=text, max_length=limit)  # type: ignore[arg-type]
    if variable.type == "ranking":
        ranks = []
        stored = value if isinstance(value, list) else []
        for place in range(1, (variable.max_choices or 1) + 1):
            name = rank_field(variable, place)
            picked = (
                entered[name][0]
                if entered.get(name)
                else (str(stored[place - 1]) if place <= len(stored) else "")
            )
            ranks.append(
                SurveyRank(
                    place,
                    name,
                    tuple(
                        SurveyChoice(str(c.code), c.label.get(lang), str(c.code) == picked)
                        for c in variable.codes
                    ),
                )
            )
        return SurveyField(**common, ranks=tuple(ranks))  # type: ignore[arg-type]
    if variable.type == "municipalities" or variable.code_list is not None:
        choices = tuple(
            SurveyChoice(str(number), f"{name} (GM{number:04d})", str(number) in chosen)
            for number, name in sorted(inputs.municipality_names.items(), key=lambda kv: kv[1])
        )
        return SurveyField(**common, choices=choices)  # type: ignore[arg-type]
    choices = tuple(
        SurveyChoice(str(c.code), c.label.get(lang), str(c.code) in chosen, c.special)
        for c in variable.codes
    )
    return SurveyField(**common, choices=choices)  # type: ignore[arg-type]


def _widget(item: Item, variable: Variable) -> str:
    if variable.code_list is not None:
        return "select"
    return {
        "single_choice": "choice",
        "likert": "choice",
        "multiple_choice": "choices",
        "numeric": "number",
        "text": "text",
        "ranking": "ranking",
        "municipalities": "municipalities",
    }[variable.type]


def _chosen(variable: Variable, value: object, entered: Mapping[str, Sequence[str]]) -> set[str]:
    if entered:
        return {raw for values in entered.values() for raw in values}
    if isinstance(value, list):
        return {str(part) for part in value}
    if isinstance(value, int) and not isinstance(value, bool):
        return {str(value)}
    return set()


def _number_text(value: object, variable: Variable, lang: Lang) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return ""
    if isinstance(value, int) and value in variable.special_codes:
        return ""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "nl" else text


def describe_answer(
    variable: Variable, value: object, lang: Lang, municipality_names: Mapping[int, str]
) -> str | None:
    """An answer in words: its labels, its number or its text; ``None`` for no answer."""
    if not is_answered(value):
        return None
    words = translator(lang)
    if variable.type == "municipalities" or variable.code_list is not None:
        numbers = value if isinstance(value, list) else [value]
        return ", ".join(
            municipality_names.get(n, f"GM{n:04d}") if isinstance(n, int) else str(n)
            for n in numbers
        )
    if isinstance(value, list):
        labels = [_label(variable, part, lang) for part in value]
        if variable.type == "ranking":
            return "; ".join(f"{i}. {label}" for i, label in enumerate(labels, start=1))
        return "; ".join(labels)
    if isinstance(value, int) and not isinstance(value, bool) and variable.code_label(value):
        return _label(variable, value, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value, variable, lang)
    if isinstance(value, str):
        return value
    return words.gettext("(an answer that cannot be shown)")


def _label(variable: Variable, code: object, lang: Lang) -> str:
    label = variable.code_label(code) if isinstance(code, int) else None
    return label.label.get(lang) if label else str(code)


def build_progress(
    questionnaire: Questionnaire, answers: AnswerValues, lang: Lang
) -> tuple[ThemeProgress, ...]:
    """Per theme: the required questions routing asks given ``answers``, and those answered."""
    asked = [v for v in questionnaire.shown_variables(answers) if not v.optional]
    return tuple(
        ThemeProgress(
            theme.id,
            theme.number,
            theme.name.get(lang),
            answered=sum(
                1 for v in asked if v.theme == theme.id and is_answered(answers.get(v.name))
            ),
            expected=sum(1 for v in asked if v.theme == theme.id),
        )
        for theme in questionnaire.themes
    )


def missing_answers(questionnaire: Questionnaire, answers: AnswerValues) -> tuple[Variable, ...]:
    """The required questions routing asks that have no answer yet, in survey order."""
    return tuple(
        v
        for v in questionnaire.shown_variables(answers)
        if not v.optional and not is_answered(answers.get(v.name))
    )


def refusal_text(reason: str, lang: Lang) -> str:
    """Why a save was refused as a whole, for the respondent: ``submitted`` (the response
    is fixed) or ``routed_away`` (the question does not apply)."""
    words = translator(lang)
    if reason == "submitted":
        return words.gettext("This response has been submitted and can no longer change.")
    return words.gettext("This question does not apply, given earlier answers.")


def no_answer_text(lang: Lang) -> str:
    """What stands for a missing answer beside a given one (in a conflict)."""
    return translator(lang).gettext("no answer")
