"""API keys in the admin: an editor with the permission issues one, sees it once on the next
page, and revokes it by unticking "active" (or deletes it). Only its first characters and its
hash are stored."""

from django.contrib import admin, messages

from core.admin import BaseAdmin

from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(BaseAdmin):
    list_display = [
        "name",
        "prefix",
        "requests_per_minute",
        "is_active",
        "created_at",
        "last_used_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["name", "requests_per_minute", "is_active", *readonly_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.issue()
            messages.warning(
                request,
                f"The API key for “{obj.name}” is {key} — copy it now: it is stored hashed "
                "and cannot be shown again.",
            )
        super().save_model(request, obj, form, change)
