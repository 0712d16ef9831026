import ast
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_every_core_module_is_bound_by_the_no_django_contract():
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert "django" in contract["forbidden_modules"]
    package = PROJECT_ROOT / "src" / "aimonitor"
    core = {
        f"aimonitor.{path.stem}"
        for path in package.iterdir()
        if path.name not in {"web", "__init__.py", "__main__.py", "locale", "__pycache__"}
        and (path.suffix == ".py" or (path / "__init__.py").exists())
    }
    assert core - set(contract["source_modules"]) == set()


# The Django models that store a core record under the core's own name (the frame's
# municipalities and mergers): the only names two packages may share. Anything else is
# renamed so a reader never has to ask which `Item` or `Scale` is meant.
SHARED_BY_DESIGN = {"Municipality", "Merger"}


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
