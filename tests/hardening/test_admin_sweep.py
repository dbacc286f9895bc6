"""Every admin form, every field, hostile values: never a server error, a form error where the
value is invalid, and nothing stored when the form is refused.

The sweep walks `admin.site._registry`, so a new admin (or inline) is covered without anyone
remembering to add it. The superuser posts every field of every change form with every hostile
value that applies to the field's kind (sweep.py), and every field of every add form with the
first two; each role (Writers, Editors, Moderators) then posts every field it can reach with
the first value of its kind, on add and change forms. The figures go to test-artifacts/."""

import re
import time

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from tests.admin_forms import form_data

from .conftest import ROLES
from .sweep import Tally, must_refuse, values_for

pytestmark = pytest.mark.django_db

_INLINE_NAME = re.compile(r"^(?P<prefix>.+)-(?P<index>\d+)-(?P<field>[^-]+)$")
_SPLIT = re.compile(r"^(?P<field>.+)_[01]$")


def admin_request(user, url):
    request = RequestFactory().get(url)
    request.user = user
    return request


def change_object(model_admin, request):
    """A row the user may change, never the user's own account (a hostile `is_active` would
    lock the sweep out)."""
    queryset = model_admin.get_queryset(request).order_by("-pk")
    for obj in queryset[:20]:
        if obj == request.user:
            continue
        if model_admin.has_change_permission(request, obj):
            return obj
    return None


def form_fields(model_admin, request, obj):
    """Posted name → form field, for the model form and each inline formset's forms."""
    fields = {}
    form = model_admin.get_form(request, obj, change=obj is not None)
    fields.update(form.base_fields)
    for formset, _inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset.get_default_prefix()
        for name, form_field in formset.form.base_fields.items():
            fields[(prefix, name)] = form_field
    return fields


def field_for(fields, name):
    if name in fields:
        return fields[name]
    if match := _SPLIT.match(name):
        return fields.get(match["field"])
    if match := _INLINE_NAME.match(name):
        return fields.get((match["prefix"], match["field"]))
    return None


def snapshot(model, obj):
    """What is stored: the row count for an add form, the row's values for a change form."""
    manager = model._base_manager
    if obj is None:
        return manager.count()
    row = manager.filter(pk=obj.pk).values().first()
    return row


def sweep_form(client, tally, user, model, model_admin, url, obj, depth, label):
    response = client.get(url)
    if response.status_code != 200:
        return  # this user may not use this form
    baseline = form_data(response, f"{model._meta.model_name}_form")
    request = admin_request(user, url)
    fields = form_fields(model_admin, request, obj)
    tally.forms += 1
    names = [name for name in baseline if name != "csrfmiddlewaretoken"]
    # What a browser leaves out (an empty multiple select, an unticked box) is swept too.
    names += [
        name
        for name, form_field in fields.items()
        if isinstance(name, str)
        and name not in baseline
        and not form_field.disabled
        and not isinstance(form_field, forms.SplitDateTimeField | forms.FileField)
    ]
    for name in names:
        tally.fields += 1
        form_field = field_for(fields, name)
        for hostile, value in values_for(form_field, name, depth).items():
            data = {key: v for key, v in baseline.items() if key != name}
            if value is not None:
                data[name] = value
            before = snapshot(model, obj)
            where = f"{label} {url} field {name!r} = {hostile} as {user.username}"
            response = tally.submit(client.post, url, data, where)
            if response is None:
                continue
            refused = response.status_code != 302
            if refused and snapshot(model, obj) != before:
                tally.problems.append(f"{where}: refused, but the row changed")
            if must_refuse(form_field, name, hostile):
                errors = 'class="errornote"' in response.text
                if not refused or (response.status_code == 200 and not errors):
                    tally.problems.append(
                        f"{where}: accepted ({response.status_code}) an invalid value"
                    )


# Admins with no add form (their rows come from readers, the worker, other servers, the
# importer, axes) and no row in `site_content`: their forms are swept in test_admin_pages.
NEITHER_ADDED_NOR_HERE = {
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "desk.Assignment",
    "django_otp_webauthn.WebAuthnCredential",
    "django_tasks_database.DBTaskResult",
    "embeds.Embed",
    "fediverse.Delivery",
    "fediverse.Follower",
    "fediverse.ReceivedActivity",
    "fediverse.RemoteActor",
    "follows.Delivery",
    "follows.Suppression",
    "importer.ImportRun",
    "importer.WordPressOrigin",
    "ratings.EpisodeVote",
    "readership.DailyViews",
    "webhooks.Delivery",
}


def sweep_admin(client, user, tally, change_depth, add_depth):
    """Sweeps every add form `user` may open and the change form of one row of each model;
    the labels of the models whose admin had neither (a log or a record with no row here)."""
    skipped = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        label = opts.label
        add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        request = admin_request(user, add_url)
        addable = model_admin.has_add_permission(request)
        if addable:
            sweep_form(client, tally, user, model, model_admin, add_url, None, add_depth, label)
        obj = change_object(model_admin, request)
        if obj is not None:
            change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            sweep_form(
                client, tally, user, model, model_admin, change_url, obj, change_depth, label
            )
        if not addable and obj is None:
            skipped.add(label)
    return skipped


def finish(tally, title, started):
    summary = tally.record(title, time.monotonic() - started)
    assert not tally.server_errors, summary + "\n" + "\n".join(tally.server_errors[:20])
    assert not tally.problems, summary + "\n" + "\n".join(tally.problems[:40])


def test_superuser_every_field_every_hostile_value(
    client, site_content, editor, uninstrumented_templates
):
    client.force_login(editor)
    tally = Tally()
    started = time.monotonic()
    skipped = sweep_admin(client, editor, tally, change_depth=None, add_depth=2)
    finish(tally, "admin sweep, superuser", started)
    assert skipped == NEITHER_ADDED_NOR_HERE
    assert tally.forms >= len(admin.site._registry) - len(skipped)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_every_field_it_can_reach(
    client, site_content, role_users, role, uninstrumented_templates
):
    user = role_users[role]
    if role == "Writers":
        from recaps.models import Recap

        draft = Recap.objects.order_by("pk").first()
        Recap.objects.filter(pk=draft.pk).update(author=user, status=Recap.Status.DRAFT)
    client.force_login(user)
    tally = Tally()
    started = time.monotonic()
    sweep_admin(client, get_user_model().objects.get(pk=user.pk), tally, 1, 1)
    finish(tally, f"admin sweep, {role}", started)
    assert tally.forms >= 1


def test_every_relation_field_of_every_admin_checks_its_ids(rf, editor):
    """SafeRelationsMixin is on every admin and inline whose form has a relation field."""
    from core.admin import SafeModelChoiceField, SafeModelMultipleChoiceField

    request = rf.get("/admin/")
    request.user = editor
    unsafe = []
    for model_admin in admin.site._registry.values():
        forms_to_check = [(type(model_admin).__name__, model_admin.get_form(request))]
        forms_to_check += [
            (type(inline).__name__, formset.form)
            for formset, inline in model_admin.get_formsets_with_inlines(request)
        ]
        for owner, form in forms_to_check:
            for name, form_field in form.base_fields.items():
                if isinstance(form_field, forms.ModelChoiceField) and not isinstance(
                    form_field, SafeModelChoiceField | SafeModelMultipleChoiceField
                ):
                    unsafe.append(f"{owner}.{name}")
    assert unsafe == []
