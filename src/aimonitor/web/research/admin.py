"""The research team's records in the admin: contacts can be corrected or removed (a
municipality's coordinator changes), mail texts edited; the mails sent are a record and
read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from aimonitor.web.research.forms import MailTextCheck
from aimonitor.web.research.models import Contact, Delivery, MailTemplate
from aimonitor.web.survey.admin import RecordAdmin


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["municipality_code", "name", "email", "role", "organisation", "wave"]
    list_filter = ["wave", "role"]
    search_fields = ["municipality_code", "name", "email", "organisation"]


class MailTemplateForm(MailTextCheck, forms.ModelForm):
    """The same check as the portal's mail text page."""

    class Meta:
        model = MailTemplate
        fields = ["wave", "kind", "language", "subject", "body"]


@admin.register(MailTemplate)
class MailTemplateAdmin(admin.ModelAdmin):
    form = MailTemplateForm
    list_display = ["wave", "kind", "language", "subject", "changed_at"]
    list_filter = ["wave", "kind", "language"]


@admin.register(Delivery)
class DeliveryAdmin(RecordAdmin):
    list_display = ["at", "kind", "email", "municipality_code", "status", "detail"]
    list_filter = ["wave", "kind", "status"]
    search_fields = ["email", "municipality_code"]
