"""Every admin action and every view an admin adds to Django's own checks the model permission.

Each role tries each action of every registered model's list on a real row, and each added view
(a model admin's URLs minus Django's changelist, add, change, delete and history), and the
outcome is the one PERMISSIONS says: an allowed role gets the action or view done (the row
deleted or changed, the page answered), a refused one a 403 with the rows unchanged. The actions
and views come from the admin site's registry (`core.admin_site`), so one added later that is
not in the table fails here; one that declares no permission is refused to everyone, superusers
included, and named by `manage.py check`.

The roles are the groups the migrations keep (Writers, Editors, Moderators), "chief": a staff
account holding every permission of the site without being a superuser (no group gives that
yet; it shows that nothing leans on the superuser flag), and a superuser."""

from datetime import UTC, datetime
from functools import partial
from itertools import count

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult
from model_bakery import baker
from reversion.models import Version
from reversion.revisions import create_revision, set_user
from taggit.models import Tag

from core.admin_site import EpisodicAdminSite, actions_of, custom_views
from demo.factories import make_episode, make_person, make_recap, make_show
from desk import ics
from desk.models import Assignment, CalendarKey, RelativeSchedule, ShowPlan
from discussion.models import CommentSettings, Moderation, RecapDiscussion
from embeds.models import Embed
from fediverse.models import BlockedDomain, ReceivedActivity, RemoteActor
from fediverse.models import Delivery as FediverseDelivery
from fediverse.models import Follower as FediverseFollower
from follows.models import Delivery, Follower, Suppression
from people.models import Credit
from ratings.models import EpisodeVote
from readership.models import DailyViews
from recaps import preview
from recaps.models import Recap, TaggedRecap
from shows.models import Platform
from sitesettings.models import SiteSettings
from tests.discussion.conftest import make_comment
from webhooks.models import Delivery as WebhookDelivery
from webhooks.models import Endpoint

pytestmark = pytest.mark.django_db

W, E, M, C, S = ROLES = ("writer", "editor", "moderator", "chief", "superuser")
NOBODY = frozenset()
STAFF_MANAGERS = frozenset({C, S})
EDITORS = frozenset({E, C, S})
MODERATION = frozenset({E, M, C, S})
WRITING = frozenset({W, E, C, S})

