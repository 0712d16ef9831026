"""Logins in the fieldwork log: who logged in how, and failed attempts: a wrong password
(the account name tried, never the password) and a wrong second-factor code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest

from aimonitor.web.accounts.roles import has_second_factor
from aimonitor.web.survey.models import FieldworkEvent


def log_login(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser | AnonymousUser, **kwargs: Any
) -> None:
    if not isinstance(user, User):
        return
    how = "password"
    if request is not None:
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == "survey:open":
            how = "personal link"
        elif hasattr(request, "user") and has_second_factor(request, user):
            how = "second factor"
    FieldworkEvent.objects.create(kind=FieldworkEvent.Kind.LOGIN, actor=user, detail=how)


def log_failed_code(sender: Any, user: Any = None, **kwargs: Any) -> None:
    """A wrong second-factor code (after a right password)."""
    name = user.get_username() if isinstance(user, User) else ""
    FieldworkEvent.objects.create(
        kind=FieldworkEvent.Kind.LOGIN_FAILED,
        actor=user if isinstance(user, User) else None,
        detail=f"{name}: wrong second-factor code"[:300],
    )


def log_failed_login(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    tried = str(credentials.get("username") or credentials.get("email") or "")
    FieldworkEvent.objects.create(kind=FieldworkEvent.Kind.LOGIN_FAILED, detail=tried[:300])
