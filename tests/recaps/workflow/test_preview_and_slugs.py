"""Previews (staff and signed links: never cached, never indexed, expired or forged links get a
readable page) and the 301 from a published recap's old slug."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from recaps import preview
from recaps.models import RecapSlugRedirect
from tests.recaps.workflow.conftest import make_ready_recap, published


def assert_private_noindex(response):
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex' in response.content.decode()


def test_staff_preview_shows_a_draft_in_the_public_layout(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    client.force_login(users["writer"])
    response = client.get(reverse("recaps:preview", args=[recap.pk]))
    assert_private_noindex(response)
    html = response.content.decode()
    assert recap.headline in html and "Preview" in html and "The band meets again." in html
    assert client.get(recap.get_absolute_url()).status_code == 404


def test_share_link_works_without_an_account_for_48_hours(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    url = preview.share_path(recap)
    assert_private_noindex(client.get(url))
    later = timezone.now() + timedelta(hours=47)
    with mock.patch("time.time", return_value=later.timestamp()):
        assert client.get(url).status_code == 200
    later = timezone.now() + timedelta(hours=49)
    with mock.patch("time.time", return_value=later.timestamp()):
        response = client.get(url)
    assert response.status_code == 403
    assert "This preview link has expired" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_share_link_lifetime_comes_from_the_settings(client, users, episodes, settings):
    settings.RECAP_PREVIEW_MAX_AGE = 60
    recap = make_ready_recap(episodes[4], users["writer"])
    url = preview.share_path(recap)
    later = timezone.now() + timedelta(minutes=2)
    with mock.patch("time.time", return_value=later.timestamp()):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "token",
    ["nonsense", "1:abc:def", "1:1rZx:" + "A" * 43, "<script>", "x" * 3000, "%00", "١٢"],
)
def test_tampered_share_link_is_a_readable_404(client, users, episodes, token):
    make_ready_recap(episodes[4], users["writer"])
    response = client.get(f"/recaps/preview/s/{token}/")
    assert response.status_code == 404
    if response.templates:
        assert "This preview link is not valid" in response.content.decode()


def test_share_link_for_another_recap_cannot_be_made_by_editing_the_pk(client, users, episodes):
    mine = make_ready_recap(episodes[4], users["writer"])
    other = make_ready_recap(episodes[5], users["other_writer"])
    token = preview.make_token(mine)
    forged = str(other.pk) + token[len(str(mine.pk)) :]
    assert client.get(f"/recaps/preview/s/{forged}/").status_code == 404


def test_change_page_offers_preview_and_share_link(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    client.force_login(users["writer"])
    html = client.get(reverse("admin:recaps_recap_change", args=[recap.pk])).content.decode()
    assert reverse("recaps:preview", args=[recap.pk]) in html
    assert "Copy share link" in html and "/recaps/preview/s/" in html
    assert "Submit for review" in html and "Publish now" not in html


def test_changing_a_published_slug_keeps_the_old_url_with_a_301(client, users, episodes):
    recap = published(episodes[4], users["editor"], slug="old-slug")
    recap.slug = "new-slug"
    recap.save()
    response = client.get("/recaps/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/recaps/new-slug/"
    assert client.get("/recaps/new-slug/").status_code == 200
    # Back to the old slug: it answers itself again, no loop.
    recap.slug = "old-slug"
    recap.save()
    assert client.get("/recaps/old-slug/").status_code == 200
    assert client.get("/recaps/new-slug/").status_code == 301


def test_draft_slug_changes_leave_no_redirect(users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], slug="draft-slug")
    recap.slug = "other-draft-slug"
    recap.save()
    assert not RecapSlugRedirect.objects.exists()


def test_old_slug_of_an_unpublished_recap_is_a_404(client, users, episodes):
    recap = published(episodes[4], users["editor"], slug="was-live")
    recap.slug = "now-elsewhere"
    recap.save()
    recap.status = "unpublished"
    recap.save()
    assert client.get("/recaps/was-live/").status_code == 404


def test_admin_index_shows_drafts_review_queue_and_schedule(client, users, episodes):
    draft = make_ready_recap(episodes[1], users["editor"], subtitle="My own draft for today")
    waiting = make_ready_recap(episodes[2], users["writer"], status="in_review")
    client.force_login(users["editor"])
    html = client.get(reverse("admin:index")).content.decode()
    assert "Your drafts" in html and draft.headline in html
    assert "Awaiting review (1)" in html and waiting.headline in html
    client.force_login(users["other_writer"])
    html = client.get(reverse("admin:index")).content.decode()
    assert waiting.headline not in html  # a writer sees only their own work


def revoke(client, recap):
    return client.post(reverse("admin:recaps_recap_revoke_share_links", args=[recap.pk]))


def assert_refused(response, status, title):
    assert response.status_code == status
    assert title in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_editor_revokes_every_share_link_of_a_recap(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    sent = [preview.share_path(recap), preview.share_path(recap)]
    client.force_login(users["editor"])
    change_page = client.get(reverse("admin:recaps_recap_change", args=[recap.pk]))
    assert "Revoke share links" in change_page.content.decode()

    response = revoke(client, recap)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:recaps_recap_change", args=[recap.pk])
    client.logout()
    for url in sent:
        assert_refused(client.get(url), 410, "This preview link was revoked")
    recap.refresh_from_db()
    fresh = preview.share_path(recap)
    assert fresh not in sent
    assert_private_noindex(client.get(fresh))


def test_a_writer_revokes_the_links_of_their_own_draft_only(client, users, episodes):
    mine = make_ready_recap(episodes[4], users["writer"])
    theirs = make_ready_recap(episodes[5], users["other_writer"])
    links = {recap.pk: preview.share_path(recap) for recap in (mine, theirs)}
    client.force_login(users["writer"])
    assert revoke(client, theirs).status_code == 403
    assert revoke(client, mine).status_code == 302
    client.logout()
    assert client.get(links[theirs.pk]).status_code == 200
    assert client.get(links[mine.pk]).status_code == 410


@pytest.mark.parametrize("role", ["moderator", None])
def test_who_may_not_change_the_recap_cannot_revoke_its_links(client, users, episodes, role):
    recap = make_ready_recap(episodes[4], users["writer"])
    url = preview.share_path(recap)
    if role:
        client.force_login(users[role])
    response = revoke(client, recap)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    assert client.get(url).status_code == 200


def test_revoking_takes_a_post(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    url = preview.share_path(recap)
    client.force_login(users["editor"])
    response = client.get(reverse("admin:recaps_recap_revoke_share_links", args=[recap.pk]))
    assert response.status_code == 405
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("made_while", ["draft", "published", "scheduled"])
def test_a_link_made_before_unpublishing_no_longer_opens_the_recap(
    client, users, episodes, made_while
):
    recap = make_ready_recap(episodes[4], users["editor"])
    if made_while == "draft":
        url = preview.share_path(recap)
    recap.status = "published"
    recap.published_at = timezone.now() + timedelta(hours=5 if made_while == "scheduled" else -1)
    recap.save()
    if made_while != "draft":
        url = preview.share_path(recap)

    recap.status = "unpublished"
    recap.body = "<p>A later draft, not for the link's readers.</p>"
    recap.save()

    response = client.get(url)
    assert_refused(response, 410, "This preview link was revoked")
    assert "A later draft" not in response.content.decode()
    assert client.get(preview.share_path(recap)).status_code == 200


def test_a_link_to_a_recap_now_live_leads_to_the_recap_itself(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["editor"])
    url = preview.share_path(recap)
    recap.status = "published"
    recap.published_at = timezone.now() - timedelta(minutes=1)
    recap.save()

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == recap.get_absolute_url()
    assert "no-store" in response["Cache-Control"]


def test_reverting_a_revision_never_brings_back_a_revoked_link(client, users, episodes):
    from reversion.models import Version

    from tests.admin_forms import form_data

    recap = make_ready_recap(episodes[4], users["editor"])
    url = preview.share_path(recap)
    client.force_login(users["editor"])
    change_url = reverse("admin:recaps_recap_change", args=[recap.pk])
    assert client.post(change_url, form_data(client.get(change_url))).status_code == 302
    saved_with_the_link = Version.objects.get_for_object(recap).latest("pk")
    revoke(client, recap)

    revision_url = reverse("admin:recaps_recap_revision", args=[recap.pk, saved_with_the_link.pk])
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302

    client.logout()
    assert client.get(url).status_code == 410
