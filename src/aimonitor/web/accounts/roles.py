"""Who a logged-in user is to the web apps: a researcher, and whether this session passed
the second factor. The research portal's pages and the embargoed outputs ask here."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from django.http import HttpRequest

from aimonitor.web.accounts.models import Membership


def is_researcher(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(Membership.objects.filter(user=user, role=Membership.Role.RESEARCHER).exists())


def has_second_factor(request: HttpRequest, user: Any = None) -> bool:
    """Whether this session's login (of ``user``, else the request's) was a password followed
    by a second factor (TOTP or a recovery code); a re-authentication alone does not count."""
    records = get_authentication_records(request, user or request.user)
    methods = {record.get("method") for record in records if not record.get("reauthenticated")}
    return {"password", "mfa"} <= methods


def is_signed_in_researcher(request: HttpRequest) -> bool:
    """Whether the request comes from a researcher logged in with a second factor: who may
    see a wave's outputs before it is published (the embargo)."""
    return is_researcher(request.user) and has_second_factor(request)
