"""Comparing computed rows with a spec's ``expected`` rows under its tolerance rules."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aimonitor.stats.conformance.spec import CaseSpec, SpecFile, Tolerance

FIELDS = ("estimate", "se", "ci_lower", "ci_upper")


@dataclass(frozen=True)
class CaseOutcome:
    case_id: str
    passed: bool
    checked: int
    problems: tuple[str, ...]


def tolerance_for(case: CaseSpec, spec: SpecFile) -> Tolerance:
    """The loosest of the default and the ``by_tag`` entries of the case's tags."""
    chosen = spec.default_tolerance
    for tag in case.tags:
        extra = spec.tag_tolerance.get(tag)
        if extra is not None:
            chosen = Tolerance(max(chosen.rel, extra.rel), max(chosen.abs, extra.abs))
    return chosen


def close(actual: object, expected: object, tol: Tolerance) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, str) or isinstance(actual, str):
        return str(actual) == str(expected)
    a, e = float(actual), float(expected)  # type: ignore[arg-type]
    if math.isnan(a) or math.isnan(e):
        return False
    return abs(a - e) <= tol.abs + tol.rel * abs(e)


def compare_case(case: CaseSpec, spec: SpecFile, rows: Sequence[Mapping[str, Any]]) -> CaseOutcome:
    expected = case.expected or ()
    tol = tolerance_for(case, spec)
    if len(rows) != len(expected):
        return CaseOutcome(case.id, False, 0, (f"{len(rows)} rows, expected {len(expected)}",))
    problems: list[str] = []
    checked = 0
    for i, (got, want) in enumerate(zip(rows, expected, strict=True)):
        where = f"row {i + 1} ({want.get('variable')}"
        where += f" {want['level']}" if want.get("level") is not None else ""
        where += f" {want['domain']}" if want.get("domain") else ""
        where += ")"
        for key in ("variable", "level", "domain", "quantile"):
            if key in want and str(got.get(key)) != str(want[key]):
                problems.append(f"{where}: {key} {got.get(key)!r} != {want[key]!r}")
        for key in (*FIELDS, "df"):
            checked += 1
            if not close(got.get(key), want.get(key), tol):
                problems.append(f"{where}: {key} {got.get(key)!r} vs R {want.get(key)!r}")
        got_extra, want_extra = got.get("extra") or {}, want.get("extra") or {}
        for key, value in want_extra.items():
            if key not in got_extra or isinstance(value, str):
                continue
            checked += 1
            if not close(got_extra[key], value, tol):
                problems.append(f"{where}: extra.{key} {got_extra[key]!r} vs R {value!r}")
    return CaseOutcome(case.id, not problems, checked, tuple(problems))
