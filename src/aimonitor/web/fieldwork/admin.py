from django.contrib import admin

from aimonitor.web.fieldwork.models import Answer, MunicipalResponse


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(MunicipalResponse)
class MunicipalResponseAdmin(admin.ModelAdmin):
    list_display = ["municipality", "wave", "status", "submitted_at", "is_synthetic"]
    list_filter = ["wave", "status"]
    inlines = [AnswerInline]
