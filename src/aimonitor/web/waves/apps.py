from django.apps import AppConfig


class WavesConfig(AppConfig):
    name = "aimonitor.web.waves"
    verbose_name = "Metingen"
