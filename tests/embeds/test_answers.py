"""What a provider answers is untrusted input: only an https player on the provider's own
hosts is kept, and every failure leaves the link a link (stored as failed, never raised)."""

import json

import pytest

from embeds.models import Embed
from embeds.store import store, store_embeds
from tests.embeds.fake_provider import YOUTUBE_URL, Reply

pytestmark = pytest.mark.django_db

LINE = f'<p><a href="{YOUTUBE_URL}">{YOUTUBE_URL}</a></p>'


def test_a_youtube_answer_is_stored_with_a_cookieless_player_and_a_thumbnail(provider):
    provider.answer(YOUTUBE_URL)
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.READY
    assert embed.title == "Official Trailer"
    assert embed.provider == "YouTube"
    assert embed.player_url == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?feature=oembed&autoplay=1"
    )
    assert (embed.width, embed.height, embed.shape) == (640, 360, "wide")
    assert embed.thumbnail.name.endswith(".jpg")
    assert (embed.thumbnail_width, embed.thumbnail_height) == (480, 360)
    assert embed.thumbnail_picture.webp_srcset


@pytest.mark.parametrize(
    ("url", "html", "player"),
    [
        (
            "https://vimeo.com/76979871",
            '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e"></iframe>',
            "https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1&autoplay=1",
        ),
        (
            "https://bsky.app/profile/network.bsky.social/post/3kabcxyz",
            '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.'
            'post/3kabcxyz"><p>Post</p></blockquote><script async src="https://embed.bsky.app/'
            'static/embed.js"></script>',
            "https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/3kabcxyz",
        ),
        (
            "https://mastodon.social/@network/113456789",
            '<iframe src="https://mastodon.social/@network/113456789/embed" class="mastodon-embed">'
            '</iframe><script src="https://mastodon.social/embed.js" async></script>',
            "https://mastodon.social/@network/113456789/embed",
        ),
        (
            "https://www.instagram.com/p/C1abcDEF/",
            '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.'
            'com/p/C1abcDEF/?utm_source=ig_embed"></blockquote><script src="//www.instagram.com/'
            'embed.js"></script>',
            "https://www.instagram.com/p/C1abcDEF/embed/",
        ),
    ],
)
def test_each_provider_on_the_list_gives_a_player_on_its_own_host(provider, url, html, player):
    provider.answer(url, html=html, width=550, height=None, thumbnail_url=None)
    embed = store(url)
    assert embed.status == Embed.Status.READY, embed.error
    assert embed.player_url == player
    assert not embed.thumbnail


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        # An iframe to another host, or a scheme other than https, is no player.
        ({"html": '<iframe src="https://evil.example/embed/x"></iframe>'}, "no player"),
        ({"html": '<iframe src="javascript:alert(1)"></iframe>'}, "no player"),
        ({"html": '<iframe src="http://www.youtube.com/embed/x"></iframe>'}, "no player"),
        ({"html": '<iframe src="https://user@www.youtube.com/embed/x"></iframe>'}, "no player"),
        ({"html": "<script>document.write('<iframe>')</script>"}, "no player"),
        ({"html": ["not", "html"]}, "no player"),
        ({"html": '<iframe src="https://www.youtube.com/embed/' + "x" * 2000 + '">'}, "no player"),
        (Reply(b"{not json"), "did not describe"),
        (Reply(b'["a", "list"]'), "did not describe"),
        (Reply(b"\xff\xfe\x00garbage"), "did not describe"),
        (Reply(b"gone", status=404), "404"),
        (Reply(b"oops", status=500), "500"),
        (Reply(b'{"html": "' + b"x" * 300_000 + b'"}'), "larger than"),
        (Reply(b"[" * 100_000 + b"]" * 100_000), "did not describe"),
    ],
)
def test_a_hostile_or_broken_answer_is_stored_as_failed(provider, reply, reason):
    if isinstance(reply, dict):
        provider.answer(YOUTUBE_URL, **reply)
    else:
        provider.answer(YOUTUBE_URL, reply)
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.FAILED
    assert reason in embed.error
    assert not embed.player_url


def test_a_provider_that_does_not_answer_in_time_is_given_up(provider, settings):
    settings.EMBEDS_TIMEOUT_SECONDS = 0.3
    provider.answer(YOUTUBE_URL, Reply(b"{}", delay=1.5))
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.FAILED
    assert "time allowed" in embed.error


def test_a_provider_that_is_down_fails_the_embed_not_the_save(provider, settings):
    settings.EMBEDS_OEMBED_ENDPOINTS = {"YouTube": "http://127.0.0.1:9/oembed"}
    assert store(YOUTUBE_URL).status == Embed.Status.FAILED


