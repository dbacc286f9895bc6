"""What other apps send out about one object (webhooks' payloads): the API's own
representations (`api.representations`), loaded with a fixed number of queries and addressed
from the site's own URL (`EPISODIC_SITE_URL`), since no request is at hand.

    recap_payload_for(recap)      the recap whole, as GET /api/v1/recaps/<slug>/ gives it
    show_payload_for(show)        the show with schedule, platforms and facts, as in the list
    comment_payload_for(comment)  a public comment, never the commenter's e-mail address

They describe the object as it is, whatever its state: a webhook about an unpublished recap
says what was unpublished. Deciding what may be sent is the caller's."""

from discussion.threads import with_comment_count
from people.cast import fact_credits
from recaps.models import Recap, Still, TaggedRecap
from shows.models import Show

from . import representations


def recap_payload_for(recap, base=None):
    """Five queries: the recap, its stills, its tags, its comment count and the site settings
    (for a byline without a name)."""
    recap = with_comment_count(Recap.objects.with_article_relations()).get(pk=recap.pk)
    stills = list(Still.objects.filter(recap_id=recap.pk))
    tags = list(
        TaggedRecap.objects.filter(content_object_id=recap.pk)
        .order_by("pk")
        .values_list("tag__slug", "tag__name")
    )
    return representations.recap_payload(
        base or representations.site_base(), recap, stills, tags, recap.comment_count
    )


def show_payload_for(show, base=None):
    show = Show.objects.with_platforms().get(pk=show.pk)
    return representations.show_payload(
        base or representations.site_base(), show, fact_credits(show)
    )


def comment_payload_for(comment, base=None):
    recap = Recap.objects.get(pk=int(comment.object_pk))
    return representations.comment_payload(base or representations.site_base(), comment, recap)
