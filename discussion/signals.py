from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver
from django_comments_xtd.models import XtdComment

from .models import Moderation

#: Comments became public (posted and approved at once, approved or restored by a moderator, the
#: site's reply): sent after the transaction commits, with `pks`, a list of their ids. The apps
#: above hear of approvals here; moderation moves many comments with one UPDATE, which sends no
#: post_save.
comments_approved = Signal()


def announce_approved(pks):
    pks = list(pks)
    if pks:
        transaction.on_commit(lambda: comments_approved.send(sender=XtdComment, pks=pks))


@receiver(post_save, sender=XtdComment)
def give_every_comment_a_status(sender, instance, created, raw=False, **kwargs):
    """Comments made outside the reader's form (the admin, a shell) get a status row too."""
    if created and not raw:
        status = (
            Moderation.Status.APPROVED
            if instance.is_public and not instance.is_removed
            else Moderation.Status.REMOVED
            if instance.is_removed
            else Moderation.Status.HELD
        )
        Moderation.objects.get_or_create(comment=instance, defaults={"status": status})
