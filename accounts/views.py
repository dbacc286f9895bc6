"""A staff member's own security page, the page that asks for a second factor still owed,
and the enrolment wizard of a code generator (django-two-factor-auth's, guarded)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp_webauthn.utils import get_credential_model
from two_factor import views as two_factor_views
from two_factor.utils import default_device

from .policy import is_required_to_use_two_factors, may_add_device, second_factor_missing


class AdminPageMixin:
    """The admin's header, title and user tools on a page outside the admin site's URLs."""

    title = ""

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": self.title,
            # No admin page opens yet: no sidebar of them.
            "is_nav_sidebar_enabled": not second_factor_missing(self.request),
        }


def security_context(request):
    user = request.user
    recovery = user.staticdevice_set.first()
    return {
        "code_generator": default_device(user),
        "recovery_codes_left": recovery.token_set.count() if recovery else 0,
        "passkeys": get_credential_model().objects.filter(user=user).order_by("created_at"),
        "required": is_required_to_use_two_factors(user),
        "may_add_device": may_add_device(request),
    }


@method_decorator([never_cache, login_required], name="dispatch")
class SecurityView(AdminPageMixin, TemplateView):
    """Your login's second factors: a code generator with its recovery codes, passkeys."""

    template_name = "accounts/security.html"
    title = "Your login's security"

    def get(self, request, *args, **kwargs):
        if second_factor_missing(request):
            return redirect("accounts:verify")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **security_context(self.request)}


@method_decorator([never_cache, login_required], name="dispatch")
class VerifyView(AdminPageMixin, TemplateView):
    """Where the admin sends a user logged in with a password who owes a second factor: a
    passkey of theirs, or setting one up when they have none yet."""

    template_name = "accounts/verify.html"
    title = "A second factor is needed"

    def get(self, request, *args, **kwargs):
        if not second_factor_missing(request):
            return redirect("admin:index")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **security_context(self.request)}


class EnrolView(AdminPageMixin, two_factor_views.SetupView):
    """django-two-factor-auth's set-up wizard (a QR code, then a code from the app), refused to
    a session that owes the account's existing second factor (policy.may_add_device)."""

    title = "Set up an authenticator app"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_add_device(request):
            raise PermissionDenied("Log in with your second factor before adding another.")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step, **kwargs)
        if "token" in form.fields:
            # A text box with a numeric keyboard, as the login's, not a number spinner.
            form.fields["token"].widget = forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
            )
        return form


class RecoveryCodesView(AdminPageMixin, two_factor_views.BackupTokensView):
    title = "Recovery codes"


class SetupCompleteView(AdminPageMixin, two_factor_views.SetupCompleteView):
    title = "Two-factor login is on"


class DisableView(AdminPageMixin, two_factor_views.DisableView):
    title = "Turn off two-factor login"
