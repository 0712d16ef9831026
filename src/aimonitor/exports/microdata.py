"""The open microdata of a wave: one row per responding municipality, one column per value
a statistics package needs, labelled in both languages.

What a column holds follows the answer type's export metadata
(:class:`aimonitor.questionnaire.types.protocols.ExportMetadata`):

* ``code`` (single choice, Likert, a grid row): the code, with the variable's value labels;
  special codes (98 "weet niet", 99 "wil niet zeggen") are declared missing;
* ``number``: the number, with the item's decimals; special codes as above;
* ``codes`` of a multiple-choice item: one 0/1 column per option (``E4_3``: option 3 chosen),
  the special code in every column when that was the answer (a multiple-dichotomy set, the
  form SPSS and PSPP analyse without garbling);
* ``codes`` of a ranking: one column per place (``F3_1`` is the code ranked first);
* ``text``: the open answer, only for municipalities that consented to being named (open
  answers often name the municipality);
* the municipalities a shared organisation answered for (A4a) are left out: the list names
  them;
* an anonymous row (no consent) has no answer to a question that identifies the municipality
  (:func:`~aimonitor.indicators.disclosure.identifying_variables`: A1, A2, A4), and its
  numbers are top-coded (:func:`~aimonitor.indicators.disclosure.top_coded`).

An item a municipality was not asked (routing) or did not answer is empty (system missing).
The municipality's code and name are filled only with its consent; for the other rows the
size class (publication class) and province follow
:func:`aimonitor.indicators.disclosure.released_places`. Municipalities a shared organisation
answered for carry that organisation's answers, as in the estimates (decision 0010).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor.frame import PROVINCES, Frame
from aimonitor.i18n import Text
from aimonitor.indicators import WaveData
from aimonitor.indicators.disclosure import (
    PUBLICATION_CLASSES,
    identifying_variables,
    publication_class,
    released_places,
    top_coded,
)
from aimonitor.questionnaire import Questionnaire, is_answered
from aimonitor.questionnaire.types import answer_type
from aimonitor.questionnaire.types.protocols import Measurement
from aimonitor.questionnaire.variables import ValueLabel, Variable

Cell = float | str | None


@dataclass(frozen=True)
class MicrodataColumn:
    """One column of the open microdata, with what a codebook says about it."""

    name: str
    label: Text
    measurement: Measurement
    kind: Literal["number", "text"]
    values: tuple[Cell, ...]
    value_labels: tuple[ValueLabel, ...] = ()
    missing: tuple[int, ...] = ()
    """Codes that are missing values (the special codes 98, 99)."""
    decimals: int = 0
    variable: str | None = None
    """The questionnaire's answer variable it comes from (``None``: who and where)."""
    top_code: float | None = None
    """Anonymous rows show at most this number
    (:func:`~aimonitor.indicators.disclosure.top_coded`)."""


@dataclass(frozen=True)
class Microdata:
    year: int
    synthetic: bool
    questionnaire: Questionnaire
    columns: tuple[MicrodataColumn, ...]

    @property
    def rows(self) -> int:
        return len(self.columns[0].values) if self.columns else 0

    def column(self, name: str) -> MicrodataColumn:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def _place_label(variable: Variable, place: int) -> Text:
    return Text(nl=f"{variable.label.nl}: plaats {place}", en=f"{variable.label.en}: place {place}")


def _option_label(variable: Variable, option: ValueLabel) -> Text:
    return Text(
        nl=f"{variable.label.nl}: {option.label.nl}", en=f"{variable.label.en}: {option.label.en}"
    )


_CHOSEN = (
    ValueLabel(0, Text(nl="niet gekozen", en="not chosen")),
    ValueLabel(1, Text(nl="gekozen", en="chosen")),
)


def build_microdata(wave: WaveData, frame: Frame, consent: Collection[str] = ()) -> Microdata:
    """The microdata of ``wave``; ``consent`` holds the CBS codes of the municipalities that
    allow their answers to appear under their name."""
    rows = sorted(wave.respondents, key=lambda r: r.code)
    named = [row.code in consent for row in rows]
    places = [
        (
            publication_class(frame.by_code(row.code).size_class.code).code,
            frame.by_code(row.code).province,
        )
        for row in rows
    ]
    anonymous = iter(released_places([p for p, n in zip(places, named, strict=True) if not n]))
    shown = [
        place if is_named else next(anonymous)
        for place, is_named in zip(places, named, strict=True)
    ]
    columns = [*_who_columns(rows, frame, named, shown)]
    identifying = identifying_variables(wave.questionnaire)
    for variable in wave.questionnaire.variables():
        answers = [
            row.answers if is_named or variable.name not in identifying else {}
            for row, is_named in zip(rows, named, strict=True)
        ]
        columns += _answer_columns(variable, answers, named)
    return Microdata(wave.year, wave.synthetic, wave.questionnaire, tuple(columns))


