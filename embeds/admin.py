from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Embed


@admin.register(Embed)
class EmbedAdmin(ReadOnlyAdmin):
    """What providers said about the links in recaps: written when a recap is saved, read here
    to see why a link stayed a link."""

    list_display = ["url", "provider", "title", "status", "fetched_at"]
    list_filter = ["status", "provider"]
    search_fields = ["url", "title"]
    readonly_fields = [f.name for f in Embed._meta.fields if f.name != "id"]

    # A stored answer is replaced when its recap is saved after the refresh time; deleting it
    # would only turn facades back into links until then.
    deletable = False
