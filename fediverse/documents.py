"""The JSON-LD documents the site publishes and sends: actors, the recap Article and its
Create / Update / Delete, Accept, collections, WebFinger and NodeInfo.

Spoiler-safe by construction, as the follower e-mails are (follows.mail, reused here): the
Article's `summary`, which Mastodon shows as the content warning hiding the post, is always
"Spoilers for <Show>, episode N", derived from the episode; `name` is the alert's subject (show
and episode number, never the recap's subtitle); `content` is the alert's text (the intro
without its spoiler passages when the editor marked it spoiler-free, else a fixed teaser);
the lead still is attached only when the alert shows it; and every post is `sensitive`."""

import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join

from follows import mail
from people import cast

from . import ids, keys

CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "toot": "http://joinmastodon.org/ns#",
        "Hashtag": "as:Hashtag",
        "sensitive": "as:sensitive",
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "discoverable": "toot:discoverable",
    },
]


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def with_context(document):
    return {"@context": CONTEXT, **document}


def _image(url, media_type="image/jpeg"):
    if url and not url.startswith(("http://", "https://")):
        url = ids.absolute(url)
    return {"type": "Image", "mediaType": media_type, "url": url}


def poster(show):
    if not show.poster:
        return None
    try:
        return _image(show.jpeg_480.url)
    except (OSError, ValueError):
        return None


def show_summary(show):
    """The show's facts (cast, run, schedule, where to watch) as the profile's paragraphs."""
    facts = cast.show_facts(show, cast.fact_credits(show))
    lines = [
        facts["cast_line"],
        *facts["last_seen_lines"],
        facts["run_line"],
        facts["schedule_line"],
        facts["where_to_watch"],
    ]
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines if line))


def _actor(actor, owner, **fields):
    return with_context(
        {
            "id": actor,
            "inbox": fields.pop("inbox"),
            "endpoints": {"sharedInbox": ids.shared_inbox()},
            "manuallyApprovesFollowers": False,
            "publicKey": {
                "id": ids.key_id(actor),
                "owner": actor,
                "publicKeyPem": keys.public_key(owner),
            },
            **fields,
        }
    )


def show_actor(show):
    actor = ids.actor_url(show)
    document = _actor(
        actor,
        ids.show_owner(show),
        type="Service",
        preferredUsername=show.slug,
        name=show.title,
        summary=show_summary(show),
        url=ids.absolute(show.get_absolute_url()),
        inbox=ids.show_collection(show, "inbox"),
        outbox=ids.show_collection(show, "outbox"),
        followers=ids.show_collection(show, "followers"),
        discoverable=True,
    )
    icon = poster(show)
    if icon:
        document["icon"] = icon
    return document


def site_actor(site_name):
    return _actor(
        ids.site_actor_url(),
        ids.SITE,
        type="Application",
        preferredUsername=ids.domain().split(":")[0],
        name=site_name,
        url=ids.absolute("/"),
        inbox=ids.shared_inbox(),
    )


def hashtag(tag):
    words = re.split(r"[\W_]+", tag.name)
    return {
        "type": "Hashtag",
        "href": ids.absolute(reverse("recaps:tag", args=[tag.slug])),
        "name": "#" + "".join(word[:1].upper() + word[1:] for word in words if word),
    }


def content_warning(recap):
    return f"Spoilers for {mail.episode_label(recap)}"


def article(recap):
    show = recap.episode.show
    context = mail.recap_context(recap)
    document = {
        "id": ids.article_url(recap),
        "type": "Article",
        "attributedTo": ids.actor_url(show),
        "name": mail.alert_subject(recap),
        "summary": content_warning(recap),
        "sensitive": True,
        "content": render_to_string("fediverse/article_content.html", context).strip(),
        "url": context["url"],
        "published": iso(recap.published_at),
        "updated": iso(recap.text_modified_at),
        "to": [ids.PUBLIC],
        "cc": [ids.show_collection(show, "followers")],
        "tag": [hashtag(tag) for tag in recap.tags.all()],
        "attachment": [],
    }
    still = context["still"]
    if still:
        document["attachment"].append(
            {
                **_image(still["url"]),
                "name": still["alt"],
                **{k: still[k] for k in ("width", "height")},
            }
        )
    return document


def recap_activity(recap, kind, at):
    """Create, Update or Delete (of a Tombstone) of a recap's Article, by its show."""
    show = recap.episode.show
    if kind == "Delete":
        target = {"id": ids.article_url(recap), "type": "Tombstone", "formerType": "Article"}
    else:
        target = article(recap)
    return with_context(
        {
            "id": ids.activity_url(recap, kind, at),
            "type": kind,
            "actor": ids.actor_url(show),
            "published": iso(at),
            "to": [ids.PUBLIC],
            "cc": [ids.show_collection(show, "followers")],
            "object": target,
        }
    )


def accept(actor, follow, follower_pk):
    return with_context(
        {
            "id": f"{actor}#accepts/follows/{follower_pk}",
            "type": "Accept",
            "actor": actor,
            "object": {k: follow[k] for k in ("id", "type", "actor", "object")},
        }
    )


def follow(actor, target, number):
    return with_context(
        {"id": f"{actor}#follows/{number}", "type": "Follow", "actor": actor, "object": target}
    )


def ordered_collection(url, total, first=None):
    document = {"id": url, "type": "OrderedCollection", "totalItems": total}
    if first:
        document["first"] = first
    return with_context(document)


def collection_page(url, part_of, items, next_url=None, prev_url=None):
    document = {
        "id": url,
        "type": "OrderedCollectionPage",
        "partOf": part_of,
        "orderedItems": items,
    }
    if next_url:
        document["next"] = next_url
    if prev_url:
        document["prev"] = prev_url
    return with_context(document)


def webfinger(subject, actor, profile_url):
    return {
        "subject": subject,
        "aliases": [actor, profile_url],
        "links": [
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": profile_url,
            },
            {"rel": "self", "type": ids.ACTIVITY_JSON, "href": actor},
        ],
    }


def nodeinfo(version, site_name, shows, recaps):
    return {
        "version": "2.1",
        "software": {
            "name": "episodic",
            "version": version,
            "homepage": ids.absolute("/"),
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {"users": {"total": shows}, "localPosts": recaps},
        "metadata": {"nodeName": site_name},
    }
