"""discussion.markup: `[spoiler]…[/spoiler]`, the only markup a comment accepts (a spoiler
passage). The pure rules first, then what readers, repliers and e-mail recipients see, and what
the form says and refuses."""

import re

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discussion import markup
from discussion.models import Moderation
from tests.discussion.conftest import form_data, make_comment

DETAILS = '<details class="spoiler"><summary>Spoiler — show</summary>'


def spoiler_texts(text):
    return [piece for is_spoiler, piece in markup.segments(text) if is_spoiler]


def test_marked_text_is_a_spoiler_and_the_rest_is_text():
    assert markup.segments("Wow. [spoiler]She leaves.[/spoiler] Right?") == [
        (False, "Wow. "),
        (True, "She leaves."),
        (False, " Right?"),
    ]


def test_markers_are_case_insensitive():
    assert spoiler_texts("[SPOILER]x[/Spoiler]") == ["x"]


@pytest.mark.parametrize(
    "text",
    ["[spoiler]never closed", "closed [/spoiler] never opened", "[spoiler] [/spoiler]", "[spoil]x"],
)
def test_unbalanced_or_empty_markers_stay_plain_text(text):
    assert markup.segments(text) == [(False, text)]
    assert markup.to_html(text) == text
    assert markup.masked(text) == text


def test_nested_markers_stay_as_typed_inside_the_outer_spoiler():
    text = "[spoiler]a [spoiler]b[/spoiler] c[/spoiler]"

    assert spoiler_texts(text) == ["a [spoiler]b[/spoiler] c"]
    assert markup.masked(text) == markup.HIDDEN


def test_a_stray_opening_marker_does_not_swallow_a_later_spoiler():
    text = "[spoiler]oops [spoiler]hidden[/spoiler]"

    assert markup.segments(text) == [(False, "[spoiler]oops "), (True, "hidden")]
    assert markup.unclosed(text) == 1


def test_html_inside_and_outside_a_spoiler_is_escaped_and_line_breaks_kept():
    html = markup.to_html("<b>hi</b>\n[spoiler]<script>alert(1)</script>\nline 2[/spoiler]")

    assert html == (
        f"&lt;b&gt;hi&lt;/b&gt;<br>{DETAILS}<p>&lt;script&gt;alert(1)&lt;/script&gt;<br>"
        "line 2</p></details>"
    )


def test_masked_text_replaces_each_spoiler():
    assert markup.masked("a [spoiler]x[/spoiler] b [spoiler]y[/spoiler]") == (
        "a [spoiler hidden] b [spoiler hidden]"
    )


def test_huge_input_is_handled_in_one_pass():
    """A 100,000-deep nest and 50,000 pairs: linear work, so this returns at once."""
    deep = "[spoiler]" * 100_000 + "x" + "[/spoiler]" * 100_000
    assert markup.masked(deep) == markup.HIDDEN
    assert markup.to_html("[spoiler]x[/spoiler]" * 50_000).count("<details") == 50_000
    assert markup.unclosed("[spoiler]" * 100_000) == 100_000


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.sampled_from(["[spoiler]", "[/SPOILER]", "a", "<", "&", "\n", " "])).map("".join)
)
def test_any_text_renders_as_escaped_text_and_well_formed_blocks(text):
    html = markup.to_html(text)
    assert "<" not in re.sub(r"</?(details|summary|p)\b[^>]*>|<br>", "", html)
    assert html.count("<details") == html.count("</details>")
    assert "<details" not in re.sub(r"<details.*?</details>", "", html, flags=re.S)


# Over HTTP and in mail.


@pytest.mark.django_db
def test_readers_see_a_comment_spoiler_collapsed(client, recap):
    make_comment(recap, comment="Loved it.\n[spoiler]The band reunites.[/spoiler]")

    html = client.get(recap.get_absolute_url()).content.decode()

    assert f"Loved it.<br>{DETAILS}<p>The band reunites.</p></details>" in html


@pytest.mark.django_db
def test_reply_page_shows_the_parent_spoiler_collapsed(client, recap):
    parent = make_comment(recap, comment="[spoiler]<i>The band reunites.</i>[/spoiler]")

    html = client.get(f"/comments/reply/{parent.pk}/").content.decode()

    assert f"{DETAILS}<p>&lt;i&gt;The band reunites.&lt;/i&gt;</p></details>" in html


@pytest.mark.django_db
def test_held_comment_shown_to_its_author_has_its_spoiler_collapsed(client, recap, post):
    post(form_data(recap, comment="First! [spoiler]She wins.[/spoiler]"))

    html = client.get(recap.get_absolute_url()).content.decode()

    assert f"First! {DETAILS}<p>She wins.</p></details>" in html


@pytest.mark.django_db
def test_comment_form_says_which_markup_it_accepts(client, recap):
    html = client.get(recap.get_absolute_url()).content.decode()
    textarea = re.search(r"<textarea[^>]*>", html).group(0)

    assert 'aria-describedby="id_comment_helptext"' in textarea
    help_text = re.search(r'<span class="field__help" id="id_comment_helptext">(.*?)</span>', html)
    assert "[spoiler] and [/spoiler]" in help_text.group(1)
    assert "The only markup" in help_text.group(1)


@pytest.mark.django_db
def test_an_unclosed_spoiler_is_refused_with_a_message_and_kept_for_editing(client, recap, post):
    response = post(form_data(recap, comment="[spoiler]She wins. Oops, forgot to close."))

    assert response.status_code == 400
    assert "Close each [spoiler] with [/spoiler], or take it out." in response.content.decode()
    assert not Moderation.objects.exists()


@pytest.mark.django_db
def test_moderators_mail_hides_the_spoiler(
    recap, post, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("mod", "mod@example.com", "x")

    with django_capture_on_commit_callbacks(execute=True):
        post(form_data(recap, comment="Great. [spoiler]She wins.[/spoiler] Bye."))

    assert len(mail.outbox) == 1
    assert "Great. [spoiler hidden] Bye." in mail.outbox[0].body
    assert "She wins" not in mail.outbox[0].body


@pytest.mark.django_db
def test_followers_mail_hides_the_spoiler(
    known_commenter, recap, post, django_capture_on_commit_callbacks
):
    make_comment(recap, user_email="follower@example.com", followup=True)

    with django_capture_on_commit_callbacks(execute=True):
        post(form_data(recap, comment="Told you. [spoiler]She wins.[/spoiler]"))

    assert [message.to for message in mail.outbox] == [["follower@example.com"]]
    assert "Told you. [spoiler hidden]" in mail.outbox[0].body
    assert "She wins" not in mail.outbox[0].body
