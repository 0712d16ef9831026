"""The research team's records in the admin: contacts can be corrected or removed (a
municipality's coordinator changes), mail texts edited; the mails sent are a record and
read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from aimonitor.web.research.models import Contact, Delivery, MailTemplate


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["municipality_code", "name", "email", "role", "organisation", "wave"]
    list_filter = ["wave", "role"]
    search_fields = ["municipality_code", "name", "email", "organisation"]


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    list_display = ["wave", "kind", "language", "subject", "changed_at"]
    list_filter = ["wave", "kind", "language"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "email", "municipality_code", "status", "detail"]
    list_filter = ["wave", "kind", "status"]
    search_fields = ["email", "municipality_code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
