from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import create_revision, set_comment, set_user
from taggit.models import Tag

from core.admin import BaseAdmin, EditorFieldsMixin

from . import checks, diff, legacy_tags, preview, restored_stills, workflow
from .models import Recap, RecapTransition, Still, state_of
from .tag_admin import RecapTagAdmin

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
        self.prepublish_checks()

    def prepublish_checks(self):
        """When the recap form moves the recap live, or changes a recap that is live or
        scheduled, check it as it is about to be saved: the form's values, these stills, the
        picked Also Read recaps and tags. Errors block the move live, and an edit of a live
        recap that brings a new one; on the move live, warnings block it until "I have read the
        warnings" is ticked."""
        pending = getattr(self.instance, "_workflow_pending", None)
        if not pending or any(form.errors for form in self.forms):
            return
        target = state_of(self.instance.status, self.instance.published_at)
        if target not in workflow.LIVE:
            return
        going_live = target != pending["source"]
        stills = [
            checks.StillFacts(
                form.cleaned_data.get("alt_text") or "",
                bool(form.cleaned_data.get("is_hero")),
                form.cleaned_data.get("caption") or str(number),
            )
            for number, form in enumerate(self._kept_forms(), start=1)
        ]
        result = checks.run_for(
            self.instance,
            self.instance.published_at,
            stills=stills,
            also_read=pending["also_read"],
            tags=pending["tags"],
        )
        if going_live:
            problems = [f"Cannot publish: {error}" for error in result.errors]
        else:
            # Readers already see this recap: an edit may not break what was right before it.
            # Problems it already had (an older recap, say) do not hold up a correction.
            stored = Recap.objects.get(pk=self.instance.pk)
            before = set(checks.run_for(stored, stored.published_at).errors)
            problems = [
                f"Cannot save this live recap: {error}"
                for error in result.errors
                if error not in before
            ]
        if going_live and result.warnings and not pending["confirmed"]:
            problems += [f"Warning: {warning}" for warning in result.warnings]
            problems.append("Tick “I have read the warnings” to publish anyway.")
        if problems:
            raise ValidationError(problems, code="prepublish")

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


@admin.register(Recap)
class RecapAdmin(VersionAdmin, BaseAdmin):
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
        if object_id and request.method == "GET":
            recap = self.get_object(request, object_id)
            if recap is not None:
                extra_context = {**(extra_context or {}), **self.workflow_context(request, recap)}
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
        if not change and not workflow.can_edit_any(request.user):
            obj.author = request.user
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

    # Workflow moves, revisions and their diff.

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
                "<int:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{info}_compare",
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

    @admin.display(description="show", ordering="episode__show__title")
    def show(self, recap):
        return recap.episode.show

    @admin.display(description="episode", ordering="episode__number")
    def episode_number(self, recap):
        return recap.episode.number


admin.site.unregister(Tag)
admin.site.register(Tag, RecapTagAdmin)
