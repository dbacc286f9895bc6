from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list page goes straight to its form, and it can be neither added twice nor
    deleted."""

    fieldsets = [
        (None, {"fields": ["site_name", "tagline"]}),
        ("Promo slot", {"fields": ["promo_text", "promo_link_text", "promo_link_url"]}),
        (
            "Comment moderation",
            {
                "fields": [
                    "comment_hold_max_links",
                    "comment_moderation_words",
                    "comment_block_words",
                    "comment_block_emails",
                    "comment_block_ips",
                    "comment_min_seconds",
                    "comment_rate_per_minute",
                    "comment_close_after_days",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # Asked on every admin page (the sidebar's "Add" links): answer from the cached row.
        return SiteSettings.load()._state.adding

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings = SiteSettings.objects.first()
        if settings is None:
            return redirect(reverse("admin:sitesettings_sitesettings_add"))
        return redirect(reverse("admin:sitesettings_sitesettings_change", args=[settings.pk]))
