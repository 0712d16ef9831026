from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "aimonitor.web.public"
    verbose_name = "Publiek"
