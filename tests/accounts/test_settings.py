"""The requirement is on in production and off in development, where `make run`'s printed
admin logs in with its password alone."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.config.test_settings import ROOT, production_env

from .conftest import post_password


def required_with(**env):
    """TWO_FACTOR_REQUIRED as config/settings/security.py reads it from `env` alone."""
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.TWO_FACTOR_REQUIRED)"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_production_requires_two_factors_and_development_does_not():
    assert required_with(**production_env()) == "True"
    assert required_with(DJANGO_DEBUG="1") == "False"
    assert required_with(**production_env(EPISODIC_REQUIRE_TWO_FACTOR="0")) == "False"


@pytest.mark.django_db
def test_the_development_admin_logs_in_as_printed(client, settings):
    settings.DEBUG = True
    call_command("ensure_dev_admin", stdout=open("/dev/null", "w"))
    response = post_password(client, "admin", password="episodic-admin")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
