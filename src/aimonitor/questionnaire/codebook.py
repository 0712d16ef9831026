"""The codebook: every variable with its label, type, codes and value labels, in one language.

:func:`codebook` builds the entries; :func:`render_text`, :func:`render_csv` and
:func:`render_json` turn them into what ``aimonitor questionnaire codebook`` prints.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from aimonitor.questionnaire.base import Lang
from aimonitor.questionnaire.items import Bounds
from aimonitor.questionnaire.model import Questionnaire
from aimonitor.questionnaire.routing import describe_condition
from aimonitor.questionnaire.types import Measurement, answer_type


@dataclass(frozen=True)
class CodebookValue:
    code: int
    label: str
    special: bool
    exclusive: bool


@dataclass(frozen=True)
class CodebookGroup:
    """A named combination of codes (``group:<key>`` in the estimates)."""

    key: str
    label: str
    codes: tuple[int, ...]


@dataclass(frozen=True)
class CodebookEntry:
    """One variable as the codebook shows it; texts in the chosen language."""

    variable: str
    item: str
    row: str | None
    theme: str
    type: str
    measurement: Measurement
    """The measurement level (nominal, ordinal, scale) for statistics packages."""
    label: str
    codes: tuple[CodebookValue, ...]
    likert: bool
    min: float | None
    max: float | None
    decimals: int | None
    max_choices: int | None
    code_list: str | None
    optional: bool
    shown_if: str | None
    reproduces: str | None
    groups: tuple[CodebookGroup, ...] = ()


def codebook(q: Questionnaire, lang: Lang = "nl") -> tuple[CodebookEntry, ...]:
    """The codebook entries of every variable of ``q``, in survey order."""
    entries = []
    for variable in q.variables():
        item = q.item(variable.item)
        bounds: Bounds | None = variable.bounds
        entries.append(
            CodebookEntry(
                variable=variable.name,
                item=variable.item,
                row=variable.row,
                theme=variable.theme,
                type=variable.type,
                measurement=answer_type(variable.type).export.measurement,
                label=variable.label.get(lang),
                codes=tuple(
                    CodebookValue(v.code, v.label.get(lang), v.special, v.exclusive)
                    for v in variable.codes
                ),
                likert=variable.likert,
                min=bounds.min if bounds else None,
                max=bounds.max if bounds else None,
                decimals=bounds.decimals if bounds else None,
                max_choices=variable.max_choices,
                code_list=variable.code_list,
                optional=variable.optional,
                shown_if=describe_condition(item.shown_if, lang) if item.shown_if else None,
                reproduces=item.reproduces,
                groups=tuple(
                    CodebookGroup(g.key, g.label.get(lang), g.codes) for g in variable.groups
                ),
            )
        )
    return tuple(entries)


_WORDS: dict[Lang, dict[str, str]] = {
    "nl": {
        "version": "versie",
        "items": "items",
        "variables": "variabelen",
        "theme": "Thema",
        "shown_if": "Getoond als",
        "reproduces": "Reproduceert",
        "range": "Bereik",
        "decimals": "decimalen",
        "max_choices": "Maximaal aantal keuzes",
        "max_ranks": "Aantal posities",
        "code_list": "Codes uit lijst",
        "optional": "Optioneel",
        "special": "speciaal",
        "exclusive": "exclusief",
        "likert": "Likert 1-5",
        "group": "Groep",
    },
    "en": {
        "version": "version",
        "items": "items",
        "variables": "variables",
        "theme": "Theme",
        "shown_if": "Shown if",
        "reproduces": "Reproduces",
        "range": "Range",
        "decimals": "decimals",
        "max_choices": "At most this many choices",
        "max_ranks": "Ranks",
        "code_list": "Codes from list",
        "optional": "Optional",
        "special": "special",
        "exclusive": "exclusive",
        "likert": "Likert 1-5",
        "group": "Group",
    },
}


def render_text(q: Questionnaire, lang: Lang = "nl") -> str:
    """A readable codebook, grouped by theme."""
    words = _WORDS[lang]
    entries = codebook(q, lang)
    lines = [
        f"{q.title.get(lang)} ({q.id}, {words['version']} {q.version})",
        f"{len(q.items)} {words['items']}, {len(entries)} {words['variables']}",
    ]
    current_theme = None
    for entry in entries:
        if entry.theme != current_theme:
            current_theme = entry.theme
            theme = q.theme(entry.theme)
            number = f"{theme.number}. " if theme.number else ""
            lines += ["", f"== {words['theme']} {number}{theme.name.get(lang)} =="]
        lines += ["", *_entry_lines(entry, words)]
    return "\n".join(lines) + "\n"


def _entry_lines(entry: CodebookEntry, words: dict[str, str]) -> list[str]:
    kind = words["likert"] if entry.likert else entry.type
    lines = [f"{entry.variable}  [{kind}]", f"    {entry.label}"]
    if entry.shown_if:
        lines.append(f"    {words['shown_if']}: {entry.shown_if}")
    if entry.min is not None:
        lines.append(
            f"    {words['range']}: {entry.min}-{entry.max} ({words['decimals']}: {entry.decimals})"
        )
    if entry.max_choices is not None:
        key = "max_ranks" if answer_type(entry.type).export.limit == "ranks" else "max_choices"
        lines.append(f"    {words[key]}: {entry.max_choices}")
    if entry.code_list:
        lines.append(f"    {words['code_list']}: {entry.code_list}")
    if entry.optional:
        lines.append(f"    {words['optional']}")
    if entry.reproduces:
        lines.append(f"    {words['reproduces']}: {entry.reproduces}")
    for value in entry.codes:
        flags = [words[flag] for flag in ("special", "exclusive") if getattr(value, flag)]
        suffix = f"  ({', '.join(flags)})" if flags else ""
        lines.append(f"    {value.code:>4}  {value.label}{suffix}")
    for group in entry.groups:
        codes = "+".join(str(code) for code in group.codes)
        lines.append(f"    {words['group']} {group.key} ({codes}): {group.label}")
    return lines


CSV_COLUMNS = (
    "variable",
    "item",
    "row",
    "theme",
    "type",
    "measurement",
    "likert",
    "label",
    "code",
    "value_label",
    "special",
    "exclusive",
    "min",
    "max",
    "decimals",
    "max_choices",
    "code_list",
    "optional",
    "shown_if",
    "reproduces",
    "groups",
)


def render_csv(q: Questionnaire, lang: Lang = "nl") -> str:
    """Long format: one row per variable and code (one row with an empty code if it has none).

    ``groups`` lists the keys of the code groups the row's code belongs to, separated by
    ``;`` (the group labels are in the text and JSON codebooks).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in codebook(q, lang):
        common = asdict(entry)
        values: list[CodebookValue | None] = list(entry.codes) or [None]
        for value in values:
            row = {
                **common,
                "code": value.code if value else "",
                "value_label": value.label if value else "",
                "special": value.special if value else "",
                "exclusive": value.exclusive if value else "",
                "groups": ";".join(
                    g.key for g in entry.groups if value is not None and value.code in g.codes
                ),
            }
            writer.writerow(["" if row[c] is None else _cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def render_json(q: Questionnaire, lang: Lang = "nl") -> str:
    """The codebook as JSON: questionnaire id, version, language and the variables."""
    document = {
        "questionnaire": q.id,
        "version": q.version,
        "lang": lang,
        "variables": [asdict(entry) for entry in codebook(q, lang)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
