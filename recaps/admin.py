from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html

from core.admin import BaseAdmin, EditorFieldsMixin

from .models import Recap, Still

ONE_HERO = next(c for c in Still._meta.constraints if c.name == "still_one_hero_per_recap")


class StillForm(forms.ModelForm):
    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, FieldFile) and self.instance.width and self.instance.height:
            # No new upload. Django measures an ImageField's file again whenever it is assigned
            # (by the form, then by model validation): every still of the recap would be read
            # from the media storage on each save, and a missing file would crash the save.
            # The width and height stored at upload are the measurement; reuse them.
            image._dimensions_cache = (self.instance.width, self.instance.height)
        return image

    def validate_constraints(self):
        # "One hero still per recap" is a rule about the set of stills, so the formset checks
        # it. Checked row by row against the database, it would refuse moving the hero from one
        # still to another in a single save.
        exclude = self._get_validation_exclusions() | {"is_hero"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class StillFormSet(forms.BaseInlineFormSet):
    def _kept_forms(self):
        """The rows that will exist after saving: stored or newly filled in, not deleted."""
        return [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        heroes = [form for form in self._kept_forms() if form.cleaned_data.get("is_hero")]
        if len(heroes) > 1:
            raise ValidationError(ONE_HERO.violation_error_message, code="one_hero")

    def save(self, commit=True):
        if commit and self.instance.pk:
            # Take the flag off the stills that lose it before giving it to the new hero, so
            # the database's one-hero constraint holds after every statement.
            heroes = [
                form.instance.pk
                for form in self._kept_forms()
                if form.instance.pk and form.instance.is_hero
            ]
            self.get_queryset().filter(is_hero=True).exclude(pk__in=heroes).update(is_hero=False)
        return super().save(commit)


class StillInline(EditorFieldsMixin, admin.StackedInline):
    model = Still
    form = StillForm
    formset = StillFormSet
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
    value_bounds = {"rating": (1, 10)}
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
