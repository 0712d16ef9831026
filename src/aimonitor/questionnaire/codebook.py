"""The codebook: every variable with its label, type, codes and value labels, in one language.

:func:`codebook` builds the entries; :func:`render_text`, :func:`render_csv` and
:func:`render_json` turn them into what ``aimonitor questionnaire codebook`` prints.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from aimonitor.i18n import DEFAULT_LANGUAGE, Lang, translator
from aimonitor.questionnaire.items import Bounds
from aimonitor.questionnaire.model import Questionnaire
from aimonitor.questionnaire.routing import describe_condition
from aimonitor.questionnaire.types import Measurement, answer_type
from aimonitor.writing import spreadsheet_safe


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
    covers: bool = False
    """The response also counts for the municipalities given here (a shared organisation)."""


def codebook(q: Questionnaire, lang: Lang = DEFAULT_LANGUAGE) -> tuple[CodebookEntry, ...]:
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
                covers=variable.covers,
            )
        )
    return tuple(entries)


def render_text(q: Questionnaire, lang: Lang = DEFAULT_LANGUAGE) -> str:
    """A readable codebook, grouped by theme."""
    _ = translator(lang).gettext
    entries = codebook(q, lang)
    lines = [
        _("{title} ({id}, version {version})").format(
            title=q.title.get(lang), id=q.id, version=q.version
        ),
        _("{items} items, {variables} variables").format(
            items=len(q.items), variables=len(entries)
        ),
    ]
    current_theme = None
    for entry in entries:
        if entry.theme != current_theme:
            current_theme = entry.theme
            theme = q.theme(entry.theme)
            number = f"{theme.number}. " if theme.number else ""
            heading = _("Theme")
            lines += ["", f"== {heading} {number}{theme.name.get(lang)} =="]
        lines += ["", *_entry_lines(entry, lang)]
    return "\n".join(lines) + "\n"


def _entry_lines(entry: CodebookEntry, lang: Lang) -> list[str]:
    _ = translator(lang).gettext
    kind = _("Likert 1-5") if entry.likert else entry.type
    lines = [f"{entry.variable}  [{kind}]", f"    {entry.label}"]
    if entry.shown_if:
        lines.append("    " + _("Shown if") + f": {entry.shown_if}")
    if entry.min is not None:
        lines.append(
            "    "
            + _("Range: {min}-{max} (decimals: {decimals})").format(
                min=entry.min, max=entry.max, decimals=entry.decimals
            )
        )
    if entry.max_choices is not None:
        if answer_type(entry.type).export.limit == "ranks":
            lines.append("    " + _("Ranks: {count}").format(count=entry.max_choices))
        else:
            lines.append(
                "    " + _("At most this many choices: {count}").format(count=entry.max_choices)
            )
    if entry.code_list:
        lines.append("    " + _("Codes from list: {name}").format(name=entry.code_list))
    if entry.covers:
        lines.append(
            "    " + _("The response also counts for these municipalities (shared organisation)")
        )
    if entry.optional:
        lines.append("    " + _("Optional"))
    if entry.reproduces:
        lines.append("    " + _("Reproduces: {source}").format(source=entry.reproduces))
    for value in entry.codes:
        flags = [_("special")] if value.special else []
        flags += [_("exclusive")] if value.exclusive else []
        suffix = f"  ({', '.join(flags)})" if flags else ""
        lines.append(f"    {value.code:>4}  {value.label}{suffix}")
    for group in entry.groups:
        codes = "+".join(str(code) for code in group.codes)
        lines.append(
            "    "
            + _("Group {key} ({codes}): {label}").format(
                key=group.key, codes=codes, label=group.label
            )
        )
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


def render_csv(q: Questionnaire, lang: Lang = DEFAULT_LANGUAGE) -> str:
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
    if isinstance(value, (int, float)):
        return str(value)
    return spreadsheet_safe(str(value))  # a label is text, never a spreadsheet formula


def render_json(q: Questionnaire, lang: Lang = DEFAULT_LANGUAGE) -> str:
    """The codebook as JSON: questionnaire id, version, language and the variables."""
    document = {
        "questionnaire": q.id,
        "version": q.version,
        "lang": lang,
        "variables": [asdict(entry) for entry in codebook(q, lang)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
