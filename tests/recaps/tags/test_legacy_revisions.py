"""Revisions saved before TaggedRecap hold the tag links as taggit's generic TaggedItem rows:
their diff still lists the tags, and reverting to one restores the tags as TaggedRecap rows."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.urls import reverse
from reversion.models import Version
from taggit.models import TaggedItem

from recaps.models import Recap, TaggedRecap
from tests.admin_forms import form_data
from tests.recaps.workflow.conftest import make_ready_recap


def as_generic_links(revision, recap):
    """Store the revision's tag links as reversion stored them before migration 0008: generic
    TaggedItem versions, whose rows the migration has since deleted."""
    content_types = ContentType.objects.get_for_models(Recap, TaggedRecap, TaggedItem)
    for version in revision.version_set.filter(content_type=content_types[TaggedRecap]):
        link = TaggedItem(
            pk=version.object_id,
            tag_id=version.field_dict["tag_id"],
            content_type=content_types[Recap],
            object_id=recap.pk,
        )
        version.content_type = content_types[TaggedItem]
        version.serialized_data = serializers.serialize("json", [link])
        version.save()


@pytest.fixture
def legacy(client, users, episodes):
    """A recap first saved with generic tag links ("k-drama", "music"), then edited in the admin
    to carry only the tag "rewritten"."""
    recap = make_ready_recap(episodes[4], users["writer"], body="<p>First draft words.</p>")
    first = Version.objects.get_for_object(recap).get()
    as_generic_links(first.revision, recap)
    client.force_login(users["editor"])
    url = reverse("admin:recaps_recap_change", args=[recap.pk])
    data = form_data(client.get(url))
    data.update(body="<p>Second draft words.</p>", tags="rewritten")
    assert client.post(url, data).status_code == 302
    assert list(recap.tags.names()) == ["rewritten"]
    return {"recap": recap, "first": first}


def test_diff_from_a_legacy_revision_lists_its_tags(client, legacy):
    recap, first = legacy["recap"], legacy["first"]
    newer = Version.objects.get_for_object(recap).exclude(pk=first.pk).get()
    url = reverse("admin:recaps_recap_compare", args=[recap.pk])
    response = client.get(url, {"from": first.pk, "to": newer.pk})
    assert response.status_code == 200
    changes = dict(response.context["changes"])
    assert sorted(changes["tags"]) == [
        ("added", "rewritten"),
        ("removed", "k-drama"),
        ("removed", "music"),
    ]


def test_looking_at_a_legacy_revision_shows_its_tags_and_changes_nothing(client, legacy):
    recap, first = legacy["recap"], legacy["first"]
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert form_data(page)["tags"] in {"k-drama, music", "music, k-drama"}
    assert list(recap.tags.names()) == ["rewritten"]
    assert not TaggedItem.objects.exists()


def test_reverting_to_a_legacy_revision_restores_its_tags_as_tagged_recaps(client, legacy):
    recap, first = legacy["recap"], legacy["first"]
    url = reverse("admin:recaps_recap_revision", args=[recap.pk, first.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    recap.refresh_from_db()
    assert recap.body == "<p>First draft words.</p>"
    assert sorted(
        TaggedRecap.objects.filter(content_object=recap).values_list("tag__name", flat=True)
    ) == [
        "k-drama",
        "music",
    ]
    assert not TaggedItem.objects.exists()  # no generic row left behind
