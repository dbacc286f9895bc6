from django.contrib import admin
from django.utils.html import format_html

from core.admin import BaseAdmin

from .models import Recap, Still


class StillInline(admin.StackedInline):
    model = Still
    extra = 0
    fields = [
        ("image", "preview"),
        ("alt_text", "caption"),
        ("credit", "section", "order", "is_hero"),
    ]
    readonly_fields = ["preview"]

    @admin.display(description="preview")
    def preview(self, still):
        if not still.pk or not still.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="240" loading="lazy">',
            still.thumbnail.url,
            still.alt_text,
        )


@admin.register(Recap)
class RecapAdmin(BaseAdmin):
    list_display = ["headline", "show", "episode_number", "author", "status", "published_at"]
    list_display_links = ["headline"]
    list_select_related = ["episode__show", "author"]
    list_filter = ["status", "episode__show", "author"]
    search_fields = ["subtitle", "episode__show__title", "slug"]
    search_help_text = "Search by subtitle, show title or slug."
    date_hierarchy = "published_at"
    autocomplete_fields = ["episode", "author", "also_read"]
    prepopulated_fields = {"slug": ["subtitle"]}
    view_on_site = True
    inlines = [StillInline]
    fieldsets = [
        (None, {"fields": ["episode", "subtitle", "slug", "author"]}),
        ("Article", {"fields": ["intro", "body", "bonus_track", "review", "verdict", "rating"]}),
        ("Publishing", {"fields": ["status", "published_at", "tags", "also_read"]}),
        ("Search and sharing", {"fields": ["meta_description"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description="show", ordering="episode__show__title")
    def show(self, recap):
        return recap.episode.show

    @admin.display(description="episode", ordering="episode__number")
    def episode_number(self, recap):
        return recap.episode.number
