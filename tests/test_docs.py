"""Documentation that fails when a command is added without being documented."""

import argparse
from pathlib import Path

from aimonitor.cli import build_parser
from aimonitor.web.cli import registrars

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def commands() -> list[str]:
    parser = build_parser(registrars())
    names = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
                if nested:
                    names.extend(f"{name} {child}" for child in nested[0].choices)
                else:
                    names.append(name)
    return names


def test_every_command_is_in_the_readme_command_table():
    readme = (PROJECT_ROOT / "README.md").read_text()
    missing = [name for name in commands() if f"`aimonitor {name}" not in readme]
    assert commands(), "the parser lists no commands: the walk above is out of date"
    assert missing == []
