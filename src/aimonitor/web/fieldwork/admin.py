from django.contrib import admin

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse, Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year", "status", "frame_year", "questionnaire_version", "is_synthetic"]
    exclude = ["questionnaire"]


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Answer
    extra = 0


@admin.register(MunicipalResponse)
class MunicipalResponseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["municipality", "wave", "status", "submitted_at", "is_synthetic"]
    list_filter = ["wave", "status"]
    inlines = [AnswerInline]
