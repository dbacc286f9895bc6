from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django_otp.plugins.otp_static import apps as otp_static_apps
from django_otp.plugins.otp_totp import apps as otp_totp_apps
from django_otp_webauthn import apps as webauthn_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff login"

    def ready(self):
        from .policy import remember_requirement

        user_logged_in.connect(remember_requirement, dispatch_uid="accounts.remember_requirement")


# The second factors' models (authenticator codes, recovery codes, passkeys) are the staff
# login's: in the admin they are under "Staff login", its admin host (core.admin_site), not
# "Otp_Totp", "Otp_Static" and "OTP WebAuthn". Each is named in INSTALLED_APPS; none is what
# "accounts" there means.
class TotpConfig(otp_totp_apps.DefaultConfig):
    default = False
    verbose_name = AccountsConfig.verbose_name
    admin_host = "accounts"


class StaticCodesConfig(otp_static_apps.DefaultConfig):
    default = False
    verbose_name = AccountsConfig.verbose_name
    admin_host = "accounts"


class PasskeysConfig(webauthn_apps.OtpWebauthnConfig):
    default = False
    verbose_name = AccountsConfig.verbose_name
    admin_host = "accounts"
