"""The estimation-spec format (the JSON schema of the survey-estimation conformance set).

:func:`load_spec` validates a file and returns typed, immutable cases. A malformed file
raises :class:`SpecError` naming the case and the field, e.g.
``case 'x': statistic.ci.method: unknown value 'foo' (allowed: ...)``.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aimonitor.stats.conformance.errors import SpecError

KINDS = ("mean", "total", "proportion", "quantile")
CI_METHODS = ("wald", "logit", "xlogit", "asin", "mean", "beta", "wilson", "likelihood", "woodruff")
CAL_METHODS = ("poststratify", "rake", "calibrate")


@dataclass(frozen=True)
class DesignSpec:
    ids: str | None
    strata: str | None
    fpc: str | None
    weights: str | None
    nest: bool


@dataclass(frozen=True)
class MarginSpec:
    variables: tuple[str, ...]
    totals: tuple[tuple[tuple[str, ...], float], ...]


@dataclass(frozen=True)
class CalibrationSpec:
    method: str
    calfun: str | None
    margins: tuple[MarginSpec, ...]
    numeric_totals: tuple[tuple[str, float], ...]
    maxit: int | None
    epsilon: float | None
    variance: str


@dataclass(frozen=True)
class VariableSpec:
    name: str
    type: str
    event: str | None


@dataclass(frozen=True)
class CompareSpec:
    variable: str
    minuend: str
    subtrahend: str


@dataclass(frozen=True)
class StatisticSpec:
    kind: str
    variables: tuple[VariableSpec, ...]
    by: str | None
    ci_method: str
    level: float
    df: str | None
    compare: CompareSpec | None
    quantiles: tuple[float, ...]
    qrule: str


@dataclass(frozen=True)
class CaseSpec:
    id: str
    data: Path
    tags: tuple[str, ...]
    design: DesignSpec
    calibration: CalibrationSpec | None
    statistic: StatisticSpec
    expected: tuple[Mapping[str, Any], ...] | None


@dataclass(frozen=True)
class Tolerance:
    rel: float
    abs: float


@dataclass(frozen=True)
class SpecFile:
    path: Path
    cases: tuple[CaseSpec, ...]
    levels: Mapping[str, Mapping[str, tuple[str, ...]]]  # data file -> column -> levels
    default_tolerance: Tolerance
    tag_tolerance: Mapping[str, Tolerance]


class _Fields:
    """Typed access to one JSON object, with errors naming the case and the field path."""

    def __init__(self, data: object, where: str, case: str) -> None:
        if not isinstance(data, dict):
            raise SpecError(f"{case}{where or 'top level'}: expected an object")
        self.data: dict[str, Any] = data
        self.where = where
        self.case = case

    def fail(self, key: str, message: str) -> SpecError:
        return SpecError(f"{self.case}{self.where}{key}: {message}")

    def get(self, key: str, types: type | tuple[type, ...], required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "missing")
            return None
        group = types if isinstance(types, tuple) else (types,)
        if (isinstance(value, bool) and bool not in group) or not isinstance(value, types):
            raise self.fail(key, f"expected {_type_names(types)}, got {value!r}")
        return value

    def choice(self, key: str, allowed: Sequence[str], required: bool = True) -> str | None:
        value: str | None = self.get(key, str, required)
        if value is not None and value not in allowed:
            raise self.fail(key, f"unknown value {value!r} (allowed: {', '.join(allowed)})")
        return value

    def child(self, key: str, required: bool = True) -> _Fields | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "missing")
            return None
        return _Fields(value, f"{self.where}{key}.", self.case)


def _type_names(types: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
        bool: "true/false",
    }
    group = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in group))


def _label(value: object) -> str:
    """A level or event as R's as.character prints it (2 -> "2", "Yes" -> "Yes")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


MAX_SPEC_BYTES = 50_000_000
"""A spec file is some hundreds of kilobytes; anything larger is refused unread."""


