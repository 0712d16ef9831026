from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "aimonitor.web.municipalities"
    verbose_name = "Gemeenten"
