"""Waves in the admin: a draft is edited freely; a wave that is open or closed keeps its
frozen fields read-only; a published wave is shown read-only and cannot be deleted
(ADR 0008). "Add wave" makes a draft that freezes the project's current questionnaire.
Every change is in the wave's history (the "History" button)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from aimonitor.paths import data_dir
from aimonitor.questionnaire import load_questionnaire
from aimonitor.web.waves.models import FROZEN_ONCE_OPEN, Wave

QUESTIONNAIRE_FILE = "questionnaires/ai-monitor-2024.yaml"
"""The questionnaire a new wave freezes (the project has one questionnaire file for now)."""


def _stored_status(obj: Model | None) -> str | None:
    """The wave's status as stored: the admin's form writes the posted one into ``obj``
    before the page is drawn again, and that must not open up the frozen fields."""
    if not isinstance(obj, Wave) or obj.pk is None:
        return None
    return Wave.objects.filter(pk=obj.pk).values_list("status", flat=True).first()


def _is_published(obj: Model | None) -> bool:
    return _stored_status(obj) == Wave.Status.PUBLISHED


@admin.register(Wave)
class WaveAdmin(SimpleHistoryAdmin):
    list_display = ["year", "status", "frame_year", "questionnaire_version", "is_synthetic"]
    fields = [
        "year",
        "status",
        "opens_on",
        "closes_on",
        "frame_year",
        "frame_sha256",
        "questionnaire_id",
        "questionnaire_version",
        "is_synthetic",
    ]

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        if obj is None:  # a new wave is a draft; its questionnaire comes from the file
            return ["year", "opens_on", "closes_on", "frame_year", "is_synthetic"]
        return self.fields

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        if obj is None:
            return []
        fixed = ["frame_sha256", "questionnaire_id", "questionnaire_version"]
        if _stored_status(obj) != Wave.Status.DRAFT:
            fixed = [f for f in self.fields if f in FROZEN_ONCE_OPEN]
        return fixed

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not _is_published(obj) and bool(super().has_change_permission(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is not None and _stored_status(obj) != Wave.Status.DRAFT:
            return False
        return bool(super().has_delete_permission(request, obj))

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        if not change:
            questionnaire = load_questionnaire(data_dir() / QUESTIONNAIRE_FILE)
            obj.status = Wave.Status.DRAFT
            obj.questionnaire_id = questionnaire.id
            obj.questionnaire_version = questionnaire.version
            obj.questionnaire = questionnaire.to_dict()
        super().save_model(request, obj, form, change)