#: (model, action name or URL name) → the roles that may use it.
PERMISSIONS = {
    # Actions on each model's list.
    # API keys: only those who manage the site (no group is given them).
    ("api.apikey", "delete_selected"): STAFF_MANAGERS,
    ("auth.group", "delete_selected"): STAFF_MANAGERS,
    ("auth.user", "delete_selected"): STAFF_MANAGERS,
    ("auth.user", "reset_second_factors"): frozenset({S}),
    ("django_otp_webauthn.webauthncredential", "delete_selected"): STAFF_MANAGERS,
    ("otp_static.staticdevice", "delete_selected"): STAFF_MANAGERS,
    ("otp_totp.totpdevice", "delete_selected"): STAFF_MANAGERS,
    ("axes.accessattempt", "cleanup_expired_attempts"): STAFF_MANAGERS,
    ("axes.accessattempt", "delete_selected"): STAFF_MANAGERS,
    ("axes.accessfailurelog", "delete_selected"): STAFF_MANAGERS,
    ("axes.accesslog", "delete_selected"): STAFF_MANAGERS,
    ("desk.assignment", "delete_selected"): STAFF_MANAGERS,
    ("desk.showplan", "delete_selected"): EDITORS,
    ("discussion.commentsettings", "delete_selected"): NOBODY,
    ("discussion.recapdiscussion", "delete_selected"): MODERATION,
    ("django_comments_xtd.xtdcomment", "approve"): MODERATION,
    ("django_comments_xtd.xtdcomment", "delete_selected"): STAFF_MANAGERS,
    ("django_comments_xtd.xtdcomment", "mark_spam"): MODERATION,
    ("django_comments_xtd.xtdcomment", "remove"): MODERATION,
    ("django_comments_xtd.xtdcomment", "restore"): MODERATION,
    ("django_tasks_database.dbtaskresult", "delete_selected"): NOBODY,
    ("fediverse.blockeddomain", "delete_selected"): STAFF_MANAGERS,
    ("fediverse.delivery", "delete_selected"): NOBODY,
    ("fediverse.follower", "delete_selected"): STAFF_MANAGERS,
    ("fediverse.receivedactivity", "delete_selected"): NOBODY,
    ("fediverse.remoteactor", "delete_selected"): STAFF_MANAGERS,
    ("embeds.embed", "delete_selected"): NOBODY,
    ("follows.delivery", "delete_selected"): NOBODY,
    ("follows.follower", "delete_selected"): STAFF_MANAGERS,
    ("follows.suppression", "delete_selected"): STAFF_MANAGERS,
    ("importer.importrun", "delete_selected"): STAFF_MANAGERS,
    ("importer.wordpressorigin", "delete_selected"): STAFF_MANAGERS,
    ("people.credit", "delete_selected"): EDITORS,
    ("people.person", "delete_selected"): EDITORS,
    ("ratings.episodevote", "clear_episode_ratings"): EDITORS,
    ("ratings.episodevote", "delete_selected"): EDITORS,
    ("readership.dailyviews", "delete_selected"): NOBODY,
    ("recaps.recap", "delete_selected"): WRITING,
    ("redirects.redirect", "delete_selected"): STAFF_MANAGERS,
    ("shows.episode", "delete_selected"): EDITORS,
    ("shows.platform", "delete_selected"): EDITORS,
    ("shows.show", "delete_selected"): EDITORS,
    ("sites.site", "delete_selected"): STAFF_MANAGERS,
    ("sitesettings.sitesettings", "delete_selected"): NOBODY,
    ("taggit.tag", "delete_selected"): EDITORS,
    ("taggit.tag", "render_tag_form"): EDITORS,
    ("webhooks.delivery", "delete_selected"): NOBODY,
    ("webhooks.endpoint", "delete_selected"): STAFF_MANAGERS,
    # Views the admins add.
    ("auth.user", "auth_user_password_change"): STAFF_MANAGERS,
    ("desk.assignment", "desk_assignment_assign"): WRITING,
    ("desk.assignment", "desk_assignment_calendar"): WRITING,
    ("desk.assignment", "desk_assignment_calendar_key"): WRITING,
    ("desk.assignment", "desk_assignment_draft"): WRITING,
    ("desk.assignment", "desk_assignment_schedule"): WRITING,
    ("desk.assignment", "desk_assignment_skip"): EDITORS,
    ("django_comments_xtd.xtdcomment", "discussion_reply"): MODERATION,
    ("follows.delivery", "follows_delivery_send_test"): WRITING,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_config"): STAFF_MANAGERS,
    ("otp_totp.totpdevice", "otp_totp_totpdevice_qrcode"): STAFF_MANAGERS,
    ("follows.follower", "follows_follower_digest_preview"): EDITORS,
    ("recaps.recap", "recaps_recap_compare"): WRITING,
    ("recaps.recap", "recaps_recap_recover"): EDITORS,
    ("recaps.recap", "recaps_recap_recoverlist"): EDITORS,
    ("recaps.recap", "recaps_recap_revision"): WRITING,
    ("recaps.recap", "recaps_recap_revoke_share_links"): WRITING,
    ("recaps.recap", "recaps_recap_transition"): WRITING,
    ("readership.dailyviews", "readership_dailyviews_recap"): EDITORS,
    ("taggit.tag", "taggit_tag_merge_tags"): EDITORS,
    ("webhooks.endpoint", "webhooks_endpoint_send_test"): STAFF_MANAGERS,
    ("shows.show", "catalogue_search"): EDITORS,
    ("shows.show", "catalogue_poster"): EDITORS,
    ("shows.show", "catalogue_preview"): EDITORS,
    ("shows.show", "catalogue_take"): EDITORS,
}

_numbers = count(1)


def label(model):
    return model._meta.label_lower


@pytest.fixture
def people(db, django_user_model):
    users = {}
    for role, group in ((W, "Writers"), (E, "Editors"), (M, "Moderators"), (C, None)):
        users[role] = django_user_model.objects.create_user(username=role, is_staff=True)
        if group:
            users[role].groups.add(Group.objects.get(name=group))
    users[C].user_permissions.set(Permission.objects.all())
    users[S] = django_user_model.objects.create_superuser(username=S)
    return users


@pytest.fixture
def show(db):
    return make_show()


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


def saved_recap(show, user, **fields):
    with create_revision():
        set_user(user)
        return fresh_recap(show, user, published=False, **fields)


def deleted_recap_version(show, user):
    recap = saved_recap(show, user)
    version = Version.objects.get_for_object(recap).get()
    recap.delete()
    return version


def merge(client, show, user):
    recap = fresh_recap(show, user)
    recap.tags.add(f"tag {next(_numbers)}")
    session = client.session
    session["selected_tag_ids"] = str(recap.tags.get().pk)
    session.save()
    into = f"merged {next(_numbers)}"
    response = client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": into})
    return response, TaggedRecap.objects.filter(content_object=recap, tag__name=into).exists()


def transition(client, show, user):
    recap = fresh_recap(show, user, published=False)
    response = client.post(reverse("admin:recaps_recap_transition", args=[recap.pk, "submit"]))
    recap.refresh_from_db()
    return response, recap.status == Recap.Status.IN_REVIEW


