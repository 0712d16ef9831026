"""The ``aimonitor`` entry point: the core commands plus those that need the database.

One module per subject, as in :mod:`aimonitor.cli`: :mod:`.database` (frame, demo data,
Django's management commands), :mod:`.outputs` (estimates, report) and :mod:`.demo` (demo,
serve). :mod:`.bootstrap` starts Django for a command; :mod:`.dbcheck` is ``make``'s check
that the test PostgreSQL is up. Django is imported only inside the handlers, so
``aimonitor stats ...`` and ``aimonitor questionnaire ...`` start without it.
"""

from __future__ import annotations

from collections.abc import Sequence

from aimonitor.cli import Registrar, core_registrars, run
from aimonitor.web.cli import database, demo, fieldwork, outputs


def registrars() -> list[Registrar]:
    return [
        *core_registrars(),
        database.register,
        outputs.register,
        fieldwork.register,
        fieldwork.register_research,
        demo.register,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, registrars())
