"""The editors' admin site: Django's, with third-party apps' models listed under the app that
owns them here, their admin host (django-comments-xtd's comments under "Comments and
moderation", taggit's tags under "Recaps").

A guest app's config names its host with `admin_host = "<app label>"` (see the AppConfig
subclasses in INSTALLED_APPS); the guest keeps its label, so its tables, permissions and admin
URLs stay as they are, and its own index page redirects to its host's.

Every admin view and action checks the model permission it needs, third-party admins' too: the
site wraps each model admin's views (`admin_view`), so a custom view runs only for a user with
one of the permissions its admin declares for it in `view_permissions` (`{"merge_tags_view":
["merge"]}`, each name asking `has_<name>_permission`), and an action only for a user who has one
of its `@admin.action(permissions=[...])`. A view or an action that declares none is refused to
everyone (403), and `manage.py check` names it.

A user who must log in with a second factor and has not in this session (the policy the
ADMIN_TWO_FACTOR_CHECK setting names: accounts.policy) has no permission for any admin page,
as in django-otp's OTPAdminSite: every page sends them to the login, which sends them on to
give their second factor or set one up. Logging out stays open to them."""

from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.module_loading import import_string

from .views import object_page

#: The views Django's ModelAdmin serves itself; each checks the model permission it needs.
STANDARD_VIEWS = frozenset(
    {"changelist_view", "add_view", "change_view", "delete_view", "history_view"}
)
#: The views that run actions, and the field an action's name is posted in on each.
ACTION_FIELDS = {
    "action": admin.ActionLocation.CHANGE_LIST,
    f"{admin.ActionLocation.CHANGE_FORM.value}-action": admin.ActionLocation.CHANGE_FORM,
}
ACTION_VIEWS = frozenset({"changelist_view", "change_view"})


def admin_host_of(app_label):
    return getattr(apps.get_app_config(app_label), "admin_host", app_label)


def model_admin_method(view):
    """The model admin's own method behind a view its URLs serve (decorators and wrappers
    undone), or None for a view that is not one (the site's pages, Django's redirect from an
    object's old address to its change page)."""
    while view is not None:
        if isinstance(getattr(view, "__self__", None), admin.ModelAdmin):
            return view
        view = getattr(view, "__wrapped__", None)
    return None


def custom_views(model_admin):
    """(URL name, view method name) of each view a model admin adds to Django's own."""
    for pattern in model_admin.get_urls():
        method = model_admin_method(pattern.callback) if isinstance(pattern, URLPattern) else None
        if method is not None and method.__name__ not in STANDARD_VIEWS:
            yield pattern.name, method.__name__


def actions_of(model_admin):
    """(name, function) of each action a model admin offers, the site's included."""
    offered = [name for name, _ in model_admin.admin_site.actions]
    offered += list(model_admin.actions or [])
    found = {}
    for location in admin.ActionLocation:
        for action in filter(None, (model_admin.get_action(a, location) for a in offered)):
            found.setdefault(action.name, action.func)
    return found.items()


def has_any_permission(model_admin, request, permissions):
    """As Django decides for an action's `permissions`: one of them is enough; none declared
    is none granted."""
    return any(
        getattr(model_admin, f"has_{permission}_permission")(request) for permission in permissions
    )


def action_refused(model_admin, request):
    """True when the request posts an action the user may not run. An unknown name is left to
    Django, which refuses it as no action."""
    if request.method != "POST":
        return False
    for field, location in ACTION_FIELDS.items():
        for name in filter(None, request.POST.getlist(field)):
            action = model_admin.get_action(name, location)
            if action is None:
                continue
            permissions = getattr(action.func, "allowed_permissions", ())
            if not has_any_permission(model_admin, request, permissions):
                return True
    return False


