"""Passkeys (WebAuthn) through django-otp-webauthn: registered from the security page, used
at the login instead of the password (passwordless: the passkey's own check of who holds it,
a PIN or a fingerprint, is required, so it is two factors by itself), or as the second factor
after a password (accounts.views.VerifyView).

The library's views, with two changes: its JSON endpoints take the session only (Django REST
framework would also try HTTP basic authentication, a password check outside the lockout),
and registering is refused to a session that owes the account's existing second factor."""

from django.contrib.auth import authenticate, login
from django.urls import path
from django_otp import login as otp_login
from django_otp_webauthn import views
from django_otp_webauthn.exceptions import UserDisabled
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied

from .policy import may_add_device


class SessionOnly:
    authentication_classes = [SessionAuthentication]


class Registration(SessionOnly):
    def check_can_register(self):
        if not may_add_device(self.request):
            raise PermissionDenied("Log in with your second factor before adding a passkey.")


class BeginRegistration(Registration, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(Registration, views.CompleteCredentialRegistrationView):
    pass


class BeginAuthentication(SessionOnly, views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(SessionOnly, views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        """As the library's, but a refusal by the login backends (axes' lockout) is a 403:
        the library would log in None, a server error."""
        if not self.request.user.is_authenticated:
            user = authenticate(self.request, webauthn_credential=device)
            if user is None:
                raise UserDisabled()
            login(self.request, user)
        otp_login(self.request, device)


# The names the library's template tags reverse (its JavaScript catalog is not used: see
# templates/django_otp_webauthn/).
urlpatterns = [
    path("register/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path(
        "register/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path("login/begin/", BeginAuthentication.as_view(), name="credential-authentication-begin"),
    path(
        "login/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
]
