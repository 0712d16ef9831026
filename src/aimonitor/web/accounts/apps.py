from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aimonitor.web.accounts"
    verbose_name = "Accounts"
