from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "aimonitor.web.survey"
    label = "survey"
    verbose_name = "Vragenlijst"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from aimonitor.web.fieldwork.models import MunicipalResponse
        from aimonitor.web.survey.signals import log_reopening

        post_save.connect(
            log_reopening, sender=MunicipalResponse, dispatch_uid="survey.log_reopening"
        )
