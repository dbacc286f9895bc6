"""The admin's login (/admin/login/): django-two-factor-auth's login wizard, a password then,
for an account with a code generator, a code or a recovery code, in the admin's look.

The lockout (core.lockout, django-axes) counts a wrong code as it counts a wrong password, for
the same user name and address: a stolen password does not buy unlimited guesses at the
codes, and a pair locked out is refused at the code step too. django-otp's own throttle (each
failure doubles the wait before the device takes another code) runs as well.

The password step's fields keep the names of Django's own admin login (`username`,
`password`): password managers and scripts that log in go on working, and a POST without the
wizard's step field is the password step."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, resolve_url
from two_factor.views import LoginView

from .policy import second_factor_missing


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    # The admin's own password form: it refuses an account that is not staff.
    form_list = (
        (LoginView.AUTH_STEP, AdminAuthenticationForm),
        *LoginView.form_list[1:],
    )

    @property
    def current_step_field(self):
        return f"{self.prefix}-current_step"

    def get(self, request, *args, **kwargs):
        if second_factor_missing(request):
            # Logged in with a password but owing a second factor (admin_site).
            return redirect("accounts:verify")
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        if self.current_step_field not in self.request.POST:
            self.request.POST = self.request.POST.copy()
            self.request.POST[self.current_step_field] = self.AUTH_STEP
        if self.at_second_factor():
            # Whom a failure here counts against (core.lockout.client_username).
            self.request.axes_username = self.get_user().get_username()
            if self.locked_out():
                self.storage.reset()
                self.request.axes_locked_out = True
                # AxesMiddleware answers with the lockout page instead.
                return redirect("admin:login")
        return super().post(*args, **kwargs)

    def at_second_factor(self):
        posted = self.request.POST.get(self.current_step_field)
        return posted in (self.TOKEN_STEP, self.BACKUP_STEP) and bool(self.get_user())

    def credentials(self):
        return {"username": self.get_user().get_username()}

    def locked_out(self):
        return not AxesProxyHandler.is_allowed(self.request, self.credentials())

    def get_form_prefix(self, step=None, form=None):
        return "" if step == self.AUTH_STEP else super().get_form_prefix(step, form)

    def render(self, form=None, **kwargs):
        if (
            self.request.method == "POST"
            and self.steps.current in (self.TOKEN_STEP, self.BACKUP_STEP)
            and form is not None
            and form.is_bound
            and form.errors
        ):
            user_login_failed.send(
                sender=type(self), credentials=self.credentials(), request=self.request
            )
            if getattr(self.request, "axes_locked_out", False):
                self.storage.reset()
        return super().render(form, **kwargs)

    def get_context_data(self, form, **kwargs):
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(form, **kwargs),
            "title": "Log in",
        }

    def get_success_url(self):
        """Signing in without a page to return to lands on the start page `ADMIN_START_PAGE`
        names (the episode desk) for whoever holds its permission; the admin index stays one
        click away."""
        asked = self.get_redirect_url()
        start = settings.ADMIN_START_PAGE
        index = resolve_url(settings.LOGIN_REDIRECT_URL)
        if start and asked in ("", index) and self.request.user.has_perm(start["permission"]):
            return resolve_url(start["url"])
        return asked or index


# The view the admin site's login answers with (settings.ADMIN_LOGIN_VIEW).
staff_login = StaffLoginView.as_view()
