"""The ``aimonitor`` command line: one parser, one sub-command module per subject.

Each module in this package exposes ``register(subparsers)``, adding its commands with a
``handler`` default that takes the parsed arguments and returns an exit code. The Django
front end (:mod:`aimonitor.web.cli`) adds its own registrars to the same parser, so the core
commands never import Django.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from aimonitor import __version__
from aimonitor.errors import AimonitorError, redact_credentials

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def core_registrars() -> list[Registrar]:
    """The registrars of the commands that need no database."""
    from aimonitor.cli import questionnaire, stats

    return [questionnaire.register, stats.register]


def build_parser(registrars: Sequence[Registrar]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aimonitor",
        description="AI Monitor of Dutch municipalities: questionnaire to report.",
    )
    parser.add_argument("--version", action="version", version=f"aimonitor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in registrars:
        register(subparsers)
    return parser


def run(argv: Sequence[str] | None, registrars: Sequence[Registrar]) -> int:
    """Parse ``argv``, run the chosen command, turn expected errors into one line."""
    parser = build_parser(registrars)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args))
    except AimonitorError as error:
        print(f"aimonitor: error: {redact_credentials(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("aimonitor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`aimonitor estimates ... | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, core_registrars())
