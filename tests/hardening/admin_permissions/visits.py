"""How a role uses each view an admin adds (a model admin's URLs minus Django's changelist, add,
change, delete and history): the request it sends, and whether the view did its work."""

from datetime import datetime

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from model_bakery import baker
from reversion.models import Version
from reversion.revisions import create_revision, set_user

from demo.factories import make_episode, make_recap, make_show
from desk import ics
from desk.models import Assignment, CalendarKey, RelativeSchedule
from recaps import preview
from recaps.models import Recap, TaggedRecap
from tests.discussion.conftest import make_comment
from tests.hardening.admin_permissions.rows import (
    _numbers,
    fresh_endpoint,
    fresh_follower,
    fresh_recap,
)


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
