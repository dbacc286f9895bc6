"""The recap page shows each stored embed as a privacy facade: the stored thumbnail, the title,
a Play button (shown by the script only), a link to the original; never the provider's own
markup, and no call to the provider on a reader's request."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from demo.factories import make_recap, make_show, make_user, recap
from embeds.models import Embed
from embeds.store import store_embeds
from follows.mail import recap_context
from tests.embeds.fake_provider import YOUTUBE_URL, Reply
from tests.reader.test_query_budgets import BUDGET

pytestmark = pytest.mark.django_db

VIMEO_URL = "https://vimeo.com/76979871"
VIMEO_PLAYER = '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'


def line(url, text=None):
    return f'<p><a href="{url}">{text or url}</a></p>'


@pytest.fixture
def show():
    return make_show(title="Moonlit Harbor", slug="moonlit-harbor")


def recap_with(show, body, number=1, **fields):
    return recap(show, number, make_user(), body=body, **fields)


def test_a_youtube_link_on_its_own_line_shows_a_facade(client, provider, show):
    provider.answer(YOUTUBE_URL, title="Season 2 <Official> Trailer")
    article = recap_with(show, "<p>Before.</p>" + line(YOUTUBE_URL) + "<p>After.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    facade = re.search(r"<figure class=\"embed embed--wide\" data-embed>.*?</figure>", html, re.S)
    assert facade, html
    facade = facade[0]
    assert '<button type="button" class="embed__play"' in facade
    assert " hidden>" in facade  # the script shows the button; without it, links remain
    assert f'href="{YOUTUBE_URL}"' in facade
    assert "Season 2 &lt;Official&gt; Trailer" in facade
    assert (
        'data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?feature=oembed'
        in facade
    )
    assert re.search(
        r'<img src="/media/renditions/[^"]+\.jpg"[^>]* width="480" height="360"', facade
    )
    # Nothing of the provider loads before a click: no frame, no script, no image from it.
    assert "<iframe" not in html
    assert not re.search(r'(src|srcset)="https?://(?!testserver)', html)
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html
    assert html.count('src="/static/embeds/embeds.js"') == 1
    assert html.count('href="/static/embeds/embeds.css"') == 1


def test_a_reader_request_never_asks_the_provider(client, provider, show):
    provider.answer(YOUTUBE_URL)
    article = recap_with(show, line(YOUTUBE_URL))
    provider.reset()
    provider.answer(YOUTUBE_URL, Reply(b"down", status=503, delay=5))
    cache.clear()
    response = client.get(article.get_absolute_url())
    assert b"data-embed" in response.content
    assert provider.asked == []


def test_the_content_security_policy_frames_only_the_allowed_players(client, provider, show):
    provider.answer(YOUTUBE_URL)
    response = client.get(recap_with(show, line(YOUTUBE_URL)).get_absolute_url())
    policy = response["Content-Security-Policy"]
    frame_src = re.search(r"frame-src ([^;]+)", policy)[1].split()
    assert "https://www.youtube-nocookie.com" in frame_src
    assert "https://player.vimeo.com" in frame_src
    assert "https://www.youtube.com" not in frame_src
    assert "*" not in policy.split("frame-src")[1].split(";")[0]


def test_the_frame_src_setting_lists_exactly_the_providers_players(settings):
    from embeds.providers import player_origins

    assert sorted(settings.SECURE_CSP["frame-src"]) == player_origins()


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        # A provider not on the list: the link stays a link.
        (
            line("https://www.dailymotion.com/video/x8abc"),
            line("https://www.dailymotion.com/video/x8abc"),
        ),
        # An address typed as plain text on its line becomes a link.
        (
            "<p>https://example.com/a?b=1&amp;c=2</p>",
            '<p><a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a></p>',
        ),
        # A link inside a sentence is left alone.
        (
            f'<p>Watch <a href="{YOUTUBE_URL}">the trailer</a> first.</p>',
            f'<p>Watch <a href="{YOUTUBE_URL}">the trailer</a> first.</p>',
        ),
    ],
)
def test_what_is_not_an_embed_stays_text_or_a_link(client, provider, show, body, shown):
    provider.answer(YOUTUBE_URL)
    html = client.get(recap_with(show, body).get_absolute_url()).content.decode()
    assert "data-embed" not in html
    assert shown.replace(' rel="noopener noreferrer"', "") in html.replace(
        ' rel="noopener noreferrer"', ""
    )
    assert "embeds.js" not in html


def test_a_failed_answer_leaves_a_plain_link(client, provider, show):
    provider.answer(YOUTUBE_URL, html='<iframe src="https://evil.example/x"></iframe>')
    article = recap_with(show, line(YOUTUBE_URL, "Trailer (season 2)") + "<p>After.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert Embed.objects.get().status == Embed.Status.FAILED
    assert "data-embed" not in html and "evil.example" not in html
    assert f'href="{YOUTUBE_URL}"' in html and "Trailer (season 2)" in html
    assert "<p>After.</p>" in html


def test_a_link_in_a_spoiler_paragraph_is_not_embedded(client, provider, show):
    provider.answer(YOUTUBE_URL)
    body = f'<p class="spoiler"><a href="{YOUTUBE_URL}">{YOUTUBE_URL}</a></p>'
    html = client.get(recap_with(show, body).get_absolute_url()).content.decode()
    assert "data-embed" not in html


def test_a_caption_is_the_embeds_caption(client, provider, show):
    provider.answer(VIMEO_URL, html=VIMEO_PLAYER, title="Behind the scenes")
    html = client.get(recap_with(show, line(VIMEO_URL, "The cast on set")).get_absolute_url())
    html = html.content.decode()
    assert '<span class="embed__caption">The cast on set</span>' in html
    assert "Behind the scenes" in html


def test_the_recap_page_query_count_does_not_grow_with_its_embeds(
    client, provider, show, django_assert_max_num_queries
):
    """One query for all the page's embeds, on top of the page's own budget."""
    urls = [f"https://www.youtube.com/watch?v=video{n:06d}" for n in range(8)]
    for url in urls:
        provider.answer(url)
    one = recap_with(show, line(urls[0]), number=1)
    many = recap_with(show, "".join(map(line, urls)), number=2)
    counts = []
    for article, expected in ((one, 1), (many, 8)):
        cache.clear()
        with django_assert_max_num_queries(BUDGET + 1) as captured:
            response = client.get(article.get_absolute_url())
        assert response.content.count(b"data-embed>") == expected
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_page_with_embeds_stays_publicly_cacheable(provider, show):
    provider.answer(YOUTUBE_URL)
    article = recap_with(show, line(YOUTUBE_URL))
    response = Client().get(article.get_absolute_url())
    assert "public" in response["Cache-Control"]
    assert "ETag" in response


def test_a_feed_shows_the_address_of_an_embed(client, provider, show):
    provider.answer(YOUTUBE_URL)
    recap_with(show, "", intro="<p>Watch this.</p>" + line(YOUTUBE_URL))
    feed = client.get("/feeds/rss/").content.decode()
    assert YOUTUBE_URL in feed
    assert "iframe" not in feed and "data-embed" not in feed


def test_an_alert_mail_shows_an_embed_as_a_link(provider, show):
    provider.answer(YOUTUBE_URL)
    article = make_recap(
        recap_with(show, "").episode,
        intro="<p>The trailer:</p>" + line(YOUTUBE_URL),
        intro_spoiler_free=True,
        slug="with-trailer",
    )
    context = recap_context(article)
    assert f'<a href="{YOUTUBE_URL}"' in context["intro_html"]
    assert YOUTUBE_URL in context["intro_text"]
    assert "data-embed" not in context["intro_html"]


def test_the_facades_assets_are_small():
    """Loaded only by pages with an embed, and small even there."""
    from django.contrib.staticfiles import finders

    sizes = [len(open(finders.find(f"embeds/embeds.{ext}"), "rb").read()) for ext in ("css", "js")]
    assert sum(sizes) <= 3_000


def test_a_refresh_that_changes_an_embed_purges_every_recap_showing_it(
    client, provider, show, settings
):
    provider.answer(YOUTUBE_URL)
    first = recap_with(show, line(YOUTUBE_URL), number=1)
    # Another show's recap: its save purges its own pages, not the first one's.
    other = recap_with(make_show(title="Salt Road", slug="salt-road"), line(YOUTUBE_URL))
    assert b"Official Trailer" in client.get(first.get_absolute_url()).content
    settings.EMBEDS_REFRESH_AFTER_SECONDS = 0
    provider.answer(YOUTUBE_URL, title="Final Trailer")
    other.verdict = "Edited."
    other.save()  # refreshes the embed
    html = client.get(first.get_absolute_url()).content
    assert b"Final Trailer" in html and b"Official Trailer" not in html


def test_a_refresh_with_the_same_thumbnail_address_keeps_the_stored_file(provider, settings):
    provider.answer(YOUTUBE_URL)
    first = store_embeds(line(YOUTUBE_URL))[YOUTUBE_URL]
    settings.EMBEDS_REFRESH_AFTER_SECONDS = 0
    again = store_embeds(line(YOUTUBE_URL))[YOUTUBE_URL]
    assert again.thumbnail.name == first.thumbnail.name
    assert not again.changed
