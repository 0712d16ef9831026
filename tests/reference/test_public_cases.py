"""The public R reference cases pass through the same code as `aimonitor stats check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimonitor.cli import main
from aimonitor.stats.conformance import CaseSpec, compare_case, load_spec, run_case

CASES = Path(__file__).parent / "cases.json"
SPEC = load_spec(CASES)


@pytest.mark.parametrize("case", SPEC.cases, ids=[case.id for case in SPEC.cases])
def test_case_matches_r_within_the_file_tolerance(case: CaseSpec) -> None:
    outcome = compare_case(case, SPEC, run_case(case, SPEC))
    assert outcome.passed, outcome.problems


def test_the_public_set_has_all_65_cases() -> None:
    assert len(SPEC.cases) == 65


def test_check_command_reports_every_case_passed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "check", str(CASES)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "65 passed, 0 failed"
