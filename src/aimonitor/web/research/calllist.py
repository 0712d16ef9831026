"""The call list: the municipalities that have not responded, with whom to call."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from aimonitor.i18n import Lang
from aimonitor.web.research.models import Contact
from aimonitor.web.research.reads import MunicipalityRow

COLUMNS = (
    "code",
    "gemeente",
    "provincie",
    "grootteklasse",
    "status",
    "contact",
    "e-mail",
    "uitgenodigd",
    "herinneringen",
    "laatste mail",
    "problemen",
)


def render_call_list(rows: Iterable[MunicipalityRow], lang: Lang) -> str:
    """CSV separated by ``;`` (Dutch spreadsheets): one line per municipality that has not
    responded, with its coordinator (else any contact), its mails and their problems."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for row in rows:
        if row.state.has_responded:
            continue
        coordinator = next(
            (c for c in row.contacts if c.role == Contact.Role.COORDINATOR),
            row.contacts[0] if row.contacts else None,
        )
        writer.writerow(
            [
                row.municipality.code,
                row.municipality.name,
                row.municipality.province,
                row.municipality.size_class.label.get(lang),
                row.state.label.get(lang),
                coordinator.name if coordinator else "",
                coordinator.email if coordinator else "",
                f"{row.mail.invited_at:%Y-%m-%d}" if row.mail.invited_at else "",
                row.mail.reminders,
                f"{row.mail.last_at:%Y-%m-%d}" if row.mail.last_at else "",
                " | ".join(row.mail.problems),
            ]
        )
    return out.getvalue()
