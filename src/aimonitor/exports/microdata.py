"""The open microdata of a wave: one row per submitted response, one column per value a
statistics package needs, labelled in both languages.

Rows. One row per response a municipality submitted itself; a shared organisation
(werkorganisatie) that answered for several municipalities appears once, under the
municipality that answered (its covered municipalities would be copies of that row, which
would link them). Rows of municipalities that consented to be named come first, by CBS
code; the anonymous rows follow in a random order (an order by code would tell which
municipality a row is, from the public list of municipalities).

What a column holds follows the answer type's export metadata
(:class:`aimonitor.questionnaire.types.protocols.ExportMetadata`):

* ``code`` (single choice, Likert, a grid row): the code, with the variable's value labels;
  special codes (98 "weet niet", 99 "wil niet zeggen") are declared missing;
* ``number``: the number, with the item's decimals; special codes as above;
* ``codes`` of a multiple-choice item: one 0/1 column per option (``E4_3``: option 3 chosen),
  the special code in every column when that was the answer (a multiple-dichotomy set, the
  form SPSS and PSPP analyse without garbling);
* ``codes`` of a ranking: one column per place (``F3_1`` is the code ranked first);
* ``text``: the open answer of a question of the six themes, only for named rows (open
  answers often name the municipality); the open questions outside them (contact address,
  comments on the survey) are left out;
* the list of municipalities a shared organisation answered for (A4a) is left out.

A question a municipality was not asked (routing) or did not answer is empty (system
missing). For an anonymous row, what would identify it is withheld (empty too; the codebook
says which columns): its code and name, the answers of
:func:`~aimonitor.indicators.disclosure.identifying_variables`, its province, and its size
class unless every class has enough anonymous rows
(:func:`~aimonitor.indicators.disclosure.released_size_classes`); its numbers are top-coded
(:func:`~aimonitor.indicators.disclosure.top_coded`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from aimonitor.errors import AimonitorError
from aimonitor.frame import PROVINCES, Frame, Lineage, Municipality
from aimonitor.i18n import Text
from aimonitor.indicators import WaveData
from aimonitor.indicators.disclosure import (
    PUBLICATION_CLASSES,
    identifying_variables,
    publication_class,
    released_size_classes,
    top_coded,
)
from aimonitor.indicators.estimate import place_codes
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
    withheld: bool = False
    """Empty on anonymous rows whatever the answer (it would identify them)."""


@dataclass(frozen=True)
class Microdata:
    year: int
    synthetic: bool
    questionnaire: Questionnaire
    columns: tuple[MicrodataColumn, ...]
    codes: tuple[str, ...]
    """The CBS code of each row's municipality, for checks; never written out."""

    @property
    def rows(self) -> int:
        return len(self.codes)

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


def build_microdata(
    wave: WaveData,
    frame: Frame,
    consent: Collection[str] = (),
    *,
    lineage: Lineage | None = None,
    shuffle: random.Random | None = None,
) -> Microdata:
    """The microdata of ``wave``; ``consent`` holds the CBS codes of the municipalities that
    allow their answers to appear under their name. A response stored under the code of a
    former municipality is placed by ``lineage``, as in the estimates. ``shuffle`` orders the
    anonymous rows (default: the operating system's randomness, a new order each export)."""
    own = [row for row in wave.respondents if row.covered_by is None]
    named_rows = sorted((r for r in own if r.code in consent), key=lambda r: r.code)
    anonymous_rows = sorted((r for r in own if r.code not in consent), key=lambda r: r.code)
    (shuffle or random.SystemRandom()).shuffle(anonymous_rows)
    rows = named_rows + anonymous_rows
    named = [True] * len(named_rows) + [False] * len(anonymous_rows)
    members = place_codes(wave.year, [r.code for r in rows], frame, lineage)
    classes = [publication_class(m.size_class.code).code for m in members]
    shown = released_size_classes(classes[len(named_rows) :])
    columns = _who_columns(members, classes[: len(named_rows)] + shown, named)
    identifying = identifying_variables(wave.questionnaire)
    for variable in wave.questionnaire.variables():
        withheld = variable.name in identifying
        answers = [
            row.answers if is_named or not withheld else {}
            for row, is_named in zip(rows, named, strict=True)
        ]
        columns += _answer_columns(wave.questionnaire, variable, answers, named, withheld)
    check_names([c.name for c in columns])
    return Microdata(
        wave.year, wave.synthetic, wave.questionnaire, tuple(columns), tuple(r.code for r in rows)
    )


