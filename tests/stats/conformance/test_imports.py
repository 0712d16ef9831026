"""The R conformance harness checks the code that publishes: it reaches the estimators only
through the public names of ``aimonitor.stats``, and the estimators never import it."""

from __future__ import annotations

import ast
from pathlib import Path

import aimonitor.stats
from aimonitor.stats import conformance

STATS = Path(aimonitor.stats.__file__).parent
HARNESS = Path(conformance.__file__).parent


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, imported names) of every import statement in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(("." * node.level + (node.module or ""), []))
    return found


def test_the_harness_imports_only_public_names_of_the_statistics_core() -> None:
    private = []
    for path in sorted(HARNESS.glob("*.py")):
        for module, names in _imports(path):
            if module.startswith("."):
                private.append(f"{path.name}: relative import {module}")
            elif module == "aimonitor.stats":
                private += [
                    f"{path.name}: {name}"
                    for name in names
                    if name not in aimonitor.stats.__all__ and name != "conformance"
                ]
            elif module.startswith("aimonitor.stats.") and not module.startswith(
                "aimonitor.stats.conformance"
            ):
                private.append(f"{path.name}: {module}")
    assert private == []


def test_the_harness_computes_with_the_public_estimators_and_the_public_difference() -> None:
    tree = ast.parse((HARNESS / "runner.py").read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "stats"
    }
    expected = {"design_from_arrays", "rake", "poststratify", "calibrate", "mean", "total"}
    expected |= {"proportion", "quantile", "design_effect", "difference"}
    assert expected <= used


def test_no_estimator_module_imports_the_harness() -> None:
    offenders = [
        path.name
        for path in sorted(STATS.glob("*.py"))
        for module, _ in _imports(path)
        if module.startswith("aimonitor.stats.conformance") or module == ".conformance"
    ]
    assert offenders == []
