"""core.spoiler_passages: what the sanitiser keeps of a marked paragraph, how readers get it
(collapsed) and the plain text that leaves it out; the editor's Spoiler style in the recap admin;
and every place readers meet a recap's text, where a passage is collapsed or absent.
(Comments' `[spoiler]` markup: tests/discussion/test_markup.py.)"""

import json
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_bakery import baker

from core.richtext import EXTENSIONS, render, sanitize, text_without_spoiler_passages
from demo import factories
from recaps.models import Recap
from search import fts
from tests.admin_forms import form_data

UNFORGEABLE = st.characters(blacklist_categories=["Cs"], blacklist_characters="wz")
SPOILER = '<p class="spoiler">The ferry never leaves.</p>'
ADD_URL = reverse("admin:recaps_recap_add")
SECRET = "Yeon-woo"  # a name that appears only inside the spoiler passages below
INTRO = (
    "<p>Previously, the band broke up.</p>"
    f'<p class="spoiler">In the finale {SECRET} rejoins them.</p>'
    "<p>Tonight they meet again.</p>"
)
BODY = f'<p>A quiet hour.</p><p class="spoiler">{SECRET} was the songwriter all along.</p>'
with_search_index = pytest.mark.skipif(
    connection.vendor != "postgresql"
    and not (connection.vendor == "sqlite" and fts.sqlite_has_fts5()),
    reason="a stored search index exists on PostgreSQL and on SQLite with FTS5",
)


def test_the_editor_offers_a_spoiler_style_for_paragraphs_only():
    styles = EXTENSIONS["NodeClass"]["cssClasses"]
    assert list(styles) == ["paragraph"]
    assert styles["paragraph"]["cssClasses"] == [{"className": "spoiler", "title": "Spoiler"}]


@pytest.mark.parametrize(
    "html",
    [
        '<p class="spoiler">x</p>',
        '<p class="spoiler other">x</p>',
        '<p class="other spoiler">x</p>',
        '<p class=" spoiler  spoiler ">x</p>',
        "<p CLASS=spoiler>x</p>",
    ],
)
def test_sanitiser_keeps_exactly_the_spoiler_class_on_a_paragraph(html):
    assert sanitize(html) == '<p class="spoiler">x</p>'


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<p class="lead">x</p>', "<p>x</p>"),
        ('<p class="spoilers">x</p>', "<p>x</p>"),
        ('<blockquote class="spoiler"><p>x</p></blockquote>', "<blockquote><p>x</p></blockquote>"),
        ('<h3 class="spoiler">x</h3>', "<h3>x</h3>"),
        ('<ul><li class="spoiler">x</li></ul>', "<ul><li>x</li></ul>"),
        ('<p><strong class="spoiler">x</strong></p>', "<p><strong>x</strong></p>"),
        (
            '<p class="spoiler" title="t" lang="en" id="i" style="color:red">x</p>',
            '<p class="spoiler">x</p>',
        ),
    ],
)
def test_sanitiser_drops_every_other_class_and_attribute(html, expected):
    assert sanitize(html) == expected


def test_render_collapses_a_spoiler_paragraph_in_a_details_element():
    html = render(f"<p>Before.</p>{SPOILER}<p>After.</p>")
    assert html == (
        '<p>Before.</p><details class="spoiler"><summary>Spoiler — show</summary>'
        "<p>The ferry never leaves.</p></details><p>After.</p>"
    )


def test_consecutive_spoiler_paragraphs_are_one_block():
    html = render(f'{SPOILER}\n<p class="spoiler">Nor does she.</p><p>Visible.</p>')
    assert html.count("<details") == 1
    assert re.search(r"<details[^>]*>.*ferry.*Nor does she.*</details><p>Visible", html, re.S)


def test_spoiler_passages_separated_by_a_paragraph_are_two_blocks():
    assert render(f"{SPOILER}<p>Between.</p>{SPOILER}").count("<details") == 2


def test_a_spoiler_paragraph_inside_a_quote_or_list_item_is_collapsed_there():
    html = render(f"<blockquote>{SPOILER}</blockquote><ul><li>{SPOILER}</li></ul>")
    assert html.count("<blockquote><details") == 1
    assert html.count("<li><details") == 1


def test_script_and_markup_inside_a_spoiler_stay_sanitised():
    html = render(
        '<p class="spoiler" onclick="x()">Hi<script>alert(1)</script>'
        '<a href="javascript:alert(1)" title="</p><script>">link</a><img src=x onerror=y></p>'
    )
    assert "<script" not in html
    assert "onclick" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html
    assert html.startswith('<details class="spoiler">') and html.endswith("</details>")


def test_an_attribute_cannot_end_a_spoiler_early():
    """The regular expressions rely on this: `<` and `>` in attribute values are escaped."""
    html = sanitize('<p class="spoiler"><a href="https://x.test/" title="</p>">a</a> tail</p>')
    assert "&lt;/p&gt;" in html
    assert text_without_spoiler_passages(html) == ""


def test_plain_text_leaves_spoiler_passages_out_and_unescapes_the_rest():
    text = text_without_spoiler_passages(f"<p>Fish &amp; chips.</p>{SPOILER}<p>After.</p>")
    assert "ferry" not in text
    assert text.startswith("Fish & chips.") and text.endswith("After.")


