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
