import ast
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _core_modules() -> set[str]:
    package = PROJECT_ROOT / "src" / "aimonitor"
    return {
        f"aimonitor.{path.stem}"
        for path in package.iterdir()
        if path.name not in {"web", "__init__.py", "__main__.py", "locale", "__pycache__"}
        and (path.suffix == ".py" or (path / "__init__.py").exists())
    }


def test_every_core_module_is_bound_by_the_no_django_contract():
    contract = _contracts()[0]
    assert "django" in contract["forbidden_modules"]
    assert _core_modules() - set(contract["source_modules"]) == set()


def test_every_core_module_has_its_place_in_the_core_layers():
    layered = [c for c in _contracts() if c["type"] == "layers" and "aimonitor.report" in str(c)]
    assert len(layered) == 1, "one layers contract for the core"
    placed = {
        module.strip()
        for layer in layered[0]["layers"]  # type: ignore[attr-defined]
        for module in layer.split("|")
    }
    assert _core_modules() - placed == set()


# The Django models that store a core record under the core's own name (the frame's
# municipalities and mergers): the only names two packages may share. Anything else is
# renamed so a reader never has to ask which `Item` or `Scale` is meant.
SHARED_BY_DESIGN = {"Municipality", "Merger", "Contact"}


def _top_level_names(path: Path) -> set[str]:
    """Classes and capitalised type aliases defined at the top of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
            names.update(
                target.id
                for target in node.targets
                if isinstance(target, ast.Name)
                and target.id[:1].isupper()
                and not target.id.isupper()
            )
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            annotation = ast.unparse(node.annotation)
            if annotation.endswith("TypeAlias"):
                names.add(node.target.id)
    return names


def test_no_class_or_type_name_is_defined_in_two_packages():
    package_dir = PROJECT_ROOT / "src" / "aimonitor"
    where: dict[str, set[str]] = {}
    for path in package_dir.rglob("*.py"):
        parts = path.relative_to(package_dir).parts
        if "migrations" in parts:
            continue
        package = parts[0] if len(parts) > 1 else path.stem
        if package == "web" and len(parts) > 2:
            package = f"web.{parts[1]}"
        for name in _top_level_names(path):
            where.setdefault(name, set()).add(package)
    shared = {name: sorted(packages) for name, packages in where.items() if len(packages) > 1}
    assert {
        name: packages for name, packages in shared.items() if name not in SHARED_BY_DESIGN
    } == {}
