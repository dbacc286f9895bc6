"""Production settings come from the environment and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    base = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "episodic.example",
        "DATABASE_URL": "sqlite:////tmp/episodic-deploy-check.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_TRUSTED_PROXIES": "1",
        **overrides,
    }


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_trusted_proxies_is_warned_by_every_check():
    env = production_env()
    del env["DJANGO_TRUSTED_PROXIES"]
    result = manage("check", **env)
    assert "(episodic.W005) DJANGO_TRUSTED_PROXIES is not set" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_development_mode_starts_without_any_environment():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_allowed_hosts_and_database_come_from_the_environment():
    code = (
        "from django.conf import settings as s;"
        "print(s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
    )
    env = production_env(
        DJANGO_ALLOWED_HOSTS="a.example,b.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/episodic",
    )
    result = manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert "['a.example', 'b.example']" in result.stdout
    assert "postgresql" in result.stdout
    assert "RedisCache" in result.stdout


def test_the_site_domain_follows_the_environment_after_migrate(db):
    from django.contrib.sites.models import Site

    assert Site.objects.get_current().domain == "testserver"
