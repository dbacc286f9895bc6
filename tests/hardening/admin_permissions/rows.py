"""A fresh row for each admin action a role tries (the action may delete it), in the state the
action changes, and trying the action on it: done (the row changed or deleted) or refused (a
403, the row unchanged)."""

from datetime import UTC, datetime
from itertools import count

from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult
from model_bakery import baker
from taggit.models import Tag

from demo.factories import make_episode, make_person, make_recap, make_show
from desk.models import Assignment, ShowPlan
from discussion.models import CommentSettings, Moderation, RecapDiscussion
from embeds.models import Embed
from fediverse.models import BlockedDomain, ReceivedActivity, RemoteActor
from fediverse.models import Delivery as FediverseDelivery
from fediverse.models import Follower as FediverseFollower
from follows.models import Delivery, Follower, Suppression
from people.models import Credit
from ratings.models import EpisodeVote
from readership.models import DailyViews
from recaps.models import Recap
from sitesettings.models import SiteSettings
from tests.discussion.conftest import make_comment
from tests.hardening.admin_permissions.table import label
from webhooks.models import Delivery as WebhookDelivery
from webhooks.models import Endpoint

_numbers = count(1)


def fresh_recap(show, author, **fields):
    return make_recap(make_episode(show, next(_numbers)), author=author, **fields)


def fresh_follower():
    return Follower.objects.create(
        email=f"fan{next(_numbers)}@example.com", source="footer", consent_wording="2026-12"
    )


def fresh_endpoint():
    return Endpoint.objects.create(url=f"https://hooks{next(_numbers)}.example/", events=[])


def fresh_remote_actor():
    number = next(_numbers)
    return RemoteActor.objects.create(
        uri=f"https://m.example/users/fan{number}",
        domain="m.example",
        inbox=f"https://m.example/users/fan{number}/inbox",
        fetched_at=datetime.now(UTC),
    )


def fresh_person():
    return make_person(f"Person {next(_numbers)}")


# One row a role's action works on, made afresh for each try (the action may delete it).
ROW_MAKERS = {
    "api.apikey": lambda show, user: baker.make("api.ApiKey", key_hash=f"{next(_numbers):064x}"),
    "auth.group": lambda show, user: baker.make(Group),
    "auth.user": lambda show, user: baker.make("auth.User"),
    "axes.accessattempt": lambda show, user: baker.make(
        AccessAttempt, username="someone", ip_address="203.0.113.7"
    ),
    "axes.accessfailurelog": lambda show, user: baker.make(
        "axes.AccessFailureLog", ip_address="203.0.113.7"
    ),
    "axes.accesslog": lambda show, user: baker.make("axes.AccessLog", ip_address="203.0.113.7"),
    "desk.assignment": lambda show, user: Assignment.objects.create(
        episode=make_episode(show, next(_numbers))
    ),
    "desk.showplan": lambda show, user: ShowPlan.objects.create(show=make_show()),
    "discussion.commentsettings": lambda show, user: CommentSettings.load(),
    "discussion.recapdiscussion": lambda show, user: RecapDiscussion.objects.create(
        recap=fresh_recap(show, user), reason="Spoilers."
    ),
    "django_comments_xtd.xtdcomment": lambda show, user: make_comment(fresh_recap(show, user)),
    "django_tasks_database.dbtaskresult": lambda show, user: baker.make(DBTaskResult),
    "fediverse.blockeddomain": lambda show, user: BlockedDomain.objects.create(
        domain=f"spam{next(_numbers)}.example"
    ),
    "fediverse.delivery": lambda show, user: FediverseDelivery.objects.create(
        activity_id=f"https://testserver/ap/recaps/{next(_numbers)}#create",
        kind="Create",
        owner="site",
        inbox="https://m.example/inbox",
        payload={},
    ),
    "fediverse.follower": lambda show, user: FediverseFollower.objects.create(
        show=show, actor=fresh_remote_actor(), follow_id="https://m.example/f"
    ),
    "fediverse.receivedactivity": lambda show, user: ReceivedActivity.objects.create(
        activity_id=f"https://m.example/a/{next(_numbers)}",
        kind="Like",
        actor=fresh_remote_actor(),
        payload={},
    ),
    "fediverse.remoteactor": lambda show, user: fresh_remote_actor(),
    "embeds.embed": lambda show, user: Embed.objects.create(
        url=f"https://vimeo.com/{next(_numbers)}", status="failed", fetched_at=datetime.now(UTC)
    ),
    "follows.delivery": lambda show, user: Delivery.objects.create(
        follower=fresh_follower(), recap=fresh_recap(show, user), kind="alert"
    ),
    "follows.follower": lambda show, user: fresh_follower(),
    "otp_static.staticdevice": lambda show, user: StaticDevice.objects.create(user=user),
    "otp_totp.totpdevice": lambda show, user: TOTPDevice.objects.create(user=user),
    "django_otp_webauthn.webauthncredential": lambda show, user: baker.make(
        WebAuthnCredential, user=user
    ),
    "follows.suppression": lambda show, user: Suppression.objects.create(
        address=f"digest-{next(_numbers)}", reason="complaint"
    ),
    "importer.importrun": lambda show, user: baker.make("importer.ImportRun"),
    "importer.wordpressorigin": lambda show, user: baker.make(
        "importer.WordPressOrigin",
        kind="post",
        content_type=ContentType.objects.get_for_model(Recap),
        object_id=1,
    ),
    "people.credit": lambda show, user: baker.make(Credit, person=fresh_person(), show=show),
    "people.person": lambda show, user: fresh_person(),
    "ratings.episodevote": lambda show, user: EpisodeVote.objects.create(
        episode=make_episode(show, next(_numbers)), score=8
    ),
    "readership.dailyviews": lambda show, user: DailyViews.objects.create(
        day=datetime(2026, 1, 1, tzinfo=UTC).date(), recap=fresh_recap(show, user), views=3
    ),
    # The role's own draft: writers delete theirs (recaps.workflow).
    "recaps.recap": lambda show, user: fresh_recap(show, user, published=False),
    "redirects.redirect": lambda show, user: Redirect.objects.create(
        site_id=1, old_path=f"/old-{next(_numbers)}/", new_path="/"
    ),
    "shows.episode": lambda show, user: make_episode(show, next(_numbers)),
    "shows.platform": lambda show, user: baker.make("shows.Platform"),
    "shows.show": lambda show, user: make_show(),
    "sites.site": lambda show, user: Site.objects.create(domain=f"old{next(_numbers)}.example"),
    "sitesettings.sitesettings": lambda show, user: SiteSettings.load(),
    "taggit.tag": lambda show, user: Tag.objects.create(name=f"tag {next(_numbers)}"),
    "webhooks.delivery": lambda show, user: WebhookDelivery.objects.create(
        endpoint=fresh_endpoint(), event="webhook.test", body="{}"
    ),
    "webhooks.endpoint": lambda show, user: fresh_endpoint(),
}


