"""What the content API says about a recap, a show, an episode, a person, a tag and a comment:
plain dicts of JSON values, one function each. The API's endpoints return them, and so may
anything else that sends content out of the site (webhooks' payloads call `recap_payload`,
`show_payload` and `comment_payload`).

Every function takes objects already loaded (see `api.queries` for the querysets that load what
they read with a fixed number of queries) and `base`, the site's address ("https://example.com")
that relative addresses are joined to. None of them runs a query of its own."""

from datetime import UTC
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse

from core.richtext import render as render_richtext
from discussion import markup
from people.cast import cast_line, last_seen_lines
from recaps.sections import build_sections
from shows.schedule import release_moment

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def site_base():
    """The site's own address, for payloads made outside a request (webhooks)."""
    return settings.FOLLOWS_SITE_URL


def absolute(base, url):
    return urljoin(base + "/", url) if url else None


def _iso(moment):
    return moment.isoformat() if moment else None


def _utc(moment):
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def renditions(base, pic):
    """[{format, width, url}] of a `core.renditions.Picture`, from its srcsets."""
    if pic is None:
        return []
    found = []
    for image_format, srcset in (("webp", pic.webp_srcset), ("jpeg", pic.jpeg_srcset)):
        for candidate in srcset.split(", "):
            url, _, width = candidate.rpartition(" ")
            found.append(
                {"format": image_format, "width": int(width[:-1]), "url": absolute(base, url)}
            )
    return found


def still_payload(base, still):
    pic = still.picture
    return {
        "id": still.pk,
        "url": absolute(base, pic.largest) if pic else None,
        "width": still.width,
        "height": still.height,
        "alt": still.alt_text,
        "caption": still.caption,
        "credit": still.credit,
        "section": still.section,
        "is_hero": still.is_hero,
        "renditions": renditions(base, pic),
    }


def show_link(base, show):
    return {
        "id": show.pk,
        "slug": show.slug,
        "title": show.title,
        "url": absolute(base, show.get_absolute_url()),
    }


def air_times(show, air_date):
    """(local, UTC) ISO times of a release on `air_date` at the show's release time, or Nones."""
    schedule = show.release_schedule
    if air_date is None or schedule is None:
        return None, None
    moment = release_moment(schedule, air_date)
    return _iso(moment), _utc(moment)


def episode_payload(base, episode, masked=False):
    """An episode with its air date and release time in UTC and in the show's zone. `masked`:
    after the reader's spoiler mark, so its title (which can give the plot away) is left out,
    as the episode guide leaves it out."""
    show = episode.show
    air_date = episode.air_date
    local, utc = air_times(show, air_date)
    return {
        "id": episode.pk,
        "number": episode.number,
        "title": None if masked else episode.title,
        "masked": masked,
        "show": show_link(base, show),
        "air_date": air_date.isoformat() if air_date else None,
        "airs_at": utc,
        "airs_at_local": local,
        "time_zone": show.time_zone,
        "url": absolute(base, episode.get_absolute_url()),
    }


def schedule_payload(show):
    schedule = show.release_schedule
    if schedule is None:
        return None
    return {
        "premiere": schedule.premiere.isoformat(),
        "weekdays": [WEEKDAYS[day] for day in schedule.weekdays],
        "release_time": schedule.release_time.isoformat() if schedule.release_time else None,
        "time_zone": schedule.time_zone,
        "episodes_per_release": schedule.episodes_per_release,
        "all_at_once": schedule.all_at_once,
        "planned_episode_count": schedule.episode_count,
    }


def show_payload(base, show, credits, at=None):
    """A show with its schedule, platforms and the facts sentences the pages print; `credits`
    from `people.cast.fact_credits` or `credits_for_facts` (`give_fact_credits` for many): the
    people named in the facts."""
    instant = show.schedule_instant(at)
    finale = show.finale_date
    return {
        **show_link(base, show),
        "native_title": show.native_title,
        "other_titles": [title.strip() for title in show.other_titles.split(",") if title.strip()],
        "country": show.country,
        "synopsis": show.synopsis,
        "poster": renditions(base, show.poster_picture),
        "platforms": [
            {"name": platform.name, "slug": platform.slug, "website": platform.website}
            for platform in show.platforms.all()
        ],
        "premiere_date": show.premiere_date.isoformat() if show.premiere_date else None,
        "finale_date": finale.isoformat() if finale else None,
        "schedule": schedule_payload(show),
        "next_release_at": _utc(instant.moment) if instant else None,
        "facts": {
            "cast": cast_line(show, credits),
            "last_seen": last_seen_lines(show, credits),
            "run": show.run_line(at),
            "schedule": show.schedule_line(at),
            "where_to_watch": show.where_to_watch(at),
        },
        "updated_at": _utc(show.updated_at),
    }