@pytest.mark.parametrize(
    "thumbnail",
    [
        "http://169.254.169.254/latest/meta-data/thumb.jpg",
        "http://10.0.0.7/thumb.jpg",
        "http://[::1]/thumb.jpg",
        "file:///etc/passwd",
        "/thumbnails/trailer.jpg",
    ],
)
def test_a_thumbnail_off_the_public_internet_is_not_fetched(provider, settings, thumbnail):
    settings.FETCH_ALLOWED_NETWORKS = []  # the fake provider's own address is private too
    provider.answer(YOUTUBE_URL, thumbnail_url=thumbnail)
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.READY
    assert not embed.thumbnail


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"\x89PNG\r\n\x1a\n truncated", b""],
)
def test_a_thumbnail_that_is_not_a_whole_image_is_not_stored(provider, content):
    provider.files["trailer.jpg"] = Reply(content, content_type="image/jpeg")
    provider.answer(YOUTUBE_URL)
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.READY
    assert not embed.thumbnail


def test_a_thumbnail_with_too_many_pixels_is_not_stored(provider, settings):
    settings.MAX_IMAGE_PIXELS = 480 * 360 - 1
    provider.answer(YOUTUBE_URL)
    assert not store(YOUTUBE_URL).thumbnail


def test_odd_values_in_an_answer_are_dropped_not_stored(provider):
    provider.answer(
        YOUTUBE_URL, title={"x": 1}, author_name="A" * 5000, width="wide", height=10**12
    )
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.READY
    assert (embed.title, embed.width, embed.height) == ("", None, None)
    assert len(embed.author_name) == 200


def test_a_link_of_a_provider_not_on_the_list_is_never_asked_about(provider):
    provider.answer("https://www.dailymotion.com/video/x8abc")
    stored = store_embeds('<p><a href="https://www.dailymotion.com/video/x8abc">x</a></p>')
    assert stored == {}
    assert provider.asked == []


def test_instagram_is_not_asked_without_an_access_token(provider, settings):
    settings.EMBEDS_INSTAGRAM_ACCESS_TOKEN = ""
    embed = store("https://www.instagram.com/p/C1abcDEF/")
    assert embed.status == Embed.Status.FAILED
    assert provider.asked == []


def test_a_stored_answer_is_not_asked_again_until_it_is_stale(provider, settings):
    provider.answer(YOUTUBE_URL)
    store_embeds(LINE)
    store_embeds(LINE)
    assert provider.asked == [YOUTUBE_URL]
    settings.EMBEDS_REFRESH_AFTER_SECONDS = 0
    provider.answer(YOUTUBE_URL, title="Renamed Trailer")
    store_embeds(LINE)
    assert Embed.objects.get().title == "Renamed Trailer"


def test_a_failed_refresh_keeps_the_embed_readers_see(provider, settings):
    provider.answer(YOUTUBE_URL)
    store_embeds(LINE)
    settings.EMBEDS_REFRESH_AFTER_SECONDS = 0
    provider.answer(YOUTUBE_URL, Reply(b"down", status=503))
    store_embeds(LINE)
    embed = Embed.objects.get()
    assert embed.status == Embed.Status.READY
    assert embed.title == "Official Trailer"


def test_a_failure_is_asked_again_only_after_the_retry_time(provider, settings):
    store_embeds(LINE)  # 404: nothing answered yet
    provider.answer(YOUTUBE_URL)
    store_embeds(LINE)
    assert Embed.objects.get().status == Embed.Status.FAILED
    settings.EMBEDS_RETRY_AFTER_SECONDS = 0
    store_embeds(LINE)
    assert Embed.objects.get().status == Embed.Status.READY
    assert provider.asked == [YOUTUBE_URL, YOUTUBE_URL]


def test_an_answer_without_a_title_gives_none(provider):
    """micawber fills a missing title in with the address, which is no title."""
    html = "<iframe src='https://www.youtube.com/embed/x'></iframe>"
    provider.answer(YOUTUBE_URL, Reply(json.dumps({"html": html}).encode()))
    embed = store(YOUTUBE_URL)
    assert embed.status == Embed.Status.READY
    assert embed.title == ""


def test_an_address_too_long_to_store_stays_a_link(provider):
    url = "https://www.youtube.com/watch?v=" + "x" * 1000
    provider.answer(url)
    assert store_embeds(f'<p><a href="{url}">{url}</a></p>') == {}
    assert provider.asked == []
