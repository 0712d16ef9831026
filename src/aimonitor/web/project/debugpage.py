"""What Django's error reports (the debug page, the mail to admins) may show: no credential.

Django already hides settings named like ``PASSWORD`` or ``SECRET``; this filter also hides
the request's or environment's ``DATABASE_URL``, every password inside a URL or a
connection string (:func:`aimonitor.errors.redact_credentials`), and every dictionary entry
named like a secret in the local variables of the traceback (a database driver's
``conn_params`` holds the password in clear).
"""

from __future__ import annotations

import re
from collections.abc import ItemsView
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from aimonitor.errors import redact_credentials


class CredentialHidingFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE_URL|DSN", flags=re.I
    )

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        cleansed = super().cleanse_setting(key, value)
        if isinstance(cleansed, str):
            return redact_credentials(cleansed)
        if isinstance(cleansed, list | tuple):
            return type(cleansed)(self.cleanse_setting("", item) for item in cleansed)
        return cleansed

    def get_traceback_frame_variables(
        self, request: HttpRequest | None, tb_frame: Any
    ) -> ItemsView[str, Any]:
        return {
            name: self.cleanse_setting(name, value)
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        }.items()


class CredentialHidingReporter(ExceptionReporter):
    """The whole report passes :func:`~aimonitor.errors.redact_credentials` last, so an
    exception's own message (a driver's error naming its DSN) cannot show a password."""

    def get_traceback_html(self) -> SafeString:
        return mark_safe(redact_credentials(super().get_traceback_html()))

    def get_traceback_text(self) -> SafeString:
        return mark_safe(redact_credentials(super().get_traceback_text()))