def held_comment(show, user):
    return make_comment(fresh_recap(show, user), status=Moderation.Status.HELD)


def removed_comment(show, user):
    return make_comment(fresh_recap(show, user), status=Moderation.Status.REMOVED)


def expired_attempt(show, user):
    """An attempt past its own expiry (AXES_USE_ATTEMPT_EXPIRATION: each row has one)."""
    attempt = ROW_MAKERS["axes.accessattempt"](show, user)
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=datetime(2000, 1, 1, tzinfo=UTC)
    )
    AccessAttemptExpiration.objects.create(
        access_attempt=attempt, expires_at=datetime(2000, 1, 1, 1, tzinfo=UTC)
    )
    return attempt


# Rows in the state an action changes, and what its form posts to go ahead.
ACTION_ROWS = {
    ("django_comments_xtd.xtdcomment", "approve"): held_comment,
    ("django_comments_xtd.xtdcomment", "restore"): removed_comment,
    ("axes.accessattempt", "cleanup_expired_attempts"): expired_attempt,
}


CONFIRMED = {"delete_selected", "clear_episode_ratings"}


def stored(row):
    """The row as stored, or None once deleted."""
    return type(row)._base_manager.filter(pk=row.pk).values().first()


def try_action(client, show, user, model, name):
    """(done, refused) for running action `name` of `model`'s list on a fresh row."""
    make = ACTION_ROWS.get((label(model), name)) or ROW_MAKERS[label(model)]
    row = make(show, user)
    if name == "reset_second_factors":
        devices = TOTPDevice.objects.filter(pk=TOTPDevice.objects.create(user=row).pk)
    before = stored(row)
    data = {"action": name, ACTION_CHECKBOX_NAME: [row.pk]}
    if name in CONFIRMED:
        data["post"] = "yes"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.post(url, data)
    if name == "render_tag_form":  # it asks for the merged tag's name next
        done = response.get("Location") == reverse("admin:taggit_tag_merge_tags")
    elif name == "reset_second_factors":  # the user stays; their devices go
        done = response.status_code == 302 and not devices.exists()
    else:
        done = response.status_code in (200, 302) and stored(row) != before
    return done, response.status_code == 403 and stored(row) == before
