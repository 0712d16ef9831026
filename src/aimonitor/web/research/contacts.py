"""Storing a checked contact file: all rows or none.

The core (:func:`aimonitor.fieldwork.contacts.build_contact_import`) checks the file against
the wave's frame and the merger lineage and rejects rows with their line and reason. Only a
clean file is stored; it adds contacts and updates those already known (same municipality
and address: name, organisation, role and covered municipalities). A coordinator for a
municipality that already has another one is refused as a whole, naming both: a
municipality has one coordinator (remove the old one in the admin first).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from aimonitor.fieldwork.contacts import ContactImport, RejectedRow
from aimonitor.i18n import Text
from aimonitor.web.research.models import Contact
from aimonitor.web.survey.models import FieldworkEvent
from aimonitor.web.waves.models import Wave


@dataclass(frozen=True)
class StoredImport:
    added: int
    updated: int


def conflicts_with_stored(wave: Wave, checked: ContactImport) -> tuple[RejectedRow, ...]:
    """Rows of a clean file that clash with the contacts already stored for ``wave``."""
    coordinators = dict(
        Contact.objects.filter(wave=wave, role=Contact.Role.COORDINATOR).values_list(
            "municipality_code", "email"
        )
    )
    problems = []
    for contact in checked.contacts:
        held = coordinators.get(contact.code)
        if contact.role == "coordinator" and held is not None and held != contact.email:
            problems.append(
                RejectedRow(
                    contact.line,
                    Text(
                        nl=f"{contact.code} heeft al een coördinator ({held}); verwijder die eerst",
                        en=f"{contact.code} already has a coordinator ({held}); remove them first",
                    ),
                )
            )
    return tuple(problems)


def store_contacts(
    wave: Wave, checked: ContactImport, *, by: User | None, filename: str
) -> StoredImport:
    """Store a clean import (the caller checked :attr:`ContactImport.is_clean` and
    :func:`conflicts_with_stored`); logged in the fieldwork log."""
    if not checked.is_clean:
        raise ValueError("only a clean contact file is stored")
    added = updated = 0
    with transaction.atomic():
        for contact in checked.contacts:
            _, created = Contact.objects.update_or_create(
                wave=wave,
                municipality_code=contact.code,
                email=contact.email,
                defaults={
                    "covers": list(contact.covers),
                    "organisation": contact.organisation,
                    "name": contact.name,
                    "role": str(contact.role),
                    "language": contact.language,
                    "imported_by": by,
                },
            )
            added += created
            updated += not created
        FieldworkEvent.objects.create(
            kind=FieldworkEvent.Kind.IMPORTED,
            wave=wave,
            actor=by,
            detail=f"{filename}: {added} added, {updated} updated"[:300],
        )
    return StoredImport(added, updated)
