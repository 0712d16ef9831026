from django.contrib import admin

from aimonitor.web.waves.models import Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "frame_year", "questionnaire_version", "is_synthetic"]
    exclude = ["questionnaire"]
