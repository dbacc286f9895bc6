"""Recap tags are TaggedRecap rows: the tag page joins them by a real foreign key, a recap has
a tag once, and the tag admin shows and merges them."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from demo.factories import make_episode, make_recap, make_show
from recaps.models import TaggedRecap


@pytest.fixture
def recaps(db):
    show = make_show()
    return [make_recap(make_episode(show, number)) for number in (1, 2, 3)]


def test_tag_page_lists_the_recaps_of_the_tag_through_tagged_recap(client, recaps):
    recaps[0].tags.add("music")
    recaps[2].tags.add("music", "k-drama")
    recaps[1].tags.add("k-drama")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("recaps:tag", args=["music"]))
    assert response.status_code == 200
    assert [card["pk"] for card in response.context["cards"]] == [recaps[2].pk, recaps[0].pk]
    sql = " ".join(query["sql"] for query in queries)
    assert "recaps_taggedrecap" in sql and "taggit_taggeditem" not in sql


def test_a_recap_has_a_tag_once(recaps):
    tag = Tag.objects.create(name="music", slug="music")
    TaggedRecap.objects.create(content_object=recaps[0], tag=tag)
    with pytest.raises(IntegrityError), transaction.atomic():
        TaggedRecap.objects.create(content_object=recaps[0], tag=tag)
    recaps[0].tags.add("music")
    assert list(recaps[0].tags.names()) == ["music"]


def test_deleting_a_recap_or_a_tag_deletes_its_links(recaps):
    recaps[0].tags.add("music", "k-drama")
    recaps[1].tags.add("music")
    recaps[0].delete()
    assert list(TaggedRecap.objects.values_list("tag__name", flat=True)) == ["music"]
    Tag.objects.get(name="music").delete()
    assert not TaggedRecap.objects.exists()


def test_tag_admin_lists_the_recaps_of_the_tag(editor_client, recaps):
    recaps[1].tags.add("music")
    tag = Tag.objects.get(name="music")
    response = editor_client.get(reverse("admin:taggit_tag_change", args=[tag.pk]))
    assert response.status_code == 200
    assert 'name="recaps_taggedrecap_items-0-content_object"' in response.content.decode()
    assert f'value="{recaps[1].pk}"' in response.content.decode()


def select_for_merge(client, *names):
    """What ticking the tags and running "Merge selected tags" leaves in the session."""
    session = client.session
    selected = Tag.objects.filter(name__in=names).values_list("pk", flat=True)
    session["selected_tag_ids"] = ",".join(str(pk) for pk in selected)
    session.save()


def merge(client, new_tag_name):
    return client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": new_tag_name})


def test_merging_tags_moves_the_recap_links_once_per_recap(editor_client, recaps):
    recaps[0].tags.add("kdrama", "k-drama")
    recaps[1].tags.add("kdrama")
    recaps[2].tags.add("korean drama", "kdrama")
    select_for_merge(editor_client, "kdrama", "korean drama")
    assert merge(editor_client, "k-drama").status_code == 302
    assert sorted(TaggedRecap.objects.values_list("content_object_id", "tag__name")) == [
        (recaps[0].pk, "k-drama"),
        (recaps[1].pk, "k-drama"),
        (recaps[2].pk, "k-drama"),
    ]


def test_merging_into_one_of_the_selected_tags_keeps_its_links(editor_client, recaps):
    recaps[0].tags.add("k-drama")
    recaps[1].tags.add("kdrama")
    select_for_merge(editor_client, "k-drama", "kdrama")
    merge(editor_client, "k-drama")
    assert [list(recap.tags.names()) for recap in recaps[:2]] == [["k-drama"], ["k-drama"]]


def test_merging_without_a_new_name_changes_nothing(editor_client, recaps):
    recaps[0].tags.add("kdrama")
    select_for_merge(editor_client, "kdrama")
    assert merge(editor_client, "").status_code == 200
    assert list(recaps[0].tags.names()) == ["kdrama"]


def test_editors_manage_the_recap_links_of_a_tag(client, users, recaps):
    recaps[0].tags.add("music")
    client.force_login(users["editor"])
    url = reverse("admin:taggit_tag_change", args=[Tag.objects.get(name="music").pk])
    page = client.get(url).content.decode()
    assert 'name="recaps_taggedrecap_items-0-DELETE"' in page
    client.force_login(users["writer"])  # may see the tag, not change its links
    assert 'name="recaps_taggedrecap_items-0-DELETE"' not in client.get(url).content.decode()


def links(recaps):
    return sorted(TaggedRecap.objects.filter(content_object__in=recaps).values_list("tag__name"))


def test_a_writer_cannot_merge_tags_on_published_recaps(client, users, recaps):
    """The review's finding: taggit's merge checked only staff status, and a writer (who may
    only see tags) put a new tag on every published recap."""
    for recap in recaps:
        recap.tags.add("k-drama")
    before = links(recaps)
    client.force_login(users["writer"])
    select_for_merge(client, "k-drama")
    assert merge(client, "hijacked").status_code == 403
    assert client.get(reverse("admin:taggit_tag_merge_tags")).status_code == 403
    assert links(recaps) == before
    assert not Tag.objects.filter(name="hijacked").exists()


def test_a_writer_cannot_start_a_merge_from_the_tag_list(client, users, recaps):
    recaps[0].tags.add("k-drama")
    client.force_login(users["writer"])
    response = client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", "_selected_action": [Tag.objects.get().pk]},
    )
    assert response.status_code == 403
    assert "selected_tag_ids" not in client.session


def test_the_merge_action_leads_to_the_merge_form_with_the_ticked_tags(editor_client, recaps):
    recaps[0].tags.add("kdrama", "k-drama")
    kdrama = Tag.objects.get(name="kdrama")
    response = editor_client.post(
        reverse("admin:taggit_tag_changelist") + "?q=drama",
        {"action": "render_tag_form", "_selected_action": [kdrama.pk]},
    )
    assert response["Location"] == reverse("admin:taggit_tag_merge_tags")
    assert editor_client.session["selected_tag_ids"] == str(kdrama.pk)


@pytest.mark.parametrize("selected", [None, "", "abc", "99999", "9" * 20, "1\x00"])
def test_a_merge_without_real_tags_selected_says_so_and_changes_nothing(
    editor_client, recaps, selected
):
    recaps[0].tags.add("kdrama")
    if selected is not None:
        session = editor_client.session
        session["selected_tag_ids"] = selected
        session.save()
    response = merge(editor_client, "k-drama")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:taggit_tag_changelist")
    assert list(recaps[0].tags.names()) == ["kdrama"]
    assert not Tag.objects.filter(name="k-drama").exists()


def test_a_writer_cannot_rename_a_tag(client, users, recaps):
    recaps[0].tags.add("k-drama")
    tag = Tag.objects.get()
    client.force_login(users["writer"])
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    response = client.post(url, {"name": "renamed", "slug": "renamed"})
    assert response.status_code == 403
    assert Tag.objects.get().name == "k-drama"
