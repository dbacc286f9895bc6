"""The links between recaps and taggit's shared tags."""

from django.db import models
from taggit.models import Tag, TaggedItemBase

from .recap import Recap


class TaggedRecap(TaggedItemBase):
    """One tag on one recap. A real foreign key, unlike taggit's generic TaggedItem whose
    integer `object_id` PostgreSQL must cast to join recaps: the tag page walks an index."""

    # The constraint and index below lead with each column, so neither needs one of its own.
    tag = models.ForeignKey(
        Tag,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_items",
        db_index=False,
    )
    content_object = models.ForeignKey(
        Recap,
        on_delete=models.CASCADE,
        related_name="tagged_items",
        db_index=False,
        verbose_name="recap",
    )

    class Meta:
        verbose_name = "recap tag"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_recap_once")
        ]
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_recap_by_tag_idx")]
