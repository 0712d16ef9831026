from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "aimonitor.web.research"
    label = "research"
    verbose_name = "Onderzoek"

    def ready(self) -> None:
        from allauth.mfa.signals import authentication_failed
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from aimonitor.web.research.access import install_on_admin
        from aimonitor.web.research.audit import log_failed_code, log_failed_login, log_login

        install_on_admin(admin.site)

        user_logged_in.connect(log_login, dispatch_uid="research.log_login")
        user_login_failed.connect(log_failed_login, dispatch_uid="research.log_failed_login")
        authentication_failed.connect(log_failed_code, dispatch_uid="research.log_failed_code")
