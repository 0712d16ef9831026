"""The R conformance harness: estimation specs run through the public estimators.

A spec (JSON, the format of ``tests/reference/README.md``) describes cases: a data file, a
design, an optional weighting and a statistic, with R's ``expected`` rows. The harness
drives only the public names of :mod:`aimonitor.stats` (design, weighting, estimators,
:func:`~aimonitor.stats.difference`), so the code checked against R is the code that
publishes; nothing in :mod:`aimonitor.stats` imports the harness.

* :func:`load_spec` reads and validates a spec file (:class:`SpecError` names case and field).
* :func:`run_spec` / :func:`run_case` compute the rows (``aimonitor stats run``).
* :func:`compare_case` compares them with ``expected`` under the file's tolerances
  (``aimonitor stats check``).
"""

from aimonitor.stats.conformance.check import CaseOutcome, compare_case
from aimonitor.stats.conformance.errors import SpecError
from aimonitor.stats.conformance.runner import run_case, run_spec
from aimonitor.stats.conformance.spec import CaseSpec, SpecFile, load_spec

__all__ = [
    "CaseOutcome",
    "CaseSpec",
    "SpecError",
    "SpecFile",
    "compare_case",
    "load_spec",
    "run_case",
    "run_spec",
]