def load_spec(path: Path) -> SpecFile:
    """Read and validate the spec file at ``path``; data paths are relative to it.

    The file is untrusted: its size is bounded before it is read, deep nesting and integers
    of thousands of digits are one clear error, and NaN or Infinity (which Python's JSON
    reader accepts) are refused: a NaN tolerance would pass anything."""
    try:
        with path.open("rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise SpecError(f"cannot read spec {path}: not a regular file")
            raw_bytes = stream.read(MAX_SPEC_BYTES + 1)
    except FileNotFoundError:
        raise SpecError(f"cannot read spec {path}: file not found") from None
    except IsADirectoryError:
        raise SpecError(f"cannot read spec {path}: it is a folder, not a file") from None
    except OSError as error:
        raise SpecError(f"cannot read spec {path}: {error.strerror}") from None
    if len(raw_bytes) > MAX_SPEC_BYTES:
        raise SpecError(f"cannot read spec {path}: larger than {MAX_SPEC_BYTES:,} bytes")
    try:
        raw = json.loads(raw_bytes.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise SpecError(
            f"cannot read spec {path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    except json.JSONDecodeError as error:
        raise SpecError(f"{path.name} is not valid JSON: {error}") from None
    except RecursionError:
        raise SpecError(f"{path.name}: nested too deeply to read") from None
    except ValueError as error:  # an integer of thousands of digits, NaN or Infinity
        problem = str(error).split(";")[0]
        raise SpecError(f"{path.name}: a value cannot be read: {problem}") from None
    top = _Fields(raw, "", "")
    cases_raw = top.get("cases", list, required=True)
    cases = tuple(_case(item, i, path.parent) for i, item in enumerate(cases_raw))
    ids = [case.id for case in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SpecError(f"case {duplicates[0]!r}: id: used by more than one case")
    default, by_tag = _tolerances(top)
    return SpecFile(path, cases, _levels(top), default, by_tag)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _levels(top: _Fields) -> dict[str, dict[str, tuple[str, ...]]]:
    datasets = top.get("datasets", dict) or {}
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for file, info in datasets.items():
        columns = _Fields(info, f"datasets.{file}.", "").get("columns", dict) or {}
        out[file] = {
            name: tuple(_label(level) for level in column["levels"])
            for name, column in columns.items()
            if isinstance(column, dict) and isinstance(column.get("levels"), list)
        }
    return out


def _tolerances(top: _Fields) -> tuple[Tolerance, dict[str, Tolerance]]:
    block = top.child("tolerance", required=False)
    if block is None:
        return Tolerance(1e-7, 1e-9), {}

    def parse(fields: _Fields) -> Tolerance:
        rel = float(fields.get("rel", (int, float), True))
        abs_ = float(fields.get("abs", (int, float), True))
        # A tolerance that is negative, infinite or NaN (or a relative one of 100% or more)
        # would fail everything or pass anything.
        if not 0 <= rel < 1:
            raise fields.fail("rel", f"must be at least 0 and below 1, got {rel!r}")
        if not (abs_ >= 0 and math.isfinite(abs_)):
            raise fields.fail("abs", f"must be a finite number of at least 0, got {abs_!r}")
        return Tolerance(rel, abs_)

    default_fields = block.child("default", required=False)
    default = parse(default_fields) if default_fields else Tolerance(1e-7, 1e-9)
    tags = block.get("by_tag", dict) or {}
    return default, {
        tag: parse(_Fields(v, f"tolerance.by_tag.{tag}.", "")) for tag, v in tags.items()
    }


def _case(item: object, position: int, base: Path) -> CaseSpec:
    probe = item.get("id") if isinstance(item, dict) else None
    name = f"case {probe!r}: " if isinstance(probe, str) else f"case #{position + 1}: "
    fields = _Fields(item, "", name)
    case_id = fields.get("id", str, required=True)
    design = fields.child("design")
    statistic = fields.child("statistic")
    assert design is not None
    assert statistic is not None
    expected = fields.get("expected", list)
    return CaseSpec(
        id=case_id,
        data=base / fields.get("data", str, required=True),
        tags=tuple(str(tag) for tag in (fields.get("tags", list) or [])),
        design=_design(design),
        calibration=_calibration(fields.child("calibration", required=False)),
        statistic=_statistic(statistic),
        expected=tuple(expected) if expected is not None else None,
    )


def _design(fields: _Fields) -> DesignSpec:
    kind = fields.get("fpc_kind", str)
    if kind not in (None, "population_size"):
        raise fields.fail("fpc_kind", f"unknown value {kind!r} (allowed: population_size)")
    lonely = fields.get("lonely_psu", str)
    if lonely not in (None, "fail"):
        raise fields.fail("lonely_psu", f"unknown value {lonely!r} (allowed: fail)")
    spec = DesignSpec(
        ids=fields.get("ids", str),
        strata=fields.get("strata", str),
        fpc=fields.get("fpc", str),
        weights=fields.get("weights", str),
        nest=bool(fields.get("nest", bool)),
    )
    if spec.fpc is None and spec.weights is None:
        raise fields.fail("weights", "give weights or fpc (or both)")
    return spec


def _calibration(fields: _Fields | None) -> CalibrationSpec | None:
    if fields is None:
        return None
    method = fields.choice("method", CAL_METHODS)
    assert method is not None
    calfun = fields.choice("calfun", ("linear", "raking"), required=method == "calibrate")
    margins = tuple(
        _margin(_Fields(m, f"{fields.where}margins[{i}].", fields.case))
        for i, m in enumerate(fields.get("margins", list, required=method != "calibrate") or [])
    )
    if method == "poststratify" and len(margins) != 1:
        raise fields.fail("margins", "poststratify takes exactly one margin")
    numeric = fields.get("numeric_totals", dict) or {}
    for key, value in numeric.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fields.fail(f"numeric_totals.{key}", f"expected a number, got {value!r}")
        if not math.isfinite(float(value)):
            raise fields.fail(f"numeric_totals.{key}", f"expected a finite number, got {value!r}")
    control = fields.child("control", required=False)
    return CalibrationSpec(
        method=method,
        calfun=calfun,
        margins=margins,
        numeric_totals=tuple((k, float(v)) for k, v in numeric.items()),
        maxit=control.get("maxit", int) if control else None,
        epsilon=float(control.get("epsilon", (int, float)))
        if control and control.get("epsilon", (int, float)) is not None
        else None,
        variance=fields.choice("variance", ("survey", "greg"), required=False) or "survey",
    )


def _margin(fields: _Fields) -> MarginSpec:
    variables = fields.get("variables", list, required=True)
    if not variables or not all(isinstance(v, str) for v in variables):
        raise fields.fail("variables", "expected a non-empty list of column names")
    totals = []
    for i, row in enumerate(fields.get("totals", list, required=True)):
        cell = _Fields(row, f"{fields.where}totals[{i}].", fields.case)
        total = cell.get("total", (int, float), required=True)
        if not (math.isfinite(float(total)) and total >= 0):
            raise cell.fail("total", f"expected a finite number of at least 0, got {total!r}")
        labels = tuple(_label(cell.get(v, (str, int, float), required=True)) for v in variables)
        totals.append((labels, float(total)))
    return MarginSpec(tuple(variables), tuple(totals))


def _statistic(fields: _Fields) -> StatisticSpec:
    kind = fields.choice("kind", KINDS)
    assert kind is not None
    variables = []
    for i, raw in enumerate(fields.get("variables", list, required=True)):
        var = _Fields(raw, f"{fields.where}variables[{i}].", fields.case)
        event = var.get("event", (str, int, float), required=kind == "proportion")
        variables.append(
            VariableSpec(
                name=var.get("name", str, required=True),
                type=var.choice("type", ("numeric", "categorical")) or "numeric",
                event=None if event is None else _label(event),
            )
        )
    if not variables:
        raise fields.fail("variables", "is empty")
    ci = fields.child("ci")
    assert ci is not None
    method = ci.choice("method", CI_METHODS)
    assert method is not None
    allowed = {"mean": ("wald",), "total": ("wald",), "quantile": ("woodruff",)}.get(
        kind, tuple(m for m in CI_METHODS if m not in ("wald", "woodruff"))
    )
    if method not in allowed:
        raise ci.fail(
            "method", f"{method!r} does not apply to {kind} (allowed: {', '.join(allowed)})"
        )
    level = ci.get("level", (int, float)) or 0.95
    if not 0 < level < 1:
        raise ci.fail("level", f"must be between 0 and 1, got {level!r}")
    compare = fields.child("compare", required=False)
    quantiles = fields.get("quantiles", list, required=kind == "quantile") or []
    if any(
        isinstance(q, bool) or not isinstance(q, (int, float)) or not 0 <= q <= 1 for q in quantiles
    ):
        raise fields.fail("quantiles", "expected probabilities between 0 and 1")
    return StatisticSpec(
        kind=kind,
        variables=tuple(variables),
        by=fields.get("by", str),
        ci_method=method,
        level=float(level),
        df=ci.choice("df", ("design", "domain"), required=False),
        compare=None
        if compare is None
        else CompareSpec(
            variable=compare.get("variable", str, required=True),
            minuend=_label(compare.get("minuend", (str, int, float), required=True)),
            subtrahend=_label(compare.get("subtrahend", (str, int, float), required=True)),
        ),
        quantiles=tuple(float(q) for q in quantiles),
        qrule=fields.choice("qrule", ("math", "hf7"), required=False) or "math",
    )
