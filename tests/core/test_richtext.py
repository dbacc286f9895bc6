"""core.richtext: editor HTML keeps what the editor can make and loses everything else, in
forms, in plain saves and in bulk inserts."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.richtext import render, sanitize

ALLOWED_TAGS = {
    "p",
    "strong",
    "em",
    "s",
    "u",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "br",
    "hr",
    "a",
}
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class _Elements(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_harmless(html):
    """No script, no element outside the editor's set, no event handler, no link that runs."""
    assert "<script" not in html.lower()
    for tag, attrs in _Elements(html).elements:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), (tag, name)
            if name == "href":
                assert urlsplit((value or "").strip()).scheme.lower() in SAFE_SCHEMES, value


@pytest.mark.parametrize(
    "html",
    [
        "<p>Plain paragraph</p>",
        "<p><strong>bold</strong> <em>italic</em> <s>gone</s> <u>under</u></p>",
        "<h3>Recap</h3><h4>Bonus Track</h4>",
        '<ul><li><p>one</p></li></ul><ol start="3"><li><p>three</p></li></ol>',
        "<blockquote><p>Quoted line</p></blockquote>",
        "<p>line<br>break</p><hr>",
        '<p><a href="https://example.com/recap">https</a></p>',
        '<p><a href="http://example.com/">http</a></p>',
        '<p><a href="mailto:tips@example.com">mail</a></p>',
    ],
)
def test_sanitize_keeps_what_the_editor_can_make(html):
    assert sanitize(html) == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ("<p>a</p><style>p{display:none}</style>", "<p>a</p>"),
        ('<p onclick="steal()" style="color:red" class="x">text</p>', "<p>text</p>"),
        ('<img src="x" onerror="alert(1)"><p>after</p>', "<p>after</p>"),
        ('<iframe src="https://evil.example/"></iframe>', ""),
        ("<h1>Big</h1><h2>Bigger</h2>", "BigBigger"),
        ("<table><tr><td>cell</td></tr></table>", "cell"),
        ('<svg onload="alert(1)"><p>x</p></svg>', "<p>x</p>"),
        ("<p></p>", ""),
    ],
)
def test_sanitize_removes_what_the_editor_cannot_make(html, expected):
    assert sanitize(html) == expected


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "ftp://example.com/file",
    ],
)
def test_sanitize_drops_links_that_are_not_http_https_or_mailto(href):
    assert sanitize(f'<p><a href="{href}">click</a></p>') == "<p><a>click</a></p>"


def test_sanitize_drops_a_links_target_and_unknown_attributes():
    html = '<a href="https://example.com" target="_blank" data-x="1" title="t">x</a>'
    assert sanitize(html) == '<a href="https://example.com" title="t">x</a>'


def test_render_sanitises_html_stored_before_sanitising_existed():
    assert render("<p>ok</p><script>alert(1)</script>") == "<p>ok</p>"
    assert render(None) == ""


HOSTILE_FRAGMENTS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<SCRIPT SRC=//x.example/a.js>",
        "<scr<script>ipt>",
        "<p>",
        "</p>",
        "<a ",
        "<a href=",
        "</a>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        " onclick=",
        " onmouseover=",
        " ONFOCUS=",
        '"',
        "'",
        "`",
        "=",
        ">",
        "<",
        "/",
        "javascript:",
        "java\tscript:",
        "&#106;avascript:",
        "data:text/html,",
        "<style>",
        "<iframe>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<math>",
        "<template>",
        "<noscript>",
        "<textarea>",
        "&lt;script&gt;",
        "\x00",
        "<h3>",
        "<li>",
        "<br/>",
    ]
)
HOSTILE_HTML = st.lists(st.one_of(HOSTILE_FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=30, deadline=None)
@given(HOSTILE_HTML)
def test_sanitize_never_lets_scripts_handlers_or_script_links_through(html):
    cleaned = sanitize(html)
    assert_harmless(cleaned)
    assert sanitize(cleaned) == cleaned  # saving again changes nothing


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(intro=HOSTILE_HTML, body=HOSTILE_HTML, bonus_track=HOSTILE_HTML, review=HOSTILE_HTML)
def test_saved_recap_text_never_holds_scripts_or_handlers(
    recap_parts, intro, body, bonus_track, review
):
    from recaps.models import Recap

    recap = Recap.objects.create(
        **recap_parts, intro=intro, body=body, bonus_track=bonus_track, review=review
    )
    stored = Recap.objects.values("intro", "body", "bonus_track", "review").get(pk=recap.pk)
    for html in stored.values():
        assert_harmless(html)
    recap.delete()


@pytest.fixture
def recap_parts(soundtrack, editor):
    from shows.models import Episode

    episode = Episode.objects.create(show=soundtrack, number=1)
    return {"episode": episode, "author": editor, "subtitle": "Hostile", "slug": "hostile"}


@pytest.mark.django_db
def test_bulk_created_recaps_are_sanitised(recap_parts):
    from recaps.models import Recap

    Recap.objects.bulk_create(
        [Recap(**recap_parts, body='<p onclick="x()">ok</p><script>alert(1)</script>')]
    )
    assert Recap.objects.get().body == "<p>ok</p>"
