from django.contrib import admin

from core.admin import SingletonAdmin

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(SingletonAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "tagline"]}),
        ("Promo slot", {"fields": ["promo_text", "promo_link_text", "promo_link_url"]}),
        ("Mail to followers", {"fields": ["postal_address"]}),
    ]
