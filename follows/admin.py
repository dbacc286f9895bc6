"""Followers in the admin: subscribers (search, filters by show, state and source), the
delivery log (per recap from the recap's page), a test of a recap's real alert sent to the
editor, and a preview of a follower's next digest. Each added view names its permission
(core.admin_site)."""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from core.admin import BaseAdmin, EditorFieldsMixin, ReadOnlyAdmin
from recaps.models import Recap

from . import digests, tasks
from .models import Delivery, Follow, Follower, Suppression


class FollowInline(EditorFieldsMixin, admin.TabularInline):
    model = Follow
    extra = 0
    fields = ["show", "frequency", "created_at", "confirmed_at"]
    readonly_fields = ["created_at", "confirmed_at"]
    autocomplete_fields = ["show"]


class FollowedShowFilter(admin.SimpleListFilter):
    title = "show followed"
    parameter_name = "show"

    def lookups(self, request, model_admin):
        shows = (
            Follow.objects.filter(show__isnull=False)
            .values_list("show_id", "show__title")
            .distinct()
            .order_by("show__title")
        )
        return [("everything", "Everything"), *((str(pk), title) for pk, title in shows)]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "everything":
            return queryset.filter(follows__show__isnull=True).distinct()
        if value and value.isdigit():
            return queryset.filter(follows__show_id=value).distinct()
        return queryset


@admin.register(Follower)
class FollowerAdmin(BaseAdmin):
    list_display = ["email", "state", "source", "follow_count", "paused", "created_at"]
    list_filter = ["state", FollowedShowFilter, "source", "paused"]
    search_fields = ["email"]
    search_help_text = "Search by e-mail address."
    date_hierarchy = "created_at"
    inlines = [FollowInline]
    readonly_fields = [
        "consent_at",
        "consent_ip",
        "consent_wording",
        "confirmed_at",
        "soft_bounces",
        "last_digest_at",
        "next_digest_at",
        "created_at",
        "digest_preview",
    ]
    fieldsets = [
        (None, {"fields": ["email", "state", "source", "paused"]}),
        ("Digest", {"fields": ["time_zone", "digest_weekday", "digest_hour", "digest_preview"]}),
        ("Consent", {"fields": ["consent_at", "consent_ip", "consent_wording", "confirmed_at"]}),
        (
            "Sending",
            {"fields": ["soft_bounces", "last_digest_at", "next_digest_at", "created_at"]},
        ),
    ]
    view_permissions = {"digest_preview_view": ["view"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(follow_total=Count("follows"))

    @admin.display(description="follows", ordering="follow_total")
    def follow_count(self, obj):
        return obj.follow_total

    @admin.display(description="next digest")
    def digest_preview(self, obj):
        if obj.pk is None:
            return "—"
        url = reverse("admin:follows_follower_digest_preview", args=[obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview it</a>', url)

    def get_urls(self):
        preview = path(
            "<int:pk>/digest-preview/",
            self.admin_site.admin_view(self.digest_preview_view),
            name="follows_follower_digest_preview",
        )
        return [preview, *super().get_urls()]

    def digest_preview_view(self, request, pk):
        follower = get_object_or_404(Follower, pk=pk)
        due, rendered = digests.preview(follower)
        if rendered is None:
            return HttpResponse(
                f"<p>No digest would go out: nothing new for {follower.email} since the last "
                f"one (next due {due:%Y-%m-%d %H:%M} UTC).</p>"
            )
        response = HttpResponse(rendered.html)
        # The mail as a mail client shows it: inline styles, images from the media host; no
        # script (django.views.decorators.csp.csp_override sets the same attribute).
        response._csp_config = {
            **settings.SECURE_CSP,
            "style-src": ["'unsafe-inline'"],
            "img-src": ["'self'", "https:", "http:", "data:"],
            "script-src": ["'none'"],
        }
        return response


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["follower", "kind", "recap", "state", "created_at", "sent_at"]
    list_filter = ["state", "kind", ("recap", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["follower", "recap__episode__show"]
    search_fields = ["follower__email", "message_id"]
    date_hierarchy = "created_at"
    view_permissions = {"send_test_view": ["send_test"]}
    deletable = False

    def has_send_test_permission(self, request):
        """Whoever may change recaps may see what followers would get."""
        return request.user.has_perm("recaps.change_recap")

    def get_urls(self):
        send_test = path(
            "send-test/<int:recap_pk>/",
            self.admin_site.admin_view(self.send_test_view),
            name="follows_delivery_send_test",
        )
        return [send_test, *super().get_urls()]

    @staticmethod
    def log_url(recap):
        return reverse("admin:follows_delivery_changelist") + f"?recap__id__exact={recap.pk}"

    def send_test_view(self, request, recap_pk):
        recap = get_object_or_404(Recap, pk=recap_pk)
        back = reverse("admin:recaps_recap_change", args=[recap.pk])
        if request.method != "POST":
            return require_POST(lambda request: None)(request)
        if not request.user.email:
            self.message_user(request, "Your account has no e-mail address.", messages.ERROR)
        else:
            tasks.send_test.enqueue(recap.pk, request.user.email)
            self.message_user(
                request, f"A test of the alert is on its way to {request.user.email}."
            )
        return HttpResponseRedirect(back)


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "reason", "created_at"]
    list_filter = ["reason"]
