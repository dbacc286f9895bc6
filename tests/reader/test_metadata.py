"""Titles, descriptions, canonical URLs, Open Graph/Twitter cards and JSON-LD."""

import json
import re

import pytest
from django.urls import reverse


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match and match.group(1)


@pytest.fixture
def recap_html(client, series):
    return client.get(series["recap"].get_absolute_url()).content.decode()


def test_recap_json_ld_is_an_article_reviewing_a_tv_episode(recap_html, series):
    article = next(data for data in json_ld(recap_html) if data["@type"] == "Article")
    recap = series["recap"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Soundtrack #2 Episode 3 Recap and Review: Chapter 3"
    assert article["author"] == {"@type": "Person", "name": "Mina Park"}
    assert article["datePublished"] == recap.published_at.isoformat()
    assert article["dateModified"] >= article["datePublished"]
    assert article["image"][0].startswith("http://testserver/media/renditions/")
    assert article["url"] == f"http://testserver{recap.get_absolute_url()}"
    review = article["review"]
    assert review["@type"] == "Review"
    assert review["reviewRating"]["ratingValue"] == 8
    assert review["reviewRating"]["bestRating"] == 10
    episode = review["itemReviewed"]
    assert episode["@type"] == "TVEpisode"
    assert episode["episodeNumber"] == 3
    assert episode["partOfSeries"]["@type"] == "TVSeries"
    assert episode["partOfSeries"]["name"] == "Soundtrack #2"


def test_recap_json_ld_has_breadcrumbs(recap_html, series):
    crumbs = next(data for data in json_ld(recap_html) if data["@type"] == "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert items[2]["name"] == "Soundtrack #2"
    assert items[2]["item"] == "http://testserver/shows/soundtrack-2/"
    assert items[3]["item"] == f"http://testserver{series['recap'].get_absolute_url()}"


def test_json_ld_escapes_markup_from_editors(client, series):
    recap = series["recap"]
    type(recap).objects.filter(pk=recap.pk).update(
        subtitle="</script><script>alert(1)</script> & more"
    )
    html = client.get(recap.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    article = next(data for data in json_ld(html) if data["@type"] == "Article")
    assert article["headline"].endswith("</script><script>alert(1)</script> & more")


def test_recap_has_canonical_open_graph_and_twitter_card(recap_html, series):
    url = f"http://testserver{series['recap'].get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in recap_html
    assert meta(recap_html, "property", "og:url") == url
    assert meta(recap_html, "property", "og:type") == "article"
    assert meta(recap_html, "property", "og:title").startswith("Soundtrack #2 Episode 3")
    image = meta(recap_html, "property", "og:image")
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
    assert meta(recap_html, "name", "twitter:card") == "summary_large_image"
    assert meta(recap_html, "name", "description") == (
        "Hyun-seo and Soo-ho finally talk about the song."
    )


def test_og_image_is_the_largest_rendition(recap_html):
    image = meta(recap_html, "property", "og:image").removeprefix("http://testserver")
    hero = recap_html.split('<figure class="hero')[1]
    assert f"{image} 1200w" in hero


def test_hub_json_ld_has_series_and_breadcrumbs(client, series):
    html = client.get(series["show"].get_absolute_url()).content.decode()
    blocks = {data["@type"]: data for data in json_ld(html)}
    assert blocks["TVSeries"]["name"] == "Soundtrack #2"
    assert blocks["TVSeries"]["numberOfEpisodes"] == 6
    assert len(blocks["BreadcrumbList"]["itemListElement"]) == 3
    assert '<link rel="canonical" href="http://testserver/shows/soundtrack-2/">' in html


def test_titles_are_unique_across_pages(client, series):
    urls = [
        reverse("recaps:home"),
        reverse("shows:list"),
        series["show"].get_absolute_url(),
        series["recap"].get_absolute_url(),
        series["recaps"][1].get_absolute_url(),
        series["people"][0].get_absolute_url(),
        reverse("recaps:tag", args=["k-drama"]),
    ]
    titles = [
        re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1)
        for url in urls
    ]
    assert len(set(titles)) == len(titles)
    descriptions = [meta(client.get(url).content.decode(), "name", "description") for url in urls]
    assert all(descriptions)


def test_paginated_pages_have_their_own_canonical(client, series, settings):
    from reader.views.lists import HomeView

    HomeView.paginate_by, original = 2, HomeView.paginate_by
    try:
        html = client.get(reverse("recaps:home") + "?page=2").content.decode()
    finally:
        HomeView.paginate_by = original
    assert '<link rel="canonical" href="http://testserver/?page=2">' in html
    assert "(page 2)" in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def head(html):
    """What a page says of itself: title, canonical URL, og:url and JSON-LD."""
    return {
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1),
        "canonical": re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1),
        "og:url": meta(html, "property", "og:url"),
        "json_ld": json_ld(html),
    }


@pytest.mark.parametrize("query", ["page=2", "comments=2", "page=7&comments=3", "spoilers=show"])
def test_the_recap_head_never_takes_the_query_of_the_request_that_built_it(client, series, query):
    """The article (its head with it) is kept for every reader: the first request after a
    purge must not set its title and canonical URL for everyone."""
    recap = series["recap"]
    url = recap.get_absolute_url()
    first = head(client.get(f"{url}?{query}").content.decode())
    plain = head(client.get(url).content.decode())
    assert plain == first
    assert plain["canonical"] == plain["og:url"] == f"http://testserver{url}"
    assert plain["title"].startswith(recap.headline)
    assert "page" not in plain["title"]


@pytest.mark.parametrize("query", ["page=02", "page=last", "page=%32"])
def test_a_list_page_names_itself_by_its_number_however_it_was_asked_for(
    client, series, monkeypatch, query
):
    from reader.views.lists import HomeView

    monkeypatch.setattr(HomeView, "paginate_by", 3)  # 5 published recaps: 2 pages
    html = client.get(f"/?{query}").content.decode()
    assert head(html)["canonical"] == "http://testserver/?page=2"
    assert "(page 2)" in head(html)["title"]
