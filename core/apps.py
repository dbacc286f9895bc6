from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.core.checks import Tags, register
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site building blocks"

    def ready(self):
        from . import database_outage, mediafiles, roles
        from .checks import trusted_proxies_check
        from .client_address import trusted_proxies
        from .sites import sync_site

        mediafiles.connect()
        database_outage.connect()
        register(trusted_proxies_check, Tags.security)
        # A malformed DJANGO_TRUSTED_PROXIES stops the start, not the first request.
        trusted_proxies()

        # core has no models, so post_migrate is never sent for it: follow the sites app's.
        post_migrate.connect(sync_site, dispatch_uid="core.sync_site")
        roles.connect()


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (third-party apps' models under our apps that host
    them)."""

    # Named in INSTALLED_APPS; not what "core" there means.
    default = False

    default_site = "core.admin_site.EpisodicAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes (core.lockout), headed in the admin by what its rows are to editors."""

    # Named in INSTALLED_APPS; not what "axes" there means.
    default = False
    verbose_name = "Login lockouts"