def permission_checked(view):
    """`view` of a model admin, refused (403) to a user without the permission it needs: a
    custom view's, from `view_permissions`; a posted action's own on Django's views that run
    actions. Django's other views check their own."""
    method = model_admin_method(view)
    if method is None:
        return view
    model_admin, name = method.__self__, method.__name__
    if name in ACTION_VIEWS:

        @wraps(view)
        def actions_checked(request, *args, **kwargs):
            if action_refused(model_admin, request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return actions_checked
    if name in STANDARD_VIEWS:
        return view
    permissions = getattr(model_admin, "view_permissions", {}).get(name, ())

    @wraps(view)
    def view_checked(request, *args, **kwargs):
        if not has_any_permission(model_admin, request, permissions):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return view_checked


def undeclared_permissions(model_admin):
    """System check errors for each action and custom view of `model_admin` that declares no
    permission, or one its admin cannot check."""
    label = type(model_admin).__qualname__
    errors = []
    for name, func in actions_of(model_admin):
        if not getattr(func, "allowed_permissions", ()):
            errors.append(
                checks.Error(
                    f"The admin action {name!r} declares no permission.",
                    hint="Use @admin.action(permissions=[...]).",
                    obj=model_admin,
                    id="core.E001",
                )
            )
    declared = getattr(model_admin, "view_permissions", {})
    for url_name, view_name in custom_views(model_admin):
        permissions = declared.get(view_name, ())
        missing = [p for p in permissions if not hasattr(model_admin, f"has_{p}_permission")]
        if not permissions or missing:
            errors.append(
                checks.Error(
                    f"The admin view {label}.{view_name} ({url_name}) declares no permission "
                    f"it can check{f' (no has_{missing[0]}_permission)' if missing else ''}.",
                    hint=f"Name it in {label}.view_permissions.",
                    obj=model_admin,
                    id="core.E002",
                )
            )
    return errors


def second_factor_missing(request):
    return import_string(settings.ADMIN_TWO_FACTOR_CHECK)(request)


class EpisodicAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        """The view `ADMIN_LOGIN_VIEW` names (the two-factor login: accounts.login), else
        Django's."""
        view = getattr(settings, "ADMIN_LOGIN_VIEW", None)
        if view:
            return import_string(view)(request)
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(permission_checked(view), cacheable)

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor_missing(request)

    def get_urls(self):
        replaced = {
            # "View on site" through the same guarded shortcut as the comments' permalinks.
            "view_on_site": path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(object_page),
                name="view_on_site",
            ),
            # Django's logout view, without the admin's permission check: a user still
            # owing a second factor may leave.
            "logout": path("logout/", self.logout, name="logout"),
        }
        return [replaced.get(getattr(url, "name", None), url) for url in super().get_urls()]

    def check(self, app_configs):
        errors = super().check(app_configs)
        for model_admin in self._registry.values():
            if app_configs is None or model_admin.model._meta.app_config in app_configs:
                errors.extend(undeclared_permissions(model_admin))
        return errors

    def get_app_list(self, request, app_label=None):
        if second_factor_missing(request):
            return []
        hosts = {}
        for app in super().get_app_list(request):
            label = admin_host_of(app["app_label"])
            host = hosts.get(label)
            if host is None:
                host = hosts[label] = {
                    **app,
                    "name": apps.get_app_config(label).verbose_name,
                    "app_label": label,
                    "app_url": self.host_index_url(label, app["app_url"]),
                    "models": [],
                }
            host["has_module_perms"] = host["has_module_perms"] or app["has_module_perms"]
            host["models"].extend(app["models"])
        app_list = sorted(hosts.values(), key=lambda host: host["name"].lower())
        for host in app_list:
            host["models"].sort(key=lambda model: model["name"])
        if app_label:
            return [host for host in app_list if host["app_label"] == app_label]
        return app_list

    def host_index_url(self, label, fallback):
        """The host app's index page; an app with no model of its own registered has none,
        and its entry links to the first of its guests' pages instead."""
        try:
            return reverse("admin:app_list", kwargs={"app_label": label}, current_app=self.name)
        except NoReverseMatch:
            return fallback

    def app_index(self, request, app_label, extra_context=None):
        host = admin_host_of(app_label)
        if host != app_label:
            # Breadcrumbs of a guest app's pages link to its own index: show its host's, at its
            # address, or here for a host with no model of its own (and so no address).
            try:
                return redirect("admin:app_list", app_label=host)
            except NoReverseMatch:
                return super().app_index(request, host, extra_context)
        return super().app_index(request, app_label, extra_context)