_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def check_names(names: Sequence[str]) -> None:
    """Refuse column names SPSS and PSPP would not take: at most 64 characters, a letter
    first, letters, digits and underscores, unique regardless of case."""
    seen: set[str] = set()
    for name in names:
        if not _NAME.match(name) or len(name) > 64:
            raise AimonitorError(f"the variable name {name!r} cannot be used in SPSS")
        if name.lower() in seen:
            raise AimonitorError(f"two variables are named {name!r} (SPSS ignores case)")
        seen.add(name.lower())


def _who_columns(
    rows: Sequence[Municipality], classes: Sequence[str | None], is_named: Sequence[bool]
) -> list[MicrodataColumn]:
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
            tuple(r.code if n else None for r, n in zip(rows, is_named, strict=True)),
            withheld=True,
        ),
        MicrodataColumn(
            "gemeentenaam",
            Text(nl="Gemeente (alleen met toestemming)", en="Municipality (only with consent)"),
            "nominal",
            "text",
            tuple(r.name if n else None for r, n in zip(rows, is_named, strict=True)),
            withheld=True,
        ),
        MicrodataColumn(
            "grootteklasse",
            Text(nl="Grootteklasse (inwoners)", en="Size class (inhabitants)"),
            "ordinal",
            "number",
            tuple(None if c is None else float(class_codes[c]) for c in classes),
            tuple(
                ValueLabel(number, c.label)
                for c, number in zip(PUBLICATION_CLASSES, class_codes.values(), strict=True)
            ),
        ),
        MicrodataColumn(
            "provincie",
            Text(nl="Provincie (alleen met toestemming)", en="Province (only with consent)"),
            "nominal",
            "number",
            tuple(
                float(province_codes[r.province]) if n else None
                for r, n in zip(rows, is_named, strict=True)
            ),
            tuple(
                ValueLabel(number, Text.neutral(name)) for name, number in province_codes.items()
            ),
            withheld=True,
        ),
    ]


def _answer_columns(
    questionnaire: Questionnaire,
    variable: Variable,
    answers: Sequence[Mapping[str, object]],
    named: Sequence[bool],
    withheld: bool,
) -> list[MicrodataColumn]:
    if variable.covers:
        return []
    export = answer_type(variable.type).export
    values = [a.get(variable.name) if is_answered(a.get(variable.name)) else None for a in answers]
    missing = variable.special_codes
    if export.stored_as == "text":
        if questionnaire.theme(variable.theme).number is None:
            return []  # contact details, comments on the survey: not research data
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
                withheld=True,
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
                withheld,
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
                withheld=withheld,
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
            withheld=withheld,
        )
        for option in variable.codes
        if not option.special
    ]


def _top_coded(
    numbers: list[float | None], named: Sequence[bool], missing: tuple[int, ...]
) -> tuple[list[float | None], float | None]:
    """Numbers of anonymous rows capped at their top code (special codes stay as they are);
    all of them withheld when too few anonymous rows gave a number."""
    special = {float(code) for code in missing}
    own = [
        v
        for v, is_named in zip(numbers, named, strict=True)
        if not is_named and v is not None and v not in special
    ]
    ceiling = top_coded(own)
    capped: list[float | None] = []
    for value, is_named in zip(numbers, named, strict=True):
        if is_named or value is None or value in special:
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
