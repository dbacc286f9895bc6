"""Included at /admin/ ahead of the admin site (config/urls.py): the pages a staff member's
login needs. The login itself is the admin's own address (`admin:login`), which the admin site
answers with `StaffLoginView` (settings.ADMIN_LOGIN_VIEW).
two_factor's and otp_webauthn's namespaces are the names those libraries' templates reverse."""

from django.urls import include, path
from two_factor.views import QRGeneratorView

from . import passkeys, views
from .login import StaffLoginView

account_patterns = [
    path("", views.SecurityView.as_view(), name="security"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]

two_factor_patterns = [
    path("login/", StaffLoginView.as_view(), name="login"),
    path("profile/", views.SecurityView.as_view(), name="profile"),
    path("setup/", views.EnrolView.as_view(), name="setup"),
    path("setup/qrcode/", QRGeneratorView.as_view(), name="qr"),
    path("setup/complete/", views.SetupCompleteView.as_view(), name="setup_complete"),
    path("recovery-codes/", views.RecoveryCodesView.as_view(), name="backup_tokens"),
    path("disable/", views.DisableView.as_view(), name="disable"),
]

urlpatterns = [
    path("account/", include((account_patterns, "accounts"))),
    path("account/two-factor/", include((two_factor_patterns, "two_factor"))),
    path("account/passkeys/", include((passkeys.urlpatterns, "otp_webauthn"))),
]
