from django.contrib import admin
from django.db import models

from .images import ImageUploadField

SMALLINT_MAX = 32_767


class EditorFieldsMixin:
    """Form fields that explain a refusal in words, for admins and their inlines.

    Image uploads use `ImageUploadField`, which says why a file is refused.

    Number fields take bounds from `value_bounds`. The database refuses an episode number of 0
    through a CheckConstraint, but a constraint's own message ("Constraint “…” is violated.")
    names SQL, not the field. `value_bounds = {"number": (1, None)}` gives the form field the
    same bounds, so the editor reads "Ensure this value is greater than or equal to 1." beside
    the box, and the browser's number input has the same minimum.

    Small integer fields are capped at PostgreSQL's smallint maximum on every database, so a
    value SQLite would store is not refused only in production.
    """

    value_bounds: dict[str, tuple[int | None, int | None]] = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs.setdefault("form_class", ImageUploadField)
        low, high = self.value_bounds.get(db_field.name, (None, None))
        if high is None and isinstance(db_field, models.SmallIntegerField):
            high = SMALLINT_MAX
        if low is not None:
            kwargs["min_value"] = low
        if high is not None:
            kwargs["max_value"] = high
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class BaseAdmin(EditorFieldsMixin, admin.ModelAdmin):
    """What every editors' admin shares: save buttons at the top and pages of a readable size."""

    save_on_top = True
    list_per_page = 50
    show_full_result_count = False
