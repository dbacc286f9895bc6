"""The recap admin: the changelist, the form's fields, and who sees and changes which recaps.
The workflow (`moves`), revisions (`revisions`) and stills (`stills`) add their parts."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from reversion.admin import VersionAdmin

from core.admin import BaseAdmin

from .. import workflow
from ..models import Recap
from .moves import RecapForm, WorkflowMixin
from .revisions import RevisionsMixin
from .stills import StillInline


@admin.register(Recap)
class RecapAdmin(WorkflowMixin, RevisionsMixin, VersionAdmin, BaseAdmin):
    form = RecapForm
    change_form_template = "admin/recaps/recap/change_form.html"
    object_history_template = "admin/recaps/recap/object_history.html"
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
        (
            "Publishing",
            {"fields": ["status", "published_at", "confirm_warnings", "tags", "also_read"]},
        ),
        ("Search and sharing", {"fields": ["meta_description"]}),
        ("Followers by e-mail", {"fields": ["no_follower_alert", "intro_spoiler_free"]}),
    ]
    #: Only for users who may publish: a writer's form has none of these, and a writer's POST
    #: that carries them is refused outright (403), not quietly ignored.
    PUBLISHER_FIELDS = ("status", "published_at", "confirm_warnings")
    #: Only editors pick the author; a writer's recap is theirs.
    EDITOR_FIELDS = ("author",)
    PUBLISHER_POST_NAMES = ("status", "published_at", "published_at_0", "published_at_1")
    #: What each view this admin adds asks of the user (core.admin_site checks it first):
    #: recovering a deleted recap is a publisher's, and reversion checks add and change too.
    #: The views are the workflow's (`moves`) and the revisions' (`revisions`).
    view_permissions = {
        "transition_view": ["change"],
        "compare_view": ["view"],
        "revision_view": ["change"],
        "recoverlist_view": ["publish"],
        "recover_view": ["publish"],
        "revoke_share_links_view": ["change"],
    }

    class Media:
        # draft.js: the form's local draft, kept in the browser as the editor types.
        js = ["recaps/admin/workflow.js", "recaps/admin/draft.js"]

    # Who sees and changes what. The checks are in recaps.workflow, shared with the preview.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.can_edit_any(request.user):
            return queryset
        return queryset.filter(author=request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_delete(
            request.user, obj
        )

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    def get_view_on_site_url(self, obj=None):
        # A recap readers may not see has no page on the site (and the redirect to it is a 404,
        # recaps.middleware): its change form links to its preview instead.
        if obj is not None and not obj.is_published:
            return None
        return super().get_view_on_site_url(obj)

    def get_fieldsets(self, request, obj=None):
        hidden = set()
        if not self.has_publish_permission(request):
            hidden.update(self.PUBLISHER_FIELDS)
        if not workflow.can_edit_any(request.user):
            hidden.update(self.EDITOR_FIELDS)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            kwargs["help_text"] = (
                "Published with a future publish time is scheduled: it goes live by itself."
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            forbidden = set()
            if not self.has_publish_permission(request):
                forbidden.update(self.PUBLISHER_POST_NAMES)
            if not workflow.can_edit_any(request.user):
                forbidden.update(self.EDITOR_FIELDS)
            if forbidden & set(request.POST):
                raise PermissionDenied(
                    "You may not set the status, publish time or author of a recap."
                )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        recap = super().get_object(request, object_id, from_field)
        if recap is None and not workflow.can_edit_any(request.user):
            # Another writer's recap: refused, not "does not exist" (which would redirect).
            try:
                if Recap.objects.filter(pk=object_id).exists():
                    raise PermissionDenied
            except (ValueError, ValidationError):
                pass
        return recap

    def save_model(self, request, obj, form, change):
        if not change and not workflow.can_edit_any(request.user):
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="show", ordering="episode__show__title")
    def show(self, recap):
        return recap.episode.show

    @admin.display(description="episode", ordering="episode__number")
    def episode_number(self, recap):
        return recap.episode.number
