"""Tag links saved before TaggedRecap existed (migration 0008).

Revisions saved earlier hold a recap's tags as taggit's generic TaggedItem rows. The diff reads
both kinds of rows (`LINK_MODELS`); reverting such a revision recreates generic rows, which the
recap no longer reads, so `adopt_generic_links()` turns them into TaggedRecap rows."""

from django.contrib.contenttypes.models import ContentType
from taggit.models import TaggedItem

from .models import Recap, TaggedRecap

#: The models whose versions in a recap's revision are its tag links: today's, then the old.
LINK_MODELS = (TaggedRecap, TaggedItem)


def adopt_generic_links(recap):
    """Move the recap's generic tag links (just brought back by a revert) to TaggedRecap."""
    generic = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Recap), object_id=recap.pk
    )
    tag_ids = list(generic.values_list("tag_id", flat=True))
    if not tag_ids:
        return
    TaggedRecap.objects.bulk_create(
        [TaggedRecap(content_object=recap, tag_id=tag_id) for tag_id in tag_ids],
        ignore_conflicts=True,
    )
    generic.delete()
