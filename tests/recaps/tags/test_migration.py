"""Migration 0008 moves the recaps' tag links from taggit's generic rows into TaggedRecap and
back, leaving other models' generic rows alone."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from taggit.models import Tag, TaggedItem

from demo.factories import make_episode, make_recap, make_show
from recaps.models import Recap, TaggedRecap
from shows.models import Show

BEFORE = [("recaps", "0007_tagged_recap")]
AFTER = [("recaps", "0008_move_recap_tags_to_tagged_recap")]


def migrate(targets=None):
    """To `targets`, or by default every app's latest migration, where the next test expects
    the schema to be (later recap migrations add columns the models read)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def generic_links(model):
    return set(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", "tag__name")
    )


def typed_links():
    return set(TaggedRecap.objects.values_list("content_object_id", "tag__name"))


@pytest.fixture
def tagged(db):
    show = make_show()
    first = make_recap(make_episode(show, 1))
    second = make_recap(make_episode(show, 2))
    first.tags.set(["k-drama", "music"])
    second.tags.set(["music"])
    # A show tagged through the generic table: not a recap, so the migration leaves it.
    TaggedItem.objects.create(
        tag=Tag.objects.get(name="music"),
        content_type=ContentType.objects.get_for_model(Show),
        object_id=show.pk,
    )
    return {
        (first.pk, "k-drama"),
        (first.pk, "music"),
        (second.pk, "music"),
    }, show


@pytest.mark.django_db(transaction=True)
def test_links_move_back_to_generic_rows_and_forward_again(tagged):
    links, show = tagged
    try:
        migrate(BEFORE)
        assert generic_links(Recap) == links
        assert not TaggedRecap.objects.exists()
        migrate(AFTER)
        assert typed_links() == links
        assert generic_links(Recap) == set()
        assert generic_links(Show) == {(show.pk, "music")}
    finally:
        migrate()


@pytest.mark.django_db(transaction=True)
def test_generic_links_to_deleted_recaps_are_dropped(tagged):
    links, _show = tagged
    try:
        migrate(BEFORE)
        TaggedItem.objects.create(
            tag=Tag.objects.get(name="music"),
            content_type=ContentType.objects.get_for_model(Recap),
            # Only the pk: the model's later columns are not in this schema.
            object_id=Recap.objects.values_list("pk", flat=True).order_by("pk").last() + 1000,
        )
        migrate(AFTER)
        assert typed_links() == links
        assert generic_links(Recap) == set()
    finally:
        migrate()
