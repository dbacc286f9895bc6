"""Posting comments over HTTP: each moderation rule, and hostile or broken input."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demo.factories import make_episode, make_recap
from discussion.models import CommentSettings, Moderation, RecapDiscussion

from .conftest import form_data, make_comment

pytestmark = pytest.mark.django_db


def status_of(email="jiwoo@example.com"):
    return Moderation.objects.get(comment__user_email=email).status


def configure(**fields):
    row = CommentSettings.load()
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def test_first_time_commenter_is_held_and_redirected_to_their_comment(recap, post):
    response = post(form_data(recap))
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{recap.get_absolute_url()}?posted={comment.pk}#comment-held-{comment.pk}"
    )
    assert status_of() == Moderation.Status.HELD
    assert not comment.is_public


def test_held_comment_is_shown_to_its_author_only(recap, post, client, django_user_model):
    post(form_data(recap, comment="Only mine for now"))
    mine = client.get(recap.get_absolute_url())
    assert b"Only mine for now" in mine.content
    assert b"Awaiting moderation" in mine.content
    client.cookies.clear()
    assert b"Only mine for now" not in client.get(recap.get_absolute_url()).content


def test_known_commenter_is_approved_and_appears_at_once(known_commenter, recap, post, client):
    response = post(form_data(recap, comment="Straight through"))
    assert response.status_code == 302
    assert status_of_latest() == Moderation.Status.APPROVED
    page = client.get(recap.get_absolute_url())
    assert b"Straight through" in page.content
    assert b"2 comments" in page.content


def status_of_latest():
    return Moderation.objects.latest("comment__submit_date").status


def test_more_than_two_links_are_held(known_commenter, recap, post):
    post(form_data(recap, comment="http://a.example http://b.example http://c.example"))
    assert status_of_latest() == Moderation.Status.HELD


def test_moderation_word_is_held(known_commenter, recap, post):
    configure(moderation_words="spoiler")
    post(form_data(recap, comment="Huge spoiler here"))
    assert status_of_latest() == Moderation.Status.HELD


@pytest.mark.parametrize(
    ("setting", "value", "field", "posted"),
    [
        ("block_words", "casino", "comment", "best casino deals"),
        ("block_emails", "@spam.test", "email", "bot@spam.test"),
    ],
)
def test_block_list_marks_spam_silently(recap, post, client, setting, value, field, posted):
    configure(**{setting: value})
    response = post(form_data(recap, **{field: posted}))
    assert response.status_code == 302
    comment = XtdComment.objects.get()
    assert comment.moderation.status == Moderation.Status.SPAM
    client.cookies.clear()
    assert posted.encode() not in client.get(recap.get_absolute_url()).content


def test_blocked_ip_is_spam(recap, post):
    configure(block_ips="203.0.113.0/24")
    post(form_data(recap), REMOTE_ADDR="203.0.113.50")
    assert XtdComment.objects.get().moderation.status == Moderation.Status.SPAM


def test_filled_honeypot_is_spam_not_an_error(recap, post):
    response = post(form_data(recap, honeypot="http://bot.example"))
    assert response.status_code == 302
    assert XtdComment.objects.get().moderation.status == Moderation.Status.SPAM


def test_posted_faster_than_three_seconds_is_spam(recap, post):
    post(form_data(recap, served_ago=0))
    assert XtdComment.objects.get().moderation.status == Moderation.Status.SPAM


def test_sixth_comment_in_a_minute_from_one_ip_gets_a_readable_429(recap, post):
    for n in range(5):
        assert post(form_data(recap, comment=f"Comment {n}")).status_code == 302
    response = post(form_data(recap, comment="One too many"))
    assert response.status_code == 429
    assert b"Slow down" in response.content
    assert b"One too many" in response.content
    assert XtdComment.objects.count() == 5


def test_rate_limit_counts_per_ip(recap, post):
    for n in range(5):
        post(form_data(recap, comment=f"Comment {n}"), REMOTE_ADDR="192.0.2.1")
    assert post(form_data(recap), REMOTE_ADDR="192.0.2.2").status_code == 302


def test_recap_closed_by_hand_refuses_comments_and_says_why(recap, post, client):
    RecapDiscussion.objects.create(recap=recap, reason="Closed after spoilers.")
    response = post(form_data(recap))
    assert response.status_code == 403
    assert XtdComment.objects.count() == 0
    page = client.get(recap.get_absolute_url())
    assert b"Closed after spoilers." in page.content
    assert b"Leave a Reply" not in page.content


def test_comments_close_thirty_days_after_publication(recap, post, client):
    recap.published_at = timezone.now() - timedelta(days=31)
    recap.save()
    assert post(form_data(recap)).status_code == 403
    assert b"Comments close 30 days" in client.get(recap.get_absolute_url()).content


def test_comment_on_a_draft_is_a_404_and_stores_nothing(recap, post):
    draft = make_recap(make_episode(recap.episode.show, 2), published=False)
    response = post(form_data(draft))
    assert response.status_code == 404
    assert XtdComment.objects.count() == 0


@pytest.mark.parametrize("object_pk", ["999999", "abc", "-1", "1" * 40, ""])
def test_comment_on_a_missing_recap_is_a_404(recap, post, object_pk):
    response = post(form_data(recap, object_pk=object_pk))
    assert response.status_code == 404
    assert XtdComment.objects.count() == 0


def test_comment_on_another_model_is_a_404(recap, post):
    assert post(form_data(recap, content_type="auth.user")).status_code == 404


def test_reply_to_a_comment_of_another_recap_is_refused(recap, post):
    other = make_recap(make_episode(recap.episode.show, 2))
    foreign = make_comment(other)
    response = post(form_data(recap, reply_to=str(foreign.pk)))
    assert response.status_code == 400
    assert XtdComment.objects.count() == 1


def test_reply_to_a_held_comment_is_refused(recap, post):
    held = make_comment(recap, status=Moderation.Status.HELD)
    assert post(form_data(recap, reply_to=str(held.pk))).status_code == 400
    assert XtdComment.objects.count() == 1


def test_replies_go_three_levels_deep_and_no_deeper(known_commenter, recap, post):
    top = make_comment(recap)
    reply = make_comment(recap, parent=top)
    third = make_comment(recap, parent=reply)
    assert third.level == 2
    response = post(form_data(recap, reply_to=str(third.pk)))
    assert response.status_code == 400
    assert b"three levels" in response.content
    assert post(form_data(recap, reply_to=str(reply.pk))).status_code == 302
    assert XtdComment.objects.filter(level=2).count() == 2


def test_tampered_form_is_a_400(recap, post):
    data = form_data(recap)
    data["timestamp"] = str(int(data["timestamp"]) - 1)
    response = post(data)
    assert response.status_code == 400
    assert b"Reload the recap" in response.content
    assert XtdComment.objects.count() == 0


def test_expired_form_comes_back_filled_in_and_is_stored_when_sent_again(
    known_commenter, recap, post
):
    """A form older than two hours (a tab left open, or a page a cache revalidated) is a 400
    with a new form holding the reader's text; sending that at once is not taken for spam."""
    data = form_data(recap, served_ago=3 * 60 * 60, comment="Typed <long> ago", followup="on")
    response = post(data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "open too long" in html
    assert "Typed &lt;long&gt; ago</textarea>" in html
    assert 'value="jiwoo@example.com"' in html
    assert re.search(r'<input type="checkbox" name="followup" id="id_followup"[^>]* checked>', html)
    assert XtdComment.objects.count() == 1
    fresh = dict(re.findall(r'name="(timestamp|security_hash)" value="([^"]+)"', html))
    assert int(fresh["timestamp"]) > int(data["timestamp"])
    assert post({**data, **fresh}).status_code == 302
    assert status_of_latest() == Moderation.Status.APPROVED
    assert XtdComment.objects.latest("pk").comment == "Typed <long> ago"


def test_expired_form_on_a_closed_recap_is_refused_without_a_new_form(recap, post):
    RecapDiscussion.objects.create(recap=recap, reason="Closed after spoilers.")
    response = post(form_data(recap, served_ago=3 * 60 * 60))
    assert response.status_code == 403
    assert b"Closed after spoilers." in response.content


def test_replayed_form_is_stored_once(recap, post):
    data = form_data(recap)
    assert post(data).status_code == 302
    response = post(data)
    assert response.status_code == 409
    assert XtdComment.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("comment", ""),
        ("comment", "   \n\t  "),
        ("comment", "x" * 5001),
        ("comment", "binary\x00body"),
        ("name", ""),
        ("name", "n" * 51),
        ("email", ""),
        ("email", "not-an-email"),
        ("email", "<script>@example.com"),
        ("url", "javascript:alert(1)"),
        ("url", "not a url"),
        ("reply_to", "abc"),
        ("reply_to", "-5"),
    ],
)
def test_broken_input_gets_a_400_with_the_form_and_stores_nothing(recap, post, field, value):
    response = post(form_data(recap, **{field: value}))
    assert response.status_code == 400
    assert b"Check your comment" in response.content
    assert XtdComment.objects.count() == 0


