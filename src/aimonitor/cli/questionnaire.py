"""`aimonitor questionnaire ...` commands: check an instrument file, print its codebook.

The questionnaire model (pydantic, YAML) is imported by the handlers, not here: every
``aimonitor`` command registers this module, and the others do not need it."""

from __future__ import annotations

import argparse
import sys

from aimonitor.i18n import SUPPORTED_LANGUAGES, check_language

FORMATS = ("text", "csv", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``questionnaire validate`` and ``questionnaire codebook``."""
    parser = subparsers.add_parser(
        "questionnaire",
        help="check a questionnaire file or print its codebook",
        description="Work with questionnaire files (data/questionnaires/*.yaml).",
    )
    commands = parser.add_subparsers(dest="questionnaire_command", metavar="COMMAND")
    parser.set_defaults(handler=lambda _args: _print_help(parser))

    validate = commands.add_parser(
        "validate",
        help="check a questionnaire file; exit 0 if it is valid",
        description="Check a questionnaire file. Prints one line: OK with counts, or the "
        "problem with file and item (exit 2).",
    )
    validate.add_argument("file", metavar="FILE", help="questionnaire YAML file")
    validate.set_defaults(handler=run_validate)

    codebook = commands.add_parser(
        "codebook",
        help="print every variable with its label, type, codes and value labels",
        description="Print the codebook of a questionnaire file: every answer variable with "
        "its label, type, codes and value labels, routing and bounds.",
    )
    codebook.add_argument("file", metavar="FILE", help="questionnaire YAML file")
    codebook.add_argument(
        "--lang", choices=SUPPORTED_LANGUAGES, default="nl", help="language of labels (default: nl)"
    )
    codebook.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (readable), csv (one row per variable and code) or json (default: text)",
    )
    codebook.set_defaults(handler=run_codebook)


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_validate(args: argparse.Namespace) -> int:
    from aimonitor.questionnaire import load_questionnaire

    q = load_questionnaire(args.file)
    print(
        f"{args.file}: OK - {q.id} version {q.version}: {len(q.items)} items, "
        f"{len(q.variables())} variables, {len(q.themes)} themes"
    )
    return 0


def run_codebook(args: argparse.Namespace) -> int:
    from aimonitor.questionnaire import load_questionnaire
    from aimonitor.questionnaire.codebook import render_csv, render_json, render_text

    renderers = {"text": render_text, "csv": render_csv, "json": render_json}
    q = load_questionnaire(args.file)
    sys.stdout.write(renderers[args.format](q, check_language(args.lang)))
    return 0
