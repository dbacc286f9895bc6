"""The editors' admin site: Django's, with third-party apps' models shown in the section of the
app that owns them here (django-comments-xtd's comments under "Comments and moderation",
taggit's tags under "Recaps").

An app's config names its section with `admin_section = "<app label>"` (see the AppConfig
subclasses in INSTALLED_APPS); the app keeps its label, so its tables, permissions and admin
URLs stay as they are, and its own index page redirects to its section's."""

from django.apps import apps
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse


def section_of(app_label):
    return getattr(apps.get_app_config(app_label), "admin_section", app_label)


class EpisodicAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        sections = {}
        for app in super().get_app_list(request):
            label = section_of(app["app_label"])
            section = sections.get(label)
            if section is None:
                section = sections[label] = {
                    **app,
                    "name": apps.get_app_config(label).verbose_name,
                    "app_label": label,
                    "app_url": self.section_url(label, app["app_url"]),
                    "models": [],
                }
            section["has_module_perms"] = section["has_module_perms"] or app["has_module_perms"]
            section["models"].extend(app["models"])
        app_list = sorted(sections.values(), key=lambda section: section["name"].lower())
        for section in app_list:
            section["models"].sort(key=lambda model: model["name"])
        if app_label:
            return [section for section in app_list if section["app_label"] == app_label]
        return app_list

    def section_url(self, label, fallback):
        """The section's index page; an app with no model of its own registered has none,
        and its section links to the first of its guests' pages instead."""
        try:
            return reverse("admin:app_list", kwargs={"app_label": label}, current_app=self.name)
        except NoReverseMatch:
            return fallback

    def app_index(self, request, app_label, extra_context=None):
        section = section_of(app_label)
        if section != app_label:
            # Breadcrumbs of a guest app's pages link to its own index: show the section's.
            return redirect("admin:app_list", app_label=section)
        return super().app_index(request, app_label, extra_context)
