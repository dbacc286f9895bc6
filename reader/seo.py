"""Metadata of the article-side pages (recap, show hub, person), built on `core.seo.page_meta`:
canonical URL, Open Graph image and schema.org JSON-LD."""

from django.urls import reverse

from core.seo import SCHEMA, breadcrumbs, page_meta


def recap_meta(request, recap, hero=None, site_name="Episodic"):
    episode, show = recap.episode, recap.episode.show
    # A preview of a draft has no publish time yet: its last save stands in.
    published_at = recap.published_at or recap.updated_at
    url = request.build_absolute_uri(recap.get_absolute_url())
    image = hero.image_picture.largest if hero and hero.image_picture else ""
    description = recap.excerpt
    author = {"@type": "Person", "name": recap.author_name}
    series = {
        "@type": "TVSeries",
        "name": show.title,
        "url": request.build_absolute_uri(show.get_absolute_url()),
    }
    if show.native_title:
        series["alternateName"] = show.native_title
    review = {
        "@type": "Review",
        "name": recap.section_heading("Review"),
        "author": author,
        "datePublished": published_at.isoformat(),
        "itemReviewed": {
            "@type": "TVEpisode",
            "name": episode.title or str(episode),
            "episodeNumber": episode.number,
            "partOfSeries": series,
        },
    }
    if recap.verdict:
        review["reviewBody"] = recap.verdict
    if recap.rating:
        review["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": recap.rating,
            "bestRating": 10,
            "worstRating": 1,
        }
    article = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": recap.headline[:110],
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published_at.isoformat(),
        "dateModified": recap.text_modified_at.isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": site_name},
        "review": review,
    }
    if image:
        article["image"] = [request.build_absolute_uri(image)]
    trail = [
        ("Home", reverse("recaps:home")),
        ("Shows", reverse("shows:list")),
        (show.title, show.get_absolute_url()),
        (str(episode), recap.get_absolute_url()),
    ]
    return page_meta(
        request,
        recap.headline,
        description,
        og_type="article",
        image=image,
        json_ld=[article, breadcrumbs(request, trail)],
        canonical=url,
    )


def show_meta(request, show):
    title = f"All of Our Reviews of {show.title}"
    description = show.synopsis or f"Episode recaps and reviews of {show.title}."
    image = show.poster_picture.largest if show.poster_picture else ""
    url = request.build_absolute_uri(show.get_absolute_url())
    series = {"@context": SCHEMA, "@type": "TVSeries", "name": show.title, "url": url}
    if show.native_title:
        series["alternateName"] = show.native_title
    if show.premiere_date:
        series["startDate"] = show.premiere_date.isoformat()
    if show.planned_episode_count:
        series["numberOfEpisodes"] = show.planned_episode_count
    trail = [
        ("Home", reverse("recaps:home")),
        ("Shows", reverse("shows:list")),
        (show.title, show.get_absolute_url()),
    ]
    return page_meta(
        request,
        title,
        description,
        image=image,
        json_ld=[series, breadcrumbs(request, trail)],
        canonical=url,
    )


def person_meta(request, person, page=1):
    description = person.description or ""
    if person.bio:
        description = f"{description}. {person.bio}" if description else person.bio
    image = person.photo_picture.largest if person.photo_picture else ""
    data = {
        "@context": SCHEMA,
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.native_name:
        data["alternateName"] = person.native_name
    return page_meta(
        request,
        person.name,
        description or f"{person.name}: shows, characters and recaps.",
        og_type="profile",
        image=image,
        json_ld=[data],
        page=page,
    )
