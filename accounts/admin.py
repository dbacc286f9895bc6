"""The second-factor devices in the admin, and resetting a colleague's lost device.

django-otp's and django-otp-webauthn's own admins, with the site's safe relation fields and
the permissions their extra views need (core.admin_site refuses views that declare none)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django_otp import devices_for_user
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin, StaticTokenInline
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.utils import get_credential_model

from core.admin import SafeRelationsMixin, UserAdmin


class CodeGeneratorAdmin(SafeRelationsMixin, TOTPDeviceAdmin):
    # Its configuration and QR code show the device's secret key.
    view_permissions = {"config_view": ["change"], "qrcode_view": ["change"]}


class RecoveryCodeInline(SafeRelationsMixin, StaticTokenInline):
    pass


class RecoveryCodesAdmin(SafeRelationsMixin, StaticDeviceAdmin):
    inlines = [RecoveryCodeInline]


class PasskeyAdmin(SafeRelationsMixin, WebAuthnCredentialAdmin):
    pass


class StaffUserAdmin(UserAdmin):
    actions = ["reset_second_factors"]

    def has_reset_second_factors_permission(self, request):
        """Only a superuser who logged in with a second factor, or where none is required,
        may take away someone's: it lets that account in with its password alone, until the
        admin asks it to set one up again."""
        return request.user.is_superuser

    @admin.action(
        description="Reset two-factor login (lost phone or passkey)",
        permissions=["reset_second_factors"],
    )
    def reset_second_factors(self, request, queryset):
        removed = 0
        for user in queryset:
            for device in devices_for_user(user, confirmed=None):
                device.delete()
                removed += 1
        self.message_user(
            request,
            f"Removed {removed} device(s) of {len(queryset)} user(s): they set up a new one "
            "at their next login where the site requires it.",
            messages.SUCCESS,
        )


for _model, _admin in (
    (TOTPDevice, CodeGeneratorAdmin),
    (StaticDevice, RecoveryCodesAdmin),
    (get_credential_model(), PasskeyAdmin),
    (get_user_model(), StaffUserAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