def revoke_share_links(client, show, user):
    recap = fresh_recap(show, user, published=False)
    preview.share_path(recap)  # a link was shared
    response = client.post(reverse("admin:recaps_recap_revoke_share_links", args=[recap.pk]))
    recap.refresh_from_db()
    return response, recap.share_key == ""


def send_test(client, show, user):
    """The real alert of the user's own recap, to the user's own address."""
    user.email = f"{user.username}@example.com"
    user.save()
    mail.outbox.clear()
    recap = fresh_recap(show, user, published=False)
    response = client.post(reverse("admin:follows_delivery_send_test", args=[recap.pk]))
    return response, [m.to for m in mail.outbox] == [[user.email]]


def send_webhook_test(client, show, user):
    """A test message queued for an endpoint (sent after the commit, which never comes here)."""
    endpoint = fresh_endpoint()
    response = client.post(reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk]))
    return response, endpoint.deliveries.exists()


def desk_post(name, done, make=None):
    """A desk form posted about a fresh episode (or what `make` gives): (response, done)."""

    def visit(client, show, user):
        target = make(user) if make else make_episode(show, next(_numbers))
        data = {"version": 0, "skipped": "on", "take": "1", "hours": "2", "episode": 1}
        response = client.post(reverse(f"admin:{name}", args=[target.pk]), data)
        return response, done(target, user, response)

    return visit


def timed_draft(user):
    """The user's draft of an episode 1 that airs at a known time, years ahead."""
    aired = make_show(premiere_date=datetime(2031, 1, 6).date(), release_time=datetime.min.time())
    return make_recap(make_episode(aired, 1), author=user, published=False)


def planned(recap, user, response):
    # An editor's schedule also runs the pre-publish checks, which this bare draft fails: the
    # view was allowed to act (a 400 naming the checks), not refused.
    refused_by_checks = response.status_code == 400 and b"pre-publish checks" in response.content
    return RelativeSchedule.objects.filter(recap=recap).exists() or refused_by_checks


def rotate_calendar_key(client, show, user):
    # The key, not the token: a token is signed with its time, and differs a second later.
    ics.token_for(user)
    key = CalendarKey.objects.get(user=user).key
    response = client.post(reverse("admin:desk_assignment_calendar_key"))
    return response, CalendarKey.objects.get(user=user).key != key


def page(url):
    """A view that only shows a page: done when it answers anything but a refusal."""

    def visit(client, show, user):
        response = client.get(url(show, user))
        return response, response.status_code in (200, 302)

    return visit


def answered(url, method="get"):
    """A view that answers without the catalogue (none reachable: port 9 refuses at once):
    done when it is not refused."""

    def visit(client, show, user):
        with override_settings(CATALOGUE_TVMAZE_URL="http://127.0.0.1:9"):
            response = getattr(client, method)(url(show, user), {"take": "show:nothing"})
        return response, response.status_code in (200, 302, 404)

    return visit


# How to use each view an admin adds, as `user`: (response, done).
VIEW_VISITS = {
    "catalogue_search": page(lambda show, user: reverse("admin:catalogue_search")),
    "catalogue_poster": answered(lambda show, user: reverse("admin:catalogue_poster")),
    "catalogue_preview": answered(lambda show, user: reverse("admin:catalogue_preview", args=[1])),
    "catalogue_take": answered(
        lambda show, user: reverse("admin:catalogue_take", args=[show.pk]), "post"
    ),
    "otp_totp_totpdevice_config": page(
        lambda show, user: reverse(
            "admin:otp_totp_totpdevice_config", args=[TOTPDevice.objects.create(user=user).pk]
        )
    ),
    "otp_totp_totpdevice_qrcode": page(
        lambda show, user: reverse(
            "admin:otp_totp_totpdevice_qrcode", args=[TOTPDevice.objects.create(user=user).pk]
        )
    ),
    "auth_user_password_change": page(
        lambda show, user: reverse(
            "admin:auth_user_password_change", args=[baker.make("auth.User").pk]
        )
    ),
    "discussion_reply": page(
        lambda show, user: reverse(
            "admin:discussion_reply", args=[make_comment(fresh_recap(show, user)).pk]
        )
    ),
    "recaps_recap_compare": page(
        lambda show, user: reverse("admin:recaps_recap_compare", args=[saved_recap(show, user).pk])
    ),
    "recaps_recap_recover": page(
        lambda show, user: reverse(
            "admin:recaps_recap_recover", args=[deleted_recap_version(show, user).pk]
        )
    ),
    "recaps_recap_recoverlist": page(lambda show, user: reverse("admin:recaps_recap_recoverlist")),
    "recaps_recap_revision": page(
        lambda show, user: reverse(
            "admin:recaps_recap_revision",
            args=[
                (recap := saved_recap(show, user)).pk,
                Version.objects.get_for_object(recap).get().pk,
            ],
        )
    ),
    "recaps_recap_transition": transition,
    "follows_delivery_send_test": send_test,
    "desk_assignment_calendar": page(lambda show, user: reverse("admin:desk_assignment_calendar")),
    "desk_assignment_calendar_key": rotate_calendar_key,
    "desk_assignment_assign": desk_post(
        "desk_assignment_assign",
        lambda episode, user, response: Assignment.objects.filter(
            episode=episode, writer=user
        ).exists(),
    ),
    "desk_assignment_skip": desk_post(
        "desk_assignment_skip",
        lambda episode, user, response: Assignment.objects.filter(
            episode=episode, skipped=True
        ).exists(),
    ),
    "desk_assignment_draft": desk_post(
        "desk_assignment_draft",
        lambda episode, user, response: Recap.objects.filter(episode=episode).exists(),
    ),
    "desk_assignment_schedule": desk_post("desk_assignment_schedule", planned, make=timed_draft),
    "follows_follower_digest_preview": page(
        lambda show, user: reverse(
            "admin:follows_follower_digest_preview", args=[fresh_follower().pk]
        )
    ),
    "recaps_recap_revoke_share_links": revoke_share_links,
    "readership_dailyviews_recap": page(
        lambda show, user: reverse(
            "admin:readership_dailyviews_recap", args=[fresh_recap(show, user).pk]
        )
    ),
    "taggit_tag_merge_tags": merge,
    "webhooks_endpoint_send_test": send_webhook_test,
}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: label(item[0]))


