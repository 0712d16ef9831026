"""build_report: estimate tables, findings and response -> the immutable :class:`Report`.

Bad input is worked around where the report can still say something true, and said plainly
in the report's notices (a wave without responses, an item nobody answered, estimates for
unknown variables). What cannot be worked around raises :class:`ReportError`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from aimonitor.findings import Finding
from aimonitor.i18n import Lang, check_language
from aimonitor.indicators import (
    ALL,
    EstimateTable,
    IndicatorRow,
    Representativeness,
    ResponseSummary,
)
from aimonitor.questionnaire import Questionnaire

from .annex import codebook_sections, methods
from .errors import ReportError
from .items import Inputs, item_section, variable_anchor
from .labels import answer_labels, option_order
from .model import Chapter, FindingGroup, KeyFinding, Report
from .words import Words, words

_TOLERANCE = 1e-9


def build_report(
    *,
    questionnaire: Questionnaire,
    current: EstimateTable,
    history: Sequence[EstimateTable] = (),
    changes: EstimateTable | None = None,
    findings: Sequence[Finding] = (),
    response: ResponseSummary,
    lang: Lang,
    generated: date | None = None,
    notes: Sequence[str] = (),
    representativeness: Representativeness | None = None,
) -> Report:
    """The report of ``current`` in ``lang`` (``nl`` or ``en``).

    ``history`` holds earlier waves, oldest first, for the trend charts; ``changes`` a table
    of differences with an earlier wave; ``generated`` the date on the title page (today if
    not given; pass it for reproducible output); ``notes`` are sentences in ``lang`` for the
    report's notice box (e.g. key findings that could not be written, and why);
    ``representativeness`` the R-indicator of the wave's response for the methods annex.
    """
    check_language(lang)
    if response.wave != current.wave:
        raise ReportError(
            f"the response summary is of wave {response.wave}, the estimates of wave "
            f"{current.wave}; give both of the same wave"
        )
    w = words(lang)
    notices: list[str] = list(notes)
    known = {v.name for v in questionnaire.variables()} | {i.id for i in questionnaire.items}
    valid, unknown, invalid = _clean(current, known)
    if unknown:
        notices.append(w.rows_not_in_questionnaire.format(count=unknown))
    if invalid:
        notices.append(w.invalid_rows.format(count=invalid))
    no_responses = response.total.respondents == 0 or not valid.rows
    if no_responses:
        notices.append(w.no_responses)
    usable = [f for f in findings if f.lang == lang]
    if len(usable) < len(findings):
        notices.append(w.findings_other_language.format(count=len(findings) - len(usable)))
    synthetic = (
        current.synthetic
        or any(t.synthetic for t in history)
        or bool(changes and changes.synthetic)
    )
    inputs = Inputs(
        questionnaire=questionnaire,
        current=valid,
        history=tuple(sorted(history, key=lambda t: t.wave)),
        changes=changes,
        lang=lang,
        words=w,
        options=_options(questionnaire, valid),
        finding_keys=_finding_keys(questionnaire, usable),
        answers=answer_labels(questionnaire),
    )
    chapters = () if no_responses else _chapters(inputs)
    anchors = {s.anchor for c in chapters for s in c.sections if s.tables} | {
        f.anchor
        for c in chapters
        for s in c.sections
        for t in s.tables
        for f in t.figures
        if f.anchor
    }
    return Report(
        lang=lang,
        title=w.title.format(wave=current.wave),
        wave=current.wave,
        generated=generated or date.today(),
        synthetic=synthetic,
        synthetic_label=w.synthetic if synthetic else None,
        respondents=response.total.respondents,
        population=response.total.population,
        key_findings=_key_findings(questionnaire, usable, anchors, w, lang),
        chapters=chapters,
        methods=methods(valid, response, lang, w, representativeness),
        codebook=codebook_sections(questionnaire, lang),
        notices=tuple(notices),
        questionnaire_version=questionnaire.version,
    )


def _clean(table: EstimateTable, known: set[str]) -> tuple[EstimateTable, int, int]:
    """The table without rows for unknown variables and rows that cannot be displayed."""
    rows: list[IndicatorRow] = []
    unknown = invalid = 0
    for row in table.rows:
        if row.variable not in known:
            unknown += 1
        elif not _displayable(row):
            invalid += 1
        else:
            rows.append(row)
    cleaned = EstimateTable(
        wave=table.wave,
        synthetic=table.synthetic,
        weighting=table.weighting,
        rows=tuple(rows),
        compared_with=table.compared_with,
    )
    return cleaned, unknown, invalid


def _displayable(row: IndicatorRow) -> bool:
    if row.suppressed:
        return True  # not shown at all, so nothing to check
    estimate = row.estimate
    value, lower, upper = estimate.estimate, estimate.ci_lower, estimate.ci_upper
    if not all(math.isfinite(v) for v in (value, lower, upper)):
        return False
    if not lower - _TOLERANCE <= value <= upper + _TOLERANCE:
        return False
    if row.kind == "proportion" and row.option != "mean":
        return lower >= -_TOLERANCE and upper <= 1 + _TOLERANCE
    return True


def _options(q: Questionnaire, table: EstimateTable) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in table.rows:
        if row.domain == ALL and row.estimate.n > 0:
            found[row.variable].append(row.option)
    ordered = {}
    for name, options in found.items():
        try:
            variable = q.variable(name)
        except KeyError:  # an indicator across a grid's rows, stored under the item id
            ordered[name] = tuple(sorted(options))
            continue
        ordered[name] = tuple(sorted(options, key=lambda o, v=variable: option_order(v, o)))  # type: ignore[misc]
    return ordered


def _item_of(q: Questionnaire, variable: str) -> str | None:
    try:
        return q.variable(variable).item
    except KeyError:
        pass
    try:
        return q.item(variable).id
    except KeyError:
        return None


def _finding_keys(
    q: Questionnaire, findings: Sequence[Finding]
) -> dict[str, tuple[tuple[str, str | None], ...]]:
    keys: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for finding in findings:
        for ref in finding.references:
            item = _item_of(q, ref.variable)
            if item is not None and (ref.domain in (None, ALL)):
                keys[item].append((ref.variable, ref.option))
    return {item: tuple(dict.fromkeys(pairs)) for item, pairs in keys.items()}


def _chapters(inputs: Inputs) -> tuple[Chapter, ...]:
    q = inputs.questionnaire
    chapters = []
    for theme in q.themes:
        if theme.number is None:
            continue
        sections = tuple(item_section(inputs, item) for item in q.items_of(theme.id))
        chapters.append(
            Chapter(
                number=theme.number,
                theme=theme.id,
                anchor=f"theme-{theme.id}",
                title=theme.name.get(inputs.lang),
                sections=sections,
            )
        )
    return tuple(chapters)


def _key_findings(
    q: Questionnaire, findings: Sequence[Finding], anchors: set[str], w: Words, lang: Lang
) -> tuple[FindingGroup, ...]:
    groups = []
    order = [theme.id for theme in q.themes]
    themes = sorted(
        {f.theme for f in findings},
        key=lambda t: (t not in order, order.index(t) if t in order else 0, t),
    )
    for theme_id in themes:
        try:
            theme = q.theme(theme_id)
            title = theme.name.get(lang)
            if theme.number is not None:
                title = f"{theme.number}. {title}"
        except KeyError:
            title = theme_id
        items = []
        for finding in findings:
            if finding.theme != theme_id:
                continue
            refs = finding.references
            target = variable_anchor(refs[0].variable) if refs else None
            items.append(KeyFinding(finding.sentence, target if target in anchors else None))
        groups.append(FindingGroup(theme_id, title, tuple(items)))
    return tuple(groups)
