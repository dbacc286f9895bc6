"""The fediverse in the admin: followers per show, the delivery log, and blocking a domain
(its followers go at once); remote names are shown escaped."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fediverse.models import BlockedDomain, Delivery, Follower, RemoteActor


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser(username="chief"))
    return client


def make_actor(domain, name):
    return RemoteActor.objects.create(
        uri=f"https://{domain}/users/{name}",
        domain=domain,
        username=name,
        inbox=f"https://{domain}/users/{name}/inbox",
        fetched_at=timezone.now(),
    )


@pytest.fixture
def followers(soundtrack):
    return [
        Follower.objects.create(show=soundtrack, actor=make_actor(domain, name), follow_id=name)
        for domain, name in (
            ("mastodon.example", "ana"),
            ("spam.example", "<script>x</script>"),
            ("eu.spam.example", "ben"),
        )
    ]


def test_followers_are_listed_per_show_with_names_escaped(admin_client, followers, soundtrack):
    url = reverse("admin:fediverse_follower_changelist")
    response = admin_client.get(url, {"show__id__exact": soundtrack.pk})

    assert response.status_code == 200
    page = response.content.decode()
    assert "@ana@mastodon.example" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_blocking_a_domain_removes_its_followers_and_those_under_it(admin_client, followers):
    response = admin_client.post(
        reverse("admin:fediverse_blockeddomain_add"), {"domain": " Spam.Example ", "note": ""}
    )

    assert response.status_code == 302
    assert BlockedDomain.objects.get().domain == "spam.example"
    assert list(Follower.objects.values_list("actor__username", flat=True)) == ["ana"]


def test_the_delivery_log_shows_status_and_attempts(admin_client):
    Delivery.objects.create(
        activity_id="https://testserver/ap/recaps/1#create",
        kind="Create",
        owner="show-1",
        inbox="https://mastodon.example/inbox",
        payload={},
        status="queued",
        attempts=3,
        last_error="https://mastodon.example/inbox answered 503",
    )
    response = admin_client.get(reverse("admin:fediverse_delivery_changelist"))
    page = response.content.decode()
    assert "answered 503" in page and "Queued" in page


def test_the_remote_actor_page_never_shows_a_key(admin_client):
    actor = make_actor("mastodon.example", "ana")
    actor.public_key_pem = "-----BEGIN PUBLIC KEY-----"
    actor.save()
    response = admin_client.get(reverse("admin:fediverse_remoteactor_change", args=[actor.pk]))
    assert response.status_code == 200
    assert "BEGIN PUBLIC KEY" not in response.content.decode()


def test_an_editor_without_the_permission_cannot_see_followers(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="ed", is_staff=True))
    response = client.get(reverse("admin:fediverse_follower_changelist"))
    assert response.status_code == 403
