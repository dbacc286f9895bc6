"""An admin action or added view that declares no permission is refused to everyone, superusers
included, and named by `manage.py check`."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path

from core.admin_site import EpisodicAdminSite
from shows.models import Platform
from tests.hardening.admin_permissions.table import S

pytestmark = pytest.mark.django_db


class NamesNoPermission(admin.ModelAdmin):
    """An admin as a new one might be written: an action and an added view, no permission."""

    actions = ["shout"]

    @admin.action(description="Shout")
    def shout(self, request, queryset):
        return HttpResponse("shouted")

    def get_urls(self):
        extra = path("extra/", self.admin_site.admin_view(self.extra_view), name="extra")
        return [extra, *super().get_urls()]

    def extra_view(self, request):
        return HttpResponse("ran")


@pytest.fixture
def careless_admin(db):
    site = EpisodicAdminSite(name="careless")
    site.register(Platform, NamesNoPermission)
    return site, site._registry[Platform]


def test_check_names_an_action_or_added_view_without_a_permission(careless_admin):
    site, _ = careless_admin
    errors = [error.id for error in site.check(None) if error.id.startswith("core.")]
    assert errors == ["core.E001", "core.E002"]


def test_an_action_or_added_view_without_a_permission_is_refused_even_to_superusers(
    careless_admin, people, rf
):
    site, model_admin = careless_admin
    page = rf.get("/admin/shows/platform/extra/")
    shout = rf.post("/admin/shows/platform/", {"action": "shout", ACTION_CHECKBOX_NAME: ["1"]})
    for request in (page, shout):
        request.user, request._dont_enforce_csrf_checks = people[S], True
    with pytest.raises(PermissionDenied):
        site.admin_view(model_admin.extra_view)(page)
    with pytest.raises(PermissionDenied):
        site.admin_view(model_admin.changelist_view)(shout)