def test_plain_text_of_empty_and_missing_values_is_empty():
    assert text_without_spoiler_passages(None) == ""
    assert text_without_spoiler_passages("") == ""
    assert text_without_spoiler_passages(SPOILER) == ""


def test_plain_text_sanitises_first_so_unsanitised_rows_cannot_leak():
    # A row written by raw SQL, class attribute in an unusual spelling.
    assert (
        text_without_spoiler_passages("<P CLASS='spoiler other'>hidden</P><p>shown</p>") == "shown"
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.text(alphabet=UNFORGEABLE)), max_size=6))
def test_no_spoiler_text_reaches_plain_text_and_all_of_it_is_collapsed(paragraphs):
    """Whatever the paragraphs say, hidden ones never reach plain text and are inside a
    <details> element when rendered; the others are outside both. (Their text has no "w" or
    "z", so the markers cannot be forged.)"""
    tagged = [(hidden, f"w{index}z{text}") for index, (hidden, text) in enumerate(paragraphs)]
    html = "".join(
        f'<p class="spoiler">{escape(text)}</p>' if hidden else f"<p>{escape(text)}</p>"
        for hidden, text in tagged
    )
    plain = text_without_spoiler_passages(html)
    rendered = render(html)
    outside_details = re.sub(r"<details.*?</details>", "", rendered, flags=re.S)
    for index, (hidden, _text) in enumerate(tagged):
        marker = f"w{index}z"
        assert (marker in plain) is not hidden
        assert (marker in outside_details) is not hidden


# The editor's Spoiler style in the recap admin.


@pytest.fixture
def new_recap(editor_client, soundtrack):
    episode = baker.make("shows.Episode", show=soundtrack, number=4)
    data = form_data(editor_client.get(ADD_URL))
    data.update(episode=str(episode.pk), subtitle="Fresh start", slug="fresh-start")
    return data


def editor_config(html, field):
    textarea = re.search(rf'<textarea[^>]*name="{field}"[^>]*>', html).group(0)
    raw = re.search(r'data-django-prose-editor-configurable="([^"]*)"', textarea).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))


def test_every_rich_text_editor_offers_the_spoiler_style_and_loads_its_stylesheet(editor_client):
    html = editor_client.get(ADD_URL).content.decode()

    assert html.count("/static/core/admin/richtext.css") == 1
    for field in ("intro", "body", "bonus_track", "review"):
        styles = editor_config(html, field)["extensions"]["NodeClass"]["cssClasses"]
        assert styles["paragraph"]["cssClasses"][0]["className"] == "spoiler"


def test_saving_keeps_the_spoiler_class_and_drops_any_other(editor_client, new_recap):
    new_recap["body"] = (
        '<p class="spoiler" style="color:red">Later, she wins.</p>'
        '<p class="lead">Plain.</p><blockquote class="spoiler"><p>Quote.</p></blockquote>'
    )

    response = editor_client.post(ADD_URL, new_recap)

    assert response.status_code == 302
    assert Recap.objects.get(slug="fresh-start").body == (
        '<p class="spoiler">Later, she wins.</p><p>Plain.</p><blockquote><p>Quote.</p></blockquote>'
    )


# Where readers meet a recap's text.


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_user(username="writer", password="x")


@pytest.fixture
def recap_with_passages(soundtrack, author):
    return factories.recap(soundtrack, 1, author, intro=INTRO, body=BODY, meta_description="")


def outside_details(html):
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_recap_page_shows_each_spoiler_collapsed_and_nowhere_else(client, recap_with_passages):
    html = client.get(recap_with_passages.get_absolute_url()).content.decode()

    assert html.count('<details class="spoiler"><summary>Spoiler — show</summary>') == 2
    assert f"<p>In the finale {SECRET} rejoins them.</p></details>" in html
    assert SECRET not in outside_details(html)


def test_meta_description_and_json_ld_leave_spoiler_passages_out(client, recap_with_passages):
    html = client.get(recap_with_passages.get_absolute_url()).content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)

    assert description.startswith("Previously, the band broke up.")
    assert "Tonight they meet again." in description
    # The only place the name may appear is inside the collapsed blocks.
    assert SECRET not in outside_details(html)


def test_recap_card_excerpt_leaves_spoiler_passages_out(client, recap_with_passages):
    html = client.get("/").content.decode()

    assert "Previously, the band broke up." in html
    assert SECRET not in html


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/", "/feeds/shows/soundtrack-2/rss/"])
def test_feed_items_leave_spoiler_passages_out(client, recap_with_passages, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()

    assert "Tonight they meet again." in text
    assert SECRET not in text


def test_feed_falls_back_to_the_body_without_its_spoiler_passages(client, soundtrack, author):
    factories.recap(soundtrack, 1, author, intro="", body=BODY, meta_description="")
    text = client.get("/feeds/rss/").content.decode()

    assert "A quiet hour." in text
    assert SECRET not in text


def test_search_excerpt_of_a_found_recap_leaves_spoiler_passages_out(client, recap_with_passages):
    html = client.get("/search/", {"q": "quiet hour"}).content.decode()

    assert "soundtrack-2-episode-1" in html
    assert SECRET not in html


@with_search_index
def test_spoiler_words_are_not_indexed_so_search_cannot_spoil(client, recap_with_passages):
    found = client.get("/search/", {"q": SECRET}).context["recaps"]

    assert list(found) == []
