from django.contrib import admin

from aimonitor.web.municipalities.models import Merger, Municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "province", "inhabitants", "size_class", "frame_year"]
    list_filter = ["frame_year", "province", "size_class"]
    search_fields = ["code", "name"]


@admin.register(Merger)
class MergerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year_effective", "old_code", "old_name", "new_code", "new_name"]
