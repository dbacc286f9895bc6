"""Every page of the editors' admin opens: for each registered model, its changelist (plain,
searched, and with each choice of each filter), its add page and the change page of a row."""

from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.test import override_settings
from django.urls import reverse
from model_bakery import baker

from core.singleton import SingletonModel
from discussion.models import CommentSettings
from people.models import Credit
from recaps.models import Recap
from sitesettings.models import SiteSettings

# The settings rows are one row each: their admin has no list and no second add (tested below).
REGISTERED = sorted(
    (model for model in admin.site._registry if not issubclass(model, SingletonModel)),
    key=lambda model: model._meta.label,
)

# Admin pages show uploads: each test keeps its media in a folder of its own.
pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def one_of_everything(soundtrack, episode, person, recap, still, editor):
    """At least one row of every registered model, linked the way editors link them."""
    first_season = baker.make(
        "shows.Show", title="Soundtrack #1", slug="soundtrack-1", country="South Korea"
    )
    soundtrack.follows = first_season
    soundtrack.save()
    baker.make("shows.Episode", show=first_season, number=1)
    baker.make(Credit, person=person, show=soundtrack, character_name="Do-hyun", role="lead")
    baker.make(Credit, person=person, show=first_season, character_name="Han", role="special")
    baker.make("auth.Group", name="Proofreaders")
    # Second factors (accounts/): a code generator, recovery codes, a passkey.
    baker.make("otp_totp.TOTPDevice", user=editor)
    baker.make("otp_static.StaticToken", device=baker.make("otp_static.StaticDevice", user=editor))
    baker.make("django_otp_webauthn.WebAuthnCredential", user=editor)
    recap.tags.add("k-drama")
    Site.objects.get_or_create(pk=1, defaults={"domain": "example.com", "name": "Episodic"})
    from datetime import UTC, datetime

    from discussion.models import RecapDiscussion
    from discussion.tasks import notify_followers
    from tests.discussion.conftest import make_comment

    make_comment(recap, submit_date=datetime(2023, 12, 6, 12, tzinfo=UTC))
    RecapDiscussion.objects.create(recap=recap, reason="Spoilers")
    baker.make(
        "ratings.EpisodeVote",
        episode=episode,
        score=8,
        created_at=datetime(2023, 12, 7, tzinfo=UTC),
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        notify_followers.enqueue(0)
    december = datetime(2023, 12, 6, 12, tzinfo=UTC)
    for name in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        row = baker.make(name, username="someone", ip_address="203.0.113.7")
        type(row).objects.filter(pk=row.pk).update(attempt_time=december)
    run = baker.make("importer.ImportRun")
    type(run).objects.filter(pk=run.pk).update(started_at=december)
    # Redirects are filtered by site: a second site gives the filter a choice.
    Site.objects.get_or_create(domain="old.example", defaults={"name": "Old blog"})
    baker.make(
        "importer.WordPressOrigin",
        site_url="https://old.example",
        kind="post",
        wp_id="12",
        content_type=ContentType.objects.get_for_model(Recap),
        object_id=recap.pk,
    )
    baker.make("redirects.Redirect", site_id=1, old_path="/old-post/", new_path="/recaps/x/")
    from follows.models import Delivery, Follow, Follower, Suppression

    follower = baker.make(Follower, email="fan@example.com", source="footer", state="confirmed")
    Follower.objects.filter(pk=follower.pk).update(created_at=december)
    Follow.objects.create(follower=follower, show=soundtrack, confirmed_at=december)
    Delivery.objects.create(
        follower=follower, recap=recap, kind="alert", state="sent", created_at=december
    )
    Suppression.objects.create(address="0" * 64, reason="complaint")
    from webhooks.models import Attempt, Endpoint
    from webhooks.models import Delivery as WebhookDelivery

    endpoint = Endpoint.objects.create(url="https://hooks.example/", events=["recap.published"])
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="recap.published", body="{}", created_at=december
    )
    Attempt.objects.create(delivery=delivery, number=1, status_code=500, response_ms=12)
    from fediverse import models as fediverse

    actor = fediverse.RemoteActor.objects.create(
        uri="https://m.example/users/ana",
        domain="m.example",
        username="ana",
        inbox="https://m.example/users/ana/inbox",
        fetched_at=december,
    )
    fediverse.Follower.objects.create(show=soundtrack, actor=actor, follow_id="https://m.example/f")
    fediverse.Delivery.objects.create(
        activity_id="https://testserver/ap/recaps/1#create",
        kind="Create",
        owner="site",
        inbox="https://m.example/inbox",
        payload={},
        recap=recap,
    )
    fediverse.ReceivedActivity.objects.create(
        activity_id="https://m.example/a/1", kind="Like", actor=actor, payload={}
    )
    fediverse.BlockedDomain.objects.create(domain="spam.example")
    fediverse.Follower.objects.update(created_at=december)
    fediverse.Delivery.objects.update(created_at=december)
    fediverse.ReceivedActivity.objects.update(received_at=december)
    baker.make(
        "embeds.Embed", url="https://vimeo.com/76979871", status="failed", fetched_at=december
    )
    baker.make("desk.Assignment", episode=episode, writer=editor)
    baker.make("desk.ShowPlan", show=soundtrack)
    baker.make("readership.DailyViews", day=december.date(), recap=recap, referrer="", views=3)
    baker.make("api.ApiKey", name="Partner app", prefix="abcd1234", key_hash="0" * 64)
    for model in REGISTERED:
        assert model._default_manager.exists(), f"no {model._meta.label} to open"


