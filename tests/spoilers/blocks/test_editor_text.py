"""Spoiler paragraphs in editor rich text: what the sanitiser keeps, how readers get them, and
the plain text that leaves them out. Pure functions, no database."""

import re

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.richtext import EXTENSIONS, render, sanitize, text_without_spoilers

UNFORGEABLE = st.characters(blacklist_categories=["Cs"], blacklist_characters="wz")
SPOILER = '<p class="spoiler">The ferry never leaves.</p>'


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


def test_spoilers_separated_by_a_paragraph_are_two_blocks():
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
    assert text_without_spoilers(html) == ""


def test_plain_text_leaves_spoilers_out_and_unescapes_the_rest():
    text = text_without_spoilers(f"<p>Fish &amp; chips.</p>{SPOILER}<p>After.</p>")
    assert "ferry" not in text
    assert text.startswith("Fish & chips.") and text.endswith("After.")


def test_plain_text_of_empty_and_missing_values_is_empty():
    assert text_without_spoilers(None) == ""
    assert text_without_spoilers("") == ""
    assert text_without_spoilers(SPOILER) == ""


def test_plain_text_sanitises_first_so_unsanitised_rows_cannot_leak():
    # A row written by raw SQL, class attribute in an unusual spelling.
    assert text_without_spoilers("<P CLASS='spoiler other'>hidden</P><p>shown</p>") == "shown"


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
    plain = text_without_spoilers(html)
    rendered = render(html)
    outside_details = re.sub(r"<details.*?</details>", "", rendered, flags=re.S)
    for index, (hidden, _text) in enumerate(tagged):
        marker = f"w{index}z"
        assert (marker in plain) is not hidden
        assert (marker in outside_details) is not hidden
