"""Stills that a revert or a recovery brings back after their image was deleted.

A deleted still's files leave the media storage (core.mediafiles says why revisions do not keep
them), and so does an image replaced by another. A revision still names such a file: brought
back as it is, the still would show a broken image, perhaps on a live page. A still that exists
now keeps the image it has; one that does not is left out; the editor is told."""

from django.utils.translation import ngettext

from .models import Still


def images_now(recap_id):
    """{still id: (image name, width, height)} of the recap's stills, taken before a revert."""
    return {
        pk: (image, width, height)
        for pk, image, width, height in Still.objects.filter(recap_id=recap_id).values_list(
            "pk", "image", "width", "height"
        )
    }


def mend(recap, before):
    """Give back their current image to reverted stills whose image is gone and leave out
    those that did not exist before the revert; returns what to tell the editor."""
    kept = left_out = 0
    for still in recap.stills.all():
        if still.image.storage.exists(still.image.name):
            continue
        if still.pk in before:
            still.image, still.width, still.height = before[still.pk]
            still.save(update_fields=["image", "width", "height"])
            kept += 1
        else:
            still.delete()
            left_out += 1
    notes = []
    if left_out:
        notes.append(
            ngettext(
                "A still of this revision is left out: its image was deleted since.",
                "%(count)d stills of this revision are left out: their images were deleted since.",
                left_out,
            )
            % {"count": left_out}
        )
    if kept:
        notes.append(
            ngettext(
                "A still keeps its current image: the revision's was deleted since.",
                "%(count)d stills keep their current images: the revision's were deleted since.",
                kept,
            )
            % {"count": kept}
        )
    return notes
