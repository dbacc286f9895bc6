"""The show and episode a post recaps, from its category or its headline; a show or episode
that does not exist yet is created. A new show's schedule is unknown: it is listed for an editor
to fill in."""

from django.utils.text import slugify

from shows.models import Episode, Show

from . import headlines
from .report import SCHEDULE_UNKNOWN, admin_url
from .slugs import unique_slug

MOST_EPISODES_IN_A_POST = 50


def show_for(state, item, headline):
    """(show, the category that names it or None)."""
    name = headline.show
    category = None
    for term in item.terms:
        if term.taxonomy != "category":
            continue
        if headlines.normalise(term.name) == headlines.normalise(name) or (
            headlines.normalise(term.slug) == headlines.normalise(name)
        ):
            category, name = term, term.name
            break
    title = headlines.season_title(name, headline.season)
    show = state.shows.get(headlines.normalise(title))
    if show is None:
        base = slugify(title)[:190] or f"show-{len(state.show_slugs) + 1}"
        slug = unique_slug(base, state.show_slugs, Show._meta.get_field("slug").max_length)
        show = Show(title=title[:200], slug=slug, schedule_unknown=True)
        if headline.season and headline.season > 1:
            show.follows = state.shows.get(
                headlines.normalise(headlines.season_title(name, headline.season - 1))
            )
        show.save()
        state.show_slugs.add(slug)
        state.shows[headlines.normalise(title)] = show
        state.report.counts["shows_created"] += 1
        state.report.add(
            "show",
            category.slug if category else title,
            "created",
            f"{SCHEDULE_UNKNOWN}: set its premiere, schedule and platforms",
            attention=True,
            title=title,
            admin_url=admin_url(Show, show.pk),
        )
    if category:
        state.category_shows[category.slug] = show
    return show, category


def episode_for(state, show, headline, item):
    """The episode the post is filed under: the first it covers (`Episodes 3 & 4` creates both)."""
    number = headline.episode
    if number is None:  # "Finale" with no number
        numbers = [n for (show_id, n) in state.episodes if show_id == show.pk]
        number = show.planned_episode_count or (max(numbers) + 1 if numbers else 1)
        state.report.add(
            "post",
            item.id,
            "episode guessed",
            f"the headline says “Finale” without a number; filed as episode {number}",
            attention=True,
            url=item.link,
            title=item.title,
        )
    last = headline.last_episode or number
    episodes = []
    for n in range(number, min(last, number + MOST_EPISODES_IN_A_POST) + 1):
        episode = state.episodes.get((show.pk, n))
        if episode is None:
            episode = Episode.objects.create(show=show, number=n)
            state.episodes[(show.pk, n)] = episode
            state.report.counts["episodes_created"] += 1
        episode.show = show
        episodes.append(episode)
    if len(episodes) > 1:
        state.report.add(
            "post",
            item.id,
            "several episodes",
            f"covers episodes {number}–{last}; filed under episode {number}",
            url=item.link,
            title=item.title,
        )
    return episodes[0]
