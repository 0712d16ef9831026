"""Writing an estimate table as CSV or JSON, with labels and the synthetic-data notice.

CSV: the first line is a comment (``# ...``) with the wave, the weighting and, for
synthetic data, "Synthetische demonstratiedata / Synthetic demonstration data"; then a header
row and one row per estimate. JSON: one object with the same metadata as top-level fields
(``wave``, ``compared_with``, ``synthetic``, ``notice``, ``weighting``) and ``rows``.

Every row also says who is in its base (``base``: ``answered``, ``substantive`` or ``any_row``,
see :data:`~aimonitor.indicators.catalogue.BASES`) and whether the data are synthetic
(``synthetic``), so a row keeps its label when the comment line is skipped.

A text cell that a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return, and not a plain number) gets a leading ``'``
(:func:`aimonitor.writing.spreadsheet_safe`); numbers are never changed.

What is written is what disclosure control publishes (:mod:`aimonitor.indicators.disclosure`,
decision record 0011): every key of the national domain in every publication domain, in
domain order. Figures are rounded to what is shown: shares, their standard errors and bounds
to three decimals (0.1 percentage point), means to two, written with exactly that many
decimals in the CSV. A suppressed row, and a key nobody in the domain was asked (n = 0, which
would tell as much), keeps its key, kind and labels and nothing else: estimate, standard
error, interval, ``n``, ``df``, method, note and p-values are empty (JSON ``null``); ``n`` and
``df`` would count the answers that route to an item, a note such as "p = 0 or 1" would give
the figure away.

A change row (``kind = difference``) also carries its two-sided ``p_value``, the
Benjamini-Hochberg ``p_adjusted`` over the publication's change rows (both to four
decimals), and ``significant``, the flag the report and the key findings use
(:func:`aimonitor.stats.significant`: the adjusted p-value, at full precision, below 5 %).
These columns are empty for levels.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Literal, TextIO

from aimonitor import stats
from aimonitor.i18n import SUPPORTED_LANGUAGES, synthetic_data_label
from aimonitor.indicators.catalogue import Estimand, catalogue
from aimonitor.indicators.disclosure import decimals_of, publication_grid, published
from aimonitor.indicators.errors import IndicatorError
from aimonitor.indicators.table import EstimateTable, IndicatorRow
from aimonitor.questionnaire import Questionnaire
from aimonitor.writing import spreadsheet_safe

Format = Literal["csv", "json"]
Cell = str | int | float | bool | None

SYNTHETIC_NOTICE = " / ".join(synthetic_data_label().get(lang) for lang in SUPPORTED_LANGUAGES)

COLUMNS = (
    "variable",
    "option",
    "domain",
    "estimate",
    "ci_lower",
    "ci_upper",
    "n",
    "method",
    "kind",
    "se",
    "df",
    "suppressed",
    "label_nl",
    "label_en",
    "note",
    "base",
    "synthetic",
    "p_value",
    "p_adjusted",
    "significant",
)
_WITHHELD = frozenset(
    {
        "estimate",
        "ci_lower",
        "ci_upper",
        "n",
        "method",
        "se",
        "df",
        "note",
        "p_value",
        "p_adjusted",
        "significant",
    }
)
_FIGURES = ("estimate", "ci_lower", "ci_upper", "se")
P_VALUE_DECIMALS = 4


def write_estimates(
    table: EstimateTable,
    stream: TextIO,
    format: Format = "csv",
    *,
    questionnaire: Questionnaire,
    keep: Callable[[IndicatorRow], bool] | None = None,
) -> None:
    """Write ``table`` to ``stream``; ``questionnaire`` supplies the Dutch and English labels.
    ``keep``: only the rows it accepts (the API's filters)."""
    if format not in ("csv", "json"):
        raise IndicatorError(f"unknown estimates format {format!r} (use csv or json)")
    grid = _kept_grid(table, keep)
    records = _records(grid, table, questionnaire)
    if format == "csv":
        _write_csv(table, records, [decimals_of(row) for row in grid], stream)
    else:
        _write_json(table, records, stream)


def estimate_records(
    table: EstimateTable,
    *,
    questionnaire: Questionnaire,
    keep: Callable[[IndicatorRow], bool] | None = None,
) -> list[dict[str, Cell]]:
    """Every published row of ``table`` (that ``keep`` accepts) as a record with the keys of
    :data:`COLUMNS`, as the exports and the API give them (suppressed figures withheld,
    figures rounded)."""
    return _records(_kept_grid(table, keep), table, questionnaire)


def _kept_grid(
    table: EstimateTable, keep: Callable[[IndicatorRow], bool] | None
) -> list[IndicatorRow]:
    return [row for row in publication_grid(table) if keep is None or keep(row)]


def _records(
    grid: list[IndicatorRow], table: EstimateTable, questionnaire: Questionnaire
) -> list[dict[str, Cell]]:
    estimands = {e.key: e for e in catalogue(questionnaire)}
    return [_record(row, _estimand(row, estimands, questionnaire), table.synthetic) for row in grid]


def header_line(table: EstimateTable) -> str:
    """The metadata line: wave, comparison, weighting and, if synthetic, the notice."""
    parts = [f"AI Monitor {table.wave} estimates"]
    if table.compared_with is not None:
        parts[0] = f"AI Monitor {table.wave} changes since {table.compared_with}"
    weighting = table.weighting
    margins = f" ({', '.join(weighting.margins)})" if weighting.margins else ""
    parts.append(f"weighting: {weighting.method}{margins}")
    if weighting.take_all:
        parts.append(f"take-all: {', '.join(weighting.take_all)}")
    if weighting.fallback_reason:
        parts.append(f"fallback: {weighting.fallback_reason.get('en')}")
    if table.synthetic:
        parts.append(SYNTHETIC_NOTICE)
    return " | ".join(parts)


def _estimand(
    row: IndicatorRow, estimands: dict[tuple[str, str], Estimand], questionnaire: Questionnaire
) -> Estimand:
    try:
        return estimands[(row.variable, row.option)]
    except KeyError:
        raise IndicatorError(
            f"{row.variable} / {row.option} is not an estimand of questionnaire "
            f"{questionnaire.id} {questionnaire.version}"
        ) from None


def _record(row: IndicatorRow, estimand: Estimand, synthetic: bool) -> dict[str, Cell]:
    label = estimand.label
    estimate = published(row) or row.estimate  # a suppressed row's figures are withheld below
    record: dict[str, Cell] = {
        "variable": row.variable,
        "option": row.option,
        "domain": row.domain,
        "estimate": estimate.estimate,
        "ci_lower": estimate.ci_lower,
        "ci_upper": estimate.ci_upper,
        "n": estimate.n,
        "method": estimate.method,
        "kind": row.kind,
        "se": estimate.se,
        "df": estimate.df,
        "suppressed": row.suppressed,
        "label_nl": label.nl,
        "label_en": label.en,
        "note": estimate.note,
        "base": estimand.base,
        "synthetic": synthetic,
        "p_value": _p(estimate.p_value),
        "p_adjusted": _p(estimate.p_adjusted),
        "significant": stats.significant(estimate) if row.kind == "difference" else None,
    }
    if row.suppressed:
        record.update(dict.fromkeys(_WITHHELD))
    return record


def _p(value: float | None) -> float | None:
    return None if value is None else round(value, P_VALUE_DECIMALS)


def _write_csv(
    table: EstimateTable, records: list[dict[str, Cell]], decimals: list[int], stream: TextIO
) -> None:
    stream.write(f"# {header_line(table)}\n")
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record, digits in zip(records, decimals, strict=True):
        writer.writerow([_csv_cell(record[column], column, digits) for column in COLUMNS])


def _csv_cell(value: Cell, column: str, digits: int) -> str:
    """A published figure with exactly its number of decimals (``0.250``), other numbers
    as they are."""
    if value is None:
        return ""
    if column in _FIGURES and isinstance(value, float):
        return f"{value:.{digits}f}"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return spreadsheet_safe(value)  # a label such as "=SUM(...)" is text, not a formula


def _weighting(table: EstimateTable) -> dict[str, object]:
    """The weighting as the JSON export holds it; the fallback reason in English."""
    document = asdict(table.weighting)
    reason = table.weighting.fallback_reason
    document["fallback_reason"] = reason.get("en") if reason is not None else None
    return document


def _write_json(table: EstimateTable, records: list[dict[str, Cell]], stream: TextIO) -> None:
    document = {
        "wave": table.wave,
        "compared_with": table.compared_with,
        "synthetic": table.synthetic,
        "notice": SYNTHETIC_NOTICE if table.synthetic else None,
        "weighting": _weighting(table),
        "columns": list(COLUMNS),
        "rows": records,
    }
    json.dump(document, stream, ensure_ascii=False, indent=1, allow_nan=False)
    stream.write("\n")