def _who_columns(
    rows: Sequence[object],
    frame: Frame,
    named: Sequence[bool],
    shown: Sequence[tuple[str | None, str | None]],
) -> list[MicrodataColumn]:
    codes = [getattr(row, "code") for row in rows]  # noqa: B009
    class_codes = {c.code: number for number, c in enumerate(PUBLICATION_CLASSES, start=1)}
    province_codes = {name: number for number, name in enumerate(PROVINCES, start=1)}
    return [
        MicrodataColumn(
            "gemeentecode",
            Text(
                nl="CBS-gemeentecode (alleen met toestemming)",
                en="CBS municipality code (only with consent)",
            ),
            "nominal",
            "text",
            tuple(code if is_named else None for code, is_named in zip(codes, named, strict=True)),
        ),
        MicrodataColumn(
            "gemeentenaam",
            Text(nl="Gemeente (alleen met toestemming)", en="Municipality (only with consent)"),
            "nominal",
            "text",
            tuple(
                frame.by_code(code).name if is_named else None
                for code, is_named in zip(codes, named, strict=True)
            ),
        ),
        MicrodataColumn(
            "grootteklasse",
            Text(nl="Grootteklasse (inwoners)", en="Size class (inhabitants)"),
            "ordinal",
            "number",
            tuple(None if c is None else float(class_codes[c]) for c, _ in shown),
            tuple(
                ValueLabel(number, c.label)
                for c, number in zip(PUBLICATION_CLASSES, class_codes.values(), strict=True)
            ),
        ),
        MicrodataColumn(
            "provincie",
            Text(nl="Provincie", en="Province"),
            "nominal",
            "number",
            tuple(None if p is None else float(province_codes[p]) for _, p in shown),
            tuple(
                ValueLabel(number, Text.neutral(name)) for name, number in province_codes.items()
            ),
        ),
    ]


def _answer_columns(
    variable: Variable, answers: Sequence[Mapping[str, object]], named: Sequence[bool]
) -> list[MicrodataColumn]:
    export = answer_type(variable.type).export
    values = [a.get(variable.name) if is_answered(a.get(variable.name)) else None for a in answers]
    missing = variable.special_codes
    if variable.covers:
        return []
    if export.stored_as == "text":
        return [
            MicrodataColumn(
                variable.name,
                variable.label,
                export.measurement,
                "text",
                tuple(
                    str(v) if v is not None and n else None
                    for v, n in zip(values, named, strict=True)
                ),
                variable=variable.name,
            )
        ]
    if export.stored_as in ("code", "number"):
        decimals = variable.bounds.decimals if variable.bounds is not None else 0
        numbers = [None if v is None else float(v) for v in values]  # type: ignore[arg-type]
        ceiling = None
        if export.stored_as == "number":
            numbers, ceiling = _top_coded(numbers, named, missing)
        return [
            MicrodataColumn(
                variable.name,
                variable.label,
                export.measurement,
                "number",
                tuple(numbers),
                variable.codes,
                missing,
                decimals or 0,
                variable.name,
                ceiling,
            )
        ]
    specials = [c for c in variable.codes if c.special]
    if export.limit == "ranks":
        places = variable.max_choices or len(variable.codes)
        return [
            MicrodataColumn(
                f"{variable.name}_{place}",
                _place_label(variable, place),
                "nominal",
                "number",
                tuple(_at_place(v, place, missing) for v in values),
                variable.codes,
                missing,
                0,
                variable.name,
            )
            for place in range(1, places + 1)
        ]
    return [
        MicrodataColumn(
            f"{variable.name}_{option.code}",
            _option_label(variable, option),
            "nominal",
            "number",
            tuple(_chosen(v, option.code, missing) for v in values),
            (*_CHOSEN, *specials),
            missing,
            0,
            variable.name,
        )
        for option in variable.codes
        if not option.special
    ]


def _top_coded(
    numbers: list[float | None], named: Sequence[bool], missing: tuple[int, ...]
) -> tuple[list[float | None], float | None]:
    """Numbers of anonymous rows capped at their top code (special codes stay as they are);
    all of them withheld when too few anonymous rows gave a number."""
    own = [
        v
        for v, is_named in zip(numbers, named, strict=True)
        if not is_named and v is not None and int(v) not in missing
    ]
    ceiling = top_coded(own)
    capped: list[float | None] = []
    for value, is_named in zip(numbers, named, strict=True):
        if is_named or value is None or int(value) in missing:
            capped.append(value)
        else:
            capped.append(None if ceiling is None else min(value, ceiling))
    return capped, ceiling


def _codes(value: object) -> list[int]:
    assert isinstance(value, list | tuple)
    return [int(code) for code in value]


def _chosen(value: object, code: int, missing: tuple[int, ...]) -> float | None:
    if value is None:
        return None
    codes = _codes(value)
    special = [c for c in codes if c in missing]
    if special:
        return float(special[0])
    return 1.0 if code in codes else 0.0


def _at_place(value: object, place: int, missing: tuple[int, ...]) -> float | None:
    if value is None:
        return None
    codes = _codes(value)
    special = [c for c in codes if c in missing]
    if special:
        return float(special[0])
    return float(codes[place - 1]) if place <= len(codes) else None
