from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff login"

    def ready(self):
        from .policy import remember_requirement

        user_logged_in.connect(remember_requirement, dispatch_uid="accounts.remember_requirement")
