"""The workflow in the recap admin: a status change in the form is a move the workflow must
allow, the workflow box above the form (state, moves, checks, previews, share links, the record
of every move) and the views its buttons post to. The rules themselves are `recaps.workflow`'s.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from reversion.revisions import create_revision, set_comment, set_user

from .. import checks, preview, workflow
from ..models import Recap, RecapTransition, state_of


class RecapForm(forms.ModelForm):
    """The recap form. `user` is set by `RecapAdmin.get_form`. Status and publish time are on
    it only for users who may publish; a status change must be a move in the workflow table."""

    user = None
    confirm_warnings = forms.BooleanField(
        label="I have read the warnings",
        required=False,
        help_text="Needed to publish or schedule a recap that has pre-publish warnings.",
    )

    def clean(self):
        cleaned = super().clean()
        if "status" not in self.fields or "status" not in cleaned:
            return cleaned
        source = self.source_state()
        target = state_of(cleaned["status"], cleaned.get("published_at"))
        if source != target:
            try:
                workflow.check_move(self.user, source, target, self.instance)
            except PermissionDenied as refused:
                raise ValidationError(str(refused), code="transition") from refused
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The state before this form touches the instance (validation assigns to it).
        self._source = (
            state_of(self.instance.status, self.instance.published_at)
            if self.instance.pk
            else Recap.State.DRAFT
        )

    def source_state(self):
        return self._source


class WorkflowMixin:
    """The recap admin's part of the workflow (for `RecapAdmin`)."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "GET":
            recap = self.get_object(request, object_id)
            if recap is not None:
                extra_context = {**(extra_context or {}), **self.workflow_context(request, recap)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_form(self, request, form, change):
        recap = super().save_form(request, form, change)
        recap._workflow_pending = {
            "source": form.source_state(),
            "also_read": list(form.cleaned_data.get("also_read") or []),
            "tags": list(form.cleaned_data.get("tags") or []),
            "confirmed": form.cleaned_data.get("confirm_warnings", False),
        }
        return recap

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        source = obj._workflow_pending["source"] if change else None
        if state_of(obj.status, obj.published_at) != source:
            workflow.record(obj, request.user, source, note="Saved in the recap form.")

    def workflow_context(self, request, recap):
        """What the workflow box above the form shows: state, moves, checks, preview links,
        and the record of every move."""
        moves = workflow.available(request.user, recap)
        live_moves = [move for move in moves if move.target in workflow.LIVE]
        return {
            "workflow": {
                "state": recap.state,
                "moves": moves,
                "checks": checks.run_for(recap, recap.published_at or timezone.now())
                if live_moves
                else None,
                "preview_url": reverse("recaps:preview", args=[recap.pk]),
                "share_url": request.build_absolute_uri(preview.share_path(recap)),
                "share_hours": preview.max_age() // 3600,
                "can_revoke_share_links": self.has_change_permission(request, recap),
                "history": RecapTransition.objects.filter(recap=recap).select_related("user"),
                "diff_url": reverse("admin:recaps_recap_history", args=[recap.pk]),
            }
        }

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/workflow/<slug:name>/",
                view(self.transition_view),
                name=f"{info}_transition",
            ),
            path(
                "<int:object_id>/share-links/revoke/",
                view(self.revoke_share_links_view),
                name=f"{info}_revoke_share_links",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        recap = get_object_or_404(Recap.objects.select_related("episode__show"), pk=object_id)
        if not self.has_view_permission(request, recap):
            raise PermissionDenied
        publish_time = None
        if name == "schedule":
            try:
                publish_time = parse_datetime(request.POST.get("publish_time", "").strip())
            except ValueError:
                publish_time = None  # well-formed but impossible, such as month 13
            if publish_time and timezone.is_naive(publish_time):
                publish_time = timezone.make_aware(publish_time)
        change_url = reverse("admin:recaps_recap_change", args=[recap.pk])
        try:
            with create_revision():
                move = workflow.perform(
                    recap,
                    name,
                    request.user,
                    publish_time=publish_time,
                    note=request.POST.get("note", "")[:500],
                    confirm_warnings=bool(request.POST.get("confirm_warnings")),
                )
                set_user(request.user)
                set_comment(f"Workflow: {move}")
        except workflow.ChecksFailed as failed:
            for error in failed.result.errors:
                messages.error(request, f"Cannot publish: {error}")
            for warning in failed.result.warnings:
                messages.warning(request, f"Warning: {warning}")
            if not failed.result.errors:
                messages.warning(request, "Tick “I have read the warnings” to go ahead.")
            return redirect(change_url)
        except ValueError as invalid:
            messages.error(request, str(invalid))
            return redirect(change_url)
        messages.success(request, f"“{recap}” is now {move.get_to_state_display().lower()}.")
        return redirect(change_url)

    def revoke_share_links_view(self, request, object_id):
        """Whoever may change the recap ends every share link made so far."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        recap = get_object_or_404(Recap, pk=object_id)
        if not self.has_change_permission(request, recap):
            raise PermissionDenied
        preview.revoke(recap)
        messages.success(
            request, "Share links revoked: the links sent so far no longer open this recap."
        )
        return redirect("admin:recaps_recap_change", recap.pk)
