from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "aimonitor.web.survey"
    label = "survey"
    verbose_name = "Vragenlijst"
