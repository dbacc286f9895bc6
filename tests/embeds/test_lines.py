"""Links alone on a line of sanitised rich text, and what the `embedded` filter makes of any
text: it never loses a word, and adds markup only where a line is an address."""

from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from core.richtext import sanitize
from embeds.lines import embed_lines
from embeds.templatetags.embeds import embedded

URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1"


def test_the_forms_an_editor_stores_are_lines_with_their_captions():
    html = sanitize(
        f'<p><a href="{URL}">{URL}</a></p><p>{URL}</p><p><a href="{URL}">The trailer</a></p>'
        f'<p>Watch <a href="{URL}">this</a></p><p class="spoiler">{URL}</p>'
    )
    assert [(line.url, line.caption) for line in embed_lines(html)] == [
        (URL, ""),
        (URL, ""),
        (URL, "The trailer"),
    ]


@given(st.text(max_size=200))
def test_any_text_keeps_its_words(text):
    html = sanitize(f"<p>{text}</p><p>{text}</p>")
    shown = embedded(html, {})
    assert strip_tags(shown) == strip_tags(html)
    assert shown.count("<p>") == html.count("<p>")
