"""The moderation queue: django-comments-xtd's comments with their status, held ones first."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.db.models import Case, CharField, IntegerField, Value, When
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django_comments.models import CommentFlag
from django_comments_xtd.models import BlackListedDomain, XtdComment

from core.admin import BaseAdmin, SingletonAdmin
from pagecache import tags as cache_tags
from pagecache.purge import invalidate
from recaps.models import Recap
from shows.models import Show
from sitesettings.models import SiteSettings

from .models import CommentSettings, Moderation, RecapDiscussion
from .signals import announce_approved
from .tasks import notify_followers

for model in (XtdComment, CommentFlag, BlackListedDomain):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def set_status(comments, status):
    """Move comments to `status`, keeping django-comments' flags in step; newly approved
    replies notify their thread's followers (from the task worker). Returns how many moved."""
    moving = comments.exclude(moderation__status=status).values_list("pk", "object_pk")
    pks = [pk for pk, _ in moving]
    with transaction.atomic():
        Moderation.objects.filter(comment__in=pks).update(status=status, decided_at=timezone.now())
        XtdComment.norel_objects.filter(pk__in=pks).update(**Moderation.FLAGS[status])
        # update() sends no signals: the recaps' pages are purged here.
        invalidate({cache_tags.comments(int(recap)) for _, recap in moving if recap.isdigit()})
        if status == Moderation.Status.APPROVED:
            for pk in pks:
                transaction.on_commit(lambda pk=pk: notify_followers.enqueue(pk))
            announce_approved(pks)
    return len(pks)


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Moderation.Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(moderation__status=self.value())
        return queryset


class ShowFilter(admin.SimpleListFilter):
    title = "show"
    parameter_name = "show"

    def lookups(self, request, model_admin):
        return Show.objects.order_by("title").values_list("slug", "title")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        recaps = (
            Recap.objects.filter(episode__show__slug=self.value())
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return queryset.filter(content_type__model="recap", object_pk__in=recaps)


class ReplyForm(forms.Form):
    comment = forms.CharField(
        label="Reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, strip=True
    )


@admin.register(XtdComment)
class CommentAdmin(BaseAdmin):
    list_display = ["excerpt", "recap", "user_name", "user_email", "ip_address", "submit_date"]
    list_display += ["status", "reply_link"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, ShowFilter, "submit_date"]
    search_fields = ["comment", "user_name", "user_email", "ip_address"]
    list_select_related = ["moderation"]
    list_per_page = 100
    date_hierarchy = "submit_date"
    actions = ["approve", "mark_spam", "remove", "restore"]
    fields = ["recap_link", "user_name", "user_email", "user_url", "ip_address"]
    fields += ["submit_date", "status", "reasons", "comment", "followup"]
    readonly_fields = ["recap_link", "user_email", "ip_address", "submit_date", "status"]
    readonly_fields += ["reasons", "comment"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        # Annotate before ordering (ModelAdmin.get_queryset orders first), so held come first.
        return (
            self.model._default_manager.get_queryset()
            .select_related("moderation")
            .prefetch_related(
                GenericPrefetch("content_object", [Recap.objects.select_related("episode__show")])
            )
            .annotate(
                held_first=Case(
                    When(moderation__status=Moderation.Status.HELD, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        return ["held_first", "-submit_date"]

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.comment).chars(80)

    @admin.display(description="recap")
    def recap(self, comment):
        return comment.content_object

    @admin.display(description="recap")
    def recap_link(self, comment):
        recap = comment.content_object
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', recap.get_absolute_url(), recap)

    def _moderation(self, comment):
        try:
            return comment.moderation
        except Moderation.DoesNotExist:
            return None

    @admin.display(description="status", ordering="moderation__status")
    def status(self, comment):
        moderation = self._moderation(comment)
        return moderation.get_status_display() if moderation else "—"

    @admin.display(description="why")
    def reasons(self, comment):
        moderation = self._moderation(comment)
        return moderation.reasons if moderation else ""

    @admin.display(description="reply")
    def reply_link(self, comment):
        from django.utils.html import format_html

        if comment.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            return "—"
        url = reverse("admin:discussion_reply", args=[comment.pk])
        return format_html('<a href="{}">Reply as the site</a>', url)

    def _act(self, request, queryset, status, verb):
        count = set_status(queryset, status)
        self.message_user(request, f"{count} comment{'s' if count != 1 else ''} {verb}.")

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._act(request, queryset, Moderation.Status.APPROVED, "approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._act(request, queryset, Moderation.Status.SPAM, "marked as spam")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset):
        self._act(request, queryset, Moderation.Status.REMOVED, "removed")

    @admin.action(description="Restore selected spam or removed comments", permissions=["change"])
    def restore(self, request, queryset):
        queryset = queryset.filter(
            moderation__status__in=[Moderation.Status.SPAM, Moderation.Status.REMOVED]
        )
        self._act(request, queryset, Moderation.Status.APPROVED, "restored")

    view_permissions = {"reply_view": ["change"]}

    def get_urls(self):
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="discussion_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        """Reply as the site: an approved comment under `pk`, signed with the site's name."""
        parent = get_object_or_404(XtdComment, pk=pk)
        if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            self.message_user(request, "This thread is as deep as it goes.", messages.ERROR)
            return redirect("admin:django_comments_xtd_xtdcomment_changelist")
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                reply = XtdComment(
                    content_type=parent.content_type,
                    object_pk=parent.object_pk,
                    site=get_current_site(request),
                    user=request.user,
                    user_name=SiteSettings.load().site_name,
                    user_email=settings.DEFAULT_FROM_EMAIL,
                    comment=form.cleaned_data["comment"],
                    submit_date=timezone.now(),
                    parent_id=parent.pk,
                    is_public=True,
                    is_removed=False,
                )
                reply.save()
                if parent.is_public:
                    transaction.on_commit(lambda: notify_followers.enqueue(reply.pk))
                announce_approved([reply.pk])
            self.message_user(request, "Your reply is published.")
            return redirect("admin:django_comments_xtd_xtdcomment_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.user_name}",
            "parent": parent,
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/discussion/reply.html", context)


@admin.register(RecapDiscussion)
class RecapDiscussionAdmin(BaseAdmin):
    list_display = ["recap", "closed", "reason"]
    list_filter = ["closed"]
    list_select_related = ["recap__episode__show"]
    autocomplete_fields = ["recap"]
    search_fields = ["recap__subtitle", "recap__episode__show__title"]


@admin.register(CommentSettings)
class CommentSettingsAdmin(SingletonAdmin):
    fields = [
        "hold_max_links",
        "moderation_words",
        "block_words",
        "block_emails",
        "block_ips",
        "min_seconds",
        "rate_per_minute",
        "close_after_days",
    ]