@pytest.mark.parametrize("model", [SiteSettings, CommentSettings], ids=lambda m: m.__name__)
def test_settings_open_as_one_form_that_cannot_be_added_twice(editor_client, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    add_url = reverse(f"{prefix}_add")
    list_url = reverse(f"{prefix}_changelist")
    assert editor_client.get(list_url).url == add_url
    assert editor_client.get(add_url).status_code == 200

    settings_row = model.objects.create()
    change_url = reverse(f"{prefix}_change", args=[settings_row.pk])
    assert editor_client.get(list_url).url == change_url
    assert editor_client.get(change_url).status_code == 200
    assert editor_client.get(add_url).status_code == 403


NOT_ADDED_BY_HAND = {
    "desk.Assignment",
    "readership.DailyViews",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "django_comments_xtd.XtdComment",
    # Passkeys come from the browser's registration (accounts.passkeys).
    "django_otp_webauthn.WebAuthnCredential",
    "django_tasks_database.DBTaskResult",
    "fediverse.Delivery",
    "fediverse.Follower",
    "fediverse.ReceivedActivity",
    "fediverse.RemoteActor",
    "embeds.Embed",
    "follows.Delivery",
    "follows.Suppression",
    "importer.ImportRun",
    "importer.WordPressOrigin",
    "ratings.EpisodeVote",
    "webhooks.Delivery",
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def ids(model):
    return model._meta.label


# Lists that are pages of their own: the episode desk, the views report.
OWN_PAGES = {"desk.Assignment", "readership.DailyViews"}


@pytest.mark.parametrize("model", REGISTERED, ids=ids)
def test_changelist_opens(editor_client, one_of_everything, model):
    response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    if model._meta.label not in OWN_PAGES:
        assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", REGISTERED, ids=ids)
def test_add_page_opens(editor_client, one_of_everything, model):
    # Comments and votes come from readers, task results from the worker, login attempts from
    # axes, import records from the importer, follower mail from its tasks and webhooks, the
    # fediverse's followers and deliveries from other servers and the worker, embeds from a
    # recap's save, assignments from the desk, views from readers: none is added by hand.
    expected = 403 if model._meta.label in NOT_ADDED_BY_HAND else 200
    assert editor_client.get(admin_url(model, "add")).status_code == expected


@pytest.mark.parametrize("model", REGISTERED, ids=ids)
def test_change_page_opens(editor_client, one_of_everything, model):
    obj = model._default_manager.order_by("pk").first()
    response = editor_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


@pytest.mark.parametrize(
    "model", [m for m in REGISTERED if admin.site._registry[m].search_fields], ids=ids
)
def test_changelist_search_opens(editor_client, one_of_everything, model):
    for query in ["Soundtrack", "사운드트랙", "nothing-matches-this", "%_'\"<b>", " "]:
        response = editor_client.get(admin_url(model, "changelist"), {"q": query})
        assert response.status_code == 200, query


def test_changelist_search_finds_the_recap_by_show_title(editor_client, one_of_everything):
    response = editor_client.get(admin_url(Recap, "changelist"), {"q": "soundtrack"})
    assert response.context["cl"].result_count == 1
    assert "A song in the rain" in response.text


@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if admin.site._registry[m].list_filter],
    ids=ids,
)
def test_changelist_opens_with_every_filter_choice(editor_client, one_of_everything, model):
    url = admin_url(model, "changelist")
    changelist = editor_client.get(url).context["cl"]
    query_strings = {
        choice["query_string"]
        for spec in changelist.filter_specs
        for choice in spec.choices(changelist)
        if not choice.get("selected")
    }
    assert query_strings, "the filters offer no choices"
    for query_string in sorted(query_strings):
        response = editor_client.get(url + query_string)
        assert response.status_code == 200, query_string
        # An unknown filter value would redirect with ?e=1; a real choice never does.
        assert "e=1" not in response.get("Location", "")


@pytest.mark.parametrize(
    "model", [m for m in REGISTERED if admin.site._registry[m].date_hierarchy], ids=ids
)
def test_changelist_opens_at_each_date_hierarchy_level(editor_client, one_of_everything, model):
    field = admin.site._registry[model].date_hierarchy
    url = admin_url(model, "changelist")
    for params in ({f"{field}__year": 2023}, {f"{field}__year": 2023, f"{field}__month": 12}):
        response = editor_client.get(f"{url}?{urlencode(params)}")
        assert response.status_code == 200
        assert response.context["cl"].result_count >= 1