def test_five_thousand_characters_are_accepted(recap, post):
    assert post(form_data(recap, comment="y" * 5000)).status_code == 302


def test_html_is_shown_as_text_with_line_breaks_kept(known_commenter, recap, post, client):
    post(
        form_data(
            recap,
            name="<b>Bold</b>",
            comment="<script>alert(1)</script>\nsecond line",
            url='https://example.com/"><script>x</script>',
        )
    )
    page = client.get(recap.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>second line" in page
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page


def test_unicode_emoji_and_right_to_left_text_survive(known_commenter, recap, post, client):
    text = "사운드트랙 최고 🎶 — مرحبا بالعالم"
    post(form_data(recap, comment=text, name="지우"))
    page = client.get(recap.get_absolute_url()).content.decode()
    assert text in page
    assert "지우" in page


def test_commenters_email_is_never_shown(recap, post, client):
    make_comment(recap, user_email="secret-reader@example.com", comment="Visible text")
    page = client.get(recap.get_absolute_url()).content
    assert b"Visible text" in page
    assert b"secret-reader@example.com" not in page


def test_form_has_the_leave_a_reply_fields_and_note(recap, client):
    page = client.get(recap.get_absolute_url()).content.decode()
    assert "Leave a Reply" in page
    assert "Your email address will not be published. Required fields are marked" in page
    for name in ("comment", "name", "email", "url", "followup"):
        assert f'name="{name}"' in page


def test_get_on_the_post_url_is_a_405(client):
    from django.urls import reverse

    assert client.get(reverse("discussion:post")).status_code == 405


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    field=st.sampled_from(["comment", "name", "email", "url", "reply_to", "timestamp"]),
    value=st.text(max_size=200) | st.binary(max_size=50).map(lambda b: b.decode("latin-1")),
)
def test_hostile_values_in_any_field_never_give_a_500(recap, client, field, value):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    response = client.post(reverse("discussion:post"), form_data(recap, **{field: value}))
    assert response.status_code in {302, 400, 404, 409}
