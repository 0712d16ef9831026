"""The frame's copy in the database, shown read-only: the frame files are authoritative
(``docs/decisions/0007-authoritative-frame.md``), so an edit here would be overwritten by the
next ``aimonitor load-frame`` and never reach a count. Change the files, then load them."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from aimonitor.web.municipalities.models import Merger, Municipality


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "province", "inhabitants", "size_class", "frame_year"]
    list_filter = ["frame_year", "province", "size_class"]
    search_fields = ["code", "name"]


@admin.register(Merger)
class MergerAdmin(ReadOnlyAdmin):
    list_display = ["year_effective", "old_code", "old_name", "new_code", "new_name"]
