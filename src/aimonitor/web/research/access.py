"""Who may open a researcher page: a researcher whose session passed the second factor.

- Not logged in: to the login page, and back after it.
- Logged in without being a researcher (a municipality's coordinator or contributor, who
  came in through a personal link): 403, whatever link the session holds.
- A researcher without an authenticator app: to the page that sets one up (allauth's TOTP
  activation, which also hands out the recovery codes); nothing else opens before.
- A researcher whose session did not pass the second factor (logged in some other way):
  logged out and sent to the login page.

The admin asks the same (:func:`install_on_admin`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, auth, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from aimonitor.web.accounts.roles import has_second_factor, is_researcher

View = TypeVar("View", bound=Callable[..., HttpResponse])


def researcher_required(view: View) -> View:
    @wraps(view)
    def check(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = _refusal(request)
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return check  # type: ignore[return-value]


def _refusal(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_researcher(request.user):
        raise PermissionDenied("researchers only")
    if not is_mfa_enabled(request.user):
        messages.info(
            request, _("Set up your second factor first: an authenticator app on your phone.")
        )
        return redirect("mfa_activate_totp")
    if not has_second_factor(request):
        auth.logout(request)
        return redirect_to_login(request.get_full_path())
    return None


def install_on_admin(site: admin.AdminSite) -> None:
    """The admin opens for staff researchers who passed the second factor, and its login
    page is the researchers' login page."""
    original = site.has_permission

    def has_permission(request: HttpRequest) -> bool:
        return bool(
            original(request)
            and is_researcher(request.user)
            and is_mfa_enabled(request.user)
            and has_second_factor(request)
        )

    def login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        refusal = _refusal(request)
        if refusal is not None:
            return refusal
        if not has_permission(request):
            raise PermissionDenied("the admin is for staff researchers")
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:index")
        return redirect(target)

    site.has_permission = has_permission  # type: ignore[method-assign]
    site.login = login  # type: ignore[method-assign]


def account_pages_for_researchers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: the account pages (``/account/``: password, addresses, second factor)
    are the research team's. A municipality's person, logged in through a personal link,
    gets 403 there (they have no password and need none); logging out stays open."""

    def middleware(request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            path.startswith("/account/")
            and not path.startswith("/account/logout/")
            and request.user.is_authenticated
            and not is_researcher(request.user)
        ):
            raise PermissionDenied("the account pages are the research team's")
        return get_response(request)

    return middleware
