from django.apps import AppConfig
from django.contrib.sites import apps as sites_apps


class SiteSettingsConfig(AppConfig):
    name = "sitesettings"
    verbose_name = "Site settings"


class SitesConfig(sites_apps.SitesConfig):
    """The Site row (its domain and name follow the settings: core.sites) is the site's
    settings too: in the admin it is under "Site settings", its admin host, not "Sites"
    (core.admin_site)."""

    # Named in INSTALLED_APPS; not what "sitesettings" there means.
    default = False
    verbose_name = SiteSettingsConfig.verbose_name
    admin_host = "sitesettings"
