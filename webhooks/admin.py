"""Webhooks in the admin: the endpoints (their secret shown for the receiver to copy, a "send
test" button, a notice when one was switched off after failures) and the delivery log, each
delivery with its attempts. The added view names its permission (core.admin_site)."""

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin import BaseAdmin, ReadOnlyAdmin

from . import tasks
from .forms import EndpointForm
from .models import Attempt, Delivery, Endpoint, Event


@admin.register(Endpoint)
class EndpointAdmin(BaseAdmin):
    form = EndpointForm
    list_display = ["__str__", "url", "event_list", "enabled", "consecutive_failures"]
    list_filter = ["enabled"]
    search_fields = ["url", "description"]
    readonly_fields = [
        "signing_secret",
        "send_test_button",
        "delivery_log",
        "consecutive_failures",
        "disabled_at",
        "disabled_reason",
    ]
    fieldsets = [
        (None, {"fields": ["url", "description", "events", "enabled"]}),
        ("Signing", {"fields": ["signing_secret"]}),
        (
            "Deliveries",
            {
                "fields": [
                    "send_test_button",
                    "delivery_log",
                    "consecutive_failures",
                    "disabled_at",
                    "disabled_reason",
                ]
            },
        ),
    ]
    view_permissions = {"send_test_view": ["change"]}

    def get_fieldsets(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fieldsets
        # The test button's view would refuse them: no button.
        return [
            (name, {"fields": [f for f in options["fields"] if f != "send_test_button"]})
            for name, options in self.fieldsets
        ]

    @admin.display(description="events")
    def event_list(self, endpoint):
        labels = dict(Event.choices)
        return ", ".join(labels.get(event, event) for event in endpoint.events)

    @admin.display(description="signing secret")
    def signing_secret(self, endpoint):
        if endpoint.pk is None:
            return "Made when the endpoint is saved."
        return format_html(
            "<code>{}</code><br>Give it to the receiver: it checks each message's "
            "webhook-signature with it (Standard Webhooks).",
            endpoint.secret,
        )

    @admin.display(description="test")
    def send_test_button(self, endpoint):
        if endpoint.pk is None:
            return "—"
        url = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
        # A form of its own would nest inside the change form: the button posts to the test
        # view through `formaction`, with the change form's CSRF token.
        return format_html(
            '<button type="submit" formaction="{}" formnovalidate class="button">'
            "Send a test message</button>",
            url,
        )

    @admin.display(description="delivery log")
    def delivery_log(self, endpoint):
        if endpoint.pk is None:
            return "—"
        url = reverse("admin:webhooks_delivery_changelist") + f"?endpoint__id__exact={endpoint.pk}"
        return format_html('<a href="{}">Deliveries to this endpoint</a>', url)

    def get_urls(self):
        send_test = path(
            "<int:pk>/send-test/",
            self.admin_site.admin_view(self.send_test_view),
            name="webhooks_endpoint_send_test",
        )
        return [send_test, *super().get_urls()]

    def send_test_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        endpoint = get_object_or_404(Endpoint, pk=pk)
        delivery = tasks.send_test(endpoint)
        log = reverse("admin:webhooks_delivery_change", args=[delivery.pk])
        self.message_user(
            request,
            format_html('A test message is on its way: <a href="{}">its delivery</a>.', log),
        )
        return HttpResponseRedirect(reverse("admin:webhooks_endpoint_change", args=[pk]))

    def changelist_view(self, request, extra_context=None):
        self.warn_disabled(request, Endpoint.objects.filter(disabled_at__isnull=False))
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and str(object_id).isdigit():
            self.warn_disabled(request, Endpoint.objects.filter(pk=object_id, enabled=False))
        return super().change_view(request, object_id, form_url, extra_context)

    def warn_disabled(self, request, endpoints):
        for endpoint in endpoints.exclude(disabled_at=None):
            self.message_user(
                request,
                f"{endpoint.url} was switched off on {endpoint.disabled_at:%Y-%m-%d %H:%M} UTC: "
                f"{endpoint.disabled_reason} Enable it again once the receiver works.",
                messages.WARNING,
            )


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    fields = ["number", "at", "status_code", "response_ms", "error"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["event", "endpoint", "state", "attempt_count", "last_status", "created_at"]
    list_display += ["next_attempt_at"]
    list_filter = ["state", "event", ("endpoint", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["endpoint"]
    search_fields = ["message_id", "endpoint__url"]
    date_hierarchy = "created_at"
    fields = ["endpoint", "event", "message_id", "state", "attempt_count", "last_status"]
    fields += ["created_at", "next_attempt_at", "finished_at", "body"]
    readonly_fields = fields
    inlines = [AttemptInline]
    deletable = False
