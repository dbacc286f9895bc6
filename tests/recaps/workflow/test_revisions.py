"""Revisions: every admin save is one; a diff between two is readable and escaped; a revert
restores the text, stills and tags of the chosen revision (never the workflow state); deleted
recaps come back from the recover list."""

import pytest
from django.urls import reverse
from reversion.models import Version

from recaps.models import Recap, Still
from tests.admin_forms import add_inline_rows, form_data
from tests.recaps.workflow.conftest import make_ready_recap, published


def change_url(recap):
    return reverse("admin:recaps_recap_change", args=[recap.pk])


@pytest.fixture
def edited(client, users, episodes):
    """A recap saved twice in the admin by an editor: the second save changes the body, drops
    the only still, adds a new one and changes the tags."""
    editor = users["editor"]
    recap = make_ready_recap(episodes[4], users["writer"], body="<p>First draft words.</p>")
    client.force_login(editor)
    first = Version.objects.get_for_object(recap).get()
    data = form_data(client.get(change_url(recap)))
    data.update(body="<p>Second draft <script>x</script>words.</p>", tags="rewritten")
    data["stills-0-DELETE"] = "on"
    response = client.post(change_url(recap), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    recap.refresh_from_db()
    assert "Second draft" in recap.body and list(recap.tags.names()) == ["rewritten"]
    assert not recap.stills.exists()
    return {"recap": recap, "first": first, "editor": editor}


def test_every_admin_save_is_a_revision(edited):
    assert Version.objects.get_for_object(edited["recap"]).count() == 2


def test_revert_restores_text_stills_and_tags(client, edited):
    recap, first = edited["recap"], edited["first"]
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "First draft words." in page.content.decode()
    recap.refresh_from_db()
    assert "Second draft" in recap.body  # looking at a revision changes nothing
    response = client.post(url, form_data(page))
    assert response.status_code == 302
    recap.refresh_from_db()
    assert recap.body == "<p>First draft words.</p>"
    assert sorted(recap.tags.names()) == ["k-drama", "music"]
    assert [(s.alt_text, s.is_hero) for s in recap.stills.all()] == [
        ("Su-ho at the microphone", True)
    ]


def test_revert_keeps_the_current_workflow_state(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"])
    first = Version.objects.get_for_object(recap).get()
    client.force_login(users["editor"])
    client.post(reverse("admin:recaps_recap_transition", args=[recap.pk, "publish"]))
    recap.refresh_from_db()
    assert recap.is_published
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    client.post(url, form_data(client.get(url)))
    recap.refresh_from_db()
    assert recap.is_published  # the draft revision's status did not come back


def test_diff_between_two_revisions_shows_changed_lines_escaped(client, edited):
    recap = edited["recap"]
    versions = list(Version.objects.get_for_object(recap))
    url = reverse("admin:recaps_recap_compare", args=[recap.pk])
    response = client.get(url, {"from": versions[1].pk, "to": versions[0].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "First draft words." in html and "Second draft words." in html
    assert "<script>" not in html.split('id="content-main"')[1]
    assert "diff-row--removed" in html and "diff-row--added" in html
    assert "rewritten" in html and "Su-ho at the microphone" in html


@pytest.mark.parametrize("query", [{}, {"from": "x", "to": "1"}, {"from": "999999", "to": "1"}])
def test_diff_with_bad_revision_ids_redirects_with_a_message(client, edited, query):
    url = reverse("admin:recaps_recap_compare", args=[edited["recap"].pk])
    response = client.get(url, query)
    assert response.status_code == 302


def test_history_lists_revisions_with_a_compare_form(client, edited):
    response = client.get(reverse("admin:recaps_recap_history", args=[edited["recap"].pk]))
    assert response.status_code == 200
    assert response.content.decode().count('name="from"') == 2


def test_deleted_recap_is_recovered_as_a_draft_with_its_stills_and_tags(client, users, episodes):
    recap = published(episodes[4], users["writer"], subtitle="Deleted and recovered here")
    pk = recap.pk
    client.force_login(users["editor"])
    client.post(reverse("admin:recaps_recap_delete", args=[pk]), {"post": "yes"})
    assert not Recap.objects.filter(pk=pk).exists()
    listing = client.get(reverse("admin:recaps_recap_recoverlist"))
    assert "Deleted and recovered here" in listing.content.decode()
    version = Version.objects.get_deleted(Recap).get(object_id=str(pk))
    url = reverse("admin:recaps_recap_recover", args=[version.pk])
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302
    recap = Recap.objects.get(pk=pk)
    assert recap.status == Recap.Status.DRAFT
    assert recap.stills.count() == 1 and sorted(recap.tags.names()) == ["k-drama", "music"]


def test_writer_cannot_open_the_recover_list(client, users):
    client.force_login(users["writer"])
    assert client.get(reverse("admin:recaps_recap_recoverlist")).status_code == 403


def test_new_still_added_in_a_revision_is_removed_by_reverting(client, edited, png_upload):
    recap, first = edited["recap"], edited["first"]
    data = form_data(client.get(change_url(recap)))
    add_inline_rows(data, "stills", {"image": png_upload, "alt_text": "A new still"})
    assert client.post(change_url(recap), data).status_code == 302
    assert Still.objects.filter(recap=recap, alt_text="A new still").exists()
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    client.post(url, form_data(client.get(url)))
    assert list(recap.stills.values_list("alt_text", flat=True)) == ["Su-ho at the microphone"]


# A deleted or replaced still's image leaves the media folder once the change commits (run here
# by django_capture_on_commit_callbacks), while the revisions still name it.


def test_a_revert_leaves_out_a_still_whose_image_was_deleted(
    client, users, episodes, media_root, django_capture_on_commit_callbacks
):
    recap = make_ready_recap(episodes[4], users["writer"])
    first = Version.objects.get_for_object(recap).get()
    name = recap.stills.get().image.name
    client.force_login(users["editor"])
    data = form_data(client.get(change_url(recap)))
    data["stills-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(recap), data).status_code == 302
    assert not (media_root / name).exists()

    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    page = client.get(url)
    assert "A still of this revision is left out: its image was deleted since." in page.text
    assert "Su-ho at the microphone" not in page.text
    response = client.post(url, form_data(page), follow=True)
    assert response.redirect_chain
    assert "A still of this revision is left out" in response.text
    assert not recap.stills.exists()


def test_a_revert_keeps_the_current_image_of_a_still_whose_old_one_was_replaced(
    client, users, episodes, media_root, django_capture_on_commit_callbacks, png_upload
):
    recap = make_ready_recap(episodes[4], users["writer"])
    first = Version.objects.get_for_object(recap).get()
    old = recap.stills.get().image.name
    client.force_login(users["editor"])
    data = form_data(client.get(change_url(recap)))
    data["stills-0-image"] = png_upload
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(recap), data).status_code == 302
    new = recap.stills.get().image.name
    assert new != old and not (media_root / old).exists() and (media_root / new).exists()

    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    page = client.get(url)
    assert "A still keeps its current image" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, form_data(page)).status_code == 302
    still = recap.stills.get()
    assert (still.alt_text, still.image.name, still.width) == ("Su-ho at the microphone", new, 64)
    assert (media_root / new).exists()


def test_a_recovered_recap_leaves_out_stills_whose_images_were_deleted_with_it(
    client, users, episodes, media_root, django_capture_on_commit_callbacks
):
    recap = published(episodes[4], users["writer"])
    pk, name = recap.pk, recap.stills.get().image.name
    client.force_login(users["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:recaps_recap_delete", args=[pk]), {"post": "yes"})
    assert not (media_root / name).exists()
    version = Version.objects.get_deleted(Recap).get(object_id=str(pk))
    url = reverse("admin:recaps_recap_recover", args=[version.pk])
    response = client.post(url, form_data(client.get(url)), follow=True)
    assert "A still of this revision is left out" in response.text
    assert Recap.objects.get(pk=pk).stills.count() == 0


def test_reverting_a_published_recap_is_a_text_change_readers_see(client, users, episodes):
    recap = make_ready_recap(episodes[4], users["writer"], body="<p>First words.</p>")
    first = Version.objects.get_for_object(recap).get()
    client.force_login(users["editor"])
    client.post(reverse("admin:recaps_recap_transition", args=[recap.pk, "publish"]))
    data = form_data(client.get(change_url(recap)))
    data.update(body="<p>Corrected words.</p>")
    assert client.post(change_url(recap), data).status_code == 302
    recap.refresh_from_db()
    corrected_at = recap.text_changed_at
    assert corrected_at is not None
    assert "Corrected words." in client.get(recap.get_absolute_url()).text

    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302

    recap.refresh_from_db()
    assert recap.body == "<p>First words.</p>"
    assert recap.text_changed_at > corrected_at
    page = client.get(recap.get_absolute_url()).text
    assert "First words." in page and "Corrected words." not in page
