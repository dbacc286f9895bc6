from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from taggit.forms import TagField
from taggit.managers import TaggableManager

from .images import ImageUploadField
from .media_faults import MediaStorageError, faults

SMALLINT_MAX = 32_767


def is_storable_key(key_field, value):
    """True when `value` fits the model field `key_field` (a primary key or a `to_field`), so a
    lookup with it cannot fail in the database: not a number, a number beyond the column's
    range (SQLite raises OverflowError on a 20-digit id), or a NUL byte (PostgreSQL refuses it)
    would otherwise crash the query instead of being a form error."""
    if isinstance(value, str) and "\x00" in value:
        return False
    try:
        key_field.run_validators(key_field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _key_field(model, to_field_name):
    return model._meta.get_field(to_field_name) if to_field_name else model._meta.pk


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses an id the database could not look up."""

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model):
            if not is_storable_key(_key_field(self.queryset.model, self.to_field_name), value):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses ids the database could not look up."""

    def _check_values(self, value):
        key_field = _key_field(self.queryset.model, self.to_field_name)
        for pk in value:
            if isinstance(pk, str | int) and not is_storable_key(key_field, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SkipInvalidChoicesMixin:
    """Autocomplete widgets re-render a refused form by looking up the posted ids; an id the
    database cannot look up is left out (as django-autocomplete-light does) instead of
    crashing the page. The form field reports it."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key_field = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        value = [v for v in value if is_storable_key(key_field, v)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(SkipInvalidChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SkipInvalidChoicesMixin, AutocompleteSelectMultiple):
    pass


class BoundedTagField(TagField):
    """taggit's tag field, refusing a tag longer than the tag table's column: PostgreSQL
    raised DataError (a 500) on a 101-character tag that SQLite stored."""

    def __init__(self, *, max_tag_length, **kwargs):
        self.max_tag_length = max_tag_length
        super().__init__(**kwargs)

    def clean(self, value):
        tags = super().clean(value)
        if any(len(tag) > self.max_tag_length for tag in tags):
            raise ValidationError(
                f"A tag can be at most {self.max_tag_length} characters long.",
                code="tag_too_long",
            )
        return tags


class SafeRelationsMixin:
    """Relation fields that turn any posted id into a form error, never a server error: the
    form fields above, and autocomplete widgets that skip ids they cannot look up. Every admin
    and inline of the site has it (tests/hardening checks that)."""

    def _safe_relation(self, db_field, request, kwargs, form_class, autocomplete_widget):
        kwargs.setdefault("form_class", form_class)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = autocomplete_widget(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._safe_relation(
            db_field, request, kwargs, SafeModelChoiceField, SafeAutocompleteSelect
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._safe_relation(
            db_field,
            request,
            kwargs,
            SafeModelMultipleChoiceField,
            SafeAutocompleteSelectMultiple,
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EditorFieldsMixin(SafeRelationsMixin):
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
        if isinstance(db_field, TaggableManager):
            kwargs.setdefault("form_class", BoundedTagField)
            tag_name = db_field.through.tag_model()._meta.get_field("name")
            kwargs.setdefault("max_tag_length", tag_name.max_length)
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


MEDIA_STORAGE_UNAVAILABLE = (
    "The media storage (where images are kept) could not be reached, so nothing was saved. "
    "Choose the image again and save in a minute; the rest of the form is as you left it."
)


class MediaStorageErrorsMixin:
    """A save that fails because the media storage is away (S3 unreachable or timing out, a
    full or read-only disk) is the form again with an error saying so, not a server error.

    The failed save was rolled back (the change form is one transaction); the form is then
    built again from what was posted, without the uploads (a browser never sends a file
    twice, and the storage may have taken the temporary file), and refused."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MediaStorageError as error:
            faults.failed(error.name, error.error)
        request._media_storage_failed = True
        request._files = MultiValueDict()
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if getattr(request, "_media_storage_failed", False):
            form = type(form.__name__, (StorageRefusedForm, form), {})
        return form


class StorageRefusedForm:
    def clean(self):
        super().clean()
        raise ValidationError(MEDIA_STORAGE_UNAVAILABLE, code="media_storage_unavailable")


class BaseAdmin(MediaStorageErrorsMixin, EditorFieldsMixin, admin.ModelAdmin):
    """What every editors' admin shares: save buttons at the top, pages of a readable size, and
    a form error, not a server error, when the media storage is away."""

    save_on_top = True
    list_per_page = 50
    show_full_result_count = False


class ReadOnlyAdmin(BaseAdmin):
    """Rows the site writes itself (logs, deliveries, stored answers): looked at, never added or
    edited by hand. `deletable` says whether whoever may delete rows of the model may delete
    these (clearing a list), or whether they are a record that stays."""

    deletable = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


class SingletonAdmin(admin.ModelAdmin):
    """A settings row (core.singleton): the list page goes straight to its form, and it can be
    neither added twice nor deleted."""

    def has_add_permission(self, request):
        # Asked on every admin page (the sidebar's "Add" links): answer from the cached row.
        return super().has_add_permission(request) and self.model.load()._state.adding

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        row = self.model.objects.first()
        if row is None:
            return redirect(reverse(f"{prefix}_add"))
        return redirect(reverse(f"{prefix}_change", args=[row.pk]))


# Django's own admins for groups and users, with the same relation fields as ours (a group's
# permissions, a user's groups and permissions).
class GroupAdmin(SafeRelationsMixin, auth_admin.GroupAdmin):
    pass


class UserAdmin(SafeRelationsMixin, auth_admin.UserAdmin):
    # Django's password form checks the change permission on the user too.
    view_permissions = {"user_change_password": ["change"]}


# django-axes' admins, registered here (AXES_ENABLE_ADMIN is off) so that its action declares
# the permission it needs, as every action must (core.admin_site).
class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.action(description="Clean up expired attempts", permissions=["delete"])
    def cleanup_expired_attempts(self, request, queryset):
        # Axes dates "expired" from the login attempt it stamps on a login's request; none was
        # stamped on this one (it failed with a 500), and None means "from now".
        request.axes_attempt_time = None
        return super().cleanup_expired_attempts(request, queryset)


admin.site.register(AccessAttempt, AccessAttemptAdmin)
admin.site.register(AccessLog, axes_admin.AccessLogAdmin)
admin.site.register(AccessFailureLog, axes_admin.AccessFailureLogAdmin)

for _model, _admin in ((Group, GroupAdmin), (get_user_model(), UserAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
