"""The Site row that feeds, sitemaps and e-mails use follows the settings after every migrate,
so the public domain is configured in one place: the environment."""

from django.conf import settings


def sync_site(sender, using="default", **kwargs):
    if sender.label != "sites":
        return
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()
