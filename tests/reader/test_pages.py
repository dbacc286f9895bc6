"""One view test per reader page kind: status, visible text, headings and links."""

import re

import pytest
from django.urls import reverse

from shows.models import Show


def text(response):
    return response.content.decode()


def headings(html, level):
    return [
        re.sub(r"<[^>]+>", "", match).strip()
        for match in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


@pytest.fixture
def recap_page(client, series):
    return text(client.get(series["recap"].get_absolute_url()))


def test_recap_page_has_headline_as_its_only_h1(recap_page):
    assert headings(recap_page, 1) == ["Soundtrack #2 Episode 3 Recap and Review: Chapter 3"]


def test_recap_page_sections_have_their_headings_in_order(recap_page):
    assert [h for h in headings(recap_page, 2) if h.startswith("Soundtrack #2 Episode")] == [
        "Soundtrack #2 Episode 3 Recap",
        "Soundtrack #2 Episode 3 Bonus Track",
        "Soundtrack #2 Episode 3 Review",
    ]


def test_recap_page_without_bonus_track_has_no_bonus_heading(client, series):
    html = text(client.get(series["recaps"][1].get_absolute_url()))
    assert "Bonus Track" not in html
    assert "Soundtrack #2 Episode 1 Review" in html


def test_recap_page_shows_author_and_dates(recap_page, series):
    assert "Mina Park" in recap_page
    published = series["recap"].published_at.isoformat()[:10]
    assert re.search(rf'<time datetime="{published}T', recap_page)


def test_recap_page_shows_the_facts_box(recap_page):
    assert "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles, along with" in (
        recap_page
    )
    assert "K-pop artist Demian." in recap_page
    assert "Geum Sae-rok was last seen in Youth of May." in recap_page
    assert "streamed on Disney+ from December 6, 2023, to December 20, 2023." in recap_page
    assert "6 episodes; two were released every Wednesday at 1:30 PM IST" in recap_page
    assert 'data-show-zone="Asia/Kolkata">08:00 UTC</time>)</span>.' in recap_page


def test_recap_page_places_each_still_inside_its_section(recap_page):
    sections = dict(
        re.findall(
            r'<section class="recap__section" id="(\w+)".*?>(.*?)</section>', recap_page, re.S
        )
    )
    assert "Recap still" in sections["recap"]
    assert "Bonus still" in sections["bonus_track"]
    assert "Review still" in sections["review"]
    assert "Hero caption" not in "".join(sections.values())
    assert "<figcaption>Recap still" in sections["recap"]


def test_recap_page_shows_verdict_rating_and_where_to_watch(recap_page):
    assert "A tender hour that earns its ending." in recap_page
    assert '<span class="verdict__score">8</span>' in recap_page
    assert "The series is streaming on Disney+." in recap_page


def test_recap_page_links_previous_recap_and_names_unpublished_next(recap_page, series):
    assert f'rel="prev" href="{series["recaps"][2].get_absolute_url()}"' in recap_page
    assert 'rel="next"' not in recap_page
    assert 'Soundtrack #2 Episode 4 <span class="muted episode-nav__status">Recap coming' in (
        recap_page
    )


def test_recap_page_also_read_order(recap_page, series):
    block = recap_page.split('id="also-read-heading"')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">', block)
    assert links == [
        series["recaps"][1].get_absolute_url(),  # editor's pick
        series["show"].get_absolute_url(),  # the hub
        series["recaps"][2].get_absolute_url(),  # previous episode (next is a draft)
        series["other_recap"].get_absolute_url(),  # another show sharing a lead
    ]
    assert "All of Our Reviews of Soundtrack #2" in block


def test_recap_page_links_its_tags(recap_page):
    assert 'href="/tags/k-drama/"' in recap_page
    assert 'href="/tags/romance/"' in recap_page


def test_recap_page_has_comment_slot_skip_link_and_back_to_top(recap_page):
    assert '<section id="comments"' in recap_page
    assert 'href="#content"' in recap_page
    assert '<body id="top">' in recap_page
    assert 'href="#top"' in recap_page
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in recap_page


def test_recap_page_has_search_form_and_feed_link(recap_page):
    assert '<form class="search-form" role="search" action="/search/" method="get">' in (recap_page)
    assert 'name="q"' in recap_page
    assert 'type="application/rss+xml"' in recap_page and 'href="/feeds/rss/"' in recap_page


def test_recap_page_has_no_inline_styles(recap_page):
    assert "style=" not in recap_page
    assert "<style" not in recap_page
    assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", recap_page)


def test_recap_page_renders_rich_text_sanitised(client, series):
    recap = series["recap"]
    type(recap).objects.filter(pk=recap.pk).update(
        body='<p>Safe</p><script>alert(1)</script><p onclick="x()">Click</p>'
    )
    html = text(client.get(recap.get_absolute_url()))
    assert "alert(1)" not in html
    assert "onclick" not in html
    assert "<p>Safe</p>" in html


def test_hero_picture_has_webp_source_jpeg_fallback_and_size(recap_page):
    hero = recap_page.split('<figure class="hero')[1].split("</figure>")[0]
    assert '<source type="image/webp" srcset="' in hero
    assert re.search(r'srcset="[^"]+\.jpg 480w, [^"]+\.jpg 800w, [^"]+\.jpg 1200w"', hero)
    # The largest rendition's size: the hero fills the column up to it, never past it.
    assert 'width="1200" height="675"' in hero
    assert 'loading="lazy"' not in hero
    still = recap_page.split('<figure class="still">')[1].split("</figure>")[0]
    assert 'loading="lazy"' in still


def test_show_hub(client, series):
    response = client.get(series["show"].get_absolute_url())
    assert response.status_code == 200
    html = text(response)
    assert headings(html, 1) == ["All of Our Reviews of Soundtrack #2"]
    assert "사운드트랙#2" in html
    assert "The series is streaming on Disney+." in html
    assert "Soundtrack #2 stars Geum Sae-rok and Steve Noh in lead roles" in html
    assert 'href="/feeds/shows/soundtrack-2/rss/"' in html
    assert html.index("Geum Sae-rok</a>") < html.index("Steve Noh</a>") < html.index("Demian</a>")
    assert "as Do Hyun-seo" in html


def test_a_show_hub_with_nothing_for_the_side_column_has_none(client, db):
    """A show nothing is known of yet (no cast, no dates, no recap read, no other season): no
    facts box, no empty aside beside the guide, and the guide has the page's width."""
    show = Show.objects.create(title="Untitled Pilot", slug="untitled-pilot")
    html = text(client.get(show.get_absolute_url()))
    assert '<div class="hub-grid">' in html
    assert "hub-grid__side" not in html
    assert "<aside" not in html.split('class="hub-grid')[1]
    assert 'id="facts-heading"' not in html


def test_a_show_hub_with_facts_has_them_in_a_side_column(client, series):
    html = text(client.get(series["show"].get_absolute_url()))
    side = html.split('<aside class="hub-grid__side"')[1].split("</aside>")[0]
    assert '<div class="hub-grid hub-grid--side">' in html
    assert '<h2 id="facts-heading">Facts</h2>' in side


def test_a_show_hub_with_only_another_season_keeps_the_side_column_for_it(client, db):
    first = Show.objects.create(title="Hilda", slug="hilda")
    second = Show.objects.create(title="Hilda 2", slug="hilda-2", follows=first)
    html = text(client.get(second.get_absolute_url()))
    side = html.split('<aside class="hub-grid__side"')[1].split("</aside>")[0]
    assert 'id="facts-heading"' not in side
    assert "Follows <a" in side


def test_show_hub_episode_guide(client, series):
    html = text(client.get(series["show"].get_absolute_url()))
    rows = dict(re.findall(r'<tr id="episode-(\d)">(.*?)</tr>', html, re.S))
    assert len(rows) == 6
    assert series["recaps"][1].get_absolute_url() in rows["1"]
    assert "Dec 6, 2023" in rows["1"]
    assert "Recap coming" in rows["4"]  # aired, only a draft
    assert "Recap coming" in rows["6"]  # aired in 2023, recap scheduled
    assert "draft-four" not in html and "future-six" not in html


def test_show_hub_marks_future_episodes_not_aired(client, series):
    show = series["show"]
    from datetime import date, timedelta

    Show.objects.filter(pk=show.pk).update(premiere_date=date.today() + timedelta(days=30))
    html = text(client.get(show.get_absolute_url()))
    rows = dict(re.findall(r'<tr id="episode-(\d)">(.*?)</tr>', html, re.S))
    assert "Not aired yet" in rows["4"] and "Not aired yet" in rows["6"]
    assert "The series will stream on Disney+." in html


def test_show_hub_links_earlier_and_later_seasons(client, series):
    show = series["show"]
    later = Show.objects.create(title="Soundtrack #3", slug="soundtrack-3", follows=show)
    show.follows = series["earlier"]
    show.save()
    html = text(client.get(show.get_absolute_url()))
    assert f'Follows <a href="{series["earlier"].get_absolute_url()}">Youth of May</a>' in html
    assert f'Followed by <a href="{later.get_absolute_url()}">Soundtrack #3</a>' in html


def test_home_lists_latest_published_recaps(client, series):
    response = client.get(reverse("recaps:home"))
    assert response.status_code == 200
    html = text(response)
    assert len(headings(html, 1)) == 1
    titles = headings(html, 3)
    assert titles[:2] == [
        "Youth of May Episode 2 Recap and Review: Letters",
        "Soundtrack #2 Episode 5 Recap and Review: Chapter 5",
    ]
    assert "Hyun-seo and Soo-ho finally talk about the song." in html
    assert "<picture>" in html  # the hero of episode 3's card


def test_home_lists_shows_airing_now_with_next_release(client, soundtrack):
    from datetime import timedelta

    from django.utils import timezone

    Show.objects.filter(pk=soundtrack.pk).update(
        premiere_date=timezone.now().date() - timedelta(days=1)
    )
    html = text(client.get(reverse("recaps:home")))
    assert "Airing now" in html
    airing = html.split('id="airing-heading"')[1]
    assert "Soundtrack #2" in airing
    assert "Episodes 3–4" in airing
    assert "1:30 PM IST" in airing


def test_home_is_paginated(client, series):
    response = client.get(reverse("recaps:home") + "?page=99")
    assert response.status_code == 404


def test_shows_index_is_alphabetical(client, series):
    make = Show.objects.create
    make(title="Alpha", slug="alpha")
    make(title="Zulu", slug="zulu")
    html = text(client.get(reverse("shows:list")))
    assert headings(html, 1) == ["Shows A–Z"]
    assert html.index("Alpha") < html.index("Soundtrack #2") < html.index("Zulu")


def test_person_page(client, series):
    lead = series["people"][0]
    html = text(client.get(lead.get_absolute_url()))
    assert headings(html, 1) == ["Geum Sae-rok"]
    assert "Actor" in html
    assert "Soundtrack #2</a> as Do Hyun-seo" in html
    assert "2023" in html and "2021" in html
    assert series["recaps"][1].get_absolute_url() in html
    assert series["other_recap"].get_absolute_url() in html


def test_tag_page(client, series):
    response = client.get(reverse("recaps:tag", args=["k-drama"]))
    assert response.status_code == 200
    html = text(response)
    assert headings(html, 1) == ["k-drama"]
    assert series["recap"].get_absolute_url() in html
    assert "1 recap" in html


def test_unknown_tag_is_404(client, db):
    assert client.get(reverse("recaps:tag", args=["nothing"])).status_code == 404


def test_not_found_page_is_friendly(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = text(response)
    assert "We couldn’t find that page" in html
    assert 'href="/"' in html and 'role="search"' in html


def test_server_error_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Something went wrong" in html


def test_promo_slot_comes_from_site_settings(client, series):
    from sitesettings.models import SiteSettings

    settings = SiteSettings.load()
    settings.site_name = "Recap Club"
    settings.promo_text = "Join our Telegram channel for alerts."
    settings.promo_link_url = "https://t.me/example"
    settings.promo_link_text = "Join"
    settings.save()
    html = text(client.get(reverse("recaps:home")))
    assert "Join our Telegram channel for alerts." in html
    assert '<a href="https://t.me/example">Join</a>' in html
    assert "Recap Club" in html
