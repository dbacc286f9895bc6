"""A post as a recap: its show and episode, slug, author, sections, status and dates, tags,
stills and comments, and the redirect from its old address. A post that is not an episode
recap (a page, a list, a post whose headline names no episode) is left out and listed."""

import hashlib
from urllib.parse import unquote

from django.utils import timezone
from django.utils.text import Truncator, slugify
from taggit.models import Tag

from recaps.models import Recap, RecapTransition, TaggedRecap

from . import comments, content, headlines, links, stills, wxr
from . import embeds as wordpress_embeds
from .authors import user_for
from .episodes import episode_for, show_for
from .models import WordPressOrigin
from .report import admin_url
from .slugs import unique_slug

Kind = WordPressOrigin.Kind
LEFT_OUT_STATUSES = {"trash", "auto-draft", "inherit"}
STATUS_MAP = {
    "publish": Recap.Status.PUBLISHED,
    "future": Recap.Status.PUBLISHED,  # with a future time: scheduled
    "draft": Recap.Status.DRAFT,
    "pending": Recap.Status.IN_REVIEW,
    "private": Recap.Status.DRAFT,
}


def import_post(state, item):
    if item.status in LEFT_OUT_STATUSES or item.status not in STATUS_MAP:
        return leave_out(state, item, f"WordPress status “{item.status}” is not imported")
    if item.type != "post":
        return leave_out(state, item, "a page, not an episode recap (its text is in the CSV)")
    headline = headlines.parse(item.title)
    if headline is None:
        return leave_out(
            state, item, "not an episode recap: the headline names no show and episode"
        )
    known = state.origins.get((Kind.POST, str(item.id)))
    version = fingerprint(item)
    recap = None
    if known and known[1] == version:
        recap = Recap.objects.filter(pk=known[0]).only("pk", "slug").first()
    if recap is None:
        recap = save_recap(state, item, headline, known, version)
    else:
        state.report.counts["recaps_unchanged"] += 1
        state.recap_for_post[item.id] = recap.pk
    state.recap_slugs[recap.pk] = recap.slug
    comments.import_comments(state, item, recap)
    links.redirect(state, item.link, recap.get_absolute_url())
    return recap


def fingerprint(item):
    """What a newer export must change for the recap to be saved again."""
    return hashlib.sha256(
        repr(
            (
                item.title,
                item.content,
                item.excerpt,
                item.status,
                item.date_gmt,
                item.name,
                item.creator,
                [(t.taxonomy, t.slug) for t in item.terms],
                item.meta.get("_thumbnail_id"),
            )
        ).encode()
    ).hexdigest()


def leave_out(state, item, reason):
    state.report.counts["posts_left_out"] += 1
    state.report.add(
        item.type,
        item.id,
        "left out",
        reason,
        attention=item.status not in LEFT_OUT_STATUSES,
        url=item.link,
        title=item.title,
        content=item.content,
    )


def updated_time(published_at, item):
    """When the post was last edited, never before its publication: a post never edited since
    it went live reads as not updated."""
    modified = wxr.parse_date(item.modified_gmt)
    if published_at is None:
        return modified or timezone.now()
    return max(published_at, modified) if modified else published_at


def save_recap(state, item, headline, known, version):
    counts = state.report.counts
    show, category = show_for(state, item, headline)
    episode = episode_for(state, show, headline, item)
    converted = wordpress_embeds.convert(item.content)
    counts.update(converted.counts)
    article = content.split(converted.html)
    recap = (Recap.objects.filter(pk=known[0]).first() if known else None) or Recap()
    status = STATUS_MAP[item.status]
    published_at = wxr.parse_date(item.date_gmt) or wxr.parse_date(item.date)
    recap.episode = episode
    recap.subtitle = (headline.subtitle or f"Episode {episode.number}")[:200]
    recap.slug = slug_for(state, item, episode, recap)
    recap.author = user_for(state, item.creator)
    recap.intro, recap.body = article.intro, article.body
    recap.bonus_track, recap.review = article.bonus_track, article.review
    recap.meta_description = Truncator(content.plain_text(item.excerpt)).chars(300)
    recap.status = status
    recap.published_at = (
        (published_at or timezone.now()) if status == Recap.Status.PUBLISHED else None
    )
    created = recap.pk is None
    recap.save()
    # The save above moved `updated_at` to now; readers' dates are the post's last edit.
    recap.updated_at = updated_time(recap.published_at, item)
    recap.text_changed_at = (
        recap.updated_at if recap.published_at and recap.updated_at > recap.published_at else None
    )
    state.pending.edited.append(recap)
    if created:
        counts["recaps_created"] += 1
        state.pending.transitions.append(
            RecapTransition(
                recap=recap,
                to_state=recap.state,
                publish_time=recap.published_at,
                note=f"Imported from WordPress post {item.id} ({item.status})",
            )
        )
    else:
        counts["recaps_updated"] += 1
    state.recap_for_post[item.id] = recap.pk
    state.recap_slugs[recap.pk] = recap.slug
    state.remember(Kind.POST, item.id, recap, version, item.link)
    recap_admin_url = admin_url(Recap, recap.pk)
    state.report.add(
        "post",
        item.id,
        "created" if created else "updated",
        f"{recap.get_state_display()} recap of {episode}",
        url=item.link,
        title=item.title,
        admin_url=recap_admin_url,
    )
    if article.had_facts:
        counts["facts_dropped"] += 1
        state.report.add(
            "post",
            item.id,
            "show facts dropped",
            "its pasted show-facts paragraph was dropped (Episodic writes it from data)",
            url=item.link,
            title=item.title,
            admin_url=recap_admin_url,
        )
    set_tags(state, item, recap, category, created)
    stills.import_stills(state, item, recap, episode, article, created)
    if article.also_read:
        state.pending.also_read.append((recap.pk, article.also_read))
    return recap


def slug_for(state, item, episode, recap):
    if recap.pk and recap.slug:
        return recap.slug
    base = slugify(unquote(item.name))[:190] or slugify(f"{episode} recap")[:190]
    base = base or f"post-{item.id}"
    slug = unique_slug(base, state.slugs, Recap._meta.get_field("slug").max_length)
    if slug != base:
        state.report.add(
            "post",
            item.id,
            "slug changed",
            f"the slug “{base}” was taken; imported as “{slug}” (the old URL redirects)",
            url=item.link,
            title=item.title,
        )
    state.slugs.add(slug)
    return slug


def set_tags(state, item, recap, show_category, created):
    """The post's tags and the categories that are not shows, as the recap's tags."""
    names = []
    for term in item.terms:
        if term.taxonomy not in ("category", "post_tag") or not term.name:
            continue
        if term.taxonomy == "category" and (
            term is show_category or term.slug in state.category_shows
        ):
            continue
        if term.name.casefold() == "uncategorized":
            continue
        names.append(term.name[:100])
    tags = []
    for name in dict.fromkeys(names):
        tag = state.tags.get(name.casefold())
        if tag is None:
            tag = Tag.objects.create(name=name)
            state.tags[name.casefold()] = tag
            state.report.counts["tags_created"] += 1
        tags.append(tag)
    if not created:
        TaggedRecap.objects.filter(content_object=recap).exclude(tag__in=tags).delete()
    state.pending.tagged.extend(TaggedRecap(content_object=recap, tag=tag) for tag in tags)
