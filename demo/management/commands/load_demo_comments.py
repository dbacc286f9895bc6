"""Demo conversation under two Soundtrack #2 recaps, after `load_demo`. The demo's recaps are
from 2023, so the demo site also keeps comments open (an editable site setting) to show the
form; a real site keeps the default of closing them after 30 days."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import transaction
from django_comments_xtd.models import XtdComment

from demo.management.base import DemoCommand
from discussion.models import CommentSettings, Moderation
from recaps.models import Recap

# (recap slug, key, reply to key, name, comment, hours after publication)
COMMENTS = (
    (
        "soundtrack-2-episode-4-recap-review",
        "rain",
        None,
        "Priya",
        "The piano scene in the rain got me. Nobody says anything for a full minute and it "
        "still says everything.",
        5,
    ),
    (
        "soundtrack-2-episode-4-recap-review",
        "rain-reply",
        "rain",
        "Daniel K.",
        "Agreed. I rewound it twice just to hear the chord change when she joins in.",
        9,
    ),
    (
        "soundtrack-2-episode-4-recap-review",
        "k",
        None,
        "minji_watches",
        "I'm still on Team K, even if the show clearly isn't.\nTwo episodes left to change "
        "my mind.",
        26,
    ),
    (
        "soundtrack-2-episode-4-recap-review",
        "k-reply",
        "k",
        "Seo-yeon",
        "Caught up on the last two this weekend. Without giving anything away: stay on Team K "
        "a little longer.\n[spoiler]K does not get the girl, but his song gets the last word, "
        "and it is a lovely one.[/spoiler]",
        70,
    ),
    (
        "soundtrack-2-episode-6-recap-review",
        "finale",
        None,
        "Tomás",
        "A quieter finale than I expected, and better for it. The last song was worth the wait.",
        3,
    ),
)


class Command(DemoCommand):
    help = "Add the demo's approved comments and keep demo comments open (development only)."
    refusal = "Demo comments are for development: run with DJANGO_DEBUG=1."

    @transaction.atomic
    def load(self, **options):
        # The row itself, not the cached copy load() may give, which save() would write back.
        comment_settings = CommentSettings.objects.first() or CommentSettings()
        comment_settings.close_after_days = 0
        comment_settings.save()

        content_type = ContentType.objects.get_for_model(Recap)
        site = Site.objects.get_current()
        recaps = {recap.slug: recap for recap in Recap.objects.published()}
        made = {}
        for slug, key, parent_key, name, text, hours in COMMENTS:
            recap = recaps.get(slug)
            if recap is None:
                continue
            comment = XtdComment.objects.filter(
                content_type=content_type, object_pk=str(recap.pk), user_name=name, comment=text
            ).first()
            if comment is None:
                comment = XtdComment(
                    content_type=content_type,
                    object_pk=str(recap.pk),
                    site=site,
                    user_name=name,
                    user_email=f"{key}@example.com",
                    comment=text,
                    submit_date=recap.published_at + timedelta(hours=hours),
                    ip_address="127.0.0.1",
                    is_public=True,
                    parent_id=made[parent_key].pk if parent_key else 0,
                )
                comment.save()
                # Saving a comment opens its moderation record; the demo's are approved.
                Moderation.objects.update_or_create(
                    comment=comment, defaults={"status": Moderation.Status.APPROVED}
                )
                XtdComment.norel_objects.filter(pk=comment.pk).update(
                    **Moderation.FLAGS[Moderation.Status.APPROVED]
                )
            made[key] = comment
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo comments: {len(made)} approved; comments stay open on the demo site."
            )
        )
