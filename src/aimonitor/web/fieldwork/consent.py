"""Recording a municipality's decision on being named in the open data of a wave."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from aimonitor.web.fieldwork.models import NamingConsent
from aimonitor.web.municipalities.models import Municipality
from aimonitor.web.waves.models import Wave


def record_naming_consent(
    wave: Wave, municipality: Municipality, *, named: bool, by: User | None
) -> NamingConsent:
    """Keep the decision (the history records each change, and who made it)."""
    with transaction.atomic():
        consent, _ = NamingConsent.objects.select_for_update().get_or_create(
            wave=wave, municipality=municipality, defaults={"named": named, "decided_by": by}
        )
        if consent.named != named or consent.decided_by != by:
            consent.named = named
            consent.decided_by = by
            consent.save()
    return consent
