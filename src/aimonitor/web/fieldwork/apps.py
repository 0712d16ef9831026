from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "aimonitor.web.fieldwork"
    verbose_name = "Veldwerk"
