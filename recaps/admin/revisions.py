"""Revisions in the recap admin (django-reversion): the history with its compare form, the
readable diff of two revisions, and reverts and recoveries that restore text, stills and tags
but never the workflow state, which moves only through the workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from core.admin import BaseAdmin

from .. import diff, legacy_tags, restored_stills
from ..models import Recap


class RevisionsMixin:
    """The recap admin's part of revisions (for `RecapAdmin`, before `VersionAdmin`)."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            # Before reversion's own "<object_id>/history/<version_id>/", which would take it.
            path(
                "<int:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info}_compare",
            ),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        recap = super().get_object(request, object_id, from_field)
        keep = getattr(request, "_recap_keep_state", None)
        if recap is not None and keep is not None:
            # A revert restores text, stills and tags, never the workflow state: that moves
            # only through the workflow (see revision_view).
            recap.status, recap.published_at = keep["status"], keep["published_at"]
            # django-reversion writes the revision into the row before the form is saved: the
            # save compares with the row as it was, so a revert is a text change readers see
            # (and an old slug keeps answering).
            recap.stored_before_revert = keep.get("stored")
            # A revision saved before TaggedRecap brings its tags back as generic rows.
            legacy_tags.adopt_generic_links(recap)
            for note in restored_stills.mend(recap, keep["images"]):
                messages.warning(request, note)
        return recap

    def changelist_view(self, request, extra_context=None):
        # Not inside a revision as VersionAdmin does: the list saves nothing that is versioned
        # (no list_editable; deleting needs no revision), and the revision's savepoint would
        # add two queries to every page of the list.
        context = {"has_change_permission": self.has_change_permission(request)}
        return BaseAdmin.changelist_view(self, request, {**context, **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        recap = self.get_object(request, object_id)
        if recap is None or not self.has_change_permission(request, recap):
            raise PermissionDenied
        stored = Recap.objects.filter(pk=object_id).values(*Recap.STORED_BEFORE_FIELDS).first()
        request._recap_keep_state = {
            "status": stored["status"],
            "published_at": stored["published_at"],
            "images": restored_stills.images_now(object_id),
            "stored": stored,
        }
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        # A recovered recap comes back as a draft, to go through the checks again.
        request._recap_keep_state = {
            "status": Recap.Status.DRAFT,
            "published_at": None,
            "images": {},
        }
        return super().recover_view(request, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # Reversion's list, with each version's id for the compare form.
        versions = Version.objects.get_for_object_reference(Recap, object_id).select_related(
            "revision__user"
        )
        action_list = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "url": reverse("admin:recaps_recap_revision", args=[object_id, version.pk]),
            }
            for version in versions.order_by("-revision__date_created", "-pk")
        ]
        return super().history_view(
            request, object_id, {"action_list": action_list, **(extra_context or {})}
        )

    def compare_view(self, request, object_id):
        recap = self.get_object(request, str(object_id))
        if recap is None or not self.has_view_or_change_permission(request, recap):
            raise PermissionDenied
        versions = Version.objects.get_for_object(recap).select_related("revision__user")
        try:
            older = versions.get(pk=int(request.GET.get("from", "")))
            newer = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, "Pick two revisions of this recap to compare.")
            return redirect("admin:recaps_recap_history", recap.pk)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": recap,
            "title": f"Changes to “{recap}”",
            "older": older,
            "newer": newer,
            "changes": diff.compare(older, newer),
        }
        return TemplateResponse(request, "admin/recaps/recap/compare.html", context)
