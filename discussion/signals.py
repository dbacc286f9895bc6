from django.db.models.signals import post_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment

from .models import Moderation


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
