"""`manage.py follow_remote show@example.org`: the site's actor follows a remote actor, found by
WebFinger; its Follow is delivered by the task worker and the Accept arrives in the shared
inbox. What that actor then sends (Create, Update, Delete) is kept among received activities."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fediverse import delivery, documents, ids, remote
from fediverse.models import Following


class Command(BaseCommand):
    help = "Follow a remote ActivityPub actor (user@domain) as this site's actor."

    def add_arguments(self, parser):
        parser.add_argument("handle", help="the actor's handle, like soundtrack-2@example.org")

    def handle(self, *args, handle, **options):
        try:
            actor = remote.webfinger(handle)
        except remote.RemoteError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            following, _ = Following.objects.get_or_create(
                actor=actor, defaults={"follow_id": f"pending-{actor.pk}"}
            )
            activity = documents.follow(ids.site_actor_url(), actor.uri, following.pk)
            following.follow_id = activity["id"]
            following.save(update_fields=["follow_id"])
            delivery.queue(activity, ids.SITE, [actor.inbox])
        self.stdout.write(f"Following {actor} ({actor.uri}); the Follow is queued.")
