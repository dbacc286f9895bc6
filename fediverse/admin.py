"""The fediverse in the admin: who follows each show (per show, by domain), the delivery log
(status, attempts, last error), the activities received, and blocked domains. Blocking a
domain removes its followers at once; its inbox posts get a 403 and nothing is sent to it."""

from django.contrib import admin, messages
from django.db.models import Count

from core.admin import BaseAdmin, ReadOnlyAdmin

from .models import BlockedDomain, Delivery, Follower, ReceivedActivity, RemoteActor


@admin.register(Follower)
class FollowerAdmin(ReadOnlyAdmin):
    list_display = ["actor", "show", "domain", "created_at"]
    list_filter = ["show"]
    list_select_related = ["actor", "show"]
    search_fields = ["actor__uri", "actor__username", "actor__domain", "show__title"]
    search_help_text = "Search by handle, domain or show."
    date_hierarchy = "created_at"

    @admin.display(description="domain", ordering="actor__domain")
    def domain(self, follower):
        return follower.actor.domain


@admin.register(RemoteActor)
class RemoteActorAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "domain", "follow_count", "fetched_at"]
    search_fields = ["uri", "username", "domain"]
    exclude = ["public_key_pem"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(follow_count=Count("follows"))

    @admin.display(description="shows followed", ordering="follow_count")
    def follow_count(self, actor):
        return actor.follow_count


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["kind", "inbox", "recap", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["recap__episode__show"]
    search_fields = ["inbox", "activity_id"]
    date_hierarchy = "created_at"
    deletable = False


@admin.register(ReceivedActivity)
class ReceivedActivityAdmin(ReadOnlyAdmin):
    list_display = ["kind", "activity_id", "actor", "received_at"]
    list_filter = ["kind"]
    list_select_related = ["actor"]
    search_fields = ["activity_id", "actor__uri"]
    date_hierarchy = "received_at"
    deletable = False


@admin.register(BlockedDomain)
class BlockedDomainAdmin(BaseAdmin):
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        removed, _ = Follower.objects.filter(actor__in=obj.actors()).delete()
        if removed:
            messages.info(request, f"{removed} followers from {obj.domain} were removed.")
