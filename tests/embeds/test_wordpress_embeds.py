"""The WordPress importer turns each way WordPress writes an embed into a link alone on a line
(the embeds' stored form), keeps a Gutenberg embed's caption as the embed's caption, and counts
them in its report."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from embeds.models import Embed
from importer.content import split
from importer.embeds import convert
from importer.models import ImportRun, WordPressOrigin
from recaps.models import Recap

EXPORT = Path(__file__).parent / "exports" / "embeds.xml"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def body_of(html):
    return split(convert(html).html).body


def test_a_gutenberg_embed_block_keeps_its_caption_as_the_embeds_caption():
    html = (
        "<!-- wp:paragraph --><p>Before.</p><!-- /wp:paragraph -->\n"
        f'<!-- wp:embed {{"url":"{YOUTUBE}","type":"video","providerNameSlug":"youtube"}} -->\n'
        '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">'
        f"\n{YOUTUBE}\n</div><figcaption>The <em>new</em> trailer</figcaption></figure>\n"
        "<!-- /wp:embed -->\n<!-- wp:paragraph --><p>After.</p><!-- /wp:paragraph -->"
    )
    converted = convert(html)
    assert converted.counts == {"embed_blocks": 1}
    assert split(converted.html).body == (
        f'<p>Before.</p>\n<p><a href="{YOUTUBE}">The new trailer</a></p>\n<p>After.</p>'
    )


def test_an_old_core_embed_block_without_attributes_takes_the_wrappers_address():
    html = (
        '<!-- wp:core-embed/vimeo -->\n<figure class="wp-block-embed"><div class="wp-block-'
        'embed__wrapper">https://vimeo.com/76979871</div></figure>\n<!-- /wp:core-embed/vimeo -->'
    )
    assert 'href="https://vimeo.com/76979871">https://vimeo.com/76979871</a></p>' in body_of(html)


@pytest.mark.parametrize(
    ("shortcode", "url"),
    [
        (f"[embed]{YOUTUBE}[/embed]", YOUTUBE),
        (f'[embed width="560" height="315"]{YOUTUBE}[/embed]', YOUTUBE),
        (f"[youtube {YOUTUBE}]", YOUTUBE),
        (f"[youtube={YOUTUBE}&amp;w=320&amp;h=240]", YOUTUBE),
        ("[youtube dQw4w9WgXcQ]", YOUTUBE),
    ],
)
def test_embed_and_youtube_shortcodes_become_embeds(shortcode, url):
    for html in (f"Before.\n\n{shortcode}\n\nAfter.", f"<p>Before.</p>\n<p>{shortcode}</p>"):
        converted = convert(html)
        assert converted.counts == {"embed_shortcodes": 1}
        body = split(converted.html).body
        assert f'<p><a href="{url.replace("&", "&amp;")}">' in body
        assert "[" not in body and "<p></p>" not in body


def test_a_bare_address_on_its_own_line_becomes_an_embed_or_a_link():
    html = "Before.\nhttps://vimeo.com/76979871\n\nhttps://example.org/page\n\nAfter."
    converted = convert(html)
    assert converted.counts == {"embed_bare": 1, "embed_links": 1}
    body = split(converted.html).body
    assert '<a href="https://vimeo.com/76979871"' in body
    assert '<a href="https://example.org/page"' in body
    assert "Before." in body and "After." in body


def test_an_address_inside_a_sentence_is_left_as_it_was():
    html = "<p>See https://vimeo.com/76979871 for more.</p>"
    assert convert(html).html == html


@pytest.mark.parametrize(
    "html",
    [
        '<!-- wp:embed {"url": 42} --><figure class="wp-block-embed"></figure><!-- /wp:embed -->',
        "<!-- wp:embed {not json} --><!-- /wp:embed -->",
        '<!-- wp:embed {"url":"javascript:alert(1)"} --><!-- /wp:embed -->',
        "[embed]<script>alert(1)</script>[/embed]",
        "[youtube ]",
    ],
)
def test_a_broken_embed_loses_no_text_and_adds_no_markup(html):
    body = body_of(html)
    assert "<script" not in body and "<a" not in body


@pytest.fixture
def imported(db, provider, tmp_path):
    export = tmp_path / "embeds.xml"
    shutil.copy(EXPORT, export)
    provider.answer(YOUTUBE)
    out = io.StringIO()
    call_command("import_wordpress", str(export), stdout=out)
    run = ImportRun.objects.latest("pk")
    run.printed = out.getvalue()
    return run


def recap(post_id):
    origin = WordPressOrigin.objects.get(kind="post", wp_id=str(post_id))
    return Recap.objects.get(pk=origin.object_id)


def test_an_import_counts_its_embeds_in_the_report(imported):
    counts = imported.counts
    assert counts["embed_blocks"] == 1
    assert counts["embed_shortcodes"] == 3
    assert counts["embed_bare"] == 2
    assert counts["embed_links"] == 1
    assert "Embeds: 1 blocks, 3 shortcodes, 2 links on a line of their own" in imported.printed


def test_an_imported_embed_is_asked_about_and_shown_as_a_facade(imported, client):
    # The fake provider described the first post's video; the others stayed links.
    assert Embed.objects.get(url=YOUTUBE).status == Embed.Status.READY
    assert Embed.objects.filter(status=Embed.Status.FAILED).count() == 5
    html = client.get(recap(101).get_absolute_url()).content.decode()
    assert html.count("data-embed>") == 1
    assert '<span class="embed__caption">The season 2 trailer, finally</span>' in html
    assert "Dal-hee counts crates" in html and "By nightfall" in html
    classic = client.get(recap(102).get_absolute_url()).content.decode()
    assert 'href="https://bsky.app/profile/network.bsky.social/post/3kabcxyz"' in classic
    assert "Then the harbour went dark." in classic
