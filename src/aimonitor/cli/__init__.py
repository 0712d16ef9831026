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
from typing import NoReturn, cast

from aimonitor import __version__
from aimonitor.errors import AimonitorError, redact_credentials
from aimonitor.writing import reason

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


class Parser(argparse.ArgumentParser):
    """argparse with the project's one-line error (``aimonitor: error: ...``, exit 2)
    instead of a usage block; sub-command parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"aimonitor: error: {self.prog}: {message} (see {self.prog} --help)\n")


def int_in_range(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high``, else a clear error."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip(), 10) if len(text) <= 20 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} must be a whole number from {low} to {high}, got {text[:40]!r}"
            )
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def core_registrars() -> list[Registrar]:
    """The registrars of the commands that need no database."""
    from aimonitor.cli import questionnaire, stats

    return [questionnaire.register, stats.register]


SEED = int_in_range(0, 2**32 - 1, "the seed")
PORT = int_in_range(1, 65535, "the port")
YEAR = int_in_range(1900, 9999, "the wave")


def build_parser(registrars: Sequence[Registrar]) -> argparse.ArgumentParser:
    parser = Parser(
        prog="aimonitor",
        description="AI Monitor of Dutch municipalities: questionnaire to report.",
    )
    parser.add_argument("--version", action="version", version=f"aimonitor {__version__}")
    # The sub-command parsers are Parsers too (argparse uses the parent's class).
    subparsers = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )
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
        code = int(handler(args))
        sys.stdout.flush()  # a full disk behind stdout fails here, not at exit
        return code
    except AimonitorError as error:
        print(f"aimonitor: error: {redact_credentials(_one_line(str(error)))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("aimonitor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`aimonitor estimates ... | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        # A file a command reads or writes failed without a more specific error, or the
        # output did (`aimonitor ... > /dev/full`): say which and why, drop the rest.
        where = f"{error.filename}: " if error.filename else "cannot write the output: "
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"aimonitor: error: {where}{reason(error)}", file=sys.stderr)
        return 2


def _one_line(message: str) -> str:
    """The message on one line: a multi-line cause keeps only its first line."""
    lines = message.strip().splitlines()
    return lines[0] if lines else "unknown error"


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, core_registrars())
