"""Responses in the admin: a published wave's responses are read-only; a submitted response
keeps its answers read-only and can only be reopened (status back to in progress); neither
can be deleted (ADR 0008). Every change is in the response's history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, NamingConsent
from aimonitor.web.waves.models import Wave


def _stored(obj: Model | None) -> tuple[str, str] | None:
    """The response's status and its wave's, as stored (the admin's form writes the posted
    values into ``obj`` before the page is drawn again)."""
    if not isinstance(obj, MunicipalResponse) or obj.pk is None:
        return None
    return MunicipalResponse.objects.filter(pk=obj.pk).values_list("status", "wave__status").first()


def _is_published(obj: Model | None) -> bool:
    stored = _stored(obj)
    return stored is not None and stored[1] == Wave.Status.PUBLISHED


def _is_fixed(obj: Model | None) -> bool:
    """Answers of this response no longer change (submitted, or of a published wave)."""
    stored = _stored(obj)
    return stored is not None and (
        stored[0] == MunicipalResponse.Status.SUBMITTED or stored[1] == Wave.Status.PUBLISHED
    )


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_fixed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_fixed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_fixed(obj) and super().has_delete_permission(request, obj)


@admin.register(MunicipalResponse)
class MunicipalResponseAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "wave", "status", "submitted_at", "is_synthetic"]
    list_filter = ["wave", "status"]
    inlines = [AnswerInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        if _is_fixed(obj):
            return ["wave", "municipality", "submitted_at", "is_synthetic"]
        return ["submitted_at"]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_published(obj) and bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_fixed(obj) and super().has_delete_permission(request, obj)


@admin.register(NamingConsent)
class NamingConsentAdmin(SimpleHistoryAdmin):
    """A municipality's decision on being named in the open data, for a researcher who
    received it otherwise (by mail); who decided is the researcher saving it."""

    list_display = ("municipality", "wave", "named", "decided_at", "decided_by")
    list_filter = ("wave", "named")
    search_fields = ("municipality__name", "municipality__code")
    fields = ("wave", "municipality", "named", "decided_at", "decided_by")
    readonly_fields = ("decided_at", "decided_by")
    autocomplete_fields = ("municipality",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.decided_by = request.user
        super().save_model(request, obj, form, change)
