"""Staff accounts with and without second factors, and a login helper for the wizard."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import grant_roles

PASSWORD = "pw-staff-123"
LOGIN = "/admin/login/?next=/admin/"
STEP = "staff_login_view-current_step"


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True
    # django-otp waits 2^n seconds after n wrong codes: tests take the next code at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def make_staff(db, django_user_model):
    grant_roles()

    def make(username, role=None, superuser=False):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", PASSWORD, is_staff=True, is_superuser=superuser
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def boss(make_staff):
    return make_staff("boss", superuser=True)


def add_code_generator(user):
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def add_recovery_codes(user, *codes):
    device = StaticDevice.objects.create(user=user, name="backup")
    for code in codes:
        device.token_set.create(token=code)
    return device


def code_of(device):
    """The code the device's app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def post_password(client, username, password=PASSWORD, address="203.0.113.5"):
    return client.post(
        LOGIN, {"username": username, "password": password, STEP: "auth"}, REMOTE_ADDR=address
    )


def post_code(client, code, step="token", address="203.0.113.5"):
    return client.post(LOGIN, {f"{step}-otp_token": code, STEP: step}, REMOTE_ADDR=address)