def test_the_table_names_every_action_and_added_view():
    found = set()
    for model, model_admin in registered():
        found |= {(label(model), name) for name, _ in actions_of(model_admin)}
        found |= {(label(model), url_name) for url_name, _ in custom_views(model_admin)}
    assert found == set(PERMISSIONS)


def test_every_action_and_added_view_declares_a_permission():
    errors = [error for error in admin.site.check(None) if error.id.startswith("core.")]
    assert errors == []


def try_view(url_name, client, show, user):
    """(done, refused) for using the added view `url_name`."""
    response, done = VIEW_VISITS[url_name](client, show, user)
    return done, response.status_code == 403 and not done


def attempts(model, model_admin):
    """(name, attempt) for each action and added view of a model's admin, where
    `attempt(client, show, user)` answers (done, refused)."""
    for name, _ in actions_of(model_admin):
        yield name, partial(try_action, model=model, name=name)
    for url_name, _ in custom_views(model_admin):
        yield url_name, partial(try_view, url_name)


def test_each_role_may_use_exactly_the_actions_and_views_of_the_table(people, show):
    """Every action and added view, tried by every role: done where the table allows it,
    refused with a 403 and nothing changed elsewhere."""
    wrong = []
    for role in ROLES:
        client = Client()
        client.force_login(people[role])
        for model, model_admin in registered():
            for name, attempt in attempts(model, model_admin):
                allowed = role in PERMISSIONS.get((label(model), name), NOBODY)
                done, refused = attempt(client, show, people[role])
                if (done, refused) != (allowed, not allowed):
                    outcome = "done" if done else "refused" if refused else "neither"
                    wrong.append(f"{role} {label(model)} {name}: {outcome}")
    assert wrong == []


class NamesNoPermission(admin.ModelAdmin):
    """An admin as a new one might be written: an action and an added view, no permission."""

    actions = ["shout"]

    @admin.action(description="Shout")
    def shout(self, request, queryset):
        return HttpResponse("shouted")

    def get_urls(self):
        extra = path("extra/", self.admin_site.admin_view(self.extra_view), name="extra")
        return [extra, *super().get_urls()]

    def extra_view(self, request):
        return HttpResponse("ran")


@pytest.fixture
def careless_admin(db):
    site = EpisodicAdminSite(name="careless")
    site.register(Platform, NamesNoPermission)
    return site, site._registry[Platform]


def test_check_names_an_action_or_added_view_without_a_permission(careless_admin):
    site, _ = careless_admin
    errors = [error.id for error in site.check(None) if error.id.startswith("core.")]
    assert errors == ["core.E001", "core.E002"]


def test_an_action_or_added_view_without_a_permission_is_refused_even_to_superusers(
    careless_admin, people, rf
):
    site, model_admin = careless_admin
    page = rf.get("/admin/shows/platform/extra/")
    shout = rf.post("/admin/shows/platform/", {"action": "shout", ACTION_CHECKBOX_NAME: ["1"]})
    for request in (page, shout):
        request.user, request._dont_enforce_csrf_checks = people[S], True
    with pytest.raises(PermissionDenied):
        site.admin_view(model_admin.extra_view)(page)
    with pytest.raises(PermissionDenied):
        site.admin_view(model_admin.changelist_view)(shout)