def credit_payload(base, credit, with_person=True, with_show=False):
    payload = {
        "character": credit.character_name,
        "role": credit.role,
        "billing_order": credit.billing_order,
    }
    if with_person:
        payload["person"] = person_link(base, credit.person)
    if with_show:
        payload["show"] = show_link(base, credit.show)
    return payload


def person_link(base, person):
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.name,
        "url": absolute(base, person.get_absolute_url()),
    }


def person_payload(base, person, credits=None):
    payload = {
        **person_link(base, person),
        "native_name": person.native_name,
        "description": person.description,
        "bio": person.bio,
        "photo": renditions(base, person.photo_picture),
        "updated_at": _utc(person.updated_at),
    }
    if credits is not None:
        payload["credits"] = [
            credit_payload(base, credit, with_person=False, with_show=True) for credit in credits
        ]
    return payload


def tag_payload(base, slug, name):
    return {
        "slug": slug,
        "name": name,
        "url": absolute(base, reverse("recaps:tag", kwargs={"slug": slug})),
    }


def masked_recap_payload(base, recap):
    """What a reader whose spoiler mark is an earlier episode may know of a recap: that it
    exists, for which episode, and where; the site's masked link shows no more."""
    episode = recap.episode
    return {
        "id": recap.pk,
        "slug": recap.slug,
        "url": absolute(base, recap.get_absolute_url()),
        "masked": True,
        "show": show_link(base, episode.show),
        "episode": {"id": episode.pk, "number": episode.number},
    }


def recap_summary(base, recap, tags, comment_count, hero=None):
    """A recap as lists give it: headline, verdict, tags, reading time, comment count, the
    hero still and the canonical address; `tags` as (slug, name) pairs."""
    episode = recap.episode
    return {
        "id": recap.pk,
        "slug": recap.slug,
        "url": absolute(base, recap.get_absolute_url()),
        "masked": False,
        "show": show_link(base, episode.show),
        "episode": {"id": episode.pk, "number": episode.number, "title": episode.title},
        "headline": recap.headline,
        "subtitle": recap.subtitle,
        "author": recap.author_name,
        "excerpt": recap.excerpt,
        "verdict": recap.verdict,
        "rating": recap.rating,
        "tags": [tag_payload(base, slug, name) for slug, name in tags],
        "reading_minutes": recap.reading_minutes,
        "word_count": recap.word_count,
        "comment_count": comment_count,
        "hero": still_payload(base, hero) if hero else None,
        "published_at": _utc(recap.published_at),
        # The row's last change (what `updated_since` filters on), and the last change of the
        # text readers read (the page's "Updated" line).
        "updated_at": _utc(recap.updated_at),
        "text_modified_at": _utc(recap.text_modified_at),
    }


def recap_payload(base, recap, stills, tags, comment_count):
    """A recap whole: the summary, its intro and its sections (Recap, Bonus Track, Review) as
    sanitised HTML, each with its stills. `stills`: all of the recap's, hero included."""
    hero = next((still for still in stills if still.is_hero), None)
    sections = build_sections(recap, [still for still in stills if still is not hero])
    return {
        **recap_summary(base, recap, tags, comment_count, hero),
        "intro": render_richtext(recap.intro),
        "sections": [
            {
                "key": section.key,
                "heading": section.heading,
                "html": "".join(
                    render_richtext(part) for kind, part in section.parts if kind == "html"
                ),
                "stills": [
                    still_payload(base, part) for kind, part in section.parts if kind == "still"
                ],
            }
            for section in sections
        ],
    }


def comment_payload(base, comment, recap):
    """A public comment on `recap` (never the commenter's e-mail address). Its spoilers stay
    hidden outside the page, as in mail: `text` as typed with them masked, `html` as the site
    escapes it."""
    text = markup.masked(comment.comment)
    return {
        "id": comment.pk,
        "recap": {
            "id": recap.pk,
            "slug": recap.slug,
            "url": absolute(base, recap.get_absolute_url()),
        },
        "author": comment.user_name,
        "text": text,
        "html": str(markup.to_html(text)),
        "submitted_at": _utc(comment.submit_date),
        "url": absolute(base, f"{recap.get_absolute_url()}#c{comment.pk}"),
    }
