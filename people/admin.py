from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from core.admin import BaseAdmin, EditorFieldsMixin
from shows.admin import ShowAdmin
from shows.models import Show

from .models import Credit, Person


class CreditInline(EditorFieldsMixin, admin.TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person", "show"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "show")


@admin.register(Person)
class PersonAdmin(BaseAdmin):
    list_display = ["photo_thumbnail", "name", "native_name", "description", "credit_count"]
    list_display_links = ["photo_thumbnail", "name"]
    search_fields = ["name", "native_name", "credits__character_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CreditInline]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_total=Count("credits"))

    @admin.display(description="credits", ordering="credit_total")
    def credit_count(self, person):
        return person.credit_total

    @admin.display(description="photo")
    def photo_thumbnail(self, person):
        if not person.photo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="48" height="48">',
            person.photo.url,
        )


@admin.register(Credit)
class CreditAdmin(BaseAdmin):
    list_display = ["person", "show", "character_name", "role", "billing_order"]
    list_select_related = ["person", "show"]
    list_filter = ["role", "show"]
    search_fields = ["person__name", "show__title", "character_name"]
    autocomplete_fields = ["person", "show"]


class ShowWithCastAdmin(ShowAdmin):
    """The show page with its cast, so editors enter credits where they enter the show."""

    inlines = [*ShowAdmin.inlines, CreditInline]


admin.site.unregister(Show)
admin.site.register(Show, ShowWithCastAdmin)
