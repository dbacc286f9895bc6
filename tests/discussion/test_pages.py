"""Comments on reader pages: counts, threads, caps, and the recap page's query budget."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from discussion.models import Moderation
from discussion.threads import REPLIES_PER_THREAD, THREADS_PER_PAGE

from .conftest import make_comment

pytestmark = pytest.mark.django_db


def bulk_threads(recap, threads, replies):
    """`threads` threads of 1 + `replies` comments (levels 0, 1, 2 alternating)."""
    now = timezone.now()

    def add(name, text):
        comment = XtdComment(
            content_object=recap,
            site_id=1,
            user_name=name,
            user_email="reader@example.com",
            comment=text,
            submit_date=now,
            is_public=True,
        )
        comment.save()
        return comment

    for n in range(threads):
        root = add(f"Root {n}", f"Thread {n}")
        for m in range(replies):
            reply = add(f"Reply {n}-{m}", f"Reply {m} in {n}")
            XtdComment.objects.filter(pk=reply.pk).update(
                thread_id=root.pk, parent_id=root.pk, level=1 + m % 2, order=m + 2
            )


def test_recap_page_with_500_threaded_comments_stays_within_budget(
    client, recap, django_assert_max_num_queries
):
    """The recap with its comment count, a page of 20 threads with at most 10 replies each
    (one query), within the reader pages' budget of 10 on a cold cache, plus one for the comment
    settings row (kept in the cache for an hour, like the site settings row)."""
    bulk_threads(recap, threads=50, replies=9)
    assert XtdComment.objects.count() == 500
    cache.clear()
    with django_assert_max_num_queries(11) as captured:
        response = client.get(recap.get_absolute_url())
    print(f"QUERIES recap with 500 comments {len(captured)}")  # noqa: T201
    page = response.content.decode()
    assert "500 comments" in page
    assert page.count('class="comment comment--level-') == THREADS_PER_PAGE * 10
    assert "Page 1 of 3" in page


def test_long_thread_is_capped_with_a_show_more_link(client, recap):
    bulk_threads(recap, threads=1, replies=25)
    root = XtdComment.objects.get(level=0)
    page = client.get(recap.get_absolute_url()).content.decode()
    hidden = 25 - REPLIES_PER_THREAD
    assert f"Show {hidden} more replies" in page
    thread = client.get(reverse("discussion:thread", args=[root.pk])).content.decode()
    assert thread.count('class="comment comment--level-') == 26


def test_later_comment_page_shows_later_threads(client, recap):
    bulk_threads(recap, threads=25, replies=0)
    page = client.get(recap.get_absolute_url() + "?comments=2").content.decode()
    assert "Thread 24" in page and "Thread 0<" not in page


def test_nonsense_comment_page_falls_back_to_the_first(client, recap):
    make_comment(recap, comment="Hello")
    assert b"Hello" in client.get(recap.get_absolute_url() + "?comments=%00x").content


def test_replies_are_nested_under_their_parent(client, recap):
    top = make_comment(recap, comment="Top")
    make_comment(recap, parent=top, comment="Answer")
    page = client.get(recap.get_absolute_url()).content.decode()
    assert page.index("Top") < page.index("comment-list--replies") < page.index("Answer")


def test_comment_has_author_date_and_permalink(client, recap):
    comment = make_comment(recap, user_name="Mina", comment="Hi")
    page = client.get(recap.get_absolute_url()).content.decode()
    assert f'href="#c{comment.pk}"' in page and f'id="c{comment.pk}"' in page
    assert "Mina" in page and "<time" in page


def test_counts_leave_out_held_spam_and_removed(client, recap):
    make_comment(recap)
    for status in ("held", "spam", "removed"):
        make_comment(recap, status=Moderation.Status(status))
    assert b"1 comment<" in client.get(recap.get_absolute_url()).content


def test_home_cards_show_comment_counts(client, recap):
    make_comment(recap)
    make_comment(recap)
    page = client.get(reverse("recaps:home")).content.decode()
    assert "2 comments</a>" in page


def test_hub_episode_guide_shows_comment_counts(client, recap):
    make_comment(recap)
    page = client.get(recap.episode.show.get_absolute_url()).content.decode()
    assert "1 comment<span" in page


def test_reply_page_without_javascript_has_the_form(client, recap):
    comment = make_comment(recap, comment="Answer me")
    page = client.get(reverse("discussion:reply", args=[comment.pk])).content.decode()
    assert "Answer me" in page
    assert f'name="reply_to" value="{comment.pk}"' in page


def test_reply_page_for_held_comment_is_404(client, recap):
    held = make_comment(recap, status=Moderation.Status.HELD)
    assert client.get(reverse("discussion:reply", args=[held.pk])).status_code == 404
