from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "aimonitor.web.api"
    verbose_name = "API"
