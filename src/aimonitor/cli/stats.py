"""`aimonitor stats ...` commands: run an estimation spec, check a conformance file (both
through :mod:`aimonitor.stats.conformance`)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``stats run`` and ``stats check``."""
    stats = subparsers.add_parser("stats", help="survey estimation (means, proportions, ...)")
    commands = stats.add_subparsers(dest="stats_command", metavar="SUBCOMMAND")
    run = commands.add_parser("run", help="compute every case of SPEC.json, print JSON rows")
    run.add_argument("spec", type=Path, metavar="SPEC.json")
    run.set_defaults(handler=run_command)
    check = commands.add_parser("check", help="compare computed rows with each case's expected")
    check.add_argument("cases", type=Path, metavar="CASES.json")
    check.add_argument("--verbose", action="store_true", help="list every mismatch")
    check.set_defaults(handler=check_command)
    stats.set_defaults(handler=lambda args: _usage(stats))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: write them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def run_command(args: argparse.Namespace) -> int:
    from aimonitor.stats.conformance import load_spec, run_spec

    results = run_spec(load_spec(args.spec))
    json.dump(_finite(results), sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")
    return 0


def check_command(args: argparse.Namespace) -> int:
    from aimonitor.stats import StatsError
    from aimonitor.stats.conformance import compare_case, load_spec, run_case

    spec = load_spec(args.cases)
    passed = failed = 0
    for case in spec.cases:
        if case.expected is None:
            print(f"FAIL {case.id}: no expected rows")
            failed += 1
            continue
        try:
            outcome = compare_case(case, spec, run_case(case, spec))
        except StatsError as error:
            print(f"FAIL {case.id}: {error}")
            failed += 1
            continue
        if outcome.passed:
            passed += 1
            print(f"ok   {case.id} ({outcome.checked} values)")
            continue
        failed += 1
        shown = outcome.problems if args.verbose else outcome.problems[:3]
        more = len(outcome.problems) - len(shown)
        print(f"FAIL {case.id}: " + "; ".join(shown) + (f"; +{more} more" if more else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
